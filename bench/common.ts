// What both Chromium benchmarks share: `vite preview` of dist/ with the simulator, started and
// stopped as a process group, and the machine's CPU for the report.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Stops the whole npx → vite tree (its own process group); nothing if it is already gone. */
export function stopPreview(child: ChildProcess | null): void {
  try {
    if (child?.pid) process.kill(-child.pid);
  } catch {
    // already gone
  }
}

/** `vite preview` of the built dist/ on `port`, once the simulator answers /sim/health. */
export async function startPreview(port: number): Promise<ChildProcess> {
  // A server already on that port (left running by an earlier run, serving older code) would
  // answer for the one started here: refuse rather than measure it.
  const taken = await fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`port ${port} is taken (a server left running by an earlier run?)`);
  const server = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    // Its own process group, so the whole npx → vite tree can be stopped at the end.
    { stdio: ['ignore', 'ignore', 'inherit'], detached: true },
  );
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/sim/health`)).ok) return server;
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  stopPreview(server);
  throw new Error('vite preview did not answer /sim/health within 30 s (was `npm run build` run?)');
}

export function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // not Linux
  }
  return os.cpus()[0]?.model ?? 'unknown CPU';
}

/** The middle run (the lower of the two middle ones for an even count); NaN for none. */
export function p50(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}
