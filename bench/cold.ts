// The gadget's cold start in the simulated Finesse desktop, against a floor gadget, with the CPU
// throttled: how soon an agent on a slow PC (VDI, a thin client) can use it.
//
//   npm run bench:cold                     build, then 1×, 4× and 6×, BENCH_RUNS runs of each
//   BENCH_RATES=4 BENCH_RUNS=9 npx tsx bench/cold.ts        (after npm run build)
//
// Each run: a fresh browser context (cold HTTP and code caches), the desktop page loaded and
// idle, then the sign-in that loads the gadget. Times are from the gadget frame's own start
// (its document's time origin), read in the frame:
//   usable         the Not Ready menu button enabled (a MutationObserver, installed before any
//                  script of the frame runs, stamps the mutation that enables it)
//   first request  the first /finesse/api request's start (Resource Timing)
//   own task       the longest script run of the gadget's own bundle (Long Animation Frames
//                  attribution, as reported to the desktop page and the frame; only frames over
//                  50 ms are reported, so 0 means none over 50 ms)
//   busy           main-thread task time from the sign-in to settled (CDP Performance metrics,
//                  the whole page: the desktop's own sign-in work is the same in both)
//   heap           JavaScript heap after a full GC, settled, minus the desktop's before sign-in
// The floor is the least a Finesse gadget does: the same jQuery and finesse.js (the desktop's),
// in HubSettings.onConnect (Cisco: start there) one GET /User, then the state and a Not Ready
// button shown. Two more floors show what the stack itself costs, built like the gadget (one
// minified classic script, bench/floor/): the React floor renders the same with React DOM; the
// stack floor also reads the user through TanStack Query and parses it with fast-xml-parser, the
// least a gadget on this project's required packages does. Chromium is driven over a bare DevTools connection (bench/cdp.ts): no Runtime
// domain, which would make V8 re-parse every script.
//
// The simulated desktop serves small stand-ins for jquery.min.js and finesse.js. Cisco's real ones
// cost a real gadget much more (≈ 93 KB and 668 KB for 10.5(1)); to measure against them, point
// BENCH_JQUERY and BENCH_FINESSE_JS at copies (never committed here: Cisco's code; a public copy of
// 10.5(1) is CiscoSE/finesseGadgets, callHistoryGadget/10.5/). Both gadgets then get them.
// Knobs: BENCH_RATES (1,4,6), BENCH_RUNS (9), BENCH_PORT, CHROMIUM_PATH; BENCH_DEBUG=1 prints each
// run's reads (start→end in the frame's time) and long frames with their scripts;
// BENCH_COMPARE=<dist folder> measures that build's gadget too (see below); BENCH_KINDS=gadget,floor
// (say) measures only those. Each run measures the kinds in another order (rotated), so that none
// always follows another. To see where the time goes:
// BENCH_PROFILE=file writes a CPU profile of the gadget's runs (the last one kept; a function
// `usableMarker` marks the moment it became usable): `GADGET_MINIFY=0 npm run build` keeps names;
// BENCH_TRACE=prefix writes a Chrome trace of every run to prefix.<kind>.<rate>.<n>.json (a mark
// `bench: usable` in it), for DevTools' Performance panel (BENCH_TRACE_MORE=1 adds the task and
// IPC categories, which slow the page down a lot);
// BENCH_JSON=file writes every run's figures (to pool batches). Each ratio is printed with a 90 %
// bootstrap interval: the machine's noise is large (an A/A comparison of one build with itself
// moved by up to ±8 % in 14 runs), so read a difference against it.
// BENCH_ALLOC=prefix writes a sampling heap profile of what each kind allocated until usable
// (garbage included) to prefix.<kind>.json (its last run), for DevTools' Memory panel.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { launchChromium, type Cdp } from './cdp.ts';
import { cpuModel, p50, sleep, startPreview, stopPreview } from './common.ts';

const RATES = (process.env.BENCH_RATES ?? '1,4,6').split(',').map(Number);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 9));
const PORT = Number(process.env.BENCH_PORT ?? 4480);
const base = `http://127.0.0.1:${PORT}`;
// Encoded once (as CDP's Fetch.fulfillRequest takes them), not at each request of each run: the
// bench's own work during a load competes for the same cores as the page.
const realFiles = {
  jquery: process.env.BENCH_JQUERY
    ? readFileSync(process.env.BENCH_JQUERY).toString('base64')
    : null,
  finesse: process.env.BENCH_FINESSE_JS
    ? readFileSync(process.env.BENCH_FINESSE_JS).toString('base64')
    : null,
};

