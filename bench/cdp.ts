// A bare Chrome DevTools Protocol client for benchmarks that must not cost the page: Chromium is
// started by hand with a debugging port, and only the domains a benchmark asks for are used.
// (Playwright enables the Runtime domain on every page, which makes V8 re-parse each script for
// source positions: 100–250 ms for a 330 KB bundle at a 4–6× throttled CPU.)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';

type Params = Record<string, unknown>;
interface Message {
  id?: number;
  method?: string;
  params?: Params;
  result?: Params;
  error?: { message: string };
  sessionId?: string;
}

export interface Cdp {
  send<T = Params>(method: string, params?: Params, sessionId?: string): Promise<T>;
  /** Calls `listener` for each event `method` (on `sessionId`, when given); returns a remover. */
  on(method: string, listener: (params: Params, sessionId?: string) => void): () => void;
  close(): Promise<void>;
}

export async function launchChromium(executable: string): Promise<Cdp> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'bench-cdp-'));
  const child: ChildProcess = spawn(
    executable,
    [
      '--headless=new',
      // As Playwright does: Chromium refuses to run as root with its sandbox.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-extensions',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--mute-audio',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${seen}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}): ${seen}`)));
  });
  const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });

  let nextId = 1;
  const pending = new Map<number, { resolve(v: Params): void; reject(e: Error): void }>();
  const listeners = new Map<string, Set<(params: Params, sessionId?: string) => void>>();
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as Message;
    if (message.id !== undefined) {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error.message));
      else waiter?.resolve(message.result ?? {});
    } else if (message.method) {
      for (const listener of listeners.get(message.method) ?? []) {
        listener(message.params ?? {}, message.sessionId);
      }
    }
  });

  return {
    send<T>(method: string, params: Params = {}, sessionId?: string): Promise<T> {
      const id = nextId++;
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
      return new Promise<T>((resolve, reject) =>
        pending.set(id, { resolve: (v) => resolve(v as T), reject }),
      );
    },
    on(method, listener) {
      let set = listeners.get(method);
      if (!set) listeners.set(method, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    async close() {
      socket.close();
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
