// How fast the tab is back after each failure of a Finesse node ends, in real Chromium against
// `vite preview` of dist/ with the simulated pair (node A: BENCH_PORT, node B: the next port).
//
//   npm run bench:recovery                 build, then every fault BENCH_RUNS times
//   BENCH_RUNS=3 BENCH_DOWN_S=10 npx tsx bench/recovery.ts      (after npm run build)
//
// For each fault: sign in (a fresh browser context), wait until live, break node A, wait until the
// page shows it, keep it broken BENCH_DOWN_S (20) seconds (long enough for the checks to have
// grown to their longest), mend it, and time from just before the control call that mends it to
// the page being back: live and in service, the Ready button enabled. Real time, no fake clock.
//   notification  Notification Service down: the page polls; back = "Live" again
//   cti           SystemInfo OUT_OF_SERVICE (a pushed Update), then IN_SERVICE
//   tomcat        Tomcat down, with the `finesse` user's presence; back = presence AVAILABLE + a check
//   tomcat-silent Tomcat down, no presence (a failed change is the signal); back = a periodic check
//   node          node A unreachable, then reachable
// Then the longest task while one User Update of 250,000 characters (read) and one of 2,000,000
// (refused before parsing) arrive (BENCH_UPDATES=0 leaves it out).
// Knobs: BENCH_RUNS (5), BENCH_DOWN_S (20), BENCH_FAULTS (all, comma-separated), BENCH_PORT (a free
// pair of ports), CHROMIUM_PATH. Prints a table (p50 and worst per fault) and the machine.
import { chromium, type Browser, type Page } from 'playwright';
import net from 'node:net';
import os from 'node:os';
import { cpuModel, p50, sleep, startPreview, stopPreview } from './common.ts';

type Fault = 'notification' | 'cti' | 'tomcat' | 'tomcat-silent' | 'node';
const ALL: Fault[] = ['notification', 'cti', 'tomcat', 'tomcat-silent', 'node'];

function knob(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be an integer ≥ 0`);
  return value;
}

const RUNS = Math.max(1, knob('BENCH_RUNS', 5));
const DOWN_S = knob('BENCH_DOWN_S', 20);
const FAULTS = (process.env.BENCH_FAULTS?.split(',').map((f) => f.trim()) ?? ALL) as Fault[];
for (const fault of FAULTS) if (!ALL.includes(fault)) throw new Error(`unknown fault ${fault}`);

const LIVE = 'Live: changes show as Finesse makes them.';

function free(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Node A's port, with node B's (the next one) free too. */
async function freePair(): Promise<number> {
  for (let port = 4580; port < 4680; port += 2) {
    if ((await free(port)) && (await free(port + 1))) return port;
  }
  throw new Error('no two free ports in 4580–4680');
}

async function control(base: string, path: string, body: unknown = {}): Promise<void> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} → ${response.status} ${await response.text()}`);
}

/**
 * Waits for `predicate` (an expression evaluated in the page), checking every 25 ms; bounded.
 * Polled from here: `page.waitForFunction` with a string compiles it inside the page, which the
 * page's Content-Security-Policy (no 'unsafe-eval') forbids.
 */
async function until(page: Page, what: string, predicate: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let met = false;
  while (!met && Date.now() < deadline) {
    met = (await page.evaluate(predicate).catch(() => false)) === true;
    if (!met) await sleep(25);
  }
  if (!met) {
    // What the page showed instead, so a changed text is found at once.
    const shown = await page
      .evaluate(() => ({
        live: document.querySelector('.live-status [role="status"]')?.textContent ?? null,
        line: document.getElementById('finesse-service-line')?.textContent ?? null,
        buttons: [...document.querySelectorAll('button')].map(
          (b) => `${b.textContent ?? ''}${b.disabled ? ' (disabled)' : ''}`,
        ),
      }))
      .catch(() => null);
    throw new Error(`timed out waiting for ${what}; the page showed ${JSON.stringify(shown)}`);
  }
}

const isLive = `document.querySelector('.live-status [role="status"]')?.textContent === ${JSON.stringify(LIVE)}`;
const lineEmpty = `(document.getElementById('finesse-service-line')?.textContent ?? '') === ''`;
const lineShown = `(document.getElementById('finesse-service-line')?.textContent ?? '') !== ''`;
const readyEnabled = `(() => { const b = [...document.querySelectorAll('button')].find((x) => x.textContent === 'Ready'); return !!b && !b.disabled; })()`;
const back = `(${isLive}) && (${lineEmpty}) && (${readyEnabled})`;