/**
 * Installed in every frame before its scripts run; records only in the gadget's frame. A srcdoc
 * frame's first document (about:blank) is replaced while its window is kept, so the observers are
 * attached at DOMContentLoaded, to the document of that moment (the gadget's: its scripts have
 * run then, but nothing is rendered before HubSettings.onConnect, after the load).
 */
const OBSERVER = `(() => {
  const loafOf = (list) => list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration,
    scripts: e.scripts.map((s) => ({ url: s.sourceURL, duration: s.duration, start: s.startTime })) }));
  if (window === window.top) {
    // Long animation frames are reported to the top document too (one event loop for both).
    window.__coldTop = [];
    try {
      new PerformanceObserver((list) => window.__coldTop.push(...loafOf(list)))
        .observe({ type: 'long-animation-frame', buffered: true });
    } catch {}
    return;
  }
  const install = () => {
    if (document.__coldInstalled) return;
    document.__coldInstalled = true;
    const record = { usable: null, loaf: [] };
    window.__cold = record;
    const usable = () => [...document.querySelectorAll('button')].some(
      (b) => /^Not Ready/.test(b.textContent || '') && !b.disabled);
    const observer = new MutationObserver(() => {
      if (record.usable === null && usable()) {
        record.usable = performance.now();
        observer.disconnect();
        /*MARK*/
      }
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    if (usable()) record.usable = performance.now();
    new PerformanceObserver((list) => record.loaf.push(...loafOf(list)))
      .observe({ type: 'long-animation-frame', buffered: true });
  };
  window.addEventListener('DOMContentLoaded', install);
})();`;

/** The floor gadget's spec, served from its own origin; it talks to the desktop's origin. */
function floorSpec(): string {
  const script = `
gadgets.HubSettings.onConnect = function () {
  var id = new gadgets.Prefs().getString('id');
  var auth = finesse.utilities.Utilities.getUserAuthString();
  fetch(${JSON.stringify(base)} + '/finesse/api/User/' + encodeURIComponent(id), {
    headers: { Authorization: 'Basic ' + auth }
  }).then(function (r) { return r.text(); }).then(function (text) {
    var doc = new DOMParser().parseFromString(text, 'application/xml');
    var state = doc.getElementsByTagName('state')[0];
    var root = document.getElementById('root');
    var p = document.createElement('p');
    p.textContent = 'State: ' + (state ? state.textContent : '?');
    var button = document.createElement('button');
    button.textContent = 'Not Ready';
    root.replaceChildren(p, button);
    gadgets.window.adjustHeight();
  });
};`;
  return specWith(`<script>${script}</script>`);
}

