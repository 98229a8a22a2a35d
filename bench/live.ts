// Live updates (XMPP over WebSocket) against polling, in real Chromium against `vite preview` of
// dist/ with the simulated Finesse mounted. Two modes, each measured the same way:
//   polling – `/sim/xmpp/down {down: true}` before any page loads: upgrades are refused, the tab
//             polls (a build without the XMPP service, or without a tab that uses it, polls anyway)
//   live    – XMPP up; skipped with "live: not available on this build" when no tab connects
//
//   npm run bench:live                 build, then both modes with the defaults below
//   BENCH_CHANGES=40 BENCH_REST_S=60 npx tsx bench/live.ts    (after npm run build)
//
// Knobs (environment): BENCH_CHANGES (20) state changes timed per mode; BENCH_GAP_MS (5000) the
// longest random pause before each change (keep it ≥ the 5 s polling interval, so changes land at
// random points of it); BENCH_REST_S (30) each idle window; BENCH_TABS (20)
// supervisor tabs for server load; BENCH_LOAD_SIZE (1000) their team's agents; BENCH_SIZE (unset:
// team 10) a big team of that size for latency and rest instead; BENCH_MODES (polling,live);
// BENCH_PORT (a free one); BENCH_TIMEOUT_S (1200) for the whole run; CHROMIUM_PATH.
//
// What is measured:
//   latency  – from Node's Date.now() just before POST /sim/users/:id/state to the DOM commit that
//              gives that agent's row its new state (a MutationObserver in the page stamps
//              performance.timeOrigin + performance.now(), corrected by that clock's measured
//              offset from the page's Date.now(): the same wall clock as Node's)
//   at rest  – one visible supervisor tab left alone: REST requests from the simulator's request
//              log, bytes (headers + bodies) and WebSocket frames as Chromium saw them
//   load     – BENCH_TABS tabs, each its own browser context, on the big team: the same per
//              second, XMPP sessions, and CPU time of the server's and Chromium's process trees
//
// A default run takes about 5 minutes per mode where polling, 3 where live, on 2 cores; every
// wait is bounded, a failure exits 1 with its reason, and the server and browser are stopped.
// Relies on: the sign-in form (User ID, Password, Sign in), the Team picker, each team's table
// captioned with its name, a row's `data-member-id` (its Login ID), and the state cell's
// `.state-text.state-<STATE>` classes (src/app/team/TeamRow.tsx, teamColumns.tsx).
import { cpuModel, sleep, startPreview, stopPreview } from './common.ts';
import {
  fetchTransport,
  simControl,
  SimControlError,
  type SimControl,
  type XmppSnapshot,
} from '../test/simControl.ts';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { basename } from 'node:path';
import { chromium, errors, type Browser, type BrowserContext, type Page } from 'playwright';

type Mode = 'polling' | 'live';
type Stats = Record<string, number | null>;

