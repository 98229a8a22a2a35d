// Team view render benchmark: a 1,000-agent team in real Chromium against `vite preview` of dist/
// (production React) with the simulated Finesse. Prints medians over several runs and the machine.
//
//   npm run bench                      build, then 5 runs of 1,000 agents
//   BENCH_RUNS=9 BENCH_SIZE=2000 npx tsx bench/team-render.ts   (after npm run build)
//
// What is measured (the app records User Timing entries, src/app/team/renderTiming.ts):
//   first render   – the team's data lands in the query cache → rows committed / painted
//   refresh        – same, for a refresh with no change and one with 50 changed agents
//   sort           – click on a column header → painted
//   ticker         – main-thread time per second spent on the shared 1-second clock that
//                    re-renders every row's time in state (Chrome's own Performance metrics)
//   longest task   – the longest main-thread task (Long Tasks API, ≥ 50 ms, else 0) from a
//                    refresh's request to its paint: what a keystroke could wait behind. The
//                    GET and the XML parsing run in a worker (src/app/team/teamWorker.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { chromium, type Page } from 'playwright';

// Not 4190: fetch and Chromium refuse it (the "bad ports" list, ManageSieve).
const PORT = Number(process.env.BENCH_PORT ?? 4178);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIZE = Number(process.env.BENCH_SIZE ?? 1000);
const CHANGED = 50;
const BASE = `http://127.0.0.1:${PORT}`;
const BIG_TEAM = '40';
const FIRST_BIG_ID = 50001;

interface Measure {
  name: string;
  startTime: number;
  duration: number;
  detail: { teamId: string; rows: number; kind: 'first' | 'refresh' };
}

