// Bulk action benchmark (issue 18): a supervisor signs out 1,000 selected agents in one confirmed
// step, in real Chromium against `vite preview` of dist/ with the simulated Finesse (live Updates
// over XMPP confirm each row). Prints, per run and as p50 / worst:
//   all confirmed     – click on the confirmation's button → the summary says every agent is
//                       confirmed (each row's change shown by its Update)
//   longest task      – the Long Tasks API (tasks ≥ 50 ms, else 0) from that click to the end
//   peak in flight    – the most state-change PUTs the page had open at once (window.fetch
//                       wrapped before the page loads)
//
//   npm run bench:bulk                                  build, then 3 runs
//   BENCH_RUNS=5 BENCH_LATENCY_MS=50 npx tsx bench/bulk.ts    (after npm run build)
//
// Knobs (environment): BENCH_RUNS (3); BENCH_AGENTS (1000) agents changed; BENCH_LATENCY_MS (20)
// the simulator's delay before each answer; BENCH_PORT (4179); CHROMIUM_PATH. Not part of
// `npm test`: it measures this machine, it checks nothing.
//
// Big Floor's agents cycle Ready, Not Ready, Talking, Not Ready, Wrap-Up, Signed Out
// (sim/model.ts): a team of 1.2 × BENCH_AGENTS, all selected, has BENCH_AGENTS to sign out (a
// sixth are signed out already and are skipped; those on a call get it after the call, which
// Finesse shows at once as their pending state).
// Relies on: the sign-in form, the Team picker, the bulk bar's buttons and summary line.
import { cpuModel, p50, startPreview, stopPreview } from './common.ts';
import { fetchTransport, simControl } from '../test/simControl.ts';
import os from 'node:os';
import { chromium, type Browser } from 'playwright';

const PORT = Number(process.env.BENCH_PORT ?? 4179);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 1000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const BASE = `http://127.0.0.1:${PORT}`;
/** As the page writes the number (en-US: 1,000). */
const COUNT = AGENTS.toLocaleString('en-US');
const TEAM = 'Big Floor';
const control = simControl(fetchTransport(BASE, 60_000));

declare global {
  interface Window {
    __longTasks: { startTime: number; duration: number }[];
    __puts: { open: number; peak: number };
  }
}

interface Run {
  confirmedMs: number;
  longestTaskMs: number;
  peakInFlight: number;
}

async function run(browser: Browser): Promise<Run> {
  await control.reset('UCCX');
  await control.bigTeam(Math.round((AGENTS * 6) / 5));
  await control.config({ latencyMs: LATENCY_MS });
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: 'en-US',
  });
  const page = await context.newPage();
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__longTasks.push({ startTime: e.startTime, duration: e.duration });
      }
    }).observe({ type: 'longtask' });
    // Counts the page's state-change PUTs in flight (the client calls window.fetch).
    window.__puts = { open: 0, peak: 0 };
    const original = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const put = init?.method === 'PUT' && String(input).includes('/finesse/api/User/');
      if (!put) return original(input, init);
      window.__puts.open += 1;
      window.__puts.peak = Math.max(window.__puts.peak, window.__puts.open);
      try {
        return await original(input, init);
      } finally {
        window.__puts.open -= 1;
      }
    };
  });
  try {
    await page.goto(`${BASE}/`);
    await page.getByLabel('User ID').fill('2001');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('table', { name: 'Sales & Service' }).waitFor({ timeout: 60_000 });
    await page.getByRole('combobox', { name: 'Team', exact: true }).selectOption({ label: TEAM });
    await page.getByRole('table', { name: TEAM }).waitFor({ timeout: 60_000 });
    await page
      .getByRole('button', { name: /^Select all in the table \([\d,]+\) – Big Floor$/ })
      .click();
    await page.getByRole('button', { name: `Sign Out for the selected agents – ${TEAM}` }).click();
    const confirm = page.getByRole('button', { name: `Sign Out now (${COUNT}) – ${TEAM}` });
    await confirm.waitFor();
    const start = await page.evaluate(() => performance.now());
    await confirm.click();
    const done = `Sign Out: ${COUNT} confirmed, 0 waiting for Finesse, 0 refused, 0 not sent.`;
    await page.getByText(done).waitFor({ timeout: 300_000 });
    const end = await page.evaluate(() => performance.now());
    return await page.evaluate(
      ({ start, end }) => ({
        confirmedMs: end - start,
        longestTaskMs: Math.max(
          0,
          ...window.__longTasks.filter((t) => t.startTime >= start).map((t) => t.duration),
        ),
        peakInFlight: window.__puts.peak,
      }),
      { start, end },
    );
  } finally {
    await context.close();
  }
}

async function main() {
  const server = await startPreview(PORT);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  });
  try {
    console.log(
      `Machine: ${cpuModel()}, ${os.cpus().length} cores (nproc ${os.availableParallelism()}), ` +
        `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}, load average ` +
        `${os.loadavg()[0]?.toFixed(2)}, Node ${process.version}, Chromium ${browser.version()} (headless)`,
    );
    console.log(
      `Bulk Sign Out of ${AGENTS} agents; simulator latency ${LATENCY_MS} ms per answer; ${RUNS} runs\n`,
    );
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      const result = await run(browser);
      runs.push(result);
      console.log(
        `run ${i + 1}: all confirmed ${result.confirmedMs.toFixed(0)} ms, longest task ` +
          `${result.longestTaskMs.toFixed(0)} ms, peak PUTs in flight ${result.peakInFlight}`,
      );
    }
    const row = (name: string, values: number[], target: string) => {
      const worst = Math.max(...values);
      const limit = Number(target.replace(/[^\d.]/g, ''));
      const verdict = target === '' ? '' : worst <= limit ? `${target}  met` : `${target}  NOT met`;
      console.log(
        `${name.padEnd(22)}  ${p50(values).toFixed(0).padStart(8)}  ${worst.toFixed(0).padStart(8)}  ${verdict}`,
      );
    };
    console.log(`\n${'measure'.padEnd(22)}  ${'p50'.padStart(8)}  ${'worst'.padStart(8)}  target`);
    row(
      'all confirmed (ms)',
      runs.map((r) => r.confirmedMs),
      '',
    );
    row(
      'longest task (ms)',
      runs.map((r) => r.longestTaskMs),
      '≤ 50',
    );
    row(
      'peak PUTs in flight',
      runs.map((r) => r.peakInFlight),
      '≤ 4',
    );
  } finally {
    await browser.close();
    stopPreview(server);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
