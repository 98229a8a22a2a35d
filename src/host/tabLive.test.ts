// The tab's live link as Notifications: modes from the XMPP client's statuses, one Update parser,
// own node listened to, other nodes subscribed, reconnects announced as resyncs.
import { describe, expect, it, vi } from 'vitest';
import { fixture } from '../../test/fixtures/fixtures.ts';
import type {
  NotificationStatus,
  SubscribeOptions,
  XmppNotifications,
} from '../finesse/notifications/xmppNotifications.ts';
import { NOTIFICATION_LIMIT, UpdateTooLarge, type Update } from '../finesse/update.ts';
import { createTabLive, modeOf } from './tabLive.ts';

/** The client's surface, driven by the test: the client itself is tested against Prosody. */
function scriptedLink() {
  let status: NotificationStatus = { state: 'idle' };
  const statusListeners = new Set<(s: NotificationStatus) => void>();
  const reconnected = new Set<() => void>();
  const oversized = new Set<(chars: number) => void>();
  const listened = new Map<string, (payload: string) => void>();
  const subscribed = new Map<
    string,
    { onPayload: (p: string) => void; options?: SubscribeOptions }
  >();
  const link: XmppNotifications = {
    start: () => {},
    stop: vi.fn(async () => {}),
    listen(node, onPayload) {
      listened.set(node, onPayload);
      return () => listened.delete(node);
    },
    subscribe(node, onPayload, options) {
      subscribed.set(node, { onPayload, options });
      return () => subscribed.delete(node);
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    onReconnected(listener) {
      reconnected.add(listener);
      return () => reconnected.delete(listener);
    },
    lastHeard: () => 1234,
    onFinessePresence: () => () => {},
    reconnectNow: vi.fn(),
    onOversized(listener) {
      oversized.add(listener);
      return () => oversized.delete(listener);
    },
  };
  const setStatus = (next: NotificationStatus) => {
    status = next;
    for (const listener of [...statusListeners]) listener(next);
  };
  const reconnect = () => [...reconnected].forEach((l) => l());
  const dropFrame = (chars: number) => [...oversized].forEach((l) => l(chars));
  return { link, setStatus, reconnect, listened, subscribed, dropFrame };
}

describe('the tab’s live link', () => {
  it('maps the client’s statuses to what the page says', () => {
    expect(modeOf({ state: 'idle' })).toEqual({ kind: 'connecting' });
    expect(modeOf({ state: 'live' })).toEqual({ kind: 'live' });
    expect(modeOf({ state: 'reconnecting' })).toEqual({ kind: 'polling', reason: 'reconnecting' });
    expect(modeOf({ state: 'failed', reason: 'auth', detail: null })).toEqual({
      kind: 'polling',
      reason: 'auth',
    });
    expect(modeOf({ state: 'stopped' })).toEqual({ kind: 'polling', reason: 'unavailable' });
  });

  it('listens to the own node, subscribes to others, and parses payloads with the one parser', async () => {
    const scripted = scriptedLink();
    const onProblem = vi.fn();
    const live = createTabLive({ link: scripted.link, userId: '1234', onProblem });
    const own: Update[] = [];
    const team: Update[] = [];
    const ready = vi.fn();
    const refused = vi.fn();
    live.notifications.subscribe('/finesse/api/User/1234', (u) => own.push(u), { onReady: ready });
    live.notifications.subscribe('/finesse/api/Team/10/Users', (u) => team.push(u), {
      onReady: ready,
      onRefused: refused,
    });
    expect([...scripted.listened.keys()]).toEqual(['/finesse/api/User/1234']);
    expect([...scripted.subscribed.keys()]).toEqual(['/finesse/api/Team/10/Users']);
    await Promise.resolve();
    expect(ready).toHaveBeenCalledTimes(1); // the own node: at once
    scripted.subscribed.get('/finesse/api/Team/10/Users')?.options?.onSubscribed?.();
    expect(ready).toHaveBeenCalledTimes(2);

    scripted.listened.get('/finesse/api/User/1234')?.(fixture('update-user.xml'));
    expect(own[0]?.requestId).toBe('xyz');
    scripted.subscribed.get('/finesse/api/Team/10/Users')?.onPayload('<Update><data>');
    expect(team).toEqual([]);
    expect(onProblem).toHaveBeenCalledOnce();
    scripted.subscribed.get('/finesse/api/Team/10/Users')?.options?.onRefused?.('forbidden');
    expect(refused).toHaveBeenCalledOnce();
  });

  it('listens to SystemInfo like the own node: every user is subscribed to it by Finesse', () => {
    const scripted = scriptedLink();
    const live = createTabLive({ link: scripted.link, userId: '1234' });
    const statuses: string[] = [];
    live.notifications.subscribe('/finesse/api/SystemInfo', (u) => {
      if (u.data.kind === 'systemInfo') statuses.push(`${u.data.status} ${u.data.statusReason}`);
    });
    expect([...scripted.listened.keys()]).toEqual(['/finesse/api/SystemInfo']);
    expect(scripted.subscribed.size).toBe(0);
    scripted.listened.get('/finesse/api/SystemInfo')?.(
      '<Update><data><SystemInfo><status>OUT_OF_SERVICE</status><statusReason>CTI down</statusReason></SystemInfo></data><event>PUT</event><requestId/><source>/finesse/api/SystemInfo</source></Update>',
    );
    expect(statuses).toEqual(['OUT_OF_SERVICE CTI down']);
  });

  it('refuses an Update over the limit before parsing: counted, and what it carried read again', () => {
    const scripted = scriptedLink();
    const onProblem = vi.fn();
    const live = createTabLive({ link: scripted.link, userId: '1234', onProblem });
    const own: Update[] = [];
    const counts: number[] = [];
    const resync = vi.fn();
    live.notifications.subscribe('/finesse/api/User/1234', (u) => own.push(u));
    live.notifications.onRefusedUpdate((n) => counts.push(n));
    live.notifications.onResync(resync);
    const huge = fixture('update-user.xml').replace(
      '<firstName>John</firstName>',
      `<firstName>${'J'.repeat(NOTIFICATION_LIMIT)}</firstName>`,
    );
    scripted.listened.get('/finesse/api/User/1234')?.(huge);
    scripted.listened.get('/finesse/api/User/1234')?.(huge);
    expect(own).toEqual([]);
    expect(counts).toEqual([1, 2]);
    expect(live.notifications.refusedUpdates()).toBe(2);
    expect(resync).toHaveBeenCalledTimes(2);
    expect(onProblem).toHaveBeenCalledTimes(2);
    expect(onProblem.mock.calls[0]?.[1]).toBeInstanceOf(UpdateTooLarge);
    // A frame the link dropped before parsing counts the same, and reads everything again.
    scripted.dropFrame(5_000_000);
    expect(counts).toEqual([1, 2, 3]);
    expect(resync).toHaveBeenCalledTimes(3);
    // One just under the limit is read.
    scripted.listened.get('/finesse/api/User/1234')?.(fixture('update-user.xml'));
    expect(own).toHaveLength(1);
  });

  it('is connected only while live, and announces a resync on each reconnect', async () => {
    const scripted = scriptedLink();
    const live = createTabLive({ link: scripted.link, userId: '1234' });
    const changes: string[] = [];
    const resync = vi.fn();
    live.notifications.onConnectionChange((s) => changes.push(s));
    live.notifications.onResync(resync);
    expect(live.mode()).toEqual({ kind: 'connecting' });
    scripted.setStatus({ state: 'live' });
    scripted.setStatus({ state: 'reconnecting' });
    scripted.setStatus({ state: 'live' });
    scripted.reconnect();
    expect(changes).toEqual(['connected', 'reconnecting', 'connected']);
    expect(resync).toHaveBeenCalledOnce();
    expect(live.lastHeard()).toBe(1234);
    await live.stop();
    expect(scripted.link.stop).toHaveBeenCalledOnce();
  });
});