function knob(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be an integer ≥ 0`);
  return value;
}

const CHANGES = knob('BENCH_CHANGES', 20);
const GAP_MS = knob('BENCH_GAP_MS', 5000);
const REST_S = Math.max(1, knob('BENCH_REST_S', 30));
const TABS = knob('BENCH_TABS', 20);
const LOAD_SIZE = knob('BENCH_LOAD_SIZE', 1000);
const SIZE = knob('BENCH_SIZE', 0);
const TIMEOUT_S = knob('BENCH_TIMEOUT_S', 1200);
const MODES = (process.env.BENCH_MODES ?? 'polling,live')
  .split(',')
  .map((m) => m.trim())
  .filter((m): m is Mode => {
    if (m === 'polling' || m === 'live') return true;
    throw new Error(`BENCH_MODES: unknown mode "${m}" (polling, live)`);
  });

const SUPERVISOR = '2001';
const TEAM_10 = { id: '10', caption: 'Sales & Service' };
const BIG_TEAM = { id: '40', caption: 'Big Floor' };
/** "Break": a NOT_READY code every agent may have (sim/model.ts). */
const NOT_READY_REASON = 1;
/** How long a change may take to show before the run fails: 6 polling intervals. */
const CHANGE_TIMEOUT_MS = 30_000;
/** Load tabs opened at once. */
const OPEN_AT_ONCE = 4;
/** How long a tab has to open its XMPP session before "live" is called unavailable. */
const LIVE_CONNECT_MS = 10_000;

/** Progress on one rewritten line in a terminal; only the last step in a log file. */
function progress(text: string, last: boolean): void {
  if (process.stdout.isTTY) process.stdout.write(`\r${text}${last ? '\n' : ''}`);
  else if (last) process.stdout.write(`${text}\n`);
}

let base = '';

// ---- the simulator's control API -------------------------------------------------------------

let control: SimControl = simControl(fetchTransport(base));

/** null where the build has no XMPP control API. */
async function xmppSnapshot(): Promise<XmppSnapshot | null> {
  try {
    return await control.xmpp();
  } catch (error) {
    if (error instanceof SimControlError) return null;
    throw error;
  }
}

async function supervisorConnections(): Promise<number> {
  const snapshot = await xmppSnapshot();
  return snapshot?.connections.filter((c) => c.user === SUPERVISOR).length ?? 0;
}

/** Reset, no apply delay, the big team if wanted, and XMPP down or up. False: no XMPP API. */
async function prepare(mode: Mode, bigTeamSize: number): Promise<boolean> {
  await control.reset();
  await control.config({ applyDelayMs: 0 });
  if (bigTeamSize > 0) await control.bigTeam(bigTeamSize);
  try {
    await control.xmppDown(mode === 'polling');
  } catch (error) {
    if (error instanceof SimControlError && error.status === 404) return false;
    throw error;
  }
  // Subscriptions outlive sessions in the simulator: each mode starts without any.
  await control.clearXmppSubscriptions();
  return true;
}

// ---- the preview server ----------------------------------------------------------------------

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface ProcStat {
  pid: number;
  ppid: number;
  ticks: number;
}

/** Every process's parent and CPU ticks (user + system); [] off Linux. */
function processTable(): ProcStat[] {
  const table: ProcStat[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return table;
  }
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // After "pid (comm) ": state ppid pgrp … utime (14th field) stime (15th).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
      });
    } catch {
      // the process ended meanwhile
    }
  }
  return table;
}

/** CPU seconds of a process and all its descendants still running; null if none is found. */
function treeCpuSeconds(root: number | undefined): number | null {
  if (!root) return null;
  const table = processTable();
  const tree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of table) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  const inTree = table.filter((p) => tree.has(p.pid));
  if (inTree.length === 0) return null;
  return inTree.reduce((sum, p) => sum + p.ticks, 0) / 100; // USER_HZ is 100 on Linux
}

/** The Chromium that Playwright launched: this process's child running the executable. */
function chromiumPid(executable: string): number | undefined {
  // Debian's /usr/bin/chromium is a script that execs /usr/lib/chromium/chromium: match the name.
  const name = basename(executable);
  for (const p of processTable()) {
    if (p.ppid !== process.pid) continue;
    try {
      if (readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').includes(name)) return p.pid;
    } catch {
      // ended meanwhile
    }
  }
  return undefined;
}

// ---- the page --------------------------------------------------------------------------------

interface BenchPage {
  seen: number | null;
  ids(caption: string, exclude: string): string[];
  stateOf(caption: string, id: string): string | null;
  arm(caption: string, id: string, target: string): { before: string | null; offset: number };
}

declare global {
  interface Window {
    __bench: BenchPage;
  }
}

// Plain JavaScript, so the bundler's helpers never leak into the page. A row is found by its
// `data-member-id` (the agent's login id) in the table whose caption is the team's name; its state
// is the `state-<STATE>` class on `.state-text` (src/app/team/TeamRow.tsx, teamColumns.tsx).
const PAGE_SCRIPT = `(() => {
  let observer = null;
  const table = (caption) =>
    [...document.querySelectorAll('table')].find((t) => t.caption?.textContent?.includes(caption));
  const row = (caption, id) =>
    [...(table(caption)?.tBodies[0]?.rows ?? [])].find((r) => r.dataset.memberId === id) ?? null;
  const stateIn = (tr) => {
    const cls = [...(tr?.querySelector('.state-text')?.classList ?? [])].find(
      (c) => c.startsWith('state-') && c !== 'state-text');
    return cls ? cls.slice(6) : null;
  };
  const wall = () => performance.timeOrigin + performance.now();
  window.__bench = {
    seen: null,
    ids: (caption, exclude) =>
      [...(table(caption)?.tBodies[0]?.rows ?? [])]
        .map((r) => r.dataset.memberId ?? '')
        .filter((id) => id && id !== exclude),
    stateOf: (caption, id) => stateIn(row(caption, id)),
    arm(caption, id, target) {
      observer?.disconnect();
      this.seen = null;
      let tr = row(caption, id);
      if (!tr) throw new Error('no row for ' + id + ' in ' + caption);
      const before = stateIn(tr);
      observer = new MutationObserver(() => {
        if (this.seen !== null) return;
        if (!tr || !tr.isConnected) tr = row(caption, id);
        if (stateIn(tr) === target) {
          this.seen = wall();
          observer.disconnect();
        }
      });
      observer.observe(document.body, {
        subtree: true, childList: true, characterData: true, attributes: true,
        attributeFilter: ['class'],
      });
      // The monotonic clock drifts from the wall clock after navigation: read the offset at the
      // edge of a Date.now() millisecond (at most ~1 ms of spinning).
      const start = Date.now();
      let now = start;
      for (let i = 0; i < 1e7 && now === start; i++) now = Date.now();
      return { before, offset: wall() - now };
    },
  };
})();`;

/** REST and WebSocket traffic as Chromium sees it, counted between start() and stop(). */
class Traffic {
  private counting = false;
  private pending: Promise<void>[] = [];
  rest = 0;
  restBytes = 0;
  wsOpened = 0;
  wsFrames = 0;
  wsBytes = 0;

  watch(page: Page): void {
    page.on('requestfinished', (request) => {
      if (!this.counting || !new URL(request.url()).pathname.startsWith('/finesse/')) return;
      this.rest += 1;
      this.pending.push(
        request
          .sizes()
          .then((s) => {
            this.restBytes +=
              s.requestHeadersSize + s.requestBodySize + s.responseHeadersSize + s.responseBodySize;
          })
          .catch(() => undefined),
      );
    });
    page.on('websocket', (ws) => {
      if (this.counting) this.wsOpened += 1;
      const frame = ({ payload }: { payload: string | Buffer }) => {
        if (!this.counting) return;
        this.wsFrames += 1;
        this.wsBytes += typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
      };
      ws.on('framesent', frame);
      ws.on('framereceived', frame);
    });
  }

  start(): void {
    this.rest = this.restBytes = this.wsOpened = this.wsFrames = this.wsBytes = 0;
    this.pending = [];
    this.counting = true;
  }

  async stop(): Promise<void> {
    this.counting = false;
    await Promise.race([Promise.all(this.pending), sleep(10_000)]);
  }
}

async function openSupervisor(
  browser: Browser,
  traffic: Traffic,
  team: { caption: string },
  rows: number | null,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
  });
  context.setDefaultTimeout(60_000);
  await context.addInitScript({ content: PAGE_SCRIPT });
  const page = await context.newPage();
  traffic.watch(page);
  try {
    await showTeam(page, team.caption, rows);
  } catch (error) {
    await context.close().catch(() => undefined);
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new Error(`a supervisor tab did not show "${team.caption}": ${first}`);
  }
  return { context, page };
}

/** Signs in as the supervisor, picks the team, and waits for its rows (all of them if given). */
async function showTeam(page: Page, caption: string, rows: number | null): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByLabel('User ID').fill(SUPERVISOR);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('table', { name: TEAM_10.caption }).waitFor();
  if (caption !== TEAM_10.caption) {
    await page
      .getByRole('combobox', { name: 'Team', exact: true })
      .selectOption({ label: caption });
    await page.getByRole('table', { name: caption }).waitFor();
  }
  if (rows !== null) {
    await page.waitForFunction(
      ({ caption, rows }) => window.__bench.ids(caption, '').length === rows,
      { caption, rows },
      // Not every frame: counting a thousand rows 60 times a second would slow the tabs down.
      { timeout: 60_000, polling: 250 },
    );
  }
}

const isVisible = (page: Page) => page.evaluate(() => document.visibilityState === 'visible');

/** Waits (bounded) until at least `count` XMPP sessions of the supervisor are open. */
async function waitForConnections(count: number, ms: number): Promise<number> {
  const until = Date.now() + ms;
  let open = await supervisorConnections();
  while (open < count && Date.now() < until) {
    await sleep(250);
    open = await supervisorConnections();
  }
  return open;
}

// ---- the three measures ----------------------------------------------------------------------

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  // Nearest rank: p95 of 20 samples is the 19th.
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

async function latency(
  page: Page,
  caption: string,
  mode: Mode,
): Promise<{ stats: Stats; clockOffsetMs: number }> {
  const ids = await page.evaluate(({ caption, self }) => window.__bench.ids(caption, self), {
    caption,
    self: SUPERVISOR,
  });
  if (ids.length === 0) throw new Error(`no agent rows in "${caption}"`);
  const samples: number[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    // Random spacing: with polling, each change lands at a random point of the interval.
    await sleep(Math.random() * GAP_MS);
    const id = ids[Math.floor(Math.random() * ids.length)] ?? '';
    const current = await page.evaluate(({ caption, id }) => window.__bench.stateOf(caption, id), {
      caption,
      id,
    });
    const target = current === 'READY' ? 'NOT_READY' : 'READY';
    const { offset } = await page.evaluate(
      ({ caption, id, target }) => window.__bench.arm(caption, id, target),
      { caption, id, target },
    );
    const sent = Date.now();
    await control.setState(id, target, target === 'READY' ? undefined : NOT_READY_REASON);
    try {
      await page.waitForFunction(() => window.__bench.seen !== null, undefined, {
        timeout: CHANGE_TIMEOUT_MS,
        polling: 100,
      });
    } catch (error) {
      if (!(error instanceof errors.TimeoutError)) throw error;
      throw new Error(
        `${mode}: agent ${id}'s row did not show ${target} within ${CHANGE_TIMEOUT_MS / 1000} s ` +
          `(change ${i + 1}/${CHANGES})`,
      );
    }
    const seen = await page.evaluate(() => window.__bench.seen ?? NaN);
    samples.push(seen - offset - sent);
    offsets.push(offset);
    progress(`  ${mode}: change ${i + 1}/${CHANGES} shown`, i === CHANGES - 1);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    stats: {
      'change → row, p50 ms': percentile(sorted, 50),
      'change → row, p95 ms': percentile(sorted, 95),
      'change → row, max ms': sorted.at(-1) ?? null,
    },
    clockOffsetMs: Math.max(0, ...offsets.map(Math.abs)),
  };
}

