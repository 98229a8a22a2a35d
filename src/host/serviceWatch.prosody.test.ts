// @vitest-environment node
// The service watch fed by the tab's live link against a real XMPP server (Prosody on loopback):
// SystemInfo Updates on their node, and the `finesse` account's presence, as Finesse sends them.
import { $pres, Strophe } from 'strophe.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixture } from '../../test/fixtures/fixtures.ts';
import {
  DOMAIN,
  PUBSUB_SERVICE,
  USERS,
  connectAs,
  publishUpdate,
  startProsody,
  subscribeRaw,
  type ProsodyServer,
  type RawConnection,
} from '../../test/prosody/prosody.ts';
import {
  createStropheConnection,
  createXmppNotifications,
  type NotificationStatus,
  type XmppNotifications,
} from '../finesse/notifications/xmppNotifications.ts';
import { SYSTEM_INFO_PATH } from '../finesse/resources.ts';
import { parseSystemInfo } from '../finesse/systemInfo.ts';
import { createServiceWatch } from './serviceWatch.ts';
import { createTabLive } from './tabLive.ts';

/** Values as they arrive; next() waits for the next unread one (bounded). */
class Inbox {
  private readonly items: string[] = [];
  private read = 0;
  private waiter: (() => void) | null = null;
  readonly push = (value: string): void => {
    this.items.push(value);
    this.waiter?.();
  };
  async next(what: string): Promise<string> {
    while (this.read >= this.items.length) {
      await within(new Promise<void>((resolve) => (this.waiter = resolve)), what);
    }
    return this.items[this.read++]!;
  }
}

/** A safety net only: every wait ends on an event, long before this. */
function within<T>(promise: Promise<T>, what: string, ms = 8000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function untilLive(client: XmppNotifications): Promise<unknown> {
  const live = (status: NotificationStatus) => status.state === 'live';
  if (live(client.status())) return Promise.resolve();
  return within(
    new Promise<void>((resolve) => {
      const leave = client.onStatus((status) => {
        if (!live(status)) return;
        leave();
        resolve();
      });
    }),
    'live',
  );
}

describe('the service watch over a real XMPP server', () => {
  let server: ProsodyServer;
  let publisher: RawConnection;
  const clients: XmppNotifications[] = [];
  const raw: RawConnection[] = [];

  function client(user: { id: string; password: string }, resource: string) {
    return createXmppNotifications({
      url: server.wsUrl,
      domain: DOMAIN,
      pubsubService: PUBSUB_SERVICE,
      userId: user.id,
      getPassword: () => user.password,
      resource,
      createConnection: createStropheConnection,
    });
  }

  async function rawAs(user: { id: string; password: string }, resource: string) {
    const conn = await connectAs(server, user, resource);
    raw.push(conn);
    return conn;
  }

  beforeAll(async () => {
    Strophe.setLogLevel(Strophe.LogLevel.FATAL);
    server = await startProsody();
    publisher = await connectAs(server, USERS.publisher, 'publisher');
  }, 30000);

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.stop()));
    for (const conn of raw.splice(0)) conn.disconnect();
  });

  afterAll(async () => {
    publisher?.disconnect();
    await server?.stop();
  }, 30000);

  it('carries SystemInfo Updates and the finesse user’s presence to the page’s service watch', async () => {
    // Finesse subscribes every user to SystemInfo by itself (failover.md); here the owner does it.
    await subscribeRaw(publisher, SYSTEM_INFO_PATH, `${USERS.agent.id}@${DOMAIN}`);
    const link = client(USERS.agent, 'service-tab');
    clients.push(link);
    const live = createTabLive({ link, userId: USERS.agent.id });
    // SystemInfo as read over REST once the web services are back (Cisco's step 3).
    const read = vi.fn(async () => ({ ...parseSystemInfo(fixture('systeminfo.xml')) }));
    const watch = createServiceWatch({ read });
    const seen: string[] = [];
    watch.subscribe((service) => seen.push(service.kind));
    const statuses = new Inbox();
    live.notifications.subscribe(SYSTEM_INFO_PATH, (update) => {
      if (update.data.kind !== 'systemInfo') return;
      watch.status(update.data.status, update.data.statusReason);
      statuses.push(update.data.status);
    });
    const presence: (boolean | null)[] = [];
    const presenceHeard = new Inbox();
    live.onFinessePresence((available) => {
      presence.push(available);
      watch.presence(available);
      presenceHeard.push(String(available));
    });
    link.start();
    await untilLive(link);

    const systemInfo = (status: string) =>
      `<Update><data><SystemInfo><deploymentType>UCCE</deploymentType><status>${status}</status>` +
      `<statusReason>${status === 'IN_SERVICE' ? '' : 'CTI link down'}</statusReason></SystemInfo>` +
      `</data><event>PUT</event><requestId/><source>${SYSTEM_INFO_PATH}</source></Update>`;
    await publishUpdate(publisher, SYSTEM_INFO_PATH, systemInfo('OUT_OF_SERVICE'));
    expect(await statuses.next('SystemInfo')).toBe('OUT_OF_SERVICE');
    expect(watch.current()).toEqual({
      kind: 'outOfService',
      partial: false,
      reason: 'CTI link down',
    });
    await publishUpdate(publisher, SYSTEM_INFO_PATH, systemInfo('IN_SERVICE'));
    expect(await statuses.next('SystemInfo')).toBe('IN_SERVICE');

    // The `finesse` account's presence, directed to this session (RFC 6121 §4.6: no roster
    // subscription needed), as the desktop receives it when Tomcat stops and starts.
    const finesse = await rawAs(USERS.finesse, 'finesse');
    const to = `${USERS.agent.id}@${DOMAIN}/service-tab`;
    finesse.send($pres({ to, type: 'unavailable' }).tree());
    expect(await presenceHeard.next('finesse unavailable')).toBe('false');
    expect(watch.current()).toEqual({ kind: 'webServicesDown' });
    finesse.send($pres({ to }).tree());
    expect(await presenceHeard.next('finesse available')).toBe('true');
    expect(presence).toEqual([false, true]);
    await vi.waitFor(() => expect(watch.current()).toEqual({ kind: 'inService' }));
    expect(read).toHaveBeenCalledOnce();
    expect(seen).toEqual(['outOfService', 'inService', 'webServicesDown', 'inService']);
    watch.stop();
    await live.stop();
  });
});
