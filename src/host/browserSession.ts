// Browser-tab sign-in state: credentials kept in sessionStorage only (never localStorage or URLs),
// the SSO grant beside them, and the channel on which the tabs of this page tell each other.
import type { Auth } from '../finesse/client.ts';
import type { SsoToken } from '../finesse/sso.ts';
import type { Session } from './host.ts';

const key = 'finesse-state-gadget.session';

/** A single sign-on: what renewing its access token needs, and when that token runs out. */
export interface SsoGrant {
  /**
   * Names this sign-in. A tab opened from this one (duplicated) starts with a copy of its
   * sessionStorage, so two tabs can hold one grant; they share its renewals by this id.
   */
  grantId: string;
  /** As the user gave it at sign-in: loginName or peripheral ID (UCCE), user ID (UCCX). */
  ccUsername: string;
  refreshToken: string | null;
  /** When the current access token was received (this PC's clock, epoch ms). */
  obtainedAt: number;
  expiresInS: number;
}

export interface StoredSession {
  /** loginId: the id every REST path uses. */
  userId: string;
  auth: Auth;
  sso: SsoGrant | null;
}

/** The signed-in tab's session: its auth is read fresh at each request, and changes on renewal. */
export interface BrowserSession extends Session {
  current(): StoredSession;
  /** A renewed token (or a whole new grant from the browser): used from the next request on. */
  adopt(next: StoredSession): void;
}

const isString = (value: unknown): value is string => typeof value === 'string';

function isGrant(value: unknown): value is SsoGrant {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    isString(v.grantId) &&
    isString(v.ccUsername) &&
    (v.refreshToken === null || isString(v.refreshToken)) &&
    typeof v.obtainedAt === 'number' &&
    typeof v.expiresInS === 'number' &&
    v.expiresInS > 0
  );
}

export function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const auth = v.auth as Record<string, unknown> | undefined;
  const authOk =
    typeof auth === 'object' &&
    auth !== null &&
    ((auth.scheme === 'Basic' && isString(auth.credentials)) ||
      (auth.scheme === 'Bearer' && isString(auth.token)));
  // An SSO session has its grant (stored before the grant existed: not resumable, sign in again).
  const ssoOk = auth?.scheme === 'Bearer' ? isGrant(v.sso) : v.sso === null || v.sso === undefined;
  return isString(v.userId) && authOk && ssoOk;
}

function write(stored: StoredSession, storage: Storage | undefined): void {
  try {
    storage?.setItem(key, JSON.stringify(stored));
  } catch {
    // Private mode or a full quota: the session still works until the tab closes.
  }
}

export function createBrowserSession(
  initial: StoredSession,
  storage: Storage | undefined = globalThis.sessionStorage,
): BrowserSession {
  let stored = initial;
  return {
    userId: initial.userId,
    getAuth: () => stored.auth,
    current: () => stored,
    adopt(next) {
      stored = next;
      write(next, storage);
    },
  };
}

export function loadSession(
  storage: Storage | undefined = globalThis.sessionStorage,
): BrowserSession | null {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (!isStoredSession(parsed)) return null;
    return createBrowserSession({ ...parsed, sso: parsed.sso ?? null }, storage);
  } catch {
    return null;
  }
}

export function saveSession(
  stored: StoredSession,
  storage: Storage | undefined = globalThis.sessionStorage,
): BrowserSession {
  write(stored, storage);
  return createBrowserSession(stored, storage);
}

export function forgetSession(storage: Storage | undefined = globalThis.sessionStorage): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Nothing stored, nothing to forget.
  }
}

/** A grant's token from `/desktop/sso/token`, received now; a renewal keeps the refresh token it had when the answer leaves it out. */
export function grantWith(
  grant: Omit<SsoGrant, 'refreshToken' | 'obtainedAt' | 'expiresInS'> & {
    refreshToken?: string | null;
  },
  token: SsoToken,
  now: number,
): SsoGrant {
  return {
    grantId: grant.grantId,
    ccUsername: grant.ccUsername,
    refreshToken: token.refreshToken ?? grant.refreshToken ?? null,
    obtainedAt: now,
    expiresInS: token.expiresInS,
  };
}

const channelName = 'finesse-state-gadget.session';

/** Why a session ended for every tab that held it. */
export type EndReason = 'refreshExpired' | 'lapsed';

export type ChannelMessage =
  | { type: 'signed-out' }
  /** A tab is renewing the grant: a request refused meanwhile was sent with the token it replaces. */
  | { type: 'renewing'; grantId: string }
  | { type: 'renewed'; stored: StoredSession }
  | { type: 'ended'; grantId: string; reason: EndReason };

function isChannelMessage(value: unknown): value is ChannelMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.type === 'signed-out' ||
    (v.type === 'renewing' && isString(v.grantId)) ||
    (v.type === 'renewed' && isStoredSession(v.stored)) ||
    (v.type === 'ended' &&
      isString(v.grantId) &&
      (v.reason === 'refreshExpired' || v.reason === 'lapsed'))
  );
}

export interface SessionChannel {
  announce(message: ChannelMessage): void;
  close(): void;
}

/**
 * The tabs of this page on this origin. Sign-out reaches every tab: a tab opened from this one
 * starts with a copy of its sessionStorage, credentials included, and would otherwise go on using
 * them. A renewed SSO token reaches the tabs that hold the same grant, which use it from then on
 * (the grant's previous token is refused once renewed); a grant that ended ends in all of them.
 * Tabs signed in separately hold separate grants and are not touched by each other's renewals.
 */
export function sessionChannel(onMessage: (message: ChannelMessage) => void): SessionChannel {
  if (typeof BroadcastChannel === 'undefined') return { announce: () => {}, close: () => {} };
  const channel = new BroadcastChannel(channelName);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    // 'signed-out' as a bare string: what this page's earlier versions sent.
    const data = event.data === 'signed-out' ? { type: 'signed-out' } : event.data;
    if (isChannelMessage(data)) onMessage(data);
  };
  return {
    announce: (message) => channel.postMessage(message),
    close: () => channel.close(),
  };
}
