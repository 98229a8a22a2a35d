// @vitest-environment node
// The client's own logic with fake timers and a scripted connection: resource, statuses, backoff, reconnect, ping, stop.
// Protocol behaviour against a real server is in prosody.test.ts; this covers what a server cannot be made to do on cue.
import { $iq, $msg, $pres, Strophe } from 'strophe.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FAILURES_BEFORE_FAILED,
  SAME_CREDENTIAL_RETRY_FACTOR,
  checkedResource,
  createXmppNotifications,
  createStropheConnection,
  STANZA_LIMIT,
  type ConnectionStatusCallback,
  type NotificationStatus,
  type XmppConnection,
  type XmppNotificationsOptions,
} from './xmppNotifications.ts';

const S = Strophe.Status;
const TEAM = '/finesse/api/Team/10/Users';
const OWN = '/finesse/api/User/1001';
const BACKOFF = { initialMs: 1000, maxMs: 8000 };

type Answer = 'result' | 'silent' | { error: string };

/** A scripted strophe connection: the test decides when it connects, drops and how iqs are answered. */
class FakeConnection implements XmppConnection {
  jid = '';
  password = '';
  callback: ConnectionStatusCallback | null = null;
  readonly sent: Element[] = [];
  readonly iqs: Element[] = [];
  readonly handlers: { handler: (stanza: Element) => boolean; name: string | null }[] = [];
  disconnects = 0;
  /** What went out, in order: 'iq' for each iq, 'disconnect'. */
  readonly order: string[] = [];
  /** How the server answers an iq; by default every iq succeeds and no subscription exists. */
  answer: (iq: Element) => Answer = () => 'result';
  subscriptionsListed: string = '';

  connect(jid: string, password: string, callback: ConnectionStatusCallback): void {
    this.jid = jid;
    this.password = password;
    this.callback = callback;
    callback(S.CONNECTING, null);
  }
  disconnect(): void {
    this.disconnects += 1;
    this.order.push('disconnect');
    this.callback?.(S.DISCONNECTING, null);
    this.callback?.(S.DISCONNECTED, null);
  }
  send(stanza: Element): void {
    this.sent.push(stanza);
  }
  sendIQ(
    stanza: Element,
    onResult: (answer: Element) => void,
    onError: (answer: Element | null) => void,
  ): string {
    this.iqs.push(stanza);
    this.order.push('iq');
    const answer = this.answer(stanza);
    const id = stanza.getAttribute('id') ?? 'iq';
    if (answer === 'silent') return id;
    // Answers come back later, as from a socket.
    void Promise.resolve().then(() => {
      if (answer === 'result') {
        const result = $iq({ type: 'result', id });
        if (stanza.getElementsByTagName('subscriptions').length > 0) {
          result
            .c('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' })
            .c('subscriptions')
            .cnode(parse(`<x>${this.subscriptionsListed}</x>`))
            .up();
        }
        onResult(result.tree());
      } else {
        onError(
          $iq({ type: 'error', id })
            .c('error', { type: 'cancel' })
            .c(answer.error, { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' })
            .tree(),
        );
      }
    });
    return id;
  }
  addHandler(
    handler: (stanza: Element) => boolean,
    _ns: string | null,
    name: string | null,
  ): unknown {
    this.handlers.push({ handler, name });
    return handler;
  }

  /** The server accepts the sign-in and binds the JID it was asked for. */
  accept(): void {
    this.callback?.(S.CONNECTED, null);
  }
  /** Delivers a stanza to the handlers, as strophe does; returns what each handler returned. */
  receive(stanza: Element): boolean[] {
    return this.handlers
      .filter((h) => h.name === null || h.name === stanza.nodeName)
      .map((h) => h.handler(stanza));
  }
  /** The pubsub iqs sent, as 'subscribe node' / 'unsubscribe node' / 'subscriptions'. */
  pubsubRequests(): string[] {
    return this.iqs.flatMap((iq) => {
      const pubsub = iq.getElementsByTagName('pubsub')[0];
      const op = pubsub?.firstChild as Element | null | undefined;
      if (!op) return [];
      const node = op.getAttribute('node');
      return [node ? `${op.nodeName} ${node}` : op.nodeName];
    });
  }
  pings(): number {
    return this.iqs.filter((iq) => iq.getElementsByTagName('ping').length > 0).length;
  }
}

function parse(xml: string): Element {
  return new DOMParser().parseFromString(xml, 'text/xml').documentElement;
}

function event(node: string, payload: string, from = 'pubsub.finesse.test'): Element {
  return $msg({ from, to: '1001@finesse.test/tab' })
    .c('event', { xmlns: 'http://jabber.org/protocol/pubsub#event' })
    .c('items', { node })
    .c('item', { id: '1' })
    .c('notification', { xmlns: 'http://jabber.org/protocol/pubsub' })
    .t(payload)
    .tree();
}

/** Lets answers (microtasks) and the client's awaits run. */
async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(0);
}

