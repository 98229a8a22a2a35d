// Live notifications for a browser tab: Finesse's Notification Service over XMPP as the host's
// Notifications while it works, and the mode the page shows ("Live", or polling and why).
import type {
  NotificationStatus,
  XmppNotifications,
} from '../finesse/notifications/xmppNotifications.ts';
import { SYSTEM_INFO_PATH, userPath } from '../finesse/resources.ts';
import { parseNotification, UpdateTooLarge, type Update } from '../finesse/update.ts';
import type { ConnectionStatus, Notifications } from './host.ts';
import { listeners } from '../utils/listeners.ts';

/** How the page is kept current, in words it can show. */
export type LiveMode =
  | { kind: 'connecting' }
  | { kind: 'live' }
  | {
      kind: 'polling';
      /** Why not live: sign-in refused, cannot reach, keeps dropping, just dropped, not offered. */
      reason: 'auth' | 'unreachable' | 'dropping' | 'reconnecting' | 'unavailable';
    };

export interface TabLive {
  /** Finesse's pushed Updates; the views use them only while the mode is live. */
  notifications: Notifications;
  mode(): LiveMode;
  onMode(listener: (mode: LiveMode) => void): () => void;
  /** When the page last heard from Finesse's Notification Service (epoch ms), or null. */
  lastHeard(): number | null;
  /** The `finesse` user's presence as the link hears it (xmppNotifications `onFinessePresence`). */
  onFinessePresence(listener: (available: boolean | null) => void): () => void;
  /** Reconnect now: SystemInfo says Finesse is in service again. */
  reconnectNow(): void;
  stop(): Promise<void>;
}

/** SystemInfo's node: every user is subscribed to it automatically (notifications.md, failover.md). */
export const SYSTEM_INFO_NODE = SYSTEM_INFO_PATH;

export function modeOf(status: NotificationStatus): LiveMode {
  switch (status.state) {
    case 'live':
      return { kind: 'live' };
    case 'idle':
    case 'connecting':
      return { kind: 'connecting' };
    case 'reconnecting':
      return { kind: 'polling', reason: 'reconnecting' };
    case 'failed':
      return { kind: 'polling', reason: status.reason };
    case 'stopped':
      return { kind: 'polling', reason: 'unavailable' };
  }
}

export interface TabLiveOptions {
  link: XmppNotifications;
  userId: string;
  onProblem?: (message: string, cause?: unknown) => void;
}

/**
 * Wraps the XMPP client as the tab's Notifications. The user's own node is delivered by the
 * server without a request (Cisco: automatic subscriptions); any other node (a team's Users) is
 * subscribed explicitly. Every payload goes through the one Update parser.
 */
export function createTabLive({ link, userId, onProblem = () => {} }: TabLiveOptions): TabLive {
  const ownNode = userPath(userId);
  let mode = modeOf(link.status());
  const modeListeners = listeners<[LiveMode]>();
  const connectionListeners = listeners<[ConnectionStatus]>();
  const resyncListeners = listeners();
  const refusedListeners = listeners<[number]>();
  let refused = 0;
  const connection = (): ConnectionStatus => (mode.kind === 'live' ? 'connected' : 'reconnecting');

  const stopWatching = link.onStatus((status) => {
    const before = connection();
    mode = modeOf(status);
    modeListeners.emit(mode);
    if (connection() !== before) connectionListeners.emit(connection());
  });
  // Live again after a drop: Updates in the gap are not replayed, so what they carry is read again.
  const stopResync = link.onReconnected(() => resyncListeners.emit());

  const refuse = () => {
    refused += 1;
    refusedListeners.emit(refused);
    resyncListeners.emit();
  };
  // A frame dropped before parsing: which node it was for is unknown, so everything is read again.
  const stopOversized = link.onOversized(refuse);

  const deliver = (node: string, onUpdate: (update: Update) => void) => (payload: string) => {
    let update: Update;
    try {
      const notification = parseNotification(payload);
      if (notification.node !== null && notification.node !== node) {
        return onProblem(`An Update for ${notification.node} on ${node}`);
      }
      update = notification.update;
    } catch (cause) {
      // Refused before parsing, counted and shown; what it carried is read again instead.
      if (cause instanceof UpdateTooLarge) refuse();
      return onProblem(`Unreadable Update on ${node}`, cause);
    }
    onUpdate(update);
  };

  const notifications: Notifications = {
    subscribe(node, onUpdate, events) {
      const onPayload = deliver(node, onUpdate);
      if (node === ownNode || node === SYSTEM_INFO_NODE) {
        // Subscribed by the server itself from sign-in on.
        const onReady = events?.onReady;
        if (onReady) queueMicrotask(onReady);
        return link.listen(node, onPayload);
      }
      return link.subscribe(node, onPayload, {
        onSubscribed: events?.onReady,
        onRefused: (condition) => {
          onProblem(`Finesse refused a subscription to ${node} (${condition ?? 'no reason'})`);
          events?.onRefused?.();
        },
      });
    },
    connectionStatus: connection,
    onConnectionChange: connectionListeners.add,
    onResync: resyncListeners.add,
    refusedUpdates: () => refused,
    onRefusedUpdate: refusedListeners.add,
  };

  return {
    notifications,
    mode: () => mode,
    onMode: modeListeners.add,
    lastHeard: () => link.lastHeard(),
    onFinessePresence: (listener) => link.onFinessePresence(listener),
    reconnectNow: () => link.reconnectNow(),
    async stop() {
      stopWatching();
      stopResync();
      stopOversized();
      refusedListeners.clear();
      modeListeners.clear();
      connectionListeners.clear();
      resyncListeners.clear();
      await link.stop();
    },
  };
}
