// @vitest-environment node
// The Notification Service mounted by the Vite plugin: dev server (next to Vite's HMR socket)
// and preview server, on the page's own origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { get } from 'node:http';
import WebSocket from 'ws';
import { createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';
import { finesseSim } from '../vite-plugin.ts';
import { Client, DOMAIN, field, upgradeStatus, wsUrl } from './testClient.ts';

let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'sim-xmpp-vite-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const baseUrl = (server: ViteDevServer | PreviewServer) => {
  const address = server.httpServer?.address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
};

/** Signs in, changes the user's state through the mounted control API, sees the event. */
async function roundTrip(url: string) {
  const client = await new Client(wsUrl(url)).connect(`1001@${DOMAIN}/vite`, 'demo');
  try {
    const response = await fetch(`${url}/sim/users/1001/state`, {
      method: 'POST',
      body: JSON.stringify({ state: 'READY' }),
    });
    expect(response.status).toBe(200);
    const event = await client.untilEvent(
      (e) => e.node === '/finesse/api/User/1001' && field(e.update, 'state') === 'READY',
      'event through the Vite server',
    );
    expect(event.update.localName).toBe('Update');
  } finally {
    await client.disconnect();
  }
}

/** A GET sent to 127.0.0.1 with another Host header, as a browser at `localhost` sends it. */
function getAs(url: string, host: string): Promise<{ status: number; location?: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    get(
      {
        host: '127.0.0.1',
        port: target.port,
        path: target.pathname + target.search,
        headers: { Host: host },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, location: res.headers.location }),
        );
      },
    ).on('error', reject);
  });
}

/** The plugin's SSO: 120 s tokens, and the IdS on the other origin reachable through Vite. */
async function ssoThroughVite(url: string) {
  const state = (await (await fetch(`${url}/sim/sso`)).json()) as { tokenLifetimeS: number };
  expect(state.tokenLifetimeS).toBe(120);
  const port = new URL(url).port;
  const start = await getAs(`${url}/desktop/sso/token?cc_username=1001`, `127.0.0.1:${port}`);
  expect(start.status).toBe(302);
  const ids = new URL(start.location ?? '');
  expect(ids.host).toBe(`localhost:${port}`);
  // Vite's host check lets `localhost` through to the simulated IdS.
  const idp = await getAs(ids.toString(), ids.host);
  expect(idp).toMatchObject({ status: 302, location: expect.stringMatching(/^\/idp\/login\?/) });
}

const common = {
  configFile: false as const,
  logLevel: 'silent' as const,
  plugins: [finesseSim()],
};

describe('Vite dev server', () => {
  it('serves XMPP at /ws/ and leaves the HMR upgrade to Vite', async () => {
    const server = await createServer({
      ...common,
      root,
      server: { host: '127.0.0.1', port: 0 },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    await server.listen();
    try {
      const url = baseUrl(server);
      await roundTrip(url);
      await ssoThroughVite(url);
      // Vite's own socket still upgrades (path "/", subprotocol vite-hmr) and greets.
      const hmr = new WebSocket(url.replace(/^http/, 'ws') + '/', ['vite-hmr']);
      const greeting = await new Promise<string>((resolve, reject) => {
        hmr.once('message', (data: Buffer) => resolve(data.toString('utf8')));
        hmr.once('error', reject);
      });
      expect(JSON.parse(greeting)).toMatchObject({ type: 'connected' });
      hmr.terminate();
    } finally {
      await server.close();
    }
  });
});

/** Node B's URL from `/sim/nodes`, once it listens (it starts after node A). */
async function nodeB(url: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { nodes } = (await (await fetch(`${url}/sim/nodes`)).json()) as {
      nodes: { name: string; url: string | null }[];
    };
    const b = nodes.find((n) => n.name === 'b')?.url;
    if (b) return b;
    if (Date.now() > deadline) throw new Error('node B never listened');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('Vite dev server, node B of the pair', () => {
  it("serves the page, Vite's HMR socket, SystemInfo and its own XMPP", async () => {
    const server = await createServer({
      ...common,
      root,
      server: { host: '127.0.0.1', port: 0 },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    await server.listen();
    try {
      const url = baseUrl(server);
      const urlB = await nodeB(url);
      expect(urlB).not.toBe(url);
      // The page and Vite's client, through node B to node A.
      const page = await fetch(`${urlB}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('/@vite/client');
      expect((await fetch(`${urlB}/@vite/client`)).status).toBe(200);
      // Node B's SystemInfo names both nodes.
      const info = await (await fetch(`${urlB}/finesse/api/SystemInfo`)).text();
      expect(info).toContain(`<secondaryNode><host>127.0.0.1:${new URL(urlB).port}</host>`);
      expect(info).toContain('<xmppDomain>finesse-b.sim.example</xmppDomain>');
      // Vite's HMR socket, upgraded through node B.
      const hmr = new WebSocket(urlB.replace(/^http/, 'ws') + '/', ['vite-hmr']);
      const greeting = await new Promise<string>((resolve, reject) => {
        hmr.once('message', (data: Buffer) => resolve(data.toString('utf8')));
        hmr.once('error', reject);
      });
      expect(JSON.parse(greeting)).toMatchObject({ type: 'connected' });
      hmr.terminate();
      // Node B's own Notification Service.
      const client = await new Client(wsUrl(urlB), 'finesse-b.sim.example').connect(
        '1001@finesse-b.sim.example/vite',
        'demo',
      );
      await client.disconnect();
    } finally {
      await server.close();
    }
  });
});

describe('Vite preview server', () => {
  it('serves XMPP at /ws/ on the preview origin', async () => {
    const server = await preview({
      ...common,
      root,
      build: { outDir: root },
      preview: { host: '127.0.0.1', port: 0 },
    });
    try {
      const url = baseUrl(server);
      expect(await upgradeStatus(url, '/ws')).toEqual({ status: 101, protocol: 'xmpp' });
      await roundTrip(url);
      await ssoThroughVite(url);
    } finally {
      await server.close();
    }
  });
});
