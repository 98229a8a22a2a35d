// @vitest-environment node
// The notification client against a real Prosody on loopback: PLAIN sign-in, Updates per node, stale subscriptions, refusal, restart.
import { Strophe } from 'strophe.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures/fixtures.ts';
import {
  DOMAIN,
  PUBSUB_SERVICE,
  USERS,
  connectAs,
  publishUpdate,
  publishUpdateElement,
  startProsody,
  subscribeRaw,
  subscriptionsOf,
  type ProsodyServer,
  type RawConnection,
} from '../../../test/prosody/prosody.ts';
import {
  createStropheConnection,
  createXmppNotifications,
  type NotificationStatus,
  type XmppNotifications,
  type XmppNotificationsOptions,
} from './xmppNotifications.ts';

const userNode = (id: string) => `/finesse/api/User/${id}`;
const TEAM_NODE = '/finesse/api/Team/10/Users';

/** A real User Update (test/fixtures/update-user.xml) for `loginId`, marked with `requestId`. */
function userUpdate(loginId: string, requestId: string, state = 'NOT_READY'): string {
  return fixture('update-user.xml')
    .trim()
    .replaceAll('1234', loginId)
    .replace('<requestId>xyz</requestId>', `<requestId>${requestId}</requestId>`)
    .replace('<state>NOT_READY</state>', `<state>${state}</state>`);
}

/** Payloads as they arrive; next() waits for the next unread one. */
class Inbox {
  private readonly items: string[] = [];
  private read = 0;
  private waiter: (() => void) | null = null;
  readonly push = (payload: string): void => {
    this.items.push(payload);
    this.waiter?.();
  };
  async next(what: string): Promise<string> {
    while (this.read >= this.items.length) {
      await within(new Promise<void>((resolve) => (this.waiter = resolve)), `a payload on ${what}`);
    }
    return this.items[this.read++]!;
  }
  get unread(): string[] {
    return this.items.slice(this.read);
  }
}

