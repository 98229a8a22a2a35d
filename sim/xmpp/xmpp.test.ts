// @vitest-environment node
// The simulated Notification Service over loopback, driven by strophe.js as an independent client.
import { describe, expect, it } from 'vitest';
import { $iq, $pres } from 'strophe.js';
import { call, controlOf, putState, setupSim } from '../test/helpers.ts';
import {
  DOMAIN,
  PUBSUB,
  clients,
  errorCondition,
  field,
  rawStream,
  upgradeStatus,
  type Client,
  type Event,
} from './testClient.ts';

const running = setupSim({ applyDelayMs: 10 });
const { make, connect } = clients(() => running().url);

const control = controlOf(running);
const setState = (userId: string, state: string, reasonCodeId?: number) =>
  control(`/sim/users/${userId}/state`, { state, ...(reasonCodeId ? { reasonCodeId } : {}) });

const USER = (id: string) => `/finesse/api/User/${id}`;
const TEAM10 = '/finesse/api/Team/10/Users';

const stateEvent = (node: string, source: string, state: string) => (e: Event) =>
  e.node === node && field(e.update, 'source') === source && field(e.update, 'state') === state;

/** The connect attempt's failure, as `STATUS condition`. */
const failure = (client: Client, jid: string, password: string) =>
  client.connect(jid, password).then(
    () => 'CONNECTED',
    (err: Error) => err.message,
  );

describe('session', () => {
  it('signs in with SASL PLAIN and the password, keeping the chosen resource', async () => {
    const agent = await connect('1001');
    expect(agent.jid).toBe(`1001@${DOMAIN}/gadget`);
    // By loginName too; the JID is the loginId's.
    const byName = await connect('aalvarez', 'demo', 'ext5001');
    expect(byName.jid).toBe(`1001@${DOMAIN}/ext5001`);
    const state = await control('/sim/xmpp', undefined, 'GET');
    expect(state).toMatchObject({ domain: DOMAIN, pubsubDomain: PUBSUB });
    expect((state.connections as { jid: string; user: string }[]).map((c) => c.jid).sort()).toEqual(
      [`1001@${DOMAIN}/ext5001`, `1001@${DOMAIN}/gadget`],
    );
  });

  it('signs in with the current SSO token, read at sign-in', async () => {
    await connect('1002', 'sso-1002');
    const user = running().sim.model.users.get('1002');
    if (!user) throw new Error('no 1002');
    user.ssoToken = 'sso-1002-renewed';
    expect(await failure(make(), `1002@${DOMAIN}/a`, 'sso-1002')).toMatch(/^AUTHFAIL/);
    await connect('1002', 'sso-1002-renewed', 'b');
  });

  it('refuses a wrong password or an unknown user (AUTHFAIL)', async () => {
    expect(await failure(make(), `1001@${DOMAIN}/x`, 'wrong')).toMatch(/^AUTHFAIL/);
    expect(await failure(make(), `7777@${DOMAIN}/x`, 'demo')).toMatch(/^AUTHFAIL/);
  });

  it('ends the stream with host-unknown for another domain', async () => {
    expect(await failure(make(), '1001@elsewhere.example/x', 'demo')).toBe('CONNFAIL host-unknown');
  });

  it('generates a resource when the client asks for none', async () => {
    const client = await make().connect(`1001@${DOMAIN}`, 'demo');
    expect(client.jid).toMatch(new RegExp(`^1001@${DOMAIN.replace(/\./g, '\\.')}/.+`));
  });

  it('replaces a session with the same full JID: the old one gets <conflict/>', async () => {
    const first = await connect('1001', 'demo', 'desktop');
    await connect('1001', 'demo', 'desktop');
    await first.untilStatus('DISCONNECTED');
    expect(first.statuses).toContainEqual({ status: 'ERROR', condition: 'conflict' });
    const state = await control('/sim/xmpp', undefined, 'GET');
    expect(state.connections).toHaveLength(1);
  });

  it('answers ping, roster and disco; other requests are service-unavailable', async () => {
    const agent = await connect('1001');
    const ping = await agent.iq(
      $iq({ type: 'get', to: DOMAIN }).c('ping', { xmlns: 'urn:xmpp:ping' }),
    );
    expect(ping.getAttribute('type')).toBe('result');
    const roster = await agent.iq($iq({ type: 'get' }).c('query', { xmlns: 'jabber:iq:roster' }));
    expect(roster.getAttribute('type')).toBe('result');
    expect(roster.getElementsByTagName('item')).toHaveLength(0);
    const disco = await agent.iq(
      $iq({ type: 'get', to: DOMAIN }).c('query', {
        xmlns: 'http://jabber.org/protocol/disco#info',
      }),
    );
    expect(disco.getAttribute('type')).toBe('result');
    const unknown = await agent.iq(
      $iq({ type: 'get', to: DOMAIN }).c('query', { xmlns: 'jabber:iq:version' }),
    );
    expect(errorCondition(unknown)).toBe('service-unavailable');
    const elsewhere = await agent.iq(
      $iq({ type: 'set', to: `1002@${DOMAIN}` }).c('query', { xmlns: 'urn:example:x' }),
    );
    expect(errorCondition(elsewhere)).toBe('service-unavailable');
  });

  it('echoes initial presence to the user’s available resources', async () => {
    const agent = await connect('1001');
    agent.conn.send($pres());
    await agent.until(
      () => agent.presences.find((p) => p.getAttribute('from') === agent.jid),
      'own presence',
    );
  });
});

