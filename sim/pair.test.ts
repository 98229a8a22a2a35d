// The pair: two real nodes on loopback sharing one simulator; each node's faults through the
// control API, seen over HTTP and XMPP (failover.md "How a client learns of a failure").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { $pres } from 'strophe.js';
import { startSim, type RunningSim } from './server.ts';
import { CTI_LOST_REASON } from './pair.ts';
import { basic, parse, rawHttp as http } from './test/helpers.ts';
import { Client, field, upgradeStatus, wsUrl } from './xmpp/testClient.ts';

const DOMAIN_A = 'finesse-a.sim.example';
const DOMAIN_B = 'finesse-b.sim.example';

let pair: RunningSim;
let urlB: string;
const open: Client[] = [];

beforeEach(async () => {
  pair = await startSim({ pair: true, port: 0, applyDelayMs: 40 });
  urlB = pair.urlB ?? '';
});
afterEach(async () => {
  await Promise.all(
    open
      .splice(0)
      .map((c) => (c.has('CONNECTED') && !c.has('DISCONNECTED') ? c.disconnect() : null)),
  );
  await pair.close();
});

const portOf = (url: string) => Number(new URL(url).port);

const as1001 = { Authorization: basic('1001') };

async function control(url: string, path: string, body?: unknown) {
  const response = await fetch(url + path, {
    method: body === undefined ? 'GET' : 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const setNode = (url: string, name: string, patch: Record<string, unknown>) =>
  control(url, `/sim/nodes/${name}`, patch);

/** A connected XMPP client of user 1001 on a node; `presence`: sends initial presence. */
async function connect(url: string, domain: string, presence = false): Promise<Client> {
  const client = new Client(wsUrl(url), domain);
  open.push(client);
  await client.connect(`1001@${domain}/gadget`, 'demo');
  if (presence) client.conn.send($pres());
  return client;
}

const systemInfoEvents = (c: Client) =>
  c.events.filter((e) => e.node === '/finesse/api/SystemInfo');

const finessePresences = (c: Client, domain: string) =>
  c.presences.filter((p) => p.getAttribute('from') === `finesse@${domain}/finesse`);

/**
 * A User Update on every client: proves that anything published before it (on the same
 * socket, in order) has arrived, so an absence can be asserted without waiting for a time.
 */
async function roundTrip(clients: Client[], state: 'READY' | 'NOT_READY') {
  const marks = clients.map((c) => c.events.length);
  const answer = await fetch(`${pair.url}/sim/users/1001/state`, {
    method: 'POST',
    body: JSON.stringify({ state }),
  });
  expect(answer.status).toBe(200);
  await Promise.all(
    clients.map((c, i) =>
      c.untilEvent(
        (e) => e.node === '/finesse/api/User/1001' && field(e.update, 'state') === state,
        `User 1001 ${state}`,
        marks[i],
      ),
    ),
  );
}

describe('two nodes, one simulator', () => {
  it('GET /sim/nodes on either node lists both, healthy, with their loopback URLs', async () => {
    const expected = {
      nodes: [
        {
          name: 'a',
          url: `http://127.0.0.1:${portOf(pair.url)}`,
          status: 'IN_SERVICE',
          statusReason: '',
          tomcat: 'up',
          notification: 'up',
          reachable: true,
        },
        {
          name: 'b',
          url: `http://127.0.0.1:${portOf(urlB)}`,
          status: 'IN_SERVICE',
          statusReason: '',
          tomcat: 'up',
          notification: 'up',
          reachable: true,
        },
      ],
      finessePresence: true,
      cors: false,
    };
    expect(await control(pair.url, '/sim/nodes')).toEqual({ status: 200, json: expected });
    expect(await control(urlB, '/sim/nodes')).toEqual({ status: 200, json: expected });
    expect(portOf(urlB)).not.toBe(portOf(pair.url));
  });

  it('shares users: a change through node A is read on node B, and published on both', async () => {
    const a = await connect(pair.url, DOMAIN_A);
    const b = await connect(urlB, DOMAIN_B);
    await roundTrip([a, b], 'READY');
    const user = await http(urlB, '/finesse/api/User/1001', { headers: as1001 });
    expect(user.status).toBe(200);
    expect(parse(user.text).User.state).toBe('READY');
    const log = (await (await fetch(`${urlB}/sim/requests`)).json()) as { node: string }[];
    expect(log.at(-1)).toMatchObject({ node: 'b', path: '/finesse/api/User/1001', status: 200 });
  });

  it('node B passes other paths and upgrades to node A', async () => {
    // Node A's own answer for a path nothing serves (startSim has no page): through B.
    const viaB = await http(urlB, '/nothing/here');
    const onA = await http(pair.url, '/nothing/here');
    expect(viaB).toMatchObject({ status: 404, text: onA.text });
    expect(JSON.parse(viaB.text)).toEqual({ error: 'nothing at /nothing/here' });
    // A WebSocket upgrade on another path reaches node A (which refuses it: no HMR there).
    expect(await upgradeStatus(urlB, '/other-socket')).toEqual({ status: 404 });
    // Node B's own XMPP at /ws/.
    expect(await upgradeStatus(urlB, '/ws/')).toEqual({ status: 101, protocol: 'xmpp' });
  });

  it('the in-process API: sim.nodes.set changes what the node answers', async () => {
    expect(pair.sim.nodes.set('b', { status: 'SOMETIMES' })).toMatch(/status must be one of/);
    const record = pair.sim.nodes.set('b', { status: 'OUT_OF_SERVICE', statusReason: 'x' });
    expect(record).toMatchObject({ name: 'b', status: 'OUT_OF_SERVICE', statusReason: 'x' });
    expect((await http(urlB, '/finesse/api/User/1001', { headers: as1001 })).status).toBe(503);
    expect((await http(pair.url, '/finesse/api/User/1001', { headers: as1001 })).status).toBe(200);
    expect(pair.sim.nodes.get('b')?.status).toBe('OUT_OF_SERVICE');
  });
});

describe('SystemInfo per node', () => {
  it("names both nodes on the request's hostname, with each node's own status and domain", async () => {
    const [pa, pb] = [portOf(pair.url), portOf(urlB)];
    for (const [url, domain] of [
      [pair.url, DOMAIN_A],
      [urlB, DOMAIN_B],
    ] as const) {
      for (const host of ['127.0.0.1', 'localhost']) {
        const answer = await http(url, '/finesse/api/SystemInfo', {
          headers: { Host: `${host}:${portOf(url)}` },
        });
        expect(answer.status).toBe(200);
        const info = parse(answer.text).SystemInfo;
        expect(info).toMatchObject({
          status: 'IN_SERVICE',
          primaryNode: { host: `${host}:${pa}` },
          secondaryNode: { host: `${host}:${pb}` },
          xmppDomain: domain,
          xmppPubSubDomain: `pubsub.${domain}`,
        });
        expect(info).not.toHaveProperty('statusReason');
      }
    }
  });

  it('keeps the element order Finesse writes', async () => {
    const text = (await http(urlB, '/finesse/api/SystemInfo')).text;
    const order = [
      'currentTimestamp',
      'deploymentType',
      'installationType',
      'primaryNode',
      'secondaryNode',
      'status',
      'systemAuthMode',
      'timezoneOffset',
      'uri',
      'xmppDomain',
      'xmppPubSubDomain',
    ].map((name) => text.indexOf(`<${name}>`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });
});

describe('control API', () => {
  it('POST /sim/nodes/:name answers the new record; bad input 400, unknown node 404', async () => {
    expect(await setNode(urlB, 'a', { tomcat: 'down' })).toEqual({
      status: 200,
      json: {
        name: 'a',
        url: `http://127.0.0.1:${portOf(pair.url)}`,
        status: 'IN_SERVICE',
        statusReason: '',
        tomcat: 'down',
        notification: 'up',
        reachable: true,
      },
    });
    for (const patch of [
      { status: 'DOWN' },
      { tomcat: 'sideways' },
      { notification: true },
      { reachable: 'no' },
      { statusReason: 3 },
      { colour: 'red' },
    ]) {
      const answer = await setNode(pair.url, 'b', patch);
      expect(answer.status).toBe(400);
      expect(answer.json.error).toEqual(expect.any(String));
    }
    expect((await setNode(pair.url, 'c', { tomcat: 'down' })).status).toBe(404);
    expect((await control(pair.url, '/sim/pair', { cors: 'yes' })).status).toBe(400);
    expect(await control(urlB, '/sim/pair', { cors: true, finessePresence: false })).toEqual({
      status: 200,
      json: { cors: true, finessePresence: false },
    });
  });

  it('POST /sim/reset on either node restores both nodes and the switches', async () => {
    await setNode(pair.url, 'a', { status: 'OUT_OF_SERVICE', statusReason: CTI_LOST_REASON });
    await setNode(pair.url, 'b', { tomcat: 'down', notification: 'down', reachable: false });
    await control(pair.url, '/sim/pair', { cors: true, finessePresence: false });
    const b = await connect(pair.url, DOMAIN_A);
    expect((await control(urlB, '/sim/reset', {})).status).toBe(200);
    const { json } = await control(pair.url, '/sim/nodes');
    expect(json).toMatchObject({ finessePresence: true, cors: false });
    for (const node of json.nodes as Record<string, unknown>[]) {
      expect(node).toMatchObject({
        status: 'IN_SERVICE',
        statusReason: '',
        tomcat: 'up',
        notification: 'up',
        reachable: true,
      });
    }
    // Node A's session was not cut by the reset, and heard A back in service.
    const update = await b.untilEvent(
      (e) => e.node === '/finesse/api/SystemInfo' && field(e.update, 'status') === 'IN_SERVICE',
      'SystemInfo IN_SERVICE',
    );
    expect(update.update.localName).toBe('Update');
    expect(b.has('DISCONNECTED')).toBe(false);
    expect((await http(urlB, '/finesse/api/SystemInfo')).status).toBe(200);
  });
});

describe('status not IN_SERVICE (CTI lost, partial)', () => {
  it('CTI lost on B: 503 SERVER_OUT_OF_SERVICE there, SystemInfo 200 with the status', async () => {
    await setNode(pair.url, 'b', { status: 'OUT_OF_SERVICE', statusReason: CTI_LOST_REASON });
    const refused = await http(urlB, '/finesse/api/User/1001', { headers: as1001 });
    expect(refused.status).toBe(503);
    expect(parse(refused.text).ApiErrors.ApiError).toEqual([
      { ErrorType: 'Service Unavailable', ErrorData: '', ErrorMessage: 'SERVER_OUT_OF_SERVICE' },
    ]);
    const put = await http(urlB, '/finesse/api/User/1001', {
      method: 'PUT',
      headers: { ...as1001, 'Content-Type': 'application/xml' },
      body: '<User><state>READY</state></User>',
    });
    expect(put.status).toBe(503);
    const info = await http(urlB, '/finesse/api/SystemInfo');
    expect(info.status).toBe(200);
    expect(parse(info.text).SystemInfo).toMatchObject({
      status: 'OUT_OF_SERVICE',
      statusReason: CTI_LOST_REASON,
    });
    // Node A is unaffected.
    expect((await http(pair.url, '/finesse/api/User/1001', { headers: as1001 })).status).toBe(200);
    expect(parse((await http(pair.url, '/finesse/api/SystemInfo')).text).SystemInfo.status).toBe(
      'IN_SERVICE',
    );
  });

  it('partial service answers 503 too', async () => {
    await setNode(pair.url, 'a', { status: 'PARTIAL_SERVICE' });
    const refused = await http(pair.url, '/finesse/api/Team/10', { headers: as1001 });
    expect(refused.status).toBe(503);
    expect(refused.text).toContain('SERVER_OUT_OF_SERVICE');
    const info = parse((await http(pair.url, '/finesse/api/SystemInfo')).text).SystemInfo;
    expect(info.status).toBe('PARTIAL_SERVICE');
    expect(info.statusReason).toBe('');
  });

  it("publishes SystemInfo Updates to that node's sessions only, at each change", async () => {
    const a = await connect(pair.url, DOMAIN_A);
    const b = await connect(urlB, DOMAIN_B);
    // Subscribed already; an explicit subscription is accepted and doubles nothing.
    expect((await b.subscribe('/finesse/api/SystemInfo')).getAttribute('type')).toBe('result');
    await setNode(pair.url, 'b', { status: 'OUT_OF_SERVICE', statusReason: CTI_LOST_REASON });
    const out = await b.untilEvent(
      (e) => e.node === '/finesse/api/SystemInfo' && field(e.update, 'status') === 'OUT_OF_SERVICE',
      'SystemInfo OUT_OF_SERVICE',
    );
    expect(field(out.update, 'event')).toBe('PUT');
    expect(field(out.update, 'requestId')).toBe('');
    expect(field(out.update, 'source')).toBe('/finesse/api/SystemInfo');
    expect(field(out.update, 'statusReason')).toBe(CTI_LOST_REASON);
    expect(field(out.update, 'xmppDomain')).toBe(DOMAIN_B);
    const data = out.update.getElementsByTagName('data')[0];
    expect(data?.getElementsByTagName('SystemInfo')).toHaveLength(1);
    expect(field(out.update, 'host')).toBe(`127.0.0.1:${portOf(pair.url)}`);

    await setNode(urlB, 'b', { status: 'IN_SERVICE' });
    const back = await b.untilEvent(
      (e) => e.node === '/finesse/api/SystemInfo' && field(e.update, 'status') === 'IN_SERVICE',
      'SystemInfo IN_SERVICE',
    );
    expect(back.update.getElementsByTagName('statusReason')).toHaveLength(0);
    await roundTrip([a, b], 'READY');
    expect(systemInfoEvents(a)).toEqual([]);
    expect(systemInfoEvents(b)).toHaveLength(2);
  });

  it("relays a node's SystemInfo Updates on its /sim/notifications stream", async () => {
    const controller = new AbortController();
    const stream = await fetch(`${urlB}/sim/notifications?node=/finesse/api/SystemInfo`, {
      signal: controller.signal,
    });
    const reader = stream.body?.getReader();
    if (!reader) throw new Error('no body');
    await reader.read(); // the subscribed comment
    await setNode(pair.url, 'a', { status: 'OUT_OF_SERVICE' });
    await setNode(pair.url, 'b', { status: 'PARTIAL_SERVICE' });
    let received = '';
    while (!received.includes('</Update>')) {
      const { value } = await reader.read();
      received += new TextDecoder().decode(value);
    }
    expect(received).toContain('<status>PARTIAL_SERVICE</status>');
    expect(received).toContain(`<xmppDomain>${DOMAIN_B}</xmppDomain>`);
    expect(received).not.toContain('OUT_OF_SERVICE');
    controller.abort();
  });
});

describe('Tomcat down', () => {
  it('answers /finesse/api and /desktop/sso with an HTML 503 on that node; XMPP stays', async () => {
    await setNode(pair.url, 'a', { tomcat: 'down' });
    for (const path of ['/finesse/api/SystemInfo', '/finesse/api/User/1001']) {
      const answer = await http(pair.url, path, { headers: as1001 });
      expect(answer.status).toBe(503);
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
      expect(answer.text).toContain('Service Unavailable');
    }
    const sso = await http(pair.url, '/desktop/sso/token?cc_username=1001');
    expect(sso.status).toBe(503);
    expect(sso.headers['content-type']).toMatch(/^text\/html/);
    expect((await http(urlB, '/finesse/api/SystemInfo')).status).toBe(200);
    expect(await upgradeStatus(pair.url, '/ws/')).toEqual({ status: 101, protocol: 'xmpp' });
  });

  it("changes the finesse user's presence on that node's sessions", async () => {
    const a = await connect(pair.url, DOMAIN_A, true);
    const b = await connect(urlB, DOMAIN_B, true);
    // After initial presence: the current one (available), as a roster contact's.
    const first = await a.until(() => finessePresences(a, DOMAIN_A)[0], 'finesse presence');
    expect(first.getAttribute('type')).toBeNull();
    await b.until(() => finessePresences(b, DOMAIN_B)[0], 'finesse presence on B');

    await setNode(urlB, 'a', { tomcat: 'down' });
    const down = await a.until(() => finessePresences(a, DOMAIN_A)[1], 'finesse unavailable');
    expect(down.getAttribute('type')).toBe('unavailable');
    expect(down.getAttribute('to')).toBe(a.jid);
    await setNode(urlB, 'a', { tomcat: 'up' });
    const up = await a.until(() => finessePresences(a, DOMAIN_A)[2], 'finesse available');
    expect(up.getAttribute('type')).toBeNull();
    await roundTrip([a, b], 'READY');
    expect(finessePresences(b, DOMAIN_B)).toHaveLength(1);
    expect(a.has('DISCONNECTED')).toBe(false);
  });

  it('sends no finesse presence at all with finessePresence off', async () => {
    await control(pair.url, '/sim/pair', { finessePresence: false });
    const a = await connect(pair.url, DOMAIN_A, true);
    // Its own presence comes back (RFC 6121): then the server has handled the initial presence.
    await a.until(() => a.presences.find((p) => p.getAttribute('from') === a.jid), 'own presence');
    await setNode(pair.url, 'a', { tomcat: 'down' });
    await roundTrip([a], 'READY');
    expect(finessePresences(a, DOMAIN_A)).toEqual([]);
  });
});

describe('Notification Service down', () => {
  it("cuts and refuses that node's XMPP; REST unaffected", async () => {
    const a = await connect(pair.url, DOMAIN_A);
    const b = await connect(urlB, DOMAIN_B);
    await setNode(pair.url, 'b', { notification: 'down' });
    await b.untilStatus('DISCONNECTED');
    expect(await upgradeStatus(urlB, '/ws/')).toEqual({ status: 503 });
    expect(await upgradeStatus(pair.url, '/ws/')).toEqual({ status: 101, protocol: 'xmpp' });
    expect((await http(urlB, '/finesse/api/User/1001', { headers: as1001 })).status).toBe(200);
    expect(a.has('DISCONNECTED')).toBe(false);
    await setNode(pair.url, 'b', { notification: 'up' });
    expect(await upgradeStatus(urlB, '/ws/')).toEqual({ status: 101, protocol: 'xmpp' });
  });
});

describe('node down (unreachable)', () => {
  it('cuts every socket but /sim/*; back up, it answers again', async () => {
    const b = await connect(urlB, DOMAIN_B);
    await setNode(pair.url, 'b', { reachable: false });
    await b.untilStatus('DISCONNECTED');
    await expect(http(urlB, '/finesse/api/SystemInfo')).rejects.toThrow();
    await expect(http(urlB, '/desktop/sso/token?cc_username=1001')).rejects.toThrow();
    await expect(http(urlB, '/anything-proxied')).rejects.toThrow();
    await expect(upgradeStatus(urlB, '/ws/')).rejects.toThrow();
    // The control plane is not Finesse: it still answers on the down node.
    const nodes = await control(urlB, '/sim/nodes');
    expect(nodes.status).toBe(200);
    expect((nodes.json.nodes as { reachable: boolean }[])[1]?.reachable).toBe(false);
    expect((await http(pair.url, '/finesse/api/SystemInfo')).status).toBe(200);

    await setNode(urlB, 'b', { reachable: true });
    expect((await http(urlB, '/finesse/api/SystemInfo')).status).toBe(200);
    expect(await upgradeStatus(urlB, '/ws/')).toEqual({ status: 101, protocol: 'xmpp' });
  });

  it("node A down: node B still serves the page's files it passes to node A", async () => {
    await setNode(pair.url, 'a', { reachable: false });
    await expect(http(pair.url, '/nothing/here')).rejects.toThrow();
    expect((await http(urlB, '/nothing/here')).status).toBe(404);
  });
});

describe('CORS on SystemInfo', () => {
  const originOf = (url: string, host = '127.0.0.1') => `http://${host}:${portOf(url)}`;

  it('off (the default): no CORS headers', async () => {
    const answer = await http(pair.url, '/finesse/api/SystemInfo', {
      headers: { Origin: originOf(urlB) },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await http(pair.url, '/finesse/api/SystemInfo', {
      method: 'OPTIONS',
      headers: { Origin: originOf(urlB), 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it("on: each node lets the other node's origin read its SystemInfo, and only that", async () => {
    await control(pair.url, '/sim/pair', { cors: true });
    for (const [url, other] of [
      [pair.url, urlB],
      [urlB, pair.url],
    ] as const) {
      for (const host of ['127.0.0.1', 'localhost']) {
        const origin = originOf(other, host);
        const answer = await http(url, '/finesse/api/SystemInfo', { headers: { Origin: origin } });
        expect(answer.status).toBe(200);
        expect(answer.headers['access-control-allow-origin']).toBe(origin);
        expect(answer.headers.vary).toBe('Origin');
        const preflight = await http(url, '/finesse/api/SystemInfo', {
          method: 'OPTIONS',
          headers: {
            Origin: origin,
            'Access-Control-Request-Method': 'GET',
            'Access-Control-Request-Headers': 'authorization',
          },
        });
        expect(preflight.status).toBe(204);
        expect(preflight.headers).toMatchObject({
          'access-control-allow-origin': origin,
          'access-control-allow-methods': 'GET',
          'access-control-allow-headers': 'authorization',
          vary: 'Origin',
        });
      }
    }
    // Not for another origin, nor for another resource.
    const stranger = await http(pair.url, '/finesse/api/SystemInfo', {
      headers: { Origin: 'http://example.com:8080' },
    });
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
    const user = await http(pair.url, '/finesse/api/User/1001', {
      headers: { ...as1001, Origin: originOf(urlB) },
    });
    expect(user.headers['access-control-allow-origin']).toBeUndefined();
    // Out of service, SystemInfo still answers the other origin with its status.
    await setNode(pair.url, 'b', { status: 'OUT_OF_SERVICE' });
    const out = await http(urlB, '/finesse/api/SystemInfo', {
      headers: { Origin: originOf(pair.url) },
    });
    expect(out.headers['access-control-allow-origin']).toBe(originOf(pair.url));
    expect(out.text).toContain('<status>OUT_OF_SERVICE</status>');
  });
});

describe('the failure controls page', () => {
  it('is served at /sim/ and /sim/panel on either node, with its script and style', async () => {
    for (const url of [pair.url, urlB]) {
      for (const path of ['/sim/', '/sim/panel', '/sim']) {
        const page = await http(url, path);
        expect(page.status).toBe(200);
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        expect(page.text).toContain('<script type="module" src="/sim/panel.js"></script>');
        expect(page.text).toContain('aria-live="polite"');
      }
    }
    const script = await http(urlB, '/sim/panel.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    // Transpiled: no TypeScript left, the control API it drives is there.
    expect(script.text).not.toMatch(/\binterface NodeRow\b/);
    expect(script.text).toContain('/sim/nodes');
    expect(script.text).toContain(CTI_LOST_REASON);
    expect((await http(urlB, '/sim/panel.css')).headers['content-type']).toMatch(/^text\/css/);
    // A down node still serves its controls.
    await setNode(pair.url, 'b', { reachable: false });
    expect((await http(urlB, '/sim/')).status).toBe(200);
  });
});

/** A `/desktop/notifications` stream: its parsed events, and whether the server cut it. */
function desktopStream(url: string, nodes: string[]) {
  const target = new URL(url);
  const events: { node: string; xml: string }[] = [];
  const state = { status: 0, ended: false };
  const checks = new Set<() => void>();
  const notify = () => {
    for (const check of [...checks]) check();
  };
  let buffer = '';
  const req = request(
    {
      host: target.hostname,
      port: target.port,
      path: `/desktop/notifications?${nodes.map((n) => `node=${encodeURIComponent(n)}`).join('&')}`,
    },
    (res) => {
      state.status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          if (data) events.push(JSON.parse(data) as { node: string; xml: string });
        }
        notify();
      });
      res.on('end', () => {
        state.ended = true;
        notify();
      });
      res.on('error', () => {
        state.ended = true;
        notify();
      });
      notify();
    },
  );
  req.on('error', () => {
    state.ended = true;
    notify();
  });
  req.end();
  const until = (done: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        checks.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        checks.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, 10_000);
      checks.add(check);
      check();
    });
  return { events, state, until, close: () => req.destroy() };
}

describe("the desktop double's notification connection (/desktop/notifications)", () => {
  const nodes = ['/finesse/api/User/1001', '/finesse/api/SystemInfo'];

  it("relays the user's Updates and its node's SystemInfo Updates", async () => {
    const a = desktopStream(pair.url, nodes);
    const b = desktopStream(urlB, nodes);
    try {
      await Promise.all([
        a.until(() => a.state.status === 200, 'A open'),
        b.until(() => b.state.status === 200, 'B open'),
      ]);
      await control(pair.url, '/sim/users/1001/state', { state: 'READY' });
      await setNode(pair.url, 'b', { status: 'OUT_OF_SERVICE', statusReason: CTI_LOST_REASON });
      await b.until(() => b.events.length >= 2, 'two events on B');
      expect(b.events[0]?.node).toBe('/finesse/api/User/1001');
      expect(b.events[0]?.xml).toContain('<state>READY</state>');
      expect(b.events[1]?.node).toBe('/finesse/api/SystemInfo');
      expect(b.events[1]?.xml).toMatch(
        /^<Update>.*<source>\/finesse\/api\/SystemInfo<\/source><data><SystemInfo>/,
      );
      expect(b.events[1]?.xml).toContain('<status>OUT_OF_SERVICE</status>');
      // Node A saw the user's Update, and no SystemInfo of B's.
      await a.until(() => a.events.length >= 1, 'one event on A');
      await control(pair.url, '/sim/users/1001/state', { state: 'NOT_READY' });
      await a.until(() => a.events.length >= 2, 'the second user event on A');
      expect(a.events.map((e) => e.node)).toEqual([
        '/finesse/api/User/1001',
        '/finesse/api/User/1001',
      ]);
    } finally {
      a.close();
      b.close();
    }
  });

  it('is cut when its node’s Notification Service goes down, refused while down', async () => {
    const b = desktopStream(urlB, nodes);
    await b.until(() => b.state.status === 200, 'open');
    await setNode(pair.url, 'b', { notification: 'down' });
    await b.until(() => b.state.ended, 'cut');
    const again = await http(urlB, '/desktop/notifications?node=/finesse/api/SystemInfo');
    expect(again.status).toBe(503);
  });

  it('is cut when its node becomes unreachable', async () => {
    const a = desktopStream(pair.url, nodes);
    await a.until(() => a.state.status === 200, 'open');
    await setNode(urlB, 'a', { reachable: false });
    await a.until(() => a.state.ended, 'cut');
    await expect(
      http(pair.url, '/desktop/notifications?node=/finesse/api/SystemInfo'),
    ).rejects.toThrow();
  });
});