/** A safety net only: every wait below ends on an event, long before this. */
function within<T>(promise: Promise<T>, what: string, ms = 8000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function untilStatus(
  client: XmppNotifications,
  wanted: (status: NotificationStatus) => boolean,
  what: string,
): Promise<NotificationStatus> {
  if (wanted(client.status())) return Promise.resolve(client.status());
  return within(
    new Promise((resolve) => {
      const leave = client.onStatus((status) => {
        if (!wanted(status)) return;
        leave();
        resolve(status);
      });
    }),
    what,
  );
}

const isLive = (status: NotificationStatus) => status.state === 'live';

describe('XMPP notifications against Prosody', () => {
  let server: ProsodyServer;
  let publisher: RawConnection;
  const clients: XmppNotifications[] = [];
  const raw: RawConnection[] = [];
  const mechanisms: string[] = [];

  function client(
    user: { id: string; password: string },
    resource: string,
    overrides: Partial<XmppNotificationsOptions> = {},
  ): XmppNotifications {
    const created = createXmppNotifications({
      url: server.wsUrl,
      domain: DOMAIN,
      pubsubService: PUBSUB_SERVICE,
      userId: user.id,
      getPassword: () => user.password,
      resource,
      // Small, so the restart test reconnects within a second or two.
      backoff: { initialMs: 100, maxMs: 800 },
      createConnection: (url) => {
        const conn = createStropheConnection(url);
        conn.rawOutput = (data: string) => {
          const mechanism = /<auth [^>]*mechanism="([^"]+)"/.exec(data)?.[1];
          if (mechanism) mechanisms.push(mechanism);
        };
        return conn;
      },
      ...overrides,
    });
    clients.push(created);
    return created;
  }

  async function rawAs(user: { id: string; password: string }, resource: string) {
    const conn = await connectAs(server, user, resource);
    raw.push(conn);
    return conn;
  }

  beforeAll(async () => {
    // The restart below makes Strophe log every refused reconnect as an error: expected here.
    Strophe.setLogLevel(Strophe.LogLevel.FATAL);
    const startedAt = performance.now();
    server = await startProsody();
    publisher = await connectAs(server, USERS.publisher, 'publisher');
    console.info(`Prosody ready in ${Math.round(performance.now() - startedAt)} ms`);
  }, 30000);

  // Each test's clients leave before the next test, so no test sees another's connections.
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.stop()));
    for (const conn of raw.splice(0)) conn.disconnect();
  });

  afterAll(async () => {
    publisher?.disconnect();
    await server?.stop();
  }, 30000);

  it('signs in with PLAIN and delivers each node its exact Update XML, to its own listeners only', async () => {
    const agent = client(USERS.agent, 'agent-tab');
    const supervisor = client(USERS.supervisor, 'supervisor-tab');
    const agentOwn = new Inbox();
    const supervisorOwn = new Inbox();
    const team = new Inbox();
    agent.subscribe(userNode('1001'), agentOwn.push);
    supervisor.subscribe(userNode('2001'), supervisorOwn.push);
    supervisor.subscribe(TEAM_NODE, team.push);
    agent.start();
    supervisor.start();
    await untilStatus(agent, isLive, 'the agent live');
    await untilStatus(supervisor, isLive, 'the supervisor live');
    expect(mechanisms).toEqual(['PLAIN', 'PLAIN']);
    expect(agent.lastHeard()).not.toBeNull();

    const own = userUpdate('1001', 'own-1', 'READY');
    const member = userUpdate('1001', 'team-1', 'NOT_READY');
    const supervisorsOwn = userUpdate('2001', 'own-2', 'READY');
    await publishUpdate(publisher, userNode('1001'), own);
    await publishUpdate(publisher, TEAM_NODE, member);
    await publishUpdate(publisher, userNode('2001'), supervisorsOwn);

    expect(await agentOwn.next('User/1001')).toBe(own);
    expect(await team.next('Team/10/Users')).toBe(member);
    expect(await supervisorOwn.next('User/2001')).toBe(supervisorsOwn);
    // Each node's Update reached its own listener only: nothing else is waiting in any inbox.
    expect([agentOwn.unread, team.unread, supervisorOwn.unread]).toEqual([[], [], []]);
  });

  it('accepts an Update sent as a child element of <notification> as well', async () => {
    const agent = client(USERS.agent, 'agent-element');
    const inbox = new Inbox();
    agent.subscribe(userNode('1001'), inbox.push);
    agent.start();
    await untilStatus(agent, isLive, 'the agent live');

    const update =
      '<Update><event>PUT</event><requestId>element-1</requestId>' +
      '<source>/finesse/api/User/1001</source><data><user><loginId>1001</loginId>' +
      '<state>READY</state><reasonCodeId>-1</reasonCodeId></user></data></Update>';
    await publishUpdateElement(publisher, userNode('1001'), update);
    // Re-serialized from the DOM, and here identical to what was published.
    expect(await inbox.next('User/1001')).toBe(update);
  });

  it('removes stale subscriptions of its own full JID, and only those', async () => {
    // An earlier client with the same resource subscribed to a team it no longer shows, and
    // went away without unsubscribing; another tab and the bare JID hold subscriptions too.
    const earlier = await rawAs(USERS.supervisor, 'tab-1');
    await subscribeRaw(earlier, '/finesse/api/Team/99/Users', `2001@${DOMAIN}/tab-1`);
    await subscribeRaw(earlier, TEAM_NODE, `2001@${DOMAIN}/tab-1`);
    await subscribeRaw(earlier, '/finesse/api/Team/99/Users', `2001@${DOMAIN}/other-tab`);
    await subscribeRaw(earlier, '/finesse/api/Team/98/Users', `2001@${DOMAIN}`);
    earlier.disconnect();
    // Prosody lists the subscriptions of the account that asks: look as the same user.
    const observer = await rawAs(USERS.supervisor, 'observer');
    expect(await subscriptionsOf(observer)).toContain(
      `/finesse/api/Team/99/Users 2001@${DOMAIN}/tab-1`,
    );

    const supervisor = client(USERS.supervisor, 'tab-1');
    const team = new Inbox();
    supervisor.subscribe(TEAM_NODE, team.push);
    supervisor.start();
    await untilStatus(supervisor, isLive, 'the supervisor live');

    const after = await subscriptionsOf(observer);
    expect(after).not.toContain(`/finesse/api/Team/99/Users 2001@${DOMAIN}/tab-1`);
    expect(after).toContain(`${TEAM_NODE} 2001@${DOMAIN}/tab-1`);
    expect(after).toContain(`/finesse/api/Team/99/Users 2001@${DOMAIN}/other-tab`);
    expect(after).toContain(`/finesse/api/Team/98/Users 2001@${DOMAIN}`);

    // The kept subscription still delivers, once.
    const update = userUpdate('1001', 'kept-1');
    await publishUpdate(publisher, TEAM_NODE, update);
    expect(await team.next('Team/10/Users')).toBe(update);
  });

  it('stops delivering a node once its last listener leaves, and unsubscribes it', async () => {
    const supervisor = client(USERS.supervisor, 'leaving-tab');
    const own = new Inbox();
    const teamA = new Inbox();
    const teamB = new Inbox();
    supervisor.subscribe(userNode('2001'), own.push);
    const leaveA = supervisor.subscribe(TEAM_NODE, teamA.push);
    const leaveB = supervisor.subscribe(TEAM_NODE, teamB.push);
    supervisor.start();
    await untilStatus(supervisor, isLive, 'the supervisor live');
    const observer = await rawAs(USERS.supervisor, 'observer-2');

    // Joining a node while live: subscribed at once, and said so.
    const joined = within(
      new Promise<void>((resolve) =>
        supervisor.subscribe('/finesse/api/Team/20/Users', () => {}, { onSubscribed: resolve }),
      ),
      'a subscription made while live',
    );
    await joined;
    expect(await subscriptionsOf(observer)).toContain(
      `/finesse/api/Team/20/Users 2001@${DOMAIN}/leaving-tab`,
    );

    leaveA();
    const first = userUpdate('1001', 'after-first-left');
    await publishUpdate(publisher, TEAM_NODE, first);
    expect(await teamB.next('Team/10/Users')).toBe(first);
    expect(await subscriptionsOf(observer)).toContain(`${TEAM_NODE} 2001@${DOMAIN}/leaving-tab`);

    leaveB();
    // Unsubscribing is asynchronous: wait until the service no longer lists it.
    await within(
      (async () => {
        while (
          (await subscriptionsOf(observer)).includes(`${TEAM_NODE} 2001@${DOMAIN}/leaving-tab`)
        );
      })(),
      'the team subscription to go',
    );
    await publishUpdate(publisher, TEAM_NODE, userUpdate('1001', 'after-all-left'));
    const marker = userUpdate('2001', 'marker');
    await publishUpdate(publisher, userNode('2001'), marker);
    // One stream, in order: had the team Update been sent to this tab, it would have come first.
    expect(await own.next('User/2001')).toBe(marker);
    expect([teamA.unread, teamB.unread]).toEqual([[], []]);
  });

  it('stop() leaves no subscription of its own behind', async () => {
    const supervisor = client(USERS.supervisor, 'closing-tab');
    supervisor.subscribe(TEAM_NODE, () => {});
    supervisor.subscribe(userNode('2001'), () => {});
    supervisor.start();
    await untilStatus(supervisor, isLive, 'the supervisor live');
    const observer = await rawAs(USERS.supervisor, 'observer-3');
    const mine = (list: string[]) => list.filter((s) => s.endsWith('/closing-tab'));
    expect(mine(await subscriptionsOf(observer))).toHaveLength(2);

    // The unsubscribes are sent without waiting for answers, as on pagehide: Prosody handles
    // them when it reads the closing stream, which another connection's query can overtake.
    await supervisor.stop();
    await within(
      (async () => {
        while (mine(await subscriptionsOf(observer)).length > 0);
      })(),
      'the subscriptions to go',
    );
    expect(mine(await subscriptionsOf(observer))).toEqual([]);
  });

  it('reports failed/auth for a wrong password', async () => {
    const agent = client({ id: '1001', password: 'not-the-password' }, 'wrong-password');
    agent.start();
    const status = await untilStatus(agent, (s) => s.state === 'failed', 'failed');
    expect(status).toMatchObject({ state: 'failed', reason: 'auth' });
    await agent.stop();
    expect(agent.status()).toEqual({ state: 'stopped' });
  });

  it('reconnects after Prosody restarts: reconnecting, then live and reconnected, and Updates flow again', async () => {
    const supervisor = client(USERS.supervisor, 'restart-tab');
    const team = new Inbox();
    let subscribedTimes = 0;
    supervisor.subscribe(TEAM_NODE, team.push, { onSubscribed: () => (subscribedTimes += 1) });
    supervisor.start();
    await untilStatus(supervisor, isLive, 'the supervisor live');
    // In place before live is reported: a read made from here misses nothing.
    expect(subscribedTimes).toBe(1);
    const states: string[] = [];
    supervisor.onStatus((s) => states.push(s.state === 'failed' ? `failed:${s.reason}` : s.state));
    const reconnected = within(
      new Promise<void>((resolve) => supervisor.onReconnected(resolve)),
      'reconnected',
      15000,
    );

    const startedAt = performance.now();
    // Asynchronous: the client's own event loop has to see the drop and retry meanwhile.
    await server.restart();
    await reconnected;
    const tookMs = Math.round(performance.now() - startedAt);
    console.info(`restart to reconnected: ${tookMs} ms; statuses ${states.join(' → ')}`);
    expect(states[0]).toBe('reconnecting');
    expect(states.at(-1)).toBe('live');
    expect(supervisor.status()).toEqual({ state: 'live' });
    // Subscribed again on the new connection, and said so once more (the page re-reads then).
    expect(subscribedTimes).toBe(2);

    // The restart closed the publisher's stream too.
    publisher = await connectAs(server, USERS.publisher, 'publisher');
    const update = userUpdate('1001', 'after-restart', 'READY');
    await publishUpdate(publisher, TEAM_NODE, update);
    expect(await team.next('Team/10/Users')).toBe(update);
  }, 20000);
});