declare global {
  interface Window {
    __teamMeasures: Measure[];
    __longTasks: { startTime: number; duration: number }[];
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function post(path: string, data: unknown = {}) {
  const response = await fetch(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(data),
  });
  if (!response.ok) throw new Error(`${path} → ${response.status}`);
}

function stopPreview(server: ChildProcess): void {
  if (server.pid) process.kill(-server.pid);
}

async function startPreview(): Promise<ChildProcess> {
  const server = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
    // Its own process group, so the whole npx → vite tree can be stopped at the end.
    { stdio: ['ignore', 'ignore', 'inherit'], detached: true },
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${BASE}/sim/health`)).ok) return server;
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  stopPreview(server);
  throw new Error('vite preview did not start');
}

/** Waits for the next "team-paint" and its "team-commit" for the big team after `after` entries. */
async function nextRender(page: Page, after: number, kind: 'first' | 'refresh') {
  await page.waitForFunction(
    ({ after, kind, team }) =>
      window.__teamMeasures
        .slice(after)
        .some((m) => m.name === 'team-paint' && m.detail.kind === kind && m.detail.teamId === team),
    { after, kind, team: BIG_TEAM },
    { timeout: 30_000 },
  );
  const entries = (await page.evaluate(() => window.__teamMeasures)).slice(after);
  const ofTeam = entries.filter((m) => m.detail.teamId === BIG_TEAM && m.detail.kind === kind);
  const paint = ofTeam.find((m) => m.name === 'team-paint');
  const commit = ofTeam.find((m) => m.name === 'team-commit' && m.startTime === paint?.startTime);
  if (!paint || !commit) throw new Error('render entries missing');
  return { commit: commit.duration, paint: paint.duration, dataAt: paint.startTime };
}

const measureCount = (page: Page) => page.evaluate(() => window.__teamMeasures.length);

/** The longest main-thread task between `from` and `to` (page time), 0 if none reached 50 ms. */
async function longestTask(page: Page, from: number, to: number): Promise<number> {
  return page.evaluate(
    ({ from, to }) =>
      Math.max(
        0,
        ...window.__longTasks
          .filter((t) => t.startTime + t.duration >= from && t.startTime <= to)
          .map((t) => t.duration),
      ),
    { from, to },
  );
}

/** Main-thread ms per second, from Chrome's cumulative Performance metrics over `seconds`. */
async function mainThreadPerSecond(page: Page, seconds: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    return {
      script: get('ScriptDuration'),
      styleAndLayout: get('RecalcStyleDuration') + get('LayoutDuration'),
    };
  };
  const before = await read();
  await sleep(seconds * 1000);
  const after = await read();
  await cdp.detach();
  const perSecond = (from: number, to: number) => ((to - from) * 1000) / seconds;
  return {
    script: perSecond(before.script, after.script),
    styleAndLayout: perSecond(before.styleAndLayout, after.styleAndLayout),
  };
}

async function sortClick(page: Page): Promise<number> {
  return page.evaluate(
    (team) =>
      new Promise<number>((resolve) => {
        const table = [...document.querySelectorAll('table')].find((t) =>
          t.caption?.textContent?.includes(team),
        );
        const button = table?.querySelector<HTMLButtonElement>('thead th:nth-child(2) button');
        if (!button) throw new Error('no Login ID header');
        const start = performance.now();
        button.click();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
      }),
    'Big Floor',
  );
}

type Sample = Record<string, number>;

async function run(browser: Awaited<ReturnType<typeof chromium.launch>>): Promise<Sample> {
  await post('/sim/reset');
  await post('/sim/big-team', { size: SIZE });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    // The page records its render timings only when asked (src/app/team/renderTiming.ts).
    (window as unknown as { __agentStateBench?: boolean }).__agentStateBench = true;
    window.__teamMeasures = [];
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__longTasks.push({ startTime: e.startTime, duration: e.duration });
      }
    }).observe({ type: 'longtask' });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const m = e as PerformanceMeasure;
        window.__teamMeasures.push({
          name: m.name,
          startTime: m.startTime,
          duration: m.duration,
          detail: m.detail as Measure['detail'],
        });
      }
    }).observe({ type: 'measure' });
  });
  await page.goto(`${BASE}/`);
  await page.getByLabel('User ID').fill('2001');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('table', { name: 'Sales & Service' }).waitFor();
  await page.getByLabel('Refresh every').selectOption({ label: '2 s' });

  let mark = await measureCount(page);
  await page
    .getByRole('combobox', { name: 'Team', exact: true })
    .selectOption({ label: 'Big Floor' });
  const first = await nextRender(page, mark, 'first');
  const rows = await page.locator('table tbody tr').count();
  if (rows !== SIZE) throw new Error(`expected ${SIZE} rows, saw ${rows}`);

  mark = await measureCount(page);
  const unchanged = await nextRender(page, mark, 'refresh');

  for (let i = 0; i < CHANGED; i++) {
    // Spread over the table; READY ↔ NOT_READY so every one is a visible change.
    const id = String(FIRST_BIG_ID + Math.floor((i * SIZE) / CHANGED));
    await post(`/sim/users/${id}/state`, { state: i % 2 ? 'READY' : 'NOT_READY', reasonCodeId: 1 });
  }
  mark = await measureCount(page);
  const changed = await nextRender(page, mark, 'refresh');
  // From just after the previous refresh's paint: covers this refresh's request, parse and render.
  const changedLongest = await longestTask(
    page,
    changed.dataAt - 1500,
    changed.dataAt + changed.paint,
  );

  const sort = await sortClick(page);
  // No refreshes while the ticker alone is measured.
  await page.getByLabel('Refresh every').selectOption({ label: '30 s' });
  await sleep(500);
  const ticker = await mainThreadPerSecond(page, 5);
  await context.close();

  return {
    'first render: data → commit': first.commit,
    'first render: data → paint': first.paint,
    'refresh, nothing changed: data → commit': unchanged.commit,
    'refresh, nothing changed: data → paint': unchanged.paint,
    [`refresh, ${CHANGED} agents changed: data → commit`]: changed.commit,
    [`refresh, ${CHANGED} agents changed: data → paint`]: changed.paint,
    [`refresh, ${CHANGED} agents changed: longest main-thread task`]: changedLongest,
    'sort by Login ID: click → paint': sort,
    'ticker, per second: script ms': ticker.script,
    'ticker, per second: style + layout ms': ticker.styleAndLayout,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function main() {
  const server = await startPreview();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  });
  try {
    const cpus = os.cpus();
    console.log(
      `Machine: ${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
        `${os.type()} ${os.release()}, Node ${process.version}, Chromium ${browser.version()} (headless)`,
    );
    console.log(`Team of ${SIZE} agents, ${RUNS} runs, production build (vite preview)\n`);
    const samples: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      samples.push(await run(browser));
      process.stdout.write(`run ${i + 1}/${RUNS} done\n`);
    }
    console.log('');
    const names = Object.keys(samples[0] ?? {});
    const width = Math.max(...names.map((n) => n.length));
    console.log(`${'measure'.padEnd(width)}  median ms   (min – max)`);
    for (const name of names) {
      const values = samples.map((s) => s[name] ?? NaN);
      console.log(
        `${name.padEnd(width)}  ${median(values).toFixed(1).padStart(8)}   (${Math.min(...values).toFixed(1)} – ${Math.max(...values).toFixed(1)})`,
      );
    }
  } finally {
    await browser.close();
    stopPreview(server);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
