// Test helpers for the simulator's own tests: real HTTP to a loopback sim, small XML readers.
import { request } from 'node:http';
import { afterEach, beforeEach, expect } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { startSim } from '../server.ts';
import type { Simulator } from '../simulator.ts';

export interface Running {
  url: string;
  sim: Simulator;
  close(): Promise<void>;
}

/** A fresh simulator per test (UCCX, 40 ms apply delay unless told otherwise). */
export function setupSim(options: Parameters<typeof startSim>[0] = {}): () => Running {
  let running: Running | undefined;
  beforeEach(async () => {
    running = await startSim({ port: 0, applyDelayMs: 40, ...options });
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  return () => {
    if (!running) throw new Error('sim not started');
    return running;
  };
}

/**
 * One HTTP exchange over loopback with any headers (Host and Origin included, which fetch would
 * not send as given) and the body as sent (fetch would decompress it): as bytes and as text.
 */
export function rawHttp(
  url: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path,
        method: options.method ?? 'GET',
        headers: { Connection: 'close', ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: body.toString('utf8'),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export const basic = (id: string, password = 'demo'): string =>
  `Basic ${Buffer.from(`${id}:${password}`).toString('base64')}`;

export interface CallOptions {
  as?: string;
  auth?: string | null;
  method?: string;
  body?: string;
  requestId?: string;
  signal?: AbortSignal;
}

export async function call(running: Running, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = {};
  const auth = options.auth === undefined ? basic(options.as ?? '1001') : options.auth;
  if (auth !== null) headers.Authorization = auth;
  if (options.body !== undefined) headers['Content-Type'] = 'application/xml';
  if (options.requestId !== undefined) headers.requestId = options.requestId;
  const response = await fetch(running.url + path, {
    method: options.method ?? 'GET',
    headers,
    body: options.body,
    signal: options.signal,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** PUT /finesse/api/User/{id} with `<User>…</User>` built from the given fields. */
export function putState(
  running: Running,
  userId: string,
  as: string,
  fields: { state?: string; reasonCodeId?: string | number; extension?: string },
  requestId?: string,
) {
  const body =
    '<User>' +
    (fields.state !== undefined ? `<state>${fields.state}</state>` : '') +
    (fields.reasonCodeId !== undefined
      ? `<reasonCodeId>${fields.reasonCodeId}</reasonCodeId>`
      : '') +
    (fields.extension !== undefined ? `<extension>${fields.extension}</extension>` : '') +
    '</User>';
  return call(running, `/finesse/api/User/${userId}`, {
    as,
    method: 'PUT',
    body,
    ...(requestId !== undefined ? { requestId } : {}),
  });
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name, jpath) =>
    ['ReasonCode', 'ApiError', 'apiError', 'role'].includes(name) ||
    String(jpath).endsWith('teams.Team') ||
    String(jpath).endsWith('users.User'),
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test-only convenience reader
export const parse = (xml: string): any => parser.parse(xml);

export function apiErrors(xml: string): { type: string; data: string; message: string }[] {
  const doc = parse(xml);
  return (doc.ApiErrors.ApiError as Record<string, string>[]).map((e) => ({
    type: e.ErrorType ?? '',
    data: e.ErrorData ?? '',
    message: e.ErrorMessage ?? '',
  }));
}

export async function getUser(running: Running, id: string, as = id) {
  const response = await call(running, `/finesse/api/User/${id}`, { as });
  if (response.status !== 200) throw new Error(`GET User ${id}: ${response.status}`);
  return parse(response.text).User as Record<string, unknown> & {
    state: string;
    reasonCodeId: string;
    pendingState: string;
    stateChangeTime: string;
    ReasonCode?: { id: string; code: string; label: string; systemCode: string }[];
  };
}

/** POSTs (or `method`) to a control endpoint without credentials; anything but 200 fails the test. */
export function controlOf(running: () => Running) {
  return async (path: string, body?: unknown, method = 'POST') => {
    const response = await call(running(), path, {
      method,
      auth: null,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.status, `${method} ${path}: ${response.text}`).toBe(200);
    return JSON.parse(response.text) as Record<string, unknown>;
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, ms = 2000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('waitFor timed out');
    await sleep(10);
  }
}

/** Collects every Update published on a node. */
export function collect(sim: Simulator, node: string): string[] {
  const updates: string[] = [];
  sim.subscribe(node, (xml) => updates.push(xml));
  return updates;
}
