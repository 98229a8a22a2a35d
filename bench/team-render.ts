// Team table benchmark (issue 11): big teams in real Chromium against `vite preview` of dist/
// (production React) with the simulated Finesse. Prints p50 and worst of several runs per size,
// beside each target, and the machine.
//
//   npm run bench                                       build, then 1,000 and 5,000 agents
//   BENCH_SIZES=1000 BENCH_RUNS=5 npx tsx bench/team-render.ts    (after npm run build)
//
// Knobs (environment): BENCH_SIZES (1000,5000); BENCH_RUNS (3) runs per size; BENCH_SHIFT_H (8)
// hours of the accelerated shift; BENCH_SHIFT_RUNS (1) shifts per size; BENCH_PARTS
// (polling,live,shift) which parts to run; BENCH_PORT (4178); CHROMIUM_PATH. Not part of `npm test`: it measures this machine, it checks nothing.
//
// What is measured (User Timing entries the app records when `__agentStateBench` is set,
// src/app/team/renderTiming.ts; long tasks from the Long Tasks API, ≥ 50 ms, else 0):
//   first usable table – the big team's data lands in the query cache → rows painted
//   sort, per column   – click on the header → painted; and the longest task in between
//   filter             – "Show: Ready" → painted; longest task
//   search keystroke   – one character typed → the filtered rows painted (the table follows a
//                        deferred value: the keystroke itself paints first); longest task
//   refresh, 50 changed – polled read with 50 agents changed: data → painted; longest task from
//                        1.5 s before the data (request, worker parse) to the paint
//   live Update        – one agent's change published on the team's XMPP node (the tab's live
//                        path, src/app/live/useLiveTeam.ts), once the team's first load after
//                        going live has rendered: data → painted; longest task
//   ticker             – main-thread ms per second (script, style + layout) with limits set
//                        and nothing else happening; longest task over 5 s
//   shift heap growth  – page.clock moves BENCH_SHIFT_H hours, 10 minutes at a time, with 50
//                        changes and a refresh in each step; JSHeapUsedSize after a forced GC
//                        (HeapProfiler.collectGarbage) at the start and at the end
// Relies on: the sign-in form, the Team picker, "Refresh every", "Show", the search box, tables
// captioned with the team name, sort buttons in column headers, "Showing N of M agents".
import { cpuModel, sleep, startPreview, stopPreview } from './common.ts';
import { fetchTransport, simControl } from '../test/simControl.ts';
import os from 'node:os';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';

// Not 4190: fetch and Chromium refuse it (the "bad ports" list, ManageSieve).
const PORT = Number(process.env.BENCH_PORT ?? 4178);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? process.env.BENCH_SIZE ?? '1000,5000')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const SHIFT_H = Number(process.env.BENCH_SHIFT_H ?? 8);
const SHIFT_RUNS = Number(process.env.BENCH_SHIFT_RUNS ?? 1);
/** Which parts to run (BENCH_PARTS=live,shift …): all by default. */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'polling,live,shift').split(','));
const CHANGED = 50;
const LIVE_UPDATES = 10;
const BASE = `http://127.0.0.1:${PORT}`;
const BIG_TEAM = '40';
const BIG_NAME = 'Big Floor';
const FIRST_BIG_ID = 50001;
/** Limits set for every run (settings the app reads; a build without limits ignores them). */
const LIMITS = JSON.stringify({
  version: 1,
  states: { READY: 15, NOT_READY: 10, TALKING: 20, WORK: 5 },
  reasons: { '1': 15 },
});

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

// No bench step waits on the control API for long; a minute is only the bound.
const control = simControl(fetchTransport(BASE, 60_000));

async function newPage(browser: Browser, clock = false): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: 'en-US',
  });
  const page = await context.newPage();
  if (clock) await page.clock.install();
  // tsx keeps function names with a helper the page lacks: functions passed to evaluate need it.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.addInitScript((limits) => {
    // The page records its render timings only when asked (src/app/team/renderTiming.ts).
    (window as unknown as { __agentStateBench?: boolean }).__agentStateBench = true;
    localStorage.setItem('finesse-state-gadget.limits.2001', limits);
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
  }, LIMITS);
  return [context, page];
}

