// Drives the simulated Finesse's /sim control endpoints from Playwright specs.
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';

export { expect };

export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  search: string;
  requestId: string | null;
  authUser: string | null;
  /** The Bearer token the request carried, or null. */
  bearer: string | null;
  body: string;
  status: number;
}

export type AuthMode = 'NON_SSO' | 'SSO' | 'HYBRID';

export interface SsoConfig {
  authMode?: AuthMode;
  /** What the token answer's `user_id` is (UCCE may answer the loginName). */
  ssoUserId?: 'loginId' | 'loginName';
  tokenLifetimeS?: number;
  refreshLifetimeS?: number;
  /** SystemInfo answers 401 without credentials. */
  systemInfoNeedsAuth?: boolean;
}

/** Counted: each applies to that many of the next matching requests. */
export type SsoFaultKind = 'idpRefuses' | 'token500' | 'renewNeedsBrowser';

export interface SsoState {
  authMode: AuthMode;
  ssoUserId: 'loginId' | 'loginName';
  tokenLifetimeS: number;
  refreshLifetimeS: number;
  systemInfoNeedsAuth: boolean;
  /** Times are ISO strings on the server's clock. */
  grants: {
    loginId: string;
    token: string;
    expiresAt: string;
    refreshToken: string;
    refreshExpiresAt: string;
  }[];
  faults: { kind: SsoFaultKind; remaining: number }[];
}

export interface Fault {
  match: { method?: string; path?: string; pathEquals?: string };
  kind: 'status503' | 'html500' | 'truncated' | 'empty' | 'hang' | 'apiError' | 'oversized';
  times?: number;
  /** For `oversized`: how many reason codes the answer lists. */
  entries?: number;
  status?: number;
  errorType?: string;
  errorData?: string;
  errorMessage?: string;
}

export function sim(request: APIRequestContext) {
  const post = async (path: string, data: unknown = {}) => {
    const response = await request.post(path, { data });
    expect(response.ok(), `${path} → ${response.status()}`).toBe(true);
    return response;
  };
  return {
    reset: (flavour: 'UCCX' | 'UCCE' = 'UCCX') => post('/sim/reset', { flavour }),
    config: (config: { latencyMs?: number; applyDelayMs?: number }) => post('/sim/config', config),
    fault: (fault: Fault) => post('/sim/faults', fault),
    clock: (offsetMs: number) => post('/sim/clock', { offsetMs }),
    call: (userId: string, action: 'start' | 'end') =>
      post(`/sim/users/${userId}/call`, { action }),
    /** A system-initiated change (no rules), e.g. RONA or a supervisor's change made elsewhere. */
    setState: (userId: string, state: string, reasonCodeId?: number) =>
      post(`/sim/users/${userId}/state`, { state, reasonCodeId }),
    moveToTeam: (userId: string, teamId: string) => post(`/sim/users/${userId}/team`, { teamId }),
    bigTeam: (size: number) => post('/sim/big-team', { size }),
    /** Finesse's Notification Service refuses WebSockets (and cuts open ones): pages poll. */
    xmppDown: (down = true) => post('/sim/xmpp/down', { down }),
    /** Cuts the open XMPP connections (no stream close), for one user or all. */
    xmppDrop: (user?: string) => post('/sim/xmpp/drop', user ? { user } : {}),
    async requests(filter: { method?: string; path?: string } = {}): Promise<LoggedRequest[]> {
      const response = await request.get('/sim/requests');
      const all = (await response.json()) as LoggedRequest[];
      return all.filter(
        (r) =>
          (!filter.method || r.method === filter.method) &&
          (!filter.path || r.path.includes(filter.path)),
      );
    },
    clearRequests: () => request.delete('/sim/requests'),
    /** SSO settings (restored by `reset`): auth mode, token lifetimes, user_id, SystemInfo. */
    ssoConfig: (config: SsoConfig) => post('/sim/config', config),
    ssoFault: (kind: SsoFaultKind, times = 1) => post('/sim/sso/faults', { kind, times }),
    clearSsoFaults: () => request.delete('/sim/sso/faults'),
    /** Every grant's refresh token expires now: the next renewal gets 401 invalid_grant. */
    expireRefresh: () => post('/sim/sso/expire-refresh'),
    /** How the user signs in when the system is HYBRID (`both`: either way, the default). */
    userAuth: (userId: string, kind: 'sso' | 'password' | 'both') =>
      post(`/sim/users/${userId}/auth`, { kind }),
    async ssoState(): Promise<SsoState> {
      const response = await request.get('/sim/sso');
      return (await response.json()) as SsoState;
    },
  };
}

/** Signs in on the browser-tab page. */
export async function signIn(page: Page, userId: string, password = 'demo', path = './') {
  await page.goto(path);
  await page.getByLabel('User ID').fill(userId);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * Specs import `test` from here: every page is watched, and any alert/confirm/prompt, or anything
 * the built page's Content-Security-Policy blocks (Chromium reports it on the console), fails the
 * test.
 */
export const test = base.extend<{ dialogs: string[]; blockedByPolicy: string[] }>({
  blockedByPolicy: [
    async ({ context }, use) => {
      const blocked: string[] = [];
      const watch = (page: Page) =>
        page.on('console', (message) => {
          if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
        });
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(blocked);
      expect(blocked, 'the Content-Security-Policy must block nothing the product does').toEqual(
        [],
      );
    },
    { auto: true },
  ],
  dialogs: [
    async ({ page }, use) => {
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss();
      });
      await use(dialogs);
      expect(dialogs, 'alert/confirm/prompt must never fire').toEqual([]);
    },
    { auto: true },
  ],
});