/** A floor's spec: the desktop's jQuery and finesse.js, then the floor's own script element. */
function specWith(scriptElement: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Module>
  <ModulePrefs title="Floor">
    <Require feature="pubsub-2"/>
    <Require feature="dynamic-height"/>
    <Require feature="setprefs"/>
  </ModulePrefs>
  <Content type="html"><![CDATA[
<div id="root">Loading…</div>
<script src="${base}/desktop/assets/js/jquery.min.js"></script>
<script src="${base}/desktop/assets/js/finesse.js"></script>
${scriptElement}
]]></Content>
</Module>`;
}

/** bench/floor/<name>.tsx built as one minified classic script, as the gadget's is (hint too). */
async function buildFloorScript(name: string): Promise<string> {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  const out = await build({
    configFile: false,
    root: import.meta.dirname,
    logLevel: 'silent',
    plugins: [react()],
    define: { 'process.env.NODE_ENV': '"production"', FLOOR_BASE: JSON.stringify(base) },
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      // With the gadget's compile hint (build/gadgetXml.ts): the least such a script can cost.
      rolldownOptions: { output: { postBanner: '//# allFunctionsCalledOnLoad' } },
      lib: {
        entry: `${import.meta.dirname}/floor/${name}.tsx`,
        formats: ['iife'],
        name,
      },
    },
  });
  const result = Array.isArray(out) ? out[0] : out;
  if (!result || !('output' in result)) throw new Error(`bench/floor/${name}.tsx did not build`);
  return result.output[0].code;
}

async function serveFloor(): Promise<http.Server> {
  const scripts = {
    react: await buildFloorScript('reactFloor'),
    stack: await buildFloorScript('stackFloor'),
  };
  const server = http.createServer((request, response) => {
    const address = server.address() as AddressInfo;
    const [, name, extension] = /^\/(react|stack)-floor\.(js|xml)/.exec(request.url ?? '') ?? [];
    const kind = name === 'react' || name === 'stack' ? name : null;
    const [type, body] =
      kind && extension === 'js'
        ? ['text/javascript; charset=utf-8', scripts[kind]]
        : kind
          ? [
              'application/xml; charset=utf-8',
              specWith(`<script src="http://127.0.0.1:${address.port}/${kind}-floor.js"></script>`),
            ]
          : ['application/xml; charset=utf-8', floorSpec()];
    response.writeHead(200, {
      'Content-Type': type,
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'no-store',
    });
    response.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

interface Run {
  usable: number;
  firstRequest: number;
  ownTask: number;
  busy: number;
  heap: number;
}

type Kind = 'gadget' | 'compare' | 'floor' | 'react' | 'stack';

// BENCH_COMPARE=<a dist/ folder of another build> (e.g. of an earlier commit): that gadget too,
// interleaved with this one, served beside it from dist/compare/ for the run.
const COMPARE = process.env.BENCH_COMPARE ?? null;
const compareDir = resolve(import.meta.dirname, '../dist/compare');
const KINDS: Kind[] = (
  ['gadget', ...(COMPARE ? (['compare'] as const) : []), 'floor', 'react', 'stack'] as const
).filter((kind) => !process.env.BENCH_KINDS || process.env.BENCH_KINDS.split(',').includes(kind));

async function evaluate<T>(cdp: Cdp, session: string, expression: string): Promise<T> {
  const result = await cdp.send<{ result: { value?: T }; exceptionDetails?: unknown }>(
    'Runtime.evaluate',
    { expression, returnByValue: true },
    session,
  );
  if (result.exceptionDetails) throw new Error(JSON.stringify(result.exceptionDetails));
  return result.result.value as T;
}

async function until<T>(check: () => Promise<T | null>, what: string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== null && value !== undefined && value !== false) return value;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function metric(cdp: Cdp, session: string, name: string): Promise<number> {
  const { metrics } = await cdp.send<{ metrics: { name: string; value: number }[] }>(
    'Performance.getMetrics',
    {},
    session,
  );
  return metrics.find((m) => m.name === name)?.value ?? 0;
}

async function heapAfterGc(cdp: Cdp, session: string): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage', {}, session);
  const { usedSize } = await cdp.send<{ usedSize: number }>('Runtime.getHeapUsage', {}, session);
  return usedSize;
}

/** BENCH_TRACE: runs traced so far, by kind and rate. */
const traced = new Map<string, number>();

async function once(cdp: Cdp, kind: Kind, rate: number, floorUrl: string): Promise<Run> {
  const { browserContextId } = await cdp.send<{ browserContextId: string }>(
    'Target.createBrowserContext',
    { disposeOnDetach: true },
  );
  const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', {
    url: 'about:blank',
    browserContextId,
  });
  const { sessionId: s } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', {
    targetId,
    flatten: true,
  });
  const stopServing = cdp.on('Fetch.requestPaused', (params, session) => {
    if (session !== s) return;
    const url = String(params.request && (params.request as { url: string }).url);
    const file = url.endsWith('/jquery.min.js') ? realFiles.jquery : realFiles.finesse;
    void cdp.send(
      'Fetch.fulfillRequest',
      {
        requestId: params.requestId,
        responseCode: 200,
        responseHeaders: [{ name: 'Content-Type', value: 'text/javascript; charset=utf-8' }],
        body: file ?? '',
      },
      s,
    );
  });
  try {
    await cdp.send('Page.enable', {}, s);
    await cdp.send('Performance.enable', {}, s);
    // BENCH_PROFILE: the moment it is usable shows in the profile as a named function's 1 ms.
    const marker = `(function usableMarker() { const end = performance.now() + 1; while (performance.now() < end); })();`;
    // BENCH_TRACE: a User Timing mark.
    const source = OBSERVER.replace(
      '/*MARK*/',
      `${process.env.BENCH_PROFILE ? marker : ''}${process.env.BENCH_TRACE ? "performance.mark('bench: usable');" : ''}`,
    );
    await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source }, s);
    const patterns = [
      ...(realFiles.jquery ? [{ urlPattern: '*/desktop/assets/js/jquery.min.js' }] : []),
      ...(realFiles.finesse ? [{ urlPattern: '*/desktop/assets/js/finesse.js' }] : []),
    ];
    if (patterns.length > 0) await cdp.send('Fetch.enable', { patterns }, s);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate }, s);
    const gadget =
      kind === 'floor'
        ? floorUrl
        : kind === 'react' || kind === 'stack'
          ? floorUrl.replace('/floor.xml', `/${kind}-floor.xml`)
          : kind === 'compare'
            ? '/3rdpartygadget/files/agent-state/compare/gadget.xml'
            : '/3rdpartygadget/files/agent-state/gadget.xml';
    await cdp.send(
      'Page.navigate',
      { url: `${base}/desktop/?gadget=${encodeURIComponent(gadget)}` },
      s,
    );
    await until(
      () =>
        evaluate<boolean>(
          cdp,
          s,
          `document.readyState === 'complete' && !!document.querySelector('#user option[value="1001"]')`,
        ),
      'the desktop page',
    );
    await sleep(500);
    const heapBefore = await heapAfterGc(cdp, s);
    const busyBefore = await metric(cdp, s, 'TaskDuration');
    if (process.env.BENCH_PROFILE && kind === 'gadget') {
      await cdp.send('Profiler.enable', {}, s);
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 }, s);
      await cdp.send('Profiler.start', {}, s);
    }
    if (process.env.BENCH_ALLOC) {
      await cdp.send('HeapProfiler.enable', {}, s);
      await cdp.send(
        'HeapProfiler.startSampling',
        {
          samplingInterval: 1024,
          includeObjectsCollectedByMajorGC: true,
          includeObjectsCollectedByMinorGC: true,
        },
        s,
      );
    }
    if (process.env.BENCH_TRACE) {
      await cdp.send(
        'Tracing.start',
        {
          transferMode: 'ReturnAsStream',
          traceConfig: {
            includedCategories: [
              'devtools.timeline',
              'disabled-by-default-devtools.timeline',
              'blink.user_timing',
              'v8',
              'v8.execute',
              'loading',
              ...(process.env.BENCH_TRACE_MORE
                ? ['toplevel', 'mojom', 'ipc', 'toplevel.flow']
                : []),
            ],
          },
        },
        s,
      );
    }
    await evaluate(
      cdp,
      s,
      `document.getElementById('user').value = '1001'; document.getElementById('sign-in-form').requestSubmit(); true`,
    );
    await until(
      () =>
        evaluate<boolean>(
          cdp,
          s,
          `(() => { const w = document.getElementById('gadget-frame')?.contentWindow; return !!w && !!w.__cold && w.__cold.usable !== null; })()`,
        ),
      `the ${kind} usable`,
    ).catch(async (error: unknown) => {
      const shown = await evaluate<string>(
        cdp,
        s,
        `JSON.stringify({ problem: document.getElementById('gadget-problem')?.textContent, observer: !!document.getElementById('gadget-frame')?.contentWindow?.__cold, frame: document.getElementById('gadget-frame')?.contentDocument?.body?.innerHTML.slice(0, 300) })`,
      ).catch(() => '?');
      throw new Error(`${String(error)}; the desktop showed ${shown}`);
    });
    if (process.env.BENCH_ALLOC) {
      const { profile } = await cdp.send<{ profile: unknown }>('HeapProfiler.stopSampling', {}, s);
      writeFileSync(`${process.env.BENCH_ALLOC}.${kind}.json`, JSON.stringify(profile));
    }
    // Settled: what the gadget reads or renders after it is usable counts for busy and heap.
    await sleep(1500);
    if (process.env.BENCH_PROFILE && kind === 'gadget') {
      const { profile } = await cdp.send<{ profile: unknown }>('Profiler.stop', {}, s);
      writeFileSync(process.env.BENCH_PROFILE, JSON.stringify(profile));
    }
    if (process.env.BENCH_TRACE) {
      // For DevTools' Performance panel: prefix.<kind>.<rate>.<n>.json (n counts that kind's runs
      // at that rate, the uncounted first load included as 0).
      const n = (traced.get(`${kind}@${rate}`) ?? -1) + 1;
      traced.set(`${kind}@${rate}`, n);
      writeFileSync(`${process.env.BENCH_TRACE}.${kind}.${rate}.${n}.json`, await endTrace(cdp, s));
    }
    const record = await evaluate<{
      usable: number;
      firstRequest: number | null;
      loaf: { start: number; duration: number; scripts: { url: string; duration: number }[] }[];
      reads: string[];
    }>(
      cdp,
      s,
      `(() => {
        const w = document.getElementById('gadget-frame').contentWindow;
        const requests = w.performance.getEntriesByType('resource')
          .filter((e) => e.name.includes('/finesse/api/')).map((e) => e.startTime);
        const reads = w.performance.getEntriesByType('resource')
          .filter((e) => e.name.includes('/finesse/api/'))
          .map((e) => e.name.split('/finesse/api/')[1] + ' ' + Math.round(e.startTime) + '→' + Math.round(e.responseEnd));
        return { usable: w.__cold.usable, loaf: [...w.__cold.loaf, ...(window.__coldTop || [])], reads,
          firstRequest: requests.length ? Math.min(...requests) : null };
      })()`,
    );
    if (process.env.BENCH_DEBUG) {
      // The reads in the frame's time, and the long frames (the page's time: compare durations).
      console.error(kind, Math.round(record.usable), record.reads.join(', '));
      for (const frame of record.loaf) {
        console.error(
          `  long frame ${Math.round(frame.duration)} ms: ${frame.scripts.map((x) => `${x.url.split('/').pop()} ${Math.round(x.duration)}`).join(', ')}`,
        );
      }
    }
    const busy = (await metric(cdp, s, 'TaskDuration')) - busyBefore;
    const heap = (await heapAfterGc(cdp, s)) - heapBefore;
    const own = (url: string) =>
      kind === 'floor'
        ? url === 'about:srcdoc'
        : kind === 'react' || kind === 'stack'
          ? url.endsWith(`/${kind}-floor.js`)
          : url.includes('/assets/gadget-') && url.includes('/compare/') === (kind === 'compare');
    const ownTask = Math.max(
      0,
      ...record.loaf.flatMap((frame) =>
        frame.scripts.filter((script) => own(script.url)).map((script) => script.duration),
      ),
    );
    return {
      usable: record.usable,
      firstRequest: record.firstRequest ?? NaN,
      ownTask,
      busy: busy * 1000,
      heap,
    };
  } finally {
    stopServing();
    await cdp.send('Target.closeTarget', { targetId }).catch(() => {});
    await cdp.send('Target.disposeBrowserContext', { browserContextId }).catch(() => {});
  }
}

/** Ends the session's trace and reads it back (Tracing.start with transferMode ReturnAsStream). */
async function endTrace(cdp: Cdp, session: string): Promise<string> {
  const complete = new Promise<string>((resolve) => {
    const off = cdp.on('Tracing.tracingComplete', (params, from) => {
      if (from !== session) return;
      off();
      resolve(String(params.stream));
    });
  });
  await cdp.send('Tracing.end', {}, session);
  const handle = await complete;
  let text = '';
  for (;;) {
    const chunk = await cdp.send<{ data: string; eof: boolean; base64Encoded?: boolean }>(
      'IO.read',
      { handle, size: 1 << 20 },
      session,
    );
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle }, session);
  return text;
}

const worst = (values: number[]) => Math.max(...values);
const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)}` : '–');