async function atRest(page: Page, traffic: Traffic, mode: Mode): Promise<Stats> {
  if (!(await isVisible(page))) throw new Error(`${mode}: the tab is not visible`);
  await control.clearRequests();
  traffic.start();
  process.stdout.write(`  ${mode}: one tab at rest for ${REST_S} s\n`);
  await sleep(REST_S * 1000);
  await traffic.stop();
  const log = await control.requests();
  if (!(await isVisible(page))) throw new Error(`${mode}: the tab stopped being visible`);
  const perMinute = (n: number) => (n * 60) / REST_S;
  const teamReads = log.filter((r) => r.path.startsWith('/finesse/api/Team/')).length;
  const userReads = log.filter((r) => r.path.startsWith('/finesse/api/User/')).length;
  return {
    [`REST requests in ${REST_S} s`]: log.length,
    'REST requests / min': perMinute(log.length),
    '  of which Team reads / min': perMinute(teamReads),
    '  of which User reads / min': perMinute(userReads),
    'REST kB / min (headers + bodies)': perMinute(traffic.restBytes) / 1000,
    'WebSocket frames / min': perMinute(traffic.wsFrames),
    'WebSocket kB / min (payloads)': perMinute(traffic.wsBytes) / 1000,
    'WebSocket connects / min': perMinute(traffic.wsOpened),
  };
}

