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
// Knobs: BENCH_RUNS (5), BENCH_DOWN_S (20), BENCH_FAULTS (all, comma-separated), BENCH_PORT (a free
// pair of ports), CHROMIUM_PATH. Prints a table (p50 and worst per fault) and the machine.
import { chromium, type Browser, type Page } from 'playwright';
import net from 'node:net';
import os from 'node:os';
import { cpuModel, sleep, startPreview, stopPreview } from './common.ts';

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

/** Waits in the page for `predicate`, checking every 25 ms; bounded. */
async function until(page: Page, what: string, predicate: string, timeoutMs = 60_000) {
  try {
    await page.waitForFunction(predicate, undefined, { polling: 25, timeout: timeoutMs });
  } catch {
    throw new Error(`timed out waiting for ${what}`);
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

const p50 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
};
const seconds = (ms: number) => (ms / 1000).toFixed(1);

async function main() {
  const port = knob('BENCH_PORT', 0) || (await freePair());
  const base = `http://127.0.0.1:${port}`;
  const server = await startPreview(port);
  let browser: Browser | null = null;
  const results = new Map<Fault, number[]>();
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    });
    for (const fault of FAULTS) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        times.push(await once(browser, base, fault));
        process.stderr.write(`${fault} ${run + 1}/${RUNS}: ${seconds(times.at(-1) ?? 0)} s\n`);
      }
      results.set(fault, times);
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
    console.log(`| ${fault} | ${seconds(p50(times))} s | ${seconds(Math.max(...times))} s |`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
