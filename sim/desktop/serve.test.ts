// The desktop middleware's serving of an uploaded folder, over a real HTTP server on loopback.
import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawHttp } from '../test/helpers.ts';
import { desktopMiddleware } from './serve.ts';

let outside = '';
let root = '';
let server: http.Server;
let base = '';

beforeAll(async () => {
  outside = mkdtempSync(join(tmpdir(), 'upload-'));
  writeFileSync(join(outside, 'secret.js'), 'outside the folder');
  root = join(outside, 'dist');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'assets', 'gadget.js'), 'console.log("first");');
  writeFileSync(join(root, 'gadget.xml'), '<Module/>');
  const middleware = desktopMiddleware({ builtRoot: root });
  server = http.createServer((req, res) =>
    middleware(req, res, () => {
      // What Vite's own static serving would get: the path inside the upload.
      res.writeHead(404, { 'X-Next': req.url ?? '' });
      res.end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(outside, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) =>
  rawHttp(base, path, { headers });

const gzipOk = { 'Accept-Encoding': 'gzip, deflate, br' };

describe('an uploaded folder, built', () => {
  it('serves its scripts compressed, from whatever folder name, and compressed again once rebuilt', async () => {
    const first = await get('/3rdpartygadget/files/agent-state/assets/gadget.js', gzipOk);
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers['content-type']).toMatch(/^text\/javascript/);
    expect(first.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(first.body).toString()).toBe('console.log("first");');
    const other = await get('/3rdpartygadget/files/another/assets/gadget.js', gzipOk);
    expect(gunzipSync(other.body).toString()).toBe('console.log("first");');

    const file = join(root, 'assets', 'gadget.js');
    writeFileSync(file, 'console.log("second, longer");');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const rebuilt = await get('/3rdpartygadget/files/agent-state/assets/gadget.js', gzipOk);
    expect(gunzipSync(rebuilt.body).toString()).toBe('console.log("second, longer");');
  });

  it('leaves to the static server what it does not serve compressed, the path made the upload’s', async () => {
    const plain = await get('/3rdpartygadget/files/agent-state/assets/gadget.js');
    expect(plain.status).toBe(404);
    expect(plain.headers['x-next']).toBe('/assets/gadget.js');
    const spec = await get('/3rdpartygadget/files/agent-state/gadget.xml?v=1', gzipOk);
    expect(spec.headers['x-next']).toBe('/gadget.xml?v=1');
    const missing = await get('/3rdpartygadget/files/agent-state/assets/none.js', gzipOk);
    expect(missing.headers['x-next']).toBe('/assets/none.js');
  });

  it('never serves a file outside the folder', async () => {
    for (const path of ['..%2fsecret.js', '%2e%2e/secret.js', 'assets/..%2f..%2fsecret.js']) {
      const answer = await get(`/3rdpartygadget/files/agent-state/${path}`, gzipOk);
      expect(answer.status, path).toBe(404);
      expect(answer.headers['content-encoding'], path).toBeUndefined();
    }
    // The same request shape inside the folder is served.
    const inside = await get('/3rdpartygadget/files/agent-state/assets%2fgadget.js', gzipOk);
    expect(inside.headers['content-encoding']).toBe('gzip');
  });
});