async function serverLoad(
  browser: Browser,
  server: ChildProcess,
  mode: Mode,
  xmppApi: boolean,
): Promise<Stats> {
  const traffic = new Traffic();
  const contexts: BrowserContext[] = [];
  try {
    process.stdout.write(`  ${mode}: opening ${TABS} tabs on the ${LOAD_SIZE}-agent team\n`);
    const pages: Page[] = [];
    const opening = Date.now();
    // A few at a time: sign-in round trips overlap, and the machine stays busy without thrashing.
    let next = 0;
    const opener = async () => {
      while (next < TABS) {
        next += 1;
        const { context, page } = await openSupervisor(browser, traffic, BIG_TEAM, LOAD_SIZE);
        contexts.push(context);
        pages.push(page);
        const done = pages.length === TABS;
        const took = done ? ` (all in ${((Date.now() - opening) / 1000).toFixed(0)} s)` : '';
        progress(`  ${mode}: ${pages.length}/${TABS} tabs show ${LOAD_SIZE} rows${took}`, done);
      }
    };
    await Promise.all(Array.from({ length: Math.min(OPEN_AT_ONCE, TABS) }, opener));
    const connections = mode === 'live' && xmppApi ? await waitForConnections(TABS, 15_000) : null;
    const visible = (await Promise.all(pages.map(isVisible))).filter(Boolean).length;
    if (visible !== TABS) throw new Error(`${mode}: only ${visible}/${TABS} tabs are visible`);
    await sleep(2000); // the last tab's first reads settle
    await control.clearRequests();
    traffic.start();
    const serverCpu = treeCpuSeconds(server.pid);
    const browserCpu = treeCpuSeconds(chromePid);
    process.stdout.write(`  ${mode}: ${TABS} tabs at rest for ${REST_S} s\n`);
    await sleep(REST_S * 1000);
    const serverCpuAfter = treeCpuSeconds(server.pid);
    const browserCpuAfter = treeCpuSeconds(chromePid);
    await traffic.stop();
    const log = await control.requests();
    const perSecond = (n: number) => n / REST_S;
    const cpu = (from: number | null, to: number | null) =>
      from === null || to === null ? null : ((to - from) * 1000) / REST_S;
    return {
      [`REST requests in ${REST_S} s`]: log.length,
      'REST requests / s': perSecond(log.length),
      'REST kB / s (headers + bodies)': perSecond(traffic.restBytes) / 1000,
      'WebSocket frames / s': perSecond(traffic.wsFrames),
      'WebSocket kB / s (payloads)': perSecond(traffic.wsBytes) / 1000,
      'XMPP sessions open': connections ?? (xmppApi ? await supervisorConnections() : null),
      'server CPU ms / s (vite preview + sim)': cpu(serverCpu, serverCpuAfter),
      'Chromium CPU ms / s (all tabs)': cpu(browserCpu, browserCpuAfter),
    };
  } finally {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
  }
}