async function once(browser: Browser, base: string, fault: Fault): Promise<number> {
  await control(base, '/sim/reset', { flavour: 'UCCX' });
  if (fault === 'tomcat-silent') await control(base, '/sim/pair', { finessePresence: false });
  const context = await browser.newContext({ baseURL: base, locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('User ID').fill('1001');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await until(page, 'live and Ready offered', back);

    switch (fault) {
      case 'notification':
        await control(base, '/sim/nodes/a', { notification: 'down' });
        await until(page, 'polling', `!(${isLive})`);
        break;
      case 'cti':
        await control(base, '/sim/nodes/a', { status: 'OUT_OF_SERVICE', statusReason: 'CTI' });
        await until(page, 'the service line', lineShown);
        break;
      case 'tomcat':
        await control(base, '/sim/nodes/a', { tomcat: 'down' });
        await until(page, 'the service line', lineShown);
        break;
      case 'tomcat-silent':
        await control(base, '/sim/nodes/a', { tomcat: 'down' });
        await page.getByRole('button', { name: 'Ready', exact: true }).click();
        await until(page, 'the service line', lineShown);
        break;
      case 'node':
        await control(base, '/sim/nodes/a', { reachable: false });
        await until(page, 'the service line', lineShown);
        break;
    }
    await sleep(DOWN_S * 1000);

    const mend =
      fault === 'notification'
        ? { notification: 'up' }
        : fault === 'cti'
          ? { status: 'IN_SERVICE' }
          : fault === 'node'
            ? { reachable: true }
            : { tomcat: 'up' };
    const start = Date.now();
    await control(base, '/sim/nodes/a', mend);
    await until(page, 'back: live, in service, Ready enabled', back);
    return Date.now() - start;
  } finally {
    await context.close();
  }
}

/**
 * The longest task while Updates of `chars` arrive (a PerformanceObserver for long tasks, ≥ 50 ms,
 * in the page; 0 when none): one refused before parsing (over 256 KiB), one just under the limit.
 */
async function longestTask(browser: Browser, base: string, chars: number): Promise<number> {
  await control(base, '/sim/reset', { flavour: 'UCCX' });
  const context = await browser.newContext({ baseURL: base, locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('User ID').fill('1001');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await until(page, 'live and Ready offered', back);
    await page.evaluate(() => {
      const w = window as unknown as { longest: number };
      w.longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
      }).observe({ type: 'longtask' });
    });
    await control(base, '/sim/users/1001/oversized-update', { chars });
    // Refused (a notice) or read (the user's state shown again): either way, after it arrived.
    await sleep(1500);
    return page.evaluate(() => (window as unknown as { longest: number }).longest);
  } finally {
    await context.close();
  }
}

const seconds = (ms: number) =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const port = knob('BENCH_PORT', 0) || (await freePair());
  const base = `http://127.0.0.1:${port}`;
  const server = await startPreview(port);
  let browser: Browser | null = null;
  const results = new Map<Fault, number[]>();
  const updates = new Map<number, number[]>();
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    });
    for (const fault of FAULTS) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        times.push(await once(browser, base, fault));
        process.stderr.write(`${fault} ${run + 1}/${RUNS}: ${seconds(times.at(-1) ?? 0)}\n`);
      }
      results.set(fault, times);
    }
    if (process.env.BENCH_UPDATES !== '0') {
      for (const chars of [250_000, 2_000_000]) {
        const tasks: number[] = [];
        for (let run = 0; run < RUNS; run += 1) tasks.push(await longestTask(browser, base, chars));
        updates.set(chars, tasks);
      }
    }
  } finally {
    await browser?.close();
    stopPreview(server);
  }
  console.log(
    `\nRecovery after a fault of ${DOWN_S} s ends (from the control call to live, in service, Ready enabled), ${RUNS} runs`,
  );
  console.log(`${cpuModel()}, ${os.cpus().length} cores, Node ${process.version}\n`);
  console.log('| fault | p50 | worst |');
  console.log('|---|---|---|');
  for (const [fault, times] of results) {
    console.log(`| ${fault} | ${seconds(p50(times))} | ${seconds(Math.max(...times))} |`);
  }
  if (updates.size > 0) {
    console.log('\nLongest task (≥ 50 ms, else 0) while one User Update of this size arrives');
    console.log('| Update | p50 | worst |');
    console.log('|---|---|---|');
    for (const [chars, tasks] of updates) {
      console.log(
        `| ${chars.toLocaleString('en')} characters | ${Math.round(p50(tasks))} ms | ${Math.round(Math.max(...tasks))} ms |`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
