// One typed client for the simulated Finesse's control API (/sim, sim/README.md), used by the
// Playwright specs (through Playwright's request context) and the benches (through fetch).
import type { Flavour } from '../sim/model.ts';
import type { FaultKind, RequestLogEntry } from '../sim/simulator.ts';
import type { AuthMode, SsoConfig, SsoFaultKind } from '../sim/sso.ts';

/** A request as the simulator logged it (`GET /sim/requests`). */
export type LoggedRequest = RequestLogEntry;

/** `POST /sim/faults`: what to break, for which requests, how many times. */
export interface Fault {
  match: { method?: string; path?: string; pathEquals?: string };
  kind: FaultKind;
  times?: number;
  /** For `oversized`: how many reason codes the answer lists. */
  entries?: number;
  /** For `status429`: its `Retry-After`, in seconds (2 by default). */
  retryAfterS?: number;
  /** For `apiError`: the error Finesse answers. */
  status?: number;
  errorType?: string;
  errorData?: string;
  errorMessage?: string;
}

/** `GET /sim/xmpp`: the Notification Service's open sessions and pubsub subscriptions. */
export interface XmppSnapshot {
  connections: { user: string | null; jid: string | null }[];
  subscriptions: { node: string; jid: string }[];
}

/** `GET /sim/sso`: the simulated IdS's settings, grants (times on the server's clock) and faults. */
export interface SsoSnapshot {
  authMode: AuthMode;
  ssoUserId: 'loginId' | 'loginName';
  tokenLifetimeS: number;
  refreshLifetimeS: number;
  systemInfoNeedsAuth: boolean;
  grants: {
    loginId: string;
    token: string;
    expiresAt: string;
    refreshToken: string;
    refreshExpiresAt: string;
  }[];
  faults: { kind: SsoFaultKind; remaining: number }[];
}

export interface ControlAnswer {
  status: number;
  /** The parsed JSON body, or null when there was none. */
  json: unknown;
}

/** One call to the control API, however the caller reaches the server. */
export type SimTransport = (
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
) => Promise<ControlAnswer>;

/** The control API over `fetch`, at `base` (e.g. `http://127.0.0.1:4173`). */
export function fetchTransport(base: string, timeoutMs = 10_000): SimTransport {
  return async (method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as unknown) : null };
  };
}

/** The control API answered with an error; `status` 404 means the endpoint does not exist. */
export class SimControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SimControlError';
  }
}

export type SimControl = ReturnType<typeof simControl>;

export function simControl(transport: SimTransport) {
  /** Any answer but a success fails the caller, naming the endpoint. */
  const send = async (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => {
    const answer = await transport(method, path, body);
    if (answer.status < 200 || answer.status >= 300) {
      throw new SimControlError(answer.status, `${method} ${path} → ${answer.status}`);
    }
    return answer.json;
  };
  const post = (path: string, body: unknown = {}) => send('POST', path, body);
  return {
    reset: (flavour: Flavour = 'UCCX') => post('/sim/reset', { flavour }),
    config: (config: { latencyMs?: number; applyDelayMs?: number }) => post('/sim/config', config),
    fault: (fault: Fault) => post('/sim/faults', fault),
    /**
     * Some of the next state changes are refused, as a bulk action meets them: the first PUT
     * gets 429 with `Retry-After` (`retryAfterS`), the next `changed` agents are signed out by
     * the system just before their PUT (which Finesse then refuses: Invalid State).
     */
    refuseSomeChanges: async ({ retryAfterS = 2, changed = 2 } = {}) => {
      const match = { method: 'PUT', path: '/finesse/api/User/' };
      await post('/sim/faults', { match, kind: 'status429', retryAfterS, times: 1 });
      if (changed > 0)
        await post('/sim/faults', { match, kind: 'changedMeanwhile', times: changed });
    },
    clock: (offsetMs: number) => post('/sim/clock', { offsetMs }),
    call: (userId: string, action: 'start' | 'end') =>
      post(`/sim/users/${userId}/call`, { action }),
    /** A system-initiated change (no rules), e.g. RONA or a supervisor's change made elsewhere. */
    setState: (userId: string, state: string, reasonCodeId?: number) =>
      post(`/sim/users/${userId}/state`, { state, reasonCodeId }),
    moveToTeam: (userId: string, teamId: string) => post(`/sim/users/${userId}/team`, { teamId }),
    rename: (userId: string, firstName: string, lastName: string) =>
      post(`/sim/users/${userId}/name`, { firstName, lastName }),
    bigTeam: (size: number) => post('/sim/big-team', { size }),
    /** Finesse's Notification Service refuses WebSockets (and cuts open ones): pages poll. */
    xmppDown: (down = true) => post('/sim/xmpp/down', { down }),
    /** Cuts the open XMPP connections (no stream close), for one user or all. */
    xmppDrop: (user?: string) => post('/sim/xmpp/drop', user ? { user } : {}),
    xmpp: async () => (await send('GET', '/sim/xmpp')) as XmppSnapshot,
    /** Subscriptions outlive sessions in the simulator: a clean start removes them. */
    clearXmppSubscriptions: () => send('DELETE', '/sim/xmpp/subscriptions'),
    async requests(filter: { method?: string; path?: string } = {}): Promise<LoggedRequest[]> {
      const all = (await send('GET', '/sim/requests')) as LoggedRequest[];
      return all.filter(
        (r) =>
          (!filter.method || r.method === filter.method) &&
          (!filter.path || r.path.includes(filter.path)),
      );
    },
    clearRequests: () => send('DELETE', '/sim/requests'),
    /** SSO settings (restored by `reset`): auth mode, token lifetimes, user_id, SystemInfo. */
    ssoConfig: (config: Partial<SsoConfig>) => post('/sim/config', config),
    /** Counted: each applies to that many of the next matching requests. */
    ssoFault: (kind: SsoFaultKind, times = 1) => post('/sim/sso/faults', { kind, times }),
    clearSsoFaults: () => send('DELETE', '/sim/sso/faults'),
    /** Every grant's refresh token expires now: the next renewal gets 401 invalid_grant. */
    expireRefresh: () => post('/sim/sso/expire-refresh'),
    /** How the user signs in when the system is HYBRID (`both`: either way, the default). */
    userAuth: (userId: string, kind: 'sso' | 'password' | 'both') =>
      post(`/sim/users/${userId}/auth`, { kind }),
    ssoState: async () => (await send('GET', '/sim/sso')) as SsoSnapshot,
  };
}
