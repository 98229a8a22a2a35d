// Browser-tab sign-in state: credentials kept in sessionStorage only (never localStorage or URLs).
import type { Auth } from '../finesse/client.ts';
import type { Session } from './host.ts';

const key = 'finesse-state-gadget.session';

interface Stored {
  userId: string;
  auth: Auth;
}

function isStored(value: unknown): value is Stored {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const auth = v.auth as Record<string, unknown> | undefined;
  return (
    typeof v.userId === 'string' &&
    typeof auth === 'object' &&
    auth !== null &&
    ((auth.scheme === 'Basic' && typeof auth.credentials === 'string') ||
      (auth.scheme === 'Bearer' && typeof auth.token === 'string'))
  );
}

export function sessionFrom(userId: string, auth: Auth): Session {
  return { userId, getAuth: () => auth };
}

export function loadSession(
  storage: Storage | undefined = globalThis.sessionStorage,
): Session | null {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    return isStored(parsed) ? sessionFrom(parsed.userId, parsed.auth) : null;
  } catch {
    return null;
  }
}

export function saveSession(
  userId: string,
  auth: Auth,
  storage: Storage | undefined = globalThis.sessionStorage,
): Session {
  try {
    storage?.setItem(key, JSON.stringify({ userId, auth } satisfies Stored));
  } catch {
    // Private mode or a full quota: the session still works until the tab closes.
  }
  return sessionFrom(userId, auth);
}

export function forgetSession(storage: Storage | undefined = globalThis.sessionStorage): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Nothing stored, nothing to forget.
  }
}

const channelName = 'finesse-state-gadget.session';

/**
 * Sign-out reaches every tab of the origin: a tab opened from this one starts with a copy of its
 * sessionStorage, credentials included, and would otherwise go on using them. Calls `onSignOut`
 * when another tab signs out; returns the function that tells the others, and one to stop.
 */
export function sessionChannel(onSignOut: () => void): { announce(): void; close(): void } {
  if (typeof BroadcastChannel === 'undefined') return { announce: () => {}, close: () => {} };
  const channel = new BroadcastChannel(channelName);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    if (event.data === 'signed-out') onSignOut();
  };
  return {
    announce: () => channel.postMessage('signed-out'),
    close: () => channel.close(),
  };
}