// ---- one mode --------------------------------------------------------------------------------

interface ModeResult {
  latency: Stats;
  rest: Stats;
  load: Stats;
  /** The largest |performance.timeOrigin + now() − Date.now()| seen in the page, corrected for. */
  clockOffsetMs: number;
}

async function runMode(
  browser: Browser,
  server: ChildProcess,
  mode: Mode,
): Promise<ModeResult | string> {
  const team = SIZE > 0 ? BIG_TEAM : TEAM_10;
  const xmppApi = await prepare(mode, SIZE);
  if (mode === 'live' && !xmppApi) return 'the simulator has no /sim/xmpp control API';
  const traffic = new Traffic();
  const { context, page } = await openSupervisor(browser, traffic, team, SIZE > 0 ? SIZE : null);
  try {
    if (mode === 'live') {
      const open = await waitForConnections(1, LIVE_CONNECT_MS);
      if (open === 0) {
        return `no XMPP session from the tab within ${LIVE_CONNECT_MS / 1000} s of its team table`;
      }
      // The team subscription follows the session: give it a moment, then go on regardless.
      const node = `/finesse/api/Team/${team.id}/Users`;
      for (let i = 0; i < 20; i++) {
        if ((await xmppSnapshot())?.subscriptions.some((s) => s.node === node)) break;
        await sleep(250);
      }
    } else if (xmppApi && (await supervisorConnections()) > 0) {
      throw new Error('polling: the tab holds an XMPP session although XMPP is down');
    }
    const timed = await latency(page, team.caption, mode);
    const rest = await atRest(page, traffic, mode);
    await context.close();
    await prepare(mode, LOAD_SIZE);
    const load = await serverLoad(browser, server, mode, xmppApi);
    return { latency: timed.stats, rest, load, clockOffsetMs: timed.clockOffsetMs };
  } finally {
    await context.close().catch(() => undefined);
  }
}

// ---- output ----------------------------------------------------------------------------------

function format(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (Math.abs(value) >= 100 || Number.isInteger(value)) return value.toFixed(0);
  return value.toFixed(1);
}

function ratio(live: number | null | undefined, polling: number | null | undefined): string {
  if (live == null || polling == null || polling === 0) return '—';
  const r = live / polling;
  // Two significant digits: a live latency of 8 ms against 2,300 ms is 0.0035×, not 0.00×.
  return `${r === 0 ? '0' : r >= 10 ? r.toFixed(0) : Number(r.toPrecision(2)).toString()}×`;
}