describe('events', () => {
  it('delivers the user’s own node without subscribing, to every resource', async () => {
    const desk = await connect('1001', 'demo', 'a');
    const other = await connect('1001', 'demo', 'b');
    await setState('1001', 'READY');
    for (const client of [desk, other]) {
      const event = await client.untilEvent(
        stateEvent(USER('1001'), USER('1001'), 'READY'),
        'own READY',
      );
      expect(event.update.localName).toBe('Update');
      expect(field(event.update, 'event')).toBe('PUT');
      expect(field(event.update, 'loginId')).toBe('1001');
    }
  });

  it('an explicit subscription to one’s own node does not double the events', async () => {
    const agent = await connect('1001');
    expect((await agent.subscribe(USER('1001'))).getAttribute('type')).toBe('result');
    expect(await agent.subscriptions()).toEqual([
      { node: USER('1001'), jid: `1001@${DOMAIN}`, subscription: 'subscribed' },
    ]);
    await setState('1001', 'READY');
    await setState('1001', 'NOT_READY');
    await agent.untilEvent(stateEvent(USER('1001'), USER('1001'), 'NOT_READY'), 'NOT_READY');
    expect(agent.events.map((e) => field(e.update, 'state'))).toEqual(['READY', 'NOT_READY']);
  });

  it('carries the requestId of the REST PUT that caused it', async () => {
    const agent = await connect('1001');
    const put = await putState(running(), '1001', '1001', { state: 'READY' }, 'req-42');
    expect(put.status).toBe(202);
    const event = await agent.untilEvent(stateEvent(USER('1001'), USER('1001'), 'READY'), 'READY');
    expect(field(event.update, 'requestId')).toBe('req-42');
    // The REST request log has the PUT and nothing from XMPP.
    const log = JSON.parse((await call(running(), '/sim/requests', { auth: null })).text) as {
      path: string;
    }[];
    expect(log.map((e) => e.path)).toEqual([USER('1001')]);
  });

  it('a supervisor subscribes to a team and receives a member’s change', async () => {
    const supervisor = await connect('2001');
    const answer = await supervisor.subscribe(TEAM10);
    expect(answer.getAttribute('type')).toBe('result');
    const subscription = answer.getElementsByTagName('subscription')[0];
    expect(subscription?.getAttribute('node')).toBe(TEAM10);
    expect(subscription?.getAttribute('jid')).toBe(`2001@${DOMAIN}`);
    expect(subscription?.getAttribute('subscription')).toBe('subscribed');
    expect(subscription?.getAttribute('subid')).toBeTruthy();

    await setState('1005', 'NOT_READY');
    const event = await supervisor.untilEvent(
      stateEvent(TEAM10, USER('1005'), 'NOT_READY'),
      'team event',
    );
    expect(field(event.update, 'teamName')).toBe('Sales & Service');
  });

  it('an agent, or a supervisor of other teams, may not subscribe to a team', async () => {
    const agent = await connect('1001');
    expect(errorCondition(await agent.subscribe(TEAM10))).toBe('forbidden');
    expect(errorCondition(await agent.subscribe(USER('1002')))).toBe('forbidden');
    // Only for oneself: another JID is refused whatever the node.
    expect(errorCondition(await agent.subscribe(USER('1001'), `1002@${DOMAIN}`))).toBe(
      'bad-request',
    );
    const supervisor = await connect('2001');
    expect(errorCondition(await supervisor.subscribe('/finesse/api/Team/30/Users'))).toBe(
      'forbidden',
    );
    expect(errorCondition(await supervisor.subscribe('/finesse/api/Nothing'))).toBe(
      'item-not-found',
    );
    expect(await supervisor.subscriptions()).toEqual([]);
  });

  it('lists subscriptions from earlier sessions; after unsubscribe no more events', async () => {
    const earlier = await connect('2001', 'demo', 'one');
    await earlier.subscribe(TEAM10);
    await earlier.disconnect();

    const supervisor = await connect('2001', 'demo', 'two');
    expect(await supervisor.subscriptions()).toEqual([
      { node: TEAM10, jid: `2001@${DOMAIN}`, subscription: 'subscribed' },
    ]);
    await setState('1005', 'NOT_READY');
    await supervisor.untilEvent(stateEvent(TEAM10, USER('1005'), 'NOT_READY'), 'team event');

    const done = await supervisor.unsubscribe(TEAM10);
    expect(done.getAttribute('type')).toBe('result');
    expect(await supervisor.subscriptions()).toEqual([]);
    expect(errorCondition(await supervisor.unsubscribe(TEAM10))).toBe('unexpected-request');

    // A member's change, then the supervisor's own: events arrive in order on the one
    // socket, so once the own one is in, a team event would have been too.
    const before = supervisor.events.length;
    await setState('1005', 'READY');
    await setState('2001', 'READY');
    await supervisor.untilEvent(stateEvent(USER('2001'), USER('2001'), 'READY'), 'own', before);
    expect(supervisor.events.slice(before).filter((e) => e.node === TEAM10)).toEqual([]);
  });

  it('a full-JID subscription reaches that resource only', async () => {
    const one = await connect('2001', 'demo', 'one');
    const two = await connect('2001', 'demo', 'two');
    const answer = await one.subscribe(TEAM10, one.jid);
    expect(answer.getElementsByTagName('subscription')[0]?.getAttribute('jid')).toBe(one.jid);
    await setState('1005', 'NOT_READY');
    await setState('2001', 'READY');
    await one.untilEvent(stateEvent(TEAM10, USER('1005'), 'NOT_READY'), 'team event');
    await two.untilEvent(stateEvent(USER('2001'), USER('2001'), 'READY'), 'own event');
    expect(two.events.filter((e) => e.node === TEAM10)).toEqual([]);
  });
});