async function signInToBigFloor(page: Page, size: number, polling: boolean, timed = true) {
  await page.goto(`${BASE}/`);
  await page.getByLabel('User ID').fill('2001');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('table', { name: 'Sales & Service' }).waitFor({ timeout: 60_000 });
  if (polling) await page.getByLabel('Refresh every').selectOption({ label: '30 s' });
  const mark = await measureCount(page);
  await page.getByRole('combobox', { name: 'Team', exact: true }).selectOption({ label: BIG_NAME });
  const first = timed ? await nextRender(page, mark, 'first') : null;
  await page
    .getByText(`Showing ${size.toLocaleString('en-US')} of ${size.toLocaleString('en-US')} agents`)
    .waitFor({ timeout: 30_000 })
    .catch(() => {
      throw new Error(`the table does not show all ${size} agents`);
    });
  return first;
}

/** Waits for the next "team-paint" of `kind` for the big team after `after` entries. */
async function nextRender(page: Page, after: number, kind: 'first' | 'refresh') {
  await page.waitForFunction(
    ({ after, kind, team }) =>
      window.__teamMeasures
        .slice(after)
        .some((m) => m.name === 'team-paint' && m.detail.kind === kind && m.detail.teamId === team),
    { after, kind, team: BIG_TEAM },
    { timeout: 60_000 },
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
  const from = await page.evaluate(() => performance.now());
  const before = await read();
  await sleep(seconds * 1000);
  const after = await read();
  const to = await page.evaluate(() => performance.now());
  await cdp.detach();
  const perSecond = (a: number, b: number) => ((b - a) * 1000) / seconds;
  return {
    script: perSecond(before.script, after.script),
    styleAndLayout: perSecond(before.styleAndLayout, after.styleAndLayout),
    longest: await longestTask(page, from, to),
  };
}

/**
 * Runs `act` in the page (one of a few named interactions on the big team's table) and resolves
 * once the result is painted; returns page times, so long tasks in between can be found.
 */
async function interaction(
  page: Page,
  act:
    | { kind: 'sort'; column: number }
    | { kind: 'filter'; value: string }
    | { kind: 'search'; text: string },
): Promise<{ ms: number; longest: number }> {
  const { start, end } = await page.evaluate(
    ({ act, team }) =>
      new Promise<{ start: number; end: number }>((resolve, reject) => {
        const table = [...document.querySelectorAll('table')].find(
          (t) => t.caption?.textContent === team,
        );
        const shown = () =>
          [...document.querySelectorAll('p')].find((p) =>
            /^Showing [\d,]+ of [\d,]+/.test(p.textContent ?? ''),
          )?.textContent ?? '';
        const painted = (since: number) =>
          requestAnimationFrame(() =>
            setTimeout(() => resolve({ start: since, end: performance.now() }), 0),
          );
        const before = shown();
        const start = performance.now();
        if (act.kind === 'sort') {
          const button = table?.querySelectorAll<HTMLButtonElement>('thead th button')[act.column];
          if (!button) return reject(new Error(`no sort button ${act.column}`));
          button.click();
          painted(start);
          return;
        }
        // React-controlled fields: the native setter, then the event React listens to.
        const field =
          act.kind === 'filter'
            ? [...document.querySelectorAll('label')]
                .find((l) => l.textContent?.startsWith('Show'))
                ?.querySelector('select')
            : document.querySelector<HTMLInputElement>('input[type="search"]');
        if (!field) return reject(new Error(`no ${act.kind} field`));
        const proto =
          act.kind === 'filter' ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
        Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(
          field,
          act.kind === 'filter' ? act.value : act.text,
        );
        field.dispatchEvent(
          new Event(act.kind === 'filter' ? 'change' : 'input', { bubbles: true }),
        );
        // The rows follow when the count of shown agents changes (search is deferred).
        const wait = () => (shown() !== before ? painted(start) : requestAnimationFrame(wait));
        const give = setTimeout(() => reject(new Error(`${act.kind}: nothing changed`)), 30_000);
        const done = resolve;
        resolve = (value) => {
          clearTimeout(give);
          done(value);
        };
        wait();
      }),
    { act, team: BIG_NAME },
  );
  return { ms: end - start, longest: await longestTask(page, start, end + 50) };
}

async function columnNames(page: Page): Promise<string[]> {
  return page
    .getByRole('table', { name: BIG_NAME })
    .locator('thead th button')
    .evaluateAll((buttons) =>
      buttons.map((b) => (b.textContent ?? '').replace(/[▲▼↕]/g, '').trim()),
    );
}

type Sample = Record<string, number>;

async function pollingRun(browser: Browser, size: number): Promise<Sample> {
  await control.reset();
  await control.xmppDown(true);
  await control.bigTeam(size);
  const [context, page] = await newPage(browser);
  const sample: Sample = {};
  try {
    const first = await signInToBigFloor(page, size, true);
    if (!first) throw new Error('no first render timing');
    sample['first usable table: data → paint'] = first.paint;
    sample['first usable table: longest task'] = await longestTask(
      page,
      first.dataAt,
      first.dataAt + first.paint,
    );

    const names = await columnNames(page);
    let sortWorst = 0;
    for (let column = 0; column < names.length; column++) {
      // Twice: ascending, then descending.
      for (const pass of [1, 2]) {
        const { ms, longest } = await interaction(page, { kind: 'sort', column });
        if (pass === 1) sample[`sort by ${names[column]}: click → paint`] = ms;
        sortWorst = Math.max(sortWorst, longest);
      }
    }
    sample['sort, any column: longest task'] = sortWorst;
    // Back to the default order (Name ascending) for what follows.
    await interaction(page, { kind: 'sort', column: 0 });

    const filter = await interaction(page, { kind: 'filter', value: 'READY' });
    sample['filter "Ready": change → paint'] = filter.ms;
    const unfilter = await interaction(page, { kind: 'filter', value: 'ALL' });
    sample['filter: longest task'] = Math.max(filter.longest, unfilter.longest);

    const search = await interaction(page, { kind: 'search', text: 'b' });
    const search2 = await interaction(page, { kind: 'search', text: 'be' });
    const clear = await interaction(page, { kind: 'search', text: '' });
    sample['search keystroke: input → rows painted'] = Math.max(search.ms, search2.ms);
    sample['search keystroke: longest task'] = Math.max(
      search.longest,
      search2.longest,
      clear.longest,
    );

    // 50 agents change while no read is due; then one read brings them all.
    for (let i = 0; i < CHANGED; i++) {
      const id = String(FIRST_BIG_ID + Math.floor((i * size) / CHANGED));
      await control.setState(id, i % 2 ? 'READY' : 'NOT_READY', 1);
    }
    let mark = await measureCount(page);
    await page.getByLabel('Refresh every').selectOption({ label: '2 s' });
    const changed = await nextRender(page, mark, 'refresh');
    await page.getByLabel('Refresh every').selectOption({ label: '30 s' });
    sample[`refresh, ${CHANGED} changed: data → paint`] = changed.paint;
    sample[`refresh, ${CHANGED} changed: longest task`] = await longestTask(
      page,
      changed.dataAt - 1500,
      changed.dataAt + changed.paint,
    );
    mark = await measureCount(page);

    await sleep(500);
    const ticker = await mainThreadPerSecond(page, 5);
    sample['ticker, per second: script ms'] = ticker.script;
    sample['ticker, per second: style + layout ms'] = ticker.styleAndLayout;
    sample['ticker: longest task'] = ticker.longest;
    return sample;
  } finally {
    await context.close();
  }
}

async function liveRun(browser: Browser, size: number): Promise<Sample> {
  await control.reset();
  await control.xmppDown(false);
  await control.config({ applyDelayMs: 0 });
  await control.bigTeam(size);
  const [context, page] = await newPage(browser);
  try {
    await signInToBigFloor(page, size, false);
    await page.getByText(/^Live/).first().waitFor({ timeout: 30_000 });
    // Let the team's read after its subscription land and render first: that is the first load
    // (measured above), not a live Update. Settled = a second with no new team render.
    for (let count = -1; ;) {
      const now = await measureCount(page);
      if (now === count) break;
      count = now;
      await sleep(1000);
    }
    const paints: number[] = [];
    let longest = 0;
    for (let i = 0; i < LIVE_UPDATES; i++) {
      const id = String(FIRST_BIG_ID + Math.floor((i * size) / LIVE_UPDATES) + 3);
      const mark = await measureCount(page);
      await control.setState(id, i % 2 ? 'READY' : 'NOT_READY', 2);
      const update = await nextRender(page, mark, 'refresh');
      paints.push(update.paint);
      longest = Math.max(
        longest,
        await longestTask(page, update.dataAt - 200, update.dataAt + update.paint),
      );
    }
    return {
      'live Update: data → paint (median of 10)': median(paints),
      'live Update: longest task (10 Updates)': longest,
    };
  } finally {
    await context.close();
  }
}

async function shiftRun(browser: Browser, size: number): Promise<Sample> {
  await control.reset();
  await control.xmppDown(true);
  await control.bigTeam(size);
  const [context, page] = await newPage(browser, true);
  try {
    // The page's clock is fake here (its frames and User Timing with it): wait on the page itself.
    await signInToBigFloor(page, size, true, false);
    const counts = page.getByRole('list', { name: `Agents by state in ${BIG_NAME}` });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    };
    // A first step, so caches filled by the first minutes are in the baseline.
    await page.clock.runFor(60_000);
    const start = await heap();
    const steps = Math.round((SHIFT_H * 60) / 10);
    let missed = 0;
    for (let step = 0; step < steps; step++) {
      const before = await counts.textContent();
      for (let i = 0; i < CHANGED; i++) {
        const id = String(FIRST_BIG_ID + ((step * 7919 + i * 101) % size));
        const state = ['READY', 'NOT_READY', 'TALKING', 'WORK'][(step + i) % 4] ?? 'READY';
        await control.setState(id, state, 1 + ((step + i) % 3));
      }
      // Ten minutes of the page's time: 600 ticks, 20 refresh intervals (30 s).
      await page.clock.runFor(600_000);
      // The refresh's read runs in real time: its counts show the changes.
      await page
        .waitForFunction(
          ({ name, before }) =>
            [...document.querySelectorAll('ul')].find((u) => u.getAttribute('aria-label') === name)
              ?.textContent !== before,
          { name: `Agents by state in ${BIG_NAME}`, before },
          { timeout: 20_000, polling: 100 },
        )
        .catch(() => {
          missed += 1;
        });
    }
    if (missed > 0)
      console.log(`  shift: ${missed} of ${steps} steps showed no change in the counts`);
    const end = await heap();
    await cdp.detach();
    return {
      [`shift (${SHIFT_H} h accelerated): heap at start MB`]: start / 2 ** 20,
      [`shift (${SHIFT_H} h accelerated): heap growth MB`]: (end - start) / 2 ** 20,
    };
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The bound for a measure, where it sets one. */
function target(name: string, size: number): string {
  if (name.startsWith('first usable table: data')) return size >= 5000 ? '≤ 300' : '';
  if (name.startsWith('ticker: longest') && size >= 5000) return '';
  if (name.includes('longest task')) return '≤ 50';
  if (name.includes('heap growth')) return '< 5';
  return '';
}

async function main() {
  const server = await startPreview(PORT);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  });
  try {
    console.log(
      `Machine: ${cpuModel()}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
        `${os.type()} ${os.release()}, load average ${os.loadavg()[0]?.toFixed(2)}, ` +
        `Node ${process.version}, Chromium ${browser.version()} (headless)`,
    );
    console.log(
      `Production build (vite preview); ${RUNS} runs per size (p50 and worst), ${SHIFT_RUNS} shift(s) of ${SHIFT_H} h; ms unless MB\n`,
    );
    for (const size of SIZES) {
      const samples: Sample[] = [];
      for (let i = 0; i < RUNS; i++) {
        samples.push({
          ...(PARTS.has('polling') ? await pollingRun(browser, size) : {}),
          ...(PARTS.has('live') ? await liveRun(browser, size) : {}),
        });
        process.stdout.write(`${size} agents: run ${i + 1}/${RUNS} done\n`);
      }
      for (let i = 0; i < (PARTS.has('shift') ? SHIFT_RUNS : 0); i++) {
        samples.push(await shiftRun(browser, size));
        process.stdout.write(`${size} agents: shift ${i + 1}/${SHIFT_RUNS} done\n`);
      }
      const names = [...new Set(samples.flatMap((s) => Object.keys(s)))];
      const width = Math.max(...names.map((n) => n.length));
      console.log(`\n${size} agents`);
      console.log(
        `${'measure'.padEnd(width)}  ${'p50'.padStart(8)}  ${'worst'.padStart(8)}  target`,
      );
      for (const name of names) {
        const values = samples.map((s) => s[name]).filter((v): v is number => v !== undefined);
        const bound = target(name, size);
        const worst = Math.max(...values);
        const limit = Number(bound.replace(/[^\d.]/g, ''));
        const verdict = bound === '' ? '' : worst <= limit ? `${bound}  met` : `${bound}  NOT met`;
        console.log(
          `${name.padEnd(width)}  ${median(values).toFixed(1).padStart(8)}  ${worst.toFixed(1).padStart(8)}  ${verdict}`,
        );
      }
      console.log('');
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