function printTable(results: Partial<Record<Mode, ModeResult>>): void {
  const sections: [string, 'latency' | 'rest' | 'load'][] = [
    [`Latency: ${CHANGES} server-side changes, one supervisor tab`, 'latency'],
    [`At rest: one visible supervisor tab, ${REST_S} s`, 'rest'],
    [`Server load: ${TABS} supervisor tabs on a ${LOAD_SIZE}-agent team, ${REST_S} s`, 'load'],
  ];
  const modes = MODES.filter((m) => results[m]);
  const names = sections.flatMap(([, key]) =>
    modes.flatMap((m) => Object.keys(results[m]?.[key] ?? {})),
  );
  const width = Math.max(40, ...names.map((n) => n.length));
  const both = modes.length === 2;
  const header = `${''.padEnd(width)}${modes.map((m) => m.padStart(10)).join('')}${both ? 'live/polling'.padStart(14) : ''}`;
  for (const [title, key] of sections) {
    console.log(`\n${title}`);
    console.log(header);
    const keys = [...new Set(modes.flatMap((m) => Object.keys(results[m]?.[key] ?? {})))];
    for (const name of keys) {
      const values = modes.map((m) => results[m]?.[key][name]);
      const row = values.map((v) => format(v).padStart(10)).join('');
      const r = both ? ratio(results.live?.[key][name], results.polling?.[key][name]) : '';
      console.log(`${name.padEnd(width)}${row}${both ? r.padStart(14) : ''}`);
    }
  }
}

// ---- main ------------------------------------------------------------------------------------

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let server: ChildProcess | null = null;
let browser: Browser | null = null;
let chromePid: number | undefined;
/** Set once the run is being stopped (watchdog, signal): later errors are its echoes. */
let stopping = false;

async function cleanup(): Promise<void> {
  await browser?.close().catch(() => undefined);
  browser = null;
  stopPreview(server);
  server = null;
}

function fail(message: string, code = 1): void {
  if (stopping) return;
  stopping = true;
  console.error(`\nbench:live failed: ${message}`);
  void cleanup().finally(() => process.exit(code));
}

async function main() {
  const watchdog = setTimeout(
    () => fail(`the whole run took longer than BENCH_TIMEOUT_S=${TIMEOUT_S} s`),
    TIMEOUT_S * 1000,
  );
  watchdog.unref();
  process.once('SIGINT', () => fail('interrupted', 130));
  process.once('SIGTERM', () => fail('terminated', 143));

  const port = knob('BENCH_PORT', 0) || (await freePort());
  base = `http://127.0.0.1:${port}`;
  control = simControl(fetchTransport(base));
  server = await startPreview(port);
  browser = await chromium.launch({ executablePath: CHROMIUM });
  chromePid = chromiumPid(CHROMIUM);
  const load = os.loadavg().map((l) => l.toFixed(2));
  console.log(
    `Machine: ${cpuModel()}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
      `${os.type()} ${os.release()}, Node ${process.version}, Chromium ${browser.version()} ` +
      `(headless); load average at start ${load.join(' ')}`,
  );
  const latencyTeam =
    SIZE > 0 ? `team ${BIG_TEAM.id} with ${SIZE} agents` : `team ${TEAM_10.id} (seed)`;
  console.log(
    `Run: production build (vite preview) on ${base}; ${CHANGES} changes on ${latencyTeam}, ` +
      `random pause 0–${GAP_MS} ms before each; rest windows ${REST_S} s; ${TABS} tabs × ` +
      `${LOAD_SIZE} agents for server load (${TABS} Chromium pages on this machine: their own ` +
      `CPU use competes with the server's); applyDelayMs 0; modes ${MODES.join(', ')}\n`,
  );

  const results: Partial<Record<Mode, ModeResult>> = {};
  for (const mode of MODES) {
    console.log(`${mode}:`);
    const started = Date.now();
    const result = await runMode(browser, server, mode);
    console.log(`  ${mode}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    if (typeof result === 'string') console.log(`  live: not available on this build (${result})`);
    else results[mode] = result;
  }
  if (!MODES.some((m) => results[m])) throw new Error('no mode could be measured');
  printTable(results);
  console.log('');
  for (const mode of MODES) {
    const offset = results[mode]?.clockOffsetMs;
    if (offset === undefined) continue;
    console.log(
      `${mode}: the page's timeOrigin + now() was at most ${offset.toFixed(2)} ms off its ` +
        `Date.now() (the clock Node reads); latencies are corrected for it`,
    );
  }
  if (MODES.includes('live') && !results.live) {
    console.log('\nlive: not available on this build; polling figures only.');
  }
  clearTimeout(watchdog);
}

main()
  .catch((error: unknown) => {
    if (stopping) return;
    console.error(`\nbench:live failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(cleanup);