describe('createXmppNotifications', () => {
  let connections: FakeConnection[];
  let statuses: NotificationStatus[];
  let prepare: (conn: FakeConnection) => void;

  beforeEach(() => {
    vi.useFakeTimers();
    connections = [];
    statuses = [];
    prepare = () => {};
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function create(overrides: Partial<XmppNotificationsOptions> = {}) {
    const client = createXmppNotifications({
      url: 'wss://finesse.example:8445/ws/',
      domain: 'finesse.test',
      pubsubService: 'pubsub.finesse.test',
      userId: '1001',
      getPassword: () => 'secret',
      resource: 'tab',
      backoff: BACKOFF,
      // The top of every jitter range, so delays are predictable.
      random: () => 0.999999,
      createConnection: () => {
        const conn = new FakeConnection();
        prepare(conn);
        connections.push(conn);
        return conn;
      },
      ...overrides,
    });
    client.onStatus((status) => statuses.push(status));
    return client;
  }

  const last = () => connections[connections.length - 1]!;
  const states = () => statuses.map((s) => (s.state === 'failed' ? `failed:${s.reason}` : s.state));

  async function goLive(client = create()) {
    client.start();
    last().accept();
    await settle();
    expect(client.status()).toEqual({ state: 'live' });
    return client;
  }

  describe('resource', () => {
    it('defaults to a unique value per client, never desktop', () => {
      const resources = new Set(Array.from({ length: 50 }, () => checkedResource(undefined)));
      expect(resources.size).toBe(50);
      for (const resource of resources) expect(resource.toLowerCase()).not.toContain('desktop');
    });

    it("rejects 'desktop' in any case, and an empty resource", () => {
      expect(() => create({ resource: 'desktop' })).toThrow(/reserved/);
      expect(() => create({ resource: 'Desktop ' })).toThrow(/reserved/);
      expect(() => create({ resource: ' ' })).toThrow(RangeError);
    });

    it('binds userId@domain/resource', () => {
      create({ resource: 'tab-7' }).start();
      expect(last().jid).toBe('1001@finesse.test/tab-7');
      expect(last().password).toBe('secret');
    });
  });

  it('goes connecting → live after presence, listing subscriptions and subscribing the explicit nodes', async () => {
    const client = create();
    client.subscribe(TEAM, () => {});
    client.listen(OWN, () => {});
    expect(client.status()).toEqual({ state: 'idle' });
    client.start();
    expect(client.status()).toEqual({ state: 'connecting' });
    last().accept();
    expect(last().sent[0]?.nodeName).toBe('presence');
    await settle();
    expect(last().pubsubRequests()).toEqual(['subscriptions', `subscribe ${TEAM}`]);
    const subscribe = last().iqs[1]!.getElementsByTagName('subscribe')[0]!;
    expect(subscribe.getAttribute('jid')).toBe('1001@finesse.test/tab');
    expect(states()).toEqual(['connecting', 'live']);
    expect(client.lastHeard()).toBe(Date.now());
  });

  it('delivers each node to its listeners only, survives a throwing listener, ignores other senders', async () => {
    const client = await goLive();
    const team: string[] = [];
    const own: string[] = [];
    const thrown: unknown[] = [];
    const onError = (error: unknown) => thrown.push(error);
    process.on('uncaughtException', onError);
    try {
      client.subscribe(TEAM, () => {
        throw new Error('listener bug');
      });
      client.subscribe(TEAM, (p) => team.push(p));
      client.listen(OWN, (p) => own.push(p));
      await settle();

      expect(last().receive(event(TEAM, '<Update>team</Update>'))).toEqual([true, true]);
      last().receive(event(OWN, '<Update>own</Update>'));
      last().receive(event(OWN, '<Update>spoofed</Update>', '2001@finesse.test/tab'));
      await settle();
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(team).toEqual(['<Update>team</Update>']);
    expect(own).toEqual(['<Update>own</Update>']);
    expect(thrown).toEqual([new Error('listener bug')]);
  });

  it('removes stale subscriptions of its own full JID and keeps everyone else’s', async () => {
    prepare = (conn) => {
      conn.subscriptionsListed =
        `<subscription node="/finesse/api/Team/99/Users" jid="1001@finesse.test/tab" subscription="subscribed"/>` +
        `<subscription node="${TEAM}" jid="1001@finesse.test/tab" subscription="subscribed" subid="a"/>` +
        `<subscription node="${TEAM}" jid="1001@finesse.test/tab" subscription="subscribed" subid="b"/>` +
        `<subscription node="/finesse/api/Team/98/Users" jid="1001@finesse.test/other-tab" subscription="subscribed"/>` +
        `<subscription node="/finesse/api/Team/97/Users" jid="1001@finesse.test" subscription="subscribed"/>`;
    };
    const client = create();
    client.subscribe(TEAM, () => {});
    await goLive(client);
    // Team/99: not wanted; the second Team/10 subscription (subid b) would double every Update.
    expect(last().pubsubRequests().sort()).toEqual([
      'subscriptions',
      `unsubscribe ${TEAM}`,
      'unsubscribe /finesse/api/Team/99/Users',
    ]);
    const duplicate = last().iqs.find(
      (iq) => iq.getElementsByTagName('unsubscribe')[0]?.getAttribute('node') === TEAM,
    );
    expect(duplicate?.getElementsByTagName('unsubscribe')[0]?.getAttribute('subid')).toBe('b');
  });

  it('subscribes and unsubscribes while live as listeners come and go', async () => {
    const client = await goLive();
    const leaveA = client.subscribe(TEAM, () => {});
    const leaveB = client.subscribe(TEAM, () => {});
    await settle();
    leaveA();
    leaveA();
    await settle();
    expect(last().pubsubRequests()).toEqual(['subscriptions', `subscribe ${TEAM}`]);
    leaveB();
    await settle();
    expect(last().pubsubRequests()).toEqual([
      'subscriptions',
      `subscribe ${TEAM}`,
      `unsubscribe ${TEAM}`,
    ]);
  });

  it('tells the subscriber when the service refuses, and stays live', async () => {
    prepare = (conn) => {
      conn.answer = (iq) =>
        iq.getElementsByTagName('subscribe').length ? { error: 'forbidden' } : 'result';
    };
    const client = create();
    const refusals: (string | null)[] = [];
    client.subscribe(TEAM, () => {}, { onRefused: (condition) => refusals.push(condition) });
    await goLive(client);
    expect(refusals).toEqual(['forbidden']);
  });

  it('reconnects with backoff after a drop, re-subscribes, and fires reconnected once', async () => {
    const client = create();
    client.subscribe(TEAM, () => {});
    await goLive(client);
    const reconnected = vi.fn();
    client.onReconnected(reconnected);

    last().callback?.(S.DISCONNECTED, null);
    expect(client.status()).toEqual({ state: 'reconnecting' });
    expect(connections).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(BACKOFF.initialMs - 2);
    expect(connections).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(connections).toHaveLength(2);
    last().accept();
    await settle();
    expect(states()).toEqual(['connecting', 'live', 'reconnecting', 'live']);
    expect(reconnected).toHaveBeenCalledTimes(1);
    expect(last().pubsubRequests()).toEqual(['subscriptions', `subscribe ${TEAM}`]);
  });

  it('after 3 failures in a row says failed/unreachable, keeps retrying slowly, and comes back live by itself', async () => {
    const client = create();
    client.start();
    const delays: number[] = [];
    for (let i = 0; i < FAILURES_BEFORE_FAILED + 2; i++) {
      const before = connections.length;
      last().callback?.(S.CONNFAIL, 'The WebSocket connection could not be established');
      last().callback?.(S.DISCONNECTED, null);
      let waited = 0;
      while (connections.length === before) {
        await vi.advanceTimersByTimeAsync(100);
        waited += 100;
      }
      delays.push(waited);
    }
    // Full jitter at the top of its range: 1 s, 2 s; then failed, retried at about maxMs.
    expect(delays).toEqual([1000, 2000, 8000, 8000, 8000]);
    expect(states()).toEqual(['connecting', 'failed:unreachable']);
    expect(client.status()).toMatchObject({ state: 'failed', reason: 'unreachable' });

    last().accept();
    await settle();
    expect(client.status()).toEqual({ state: 'live' });
  });

  it('says failed/dropping when connections keep dropping soon after going live', async () => {
    await goLive();
    for (let i = 0; i < FAILURES_BEFORE_FAILED; i++) {
      last().callback?.(S.CONNFAIL, 'system-shutdown');
      last().callback?.(S.DISCONNECTED, null);
      await vi.advanceTimersByTimeAsync(BACKOFF.maxMs);
      last().accept();
      await settle();
    }
    expect(states()).toEqual([
      'connecting',
      'live',
      'reconnecting',
      'live',
      'reconnecting',
      'live',
      'failed:dropping',
      'live',
    ]);
  });

  it('a session whose keep-alive was answered starts the failure count afresh', async () => {
    const client = await goLive(create({ pingIntervalMs: 500 }));
    for (let i = 0; i < FAILURES_BEFORE_FAILED + 1; i++) {
      await vi.advanceTimersByTimeAsync(500); // one answered ping
      last().callback?.(S.DISCONNECTED, null);
      expect(client.status()).toEqual({ state: 'reconnecting' });
      await vi.advanceTimersByTimeAsync(BACKOFF.initialMs);
      last().accept();
      await settle();
    }
    expect(states()).not.toContain('failed:dropping');
  });

  it('pings the domain every pingIntervalMs and treats an unanswered ping as a drop', async () => {
    const client = await goLive(create({ pingIntervalMs: 10000, replyTimeoutMs: 3000 }));
    await vi.advanceTimersByTimeAsync(10000);
    expect(last().pings()).toBe(1);
    expect(last().iqs.at(-1)?.getAttribute('to')).toBe('finesse.test');
    await vi.advanceTimersByTimeAsync(10000);
    expect(last().pings()).toBe(2);

    last().answer = () => 'silent';
    await vi.advanceTimersByTimeAsync(10000 + 2999);
    expect(client.status()).toEqual({ state: 'live' });
    await vi.advanceTimersByTimeAsync(1);
    expect(client.status()).toEqual({ state: 'reconnecting' });
    expect(connections[0]!.disconnects).toBe(1);
    await vi.advanceTimersByTimeAsync(BACKOFF.initialMs);
    expect(connections).toHaveLength(2);
  });

  it('treats a setup iq that is never answered as a drop', async () => {
    prepare = (conn) => {
      conn.answer = () => 'silent';
    };
    const client = create({ replyTimeoutMs: 3000 });
    client.start();
    last().accept();
    await vi.advanceTimersByTimeAsync(3000);
    expect(client.status()).toEqual({ state: 'connecting' });
    expect(connections[0]!.disconnects).toBe(1);
  });

  describe('authentication failure', () => {
    it('says failed/auth, and retries the same password only every 10 × maxMs', async () => {
      const client = create();
      client.start();
      last().callback?.(S.AUTHFAIL, null);
      expect(client.status()).toEqual({ state: 'failed', reason: 'auth', detail: null });
      // Strophe leaves the socket open after a SASL failure.
      expect(last().disconnects).toBe(1);
      await vi.advanceTimersByTimeAsync(SAME_CREDENTIAL_RETRY_FACTOR * BACKOFF.maxMs - 1);
      expect(connections).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(BACKOFF.maxMs);
      expect(connections).toHaveLength(2);
    });

    it('tries a changed password (a new sign-in, a refreshed token) at the next slow tick', async () => {
      let password = 'old';
      const client = create({ getPassword: () => password });
      client.start();
      last().callback?.(S.AUTHFAIL, null);
      password = 'new';
      await vi.advanceTimersByTimeAsync(BACKOFF.maxMs);
      expect(connections).toHaveLength(2);
      expect(last().password).toBe('new');
      last().accept();
      await settle();
      expect(client.status()).toEqual({ state: 'live' });
    });

    it('counts a getPassword that throws as auth, without connecting', () => {
      const client = create({
        getPassword: () => {
          throw new Error('signed out');
        },
      });
      client.start();
      expect(connections).toHaveLength(0);
      expect(client.status()).toEqual({ state: 'failed', reason: 'auth', detail: 'signed out' });
    });

    it('counts a server that offers no mechanism we speak (PLAIN) as auth', () => {
      const client = create();
      client.start();
      last().callback?.(S.CONNFAIL, 'no-auth-mech');
      expect(client.status()).toMatchObject({ state: 'failed', reason: 'auth' });
    });
  });

  describe('stop()', () => {
    it('unsubscribes explicit nodes, closes, and never reconnects', async () => {
      const client = create();
      client.subscribe(TEAM, () => {});
      client.listen(OWN, () => {});
      await goLive(client);
      const conn = last();
      const stopped = client.stop();
      // Sent at once, before the close: on pagehide nothing asynchronous runs.
      expect(conn.pubsubRequests().at(-1)).toBe(`unsubscribe ${TEAM}`);
      expect(conn.order.slice(-2)).toEqual(['iq', 'disconnect']);
      expect(conn.disconnects).toBe(1);
      await stopped;
      expect(client.status()).toEqual({ state: 'stopped' });
      expect(client.stop()).toBe(stopped);
      conn.callback?.(S.DISCONNECTED, null);
      await vi.advanceTimersByTimeAsync(10 * BACKOFF.maxMs);
      expect(connections).toHaveLength(1);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('while connecting or waiting to retry: no connection afterwards', async () => {
      const client = create();
      client.start();
      await client.stop();
      expect(connections[0]!.disconnects).toBe(1);

      const retrying = create();
      retrying.start();
      last().callback?.(S.CONNFAIL, 'refused');
      await retrying.stop();
      await vi.advanceTimersByTimeAsync(10 * BACKOFF.maxMs);
      expect(connections).toHaveLength(2);
      expect(vi.getTimerCount()).toBe(0);
      retrying.start();
      expect(connections).toHaveLength(2);
    });

    it('delivers nothing after stop', async () => {
      const client = await goLive();
      const got: string[] = [];
      client.listen(OWN, (p) => got.push(p));
      const conn = last();
      void client.stop();
      conn.receive(event(OWN, '<Update/>'));
      expect(got).toEqual([]);
    });
  });

  describe('the finesse user and Finesse back in service', () => {
    it('hears the `finesse` user’s presence (web services down while XMPP is up), and no one else’s', async () => {
      const client = await goLive();
      const heard: (boolean | null)[] = [];
      client.onFinessePresence((available) => heard.push(available));
      last().receive($pres({ from: 'finesse@finesse.test/finesse', type: 'unavailable' }).tree());
      // Another account of the same name elsewhere, or any other user, says nothing of Finesse.
      last().receive($pres({ from: 'finesse@elsewhere.test/x', type: 'unavailable' }).tree());
      last().receive($pres({ from: '1002@finesse.test/tab' }).tree());
      last().receive($pres({ from: 'Finesse@finesse.test/finesse' }).tree());
      expect(heard).toEqual([false, true]);
      // The session that said it ends: what it said no longer holds.
      last().callback?.(S.DISCONNECTED, null);
      expect(heard).toEqual([false, true, null]);
      await client.stop();
    });

    it('reconnects at once when told Finesse is back, instead of at the next retry', async () => {
      const client = await goLive();
      last().callback?.(S.DISCONNECTED, null);
      expect(connections).toHaveLength(1);
      client.reconnectNow();
      expect(connections).toHaveLength(2);
      // Not again while that attempt is under way, nor once live.
      client.reconnectNow();
      expect(connections).toHaveLength(2);
      last().accept();
      await settle();
      expect(client.status()).toEqual({ state: 'live' });
      client.reconnectNow();
      expect(connections).toHaveLength(2);
      await client.stop();
    });

    it('leaves a refused sign-in to its own slow retry (the account could lock)', async () => {
      const client = create();
      client.start();
      last().callback?.(S.AUTHFAIL, null);
      await settle();
      expect(client.status()).toMatchObject({ state: 'failed', reason: 'auth' });
      client.reconnectNow();
      expect(connections).toHaveLength(1);
      await client.stop();
    });
  });

  describe('frames over the limit', () => {
    it('are dropped before Strophe parses them, and reported; others go on to Strophe', () => {
      const dropped: number[] = [];
      const conn = createStropheConnection('ws://127.0.0.1:9/ws/', (chars) => dropped.push(chars));
      const transport = (conn as unknown as { _proto: Record<string, unknown> })._proto;
      const received: string[] = [];
      // What Strophe does with a frame it parsed: hand the element to the connection.
      (conn as unknown as { _dataRecv: (elem: Element, raw: string) => void })._dataRecv = (
        _elem,
        raw,
      ) => received.push(raw);
      const onMessage = transport._onMessage as (m: { data: string }) => void;
      onMessage.call(transport, { data: `<message>${'x'.repeat(STANZA_LIMIT)}</message>` });
      expect(dropped).toEqual([STANZA_LIMIT + '<message></message>'.length]);
      expect(received).toEqual([]);
      onMessage.call(transport, { data: '<message from="pubsub.finesse.test"/>' });
      expect(received).toEqual(['<message from="pubsub.finesse.test"/>']);
    });
  });
});