async function main() {
  if (COMPARE) cpSync(COMPARE, compareDir, { recursive: true });
  const server = await startPreview(PORT);
  const floor = await serveFloor();
  const floorUrl = `http://127.0.0.1:${(floor.address() as AddressInfo).port}/floor.xml`;
  const results = new Map<string, Run[]>();
  let cdp: Cdp | null = null;
  try {
    cdp = await launchChromium(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
    // A first load of each, not counted: the preview server's own first answers are slow.
    for (const kind of KINDS) await once(cdp, kind, 1, floorUrl);
    for (const rate of RATES) {
      for (let run = 0; run < RUNS; run += 1) {
        // Interleaved, so a busy moment of the machine falls on all; each run in another order,
        // so no kind is always the one that follows another.
        const order = KINDS.map((_, i) => KINDS[(i + run) % KINDS.length]!);
        for (const kind of order) {
          const result = await once(cdp, kind, rate, floorUrl);
          const key = `${kind}@${rate}`;
          results.set(key, [...(results.get(key) ?? []), result]);
          process.stderr.write(
            `${kind} ${rate}× ${run + 1}/${RUNS}: usable ${ms(result.usable)} ms, first request ${ms(result.firstRequest)} ms, own task ${ms(result.ownTask)} ms\n`,
          );
        }
      }
    }
  } finally {
    await cdp?.close();
    floor.close();
    stopPreview(server);
    if (COMPARE) rmSync(compareDir, { recursive: true, force: true });
  }

  // BENCH_JSON=file: every run's figures, to pool batches or to look at the spread.
  if (process.env.BENCH_JSON) {
    writeFileSync(process.env.BENCH_JSON, JSON.stringify(Object.fromEntries(results), null, 1));
  }
  const files = realFiles.finesse
    ? 'with the given jQuery and finesse.js'
    : "with the simulated desktop's jQuery and finesse.js stand-ins (BENCH_FINESSE_JS for Cisco's)";
  console.log(`\nCold start in the simulated desktop, ${RUNS} runs each, ${files}`);
  console.log(`${cpuModel()}, ${os.cpus().length} cores, Node ${process.version}\n`);
  console.log(
    '| CPU | | usable p50 / worst | first request p50 | own task, longest (≥ 50 reported) | busy p50 | heap p50 |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const rate of RATES) {
    const gadget = results.get(`gadget@${rate}`) ?? [];
    const floorRuns = results.get(`floor@${rate}`) ?? [];
    const reactRuns = results.get(`react@${rate}`) ?? [];
    const stackRuns = results.get(`stack@${rate}`) ?? [];
    for (const [name, runs] of [
      ['gadget', gadget],
      ...(COMPARE ? ([['compared', results.get(`compare@${rate}`) ?? []]] as const) : []),
      ['floor', floorRuns],
      ['React floor', reactRuns],
      ['stack floor', stackRuns],
    ] as const) {
      if (runs.length === 0) continue;
      console.log(
        `| ${rate}× | ${name} | ${ms(p50(runs.map((r) => r.usable)))} / ${ms(worst(runs.map((r) => r.usable)))} ms | ${ms(p50(runs.map((r) => r.firstRequest)))} ms | ${ms(worst(runs.map((r) => r.ownTask)))} ms | ${ms(p50(runs.map((r) => r.busy)))} ms | ${(p50(runs.map((r) => r.heap)) / 1e6).toFixed(2)} MB |`,
      );
    }
    // Ratios of the p50s, and the median of the run-by-run ratios: each run measures every kind
    // back to back, so a run's ratio is free of the machine's slower and faster moments.
    const compared = results.get(`compare@${rate}`) ?? [];
    for (const [name, runs, of, base] of [
      ['gadget', gadget, 'floor', floorRuns],
      ...(COMPARE
        ? ([
            ['compared', compared, 'floor', floorRuns],
            ['gadget', gadget, 'compared', compared],
          ] as const)
        : []),
      ['React floor', reactRuns, 'floor', floorRuns],
      ['stack floor', stackRuns, 'floor', floorRuns],
      ['gadget', gadget, 'stack floor', stackRuns],
    ] as const) {
      if (runs.length === 0 || base.length === 0) continue;
      const [ofP50, paired] = ratios(runs, base);
      const [low, high] = bootstrap(runs, base);
      console.log(
        `| ${rate}× | ${name} ÷ ${of} | ${ofP50.toFixed(2)}× (90 % CI ${low[0].toFixed(2)}–${high[0].toFixed(2)}); run by run ${paired.toFixed(2)}× (${low[1].toFixed(2)}–${high[1].toFixed(2)}) | | | | |`,
      );
    }
  }
}

/** The ratio of the p50s, and the median of the run-by-run ratios (run i of each, back to back). */
function ratios(runs: readonly Run[], base: readonly Run[]): [number, number] {
  return [
    p50(runs.map((r) => r.usable)) / p50(base.map((r) => r.usable)),
    p50(runs.map((r, i) => r.usable / (base[i]?.usable ?? NaN))),
  ];
}

/**
 * 90 % bootstrap intervals of both ratios: the runs drawn again with replacement (a run's pair
 * kept together), 2,000 times, with a fixed seed so that a rerun of the same figures prints the
 * same interval. Narrow: the machine's noise is small against the difference; wide: more runs.
 */
function bootstrap(
  runs: readonly Run[],
  base: readonly Run[],
): [[number, number], [number, number]] {
  const n = Math.min(runs.length, base.length);
  let seed = 0x9e3779b9;
  const random = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const draws: [number, number][] = [];
  for (let k = 0; k < 2000; k += 1) {
    const picks = Array.from({ length: n }, () => Math.floor(random() * n));
    draws.push(
      ratios(
        picks.map((i) => runs[i]!),
        picks.map((i) => base[i]!),
      ),
    );
  }
  const at = (which: 0 | 1, q: number) => {
    const sorted = draws.map((d) => d[which]).sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  };
  return [
    [at(0, 0.05), at(1, 0.05)],
    [at(0, 0.95), at(1, 0.95)],
  ];
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