describe('faults (control API)', () => {
  it('drop cuts the connections without a stream close: DISCONNECTED', async () => {
    const agent = await connect('1001');
    const other = await connect('1002');
    expect(await control('/sim/xmpp/drop', { user: '1001' })).toEqual({ dropped: 1 });
    await agent.untilStatus('DISCONNECTED');
    expect(agent.statuses.map((s) => s.status)).not.toContain('ERROR');
    expect(other.has('DISCONNECTED')).toBe(false);
    expect(await control('/sim/xmpp/drop', {})).toEqual({ dropped: 1 });
    await other.untilStatus('DISCONNECTED');
  });

  it('refuse: authentication fails (AUTHFAIL) for a count, or until lifted', async () => {
    await control('/sim/xmpp/refuse', { count: 1 });
    expect(await failure(make(), `1001@${DOMAIN}/x`, 'demo')).toMatch(/^AUTHFAIL/);
    await connect('1001');
    await control('/sim/xmpp/refuse', { auth: true });
    expect(await failure(make(), `1002@${DOMAIN}/x`, 'demo')).toMatch(/^AUTHFAIL/);
    expect(await failure(make(), `1002@${DOMAIN}/y`, 'demo')).toMatch(/^AUTHFAIL/);
    await control('/sim/xmpp/refuse', { auth: false });
    await connect('1002');
  });

  it('down: the upgrade is refused (CONNFAIL) and open sessions are cut', async () => {
    const agent = await connect('1001');
    expect(await control('/sim/xmpp/down', { down: true })).toMatchObject({ down: true });
    await agent.untilStatus('DISCONNECTED');
    expect(await failure(make(), `1001@${DOMAIN}/x`, 'demo')).toMatch(/^CONNFAIL/);
    expect(await upgradeStatus(running().url)).toEqual({ status: 503 });
    await control('/sim/xmpp/down', { down: false });
    await connect('1001');
  });

  it('delay holds every event back', async () => {
    const agent = await connect('1001');
    await control('/sim/xmpp/delay', { ms: 300 });
    const t0 = Date.now();
    await setState('1001', 'READY');
    await agent.untilEvent(stateEvent(USER('1001'), USER('1001'), 'READY'), 'delayed event');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it('reset lifts the XMPP faults and keeps the sessions', async () => {
    const agent = await connect('1001');
    await control('/sim/xmpp/delay', { ms: 5000 });
    await control('/sim/xmpp/refuse', { auth: true });
    await control('/sim/reset', {});
    const state = await control('/sim/xmpp', undefined, 'GET');
    expect(state.faults).toEqual({ down: false, refuseAuth: 0, delayMs: 0 });
    expect(state.connections).toHaveLength(1);
    await setState('1001', 'READY');
    await agent.untilEvent(stateEvent(USER('1001'), USER('1001'), 'READY'), 'event');
  });

  it('closing the simulator ends the sessions promptly', async () => {
    const agent = await connect('1001');
    const t0 = Date.now();
    await running().close();
    expect(Date.now() - t0).toBeLessThan(2000);
    await agent.untilStatus('DISCONNECTED');
  });
});

describe('wire (RFC 7395)', () => {
  it('upgrades /ws/ and /ws with the xmpp subprotocol only; other paths are 404', async () => {
    const url = running().url;
    expect(await upgradeStatus(url, '/ws/')).toEqual({ status: 101, protocol: 'xmpp' });
    expect(await upgradeStatus(url, '/ws')).toEqual({ status: 101, protocol: 'xmpp' });
    expect(await upgradeStatus(url, '/ws/', ['chat'])).toEqual({ status: 400 });
    expect(await upgradeStatus(url, '/elsewhere')).toEqual({ status: 404 });
  });

  const OPEN = `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="${DOMAIN}" version="1.0"/>`;

  it('opens the stream with the domain and offers PLAIN only', async () => {
    const stream = await rawStream(running().url);
    stream.send(OPEN);
    const [open, features] = await stream.frameCount(2);
    expect(open).toMatch(
      /^<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" from="finesse-a\.sim\.example" id="[0-9a-f]+" version="1\.0"/,
    );
    expect(features).toBe(
      '<stream:features xmlns:stream="http://etherx.jabber.org/streams">' +
        '<mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><mechanism>PLAIN</mechanism></mechanisms>' +
        '</stream:features>',
    );
    stream.send('<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>');
    expect((await stream.closed()).at(-1)).toBe(
      '<close xmlns="urn:ietf:params:xml:ns:xmpp-framing" />',
    );
  });

  it('ends the stream on a frame that is not one well-formed element', async () => {
    for (const bad of ['<iq type="get"><ping></iq>', '<a/><b/>', 'hello', '<!-- x --><a/>']) {
      const stream = await rawStream(running().url);
      stream.send(OPEN);
      await stream.frameCount(2);
      stream.send(bad);
      const frames = await stream.closed();
      expect(frames.slice(2), bad).toEqual([
        expect.stringMatching(
          /^<stream:error xmlns:stream="http:\/\/etherx\.jabber\.org\/streams"><(not-well-formed|restricted-xml) xmlns="urn:ietf:params:xml:ns:xmpp-streams"\/><\/stream:error>$/,
        ),
        '<close xmlns="urn:ietf:params:xml:ns:xmpp-framing" />',
      ]);
    }
  });

  it('refuses stanzas before authentication with not-authorized', async () => {
    const stream = await rawStream(running().url);
    stream.send(OPEN);
    await stream.frameCount(2);
    stream.send('<iq xmlns="jabber:client" type="get" id="1"><ping xmlns="urn:xmpp:ping"/></iq>');
    const frames = await stream.closed();
    expect(frames[2]).toContain('<not-authorized xmlns="urn:ietf:params:xml:ns:xmpp-streams"/>');
  });

  it('escapes the Update inside <notification>', async () => {
    const stream = await rawStream(running().url);
    stream.send(OPEN);
    await stream.frameCount(2);
    stream.send(
      `<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${Buffer.from('\u00001001\u0000demo').toString('base64')}</auth>`,
    );
    await stream.frameCount(3);
    expect(stream.frames[2]).toBe('<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>');
    stream.send(OPEN);
    await stream.frameCount(5);
    stream.send(
      '<iq xmlns="jabber:client" type="set" id="b"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><resource>raw</resource></bind></iq>',
    );
    await stream.frameCount(6);
    await setState('1001', 'READY');
    const [message] = (await stream.frameCount(7)).slice(6);
    expect(message).toMatch(
      new RegExp(
        '^<message xmlns="jabber:client" from="pubsub\\.finesse-a\\.sim\\.example" to="1001@finesse-a\\.sim\\.example/raw" id="[^"]+">' +
          '<event xmlns="http://jabber\\.org/protocol/pubsub#event"><items node="/finesse/api/User/1001"><item id="[^"]+">' +
          '<notification xmlns="http://jabber\\.org/protocol/pubsub">&lt;Update&gt;.*&lt;/Update&gt;</notification>' +
          '</item></items></event></message>$',
      ),
    );
    expect(message).toContain('Sales &amp;amp; Service');
    stream.socket.terminate();
  });
});
