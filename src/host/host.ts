// Where the product runs (Finesse desktop or a browser tab): identity, auth, live updates, chrome.
import type { Auth } from '../finesse/client.ts';
import type { Update } from '../finesse/update.ts';

/** The signed-in user as the host knows them; auth is read at each request. */
export interface Session {
  userId: string;
  getAuth: () => Auth | null;
}

export type ConnectionStatus = 'connected' | 'reconnecting';

/** Live Finesse notifications, where the host has a channel (the desktop's hub, a tab's XMPP link). */
export interface Notifications {
  /**
   * Calls `onUpdate` for every Update published on a node such as `/finesse/api/User/1001`.
   * `onReady` is called each time the subscription is in place (after every reconnect too): a
   * read made after it misses nothing. `onRefused`: the server will not send this node's Updates
   * (e.g. a team the user no longer supervises); the caller polls it instead.
   */
  subscribe(
    node: string,
    onUpdate: (update: Update) => void,
    events?: { onReady?: () => void; onRefused?: () => void },
  ): () => void;
  connectionStatus(): ConnectionStatus;
  onConnectionChange(listener: (status: ConnectionStatus) => void): () => void;
  /**
   * Called when updates may have been missed and what they carry must be read again: the
   * connection is back after being down, or Finesse recovered from a failover.
   */
  onResync(listener: () => void): () => void;
  /**
   * Updates refused before parsing because they were over the limit (update.ts
   * NOTIFICATION_LIMIT), counted for the page to show; each also asks for a resync.
   */
  refusedUpdates(): number;
  onRefusedUpdate(listener: (count: number) => void): () => void;
}

/** The container's chrome: resizing, title, loading indicator. No-ops in a browser tab. */
export interface Chrome {
  contentChanged(): void;
  ready(): void;
  setTitle(title: string): void;
}

export interface Host {
  kind: 'desktop' | 'browser';
  locale: string;
  /** Client clock minus server clock, so time in state is right on a drifting PC. */
  clockDriftMs: number;
  notifications: Notifications | null;
  /**
   * Live notifications are being set up (a tab connecting to Finesse's Notification Service):
   * reads that must follow a subscription, such as a team's, wait a moment instead of polling.
   */
  notificationsPending?: boolean;
  chrome: Chrome;
}

export const noChrome: Chrome = {
  contentChanged: () => {},
  ready: () => {},
  setTitle: (title) => {
    if (typeof document !== 'undefined') document.title = title;
  },
};
