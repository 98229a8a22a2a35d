// Single sign-on as Cisco IdS and an identity provider play it: grants, the token flow, the IdP page.
//
// Facts and their sources are in ../shared/finesse/sso.md ("sso.md"): Cisco's developer guide
// 12.5(1) "Single Sign-On APIs" and TAC 215626 (token fetch and refresh for third-party apps).
// Where they are silent the choice is written beside the code as a decision.
import { randomBytes } from 'node:crypto';
import { findUser, type User } from './model.ts';
import type { ApiResponse } from './finesseApi.ts';
import type { Simulator } from './simulator.ts';
import { escapeXml, tomcat500Html } from './xml.ts';

export type AuthMode = 'SSO' | 'NON_SSO' | 'HYBRID';
export const AUTH_MODES: readonly AuthMode[] = ['NON_SSO', 'SSO', 'HYBRID'];

export interface SsoConfig {
  /** What SystemInfo reports, and which credentials /finesse/api and XMPP accept. */
  authMode: AuthMode;
  /** SystemInfo answers 401 without credentials (sso.md: a client must handle both). */
  systemInfoNeedsAuth: boolean;
  /** What the token answer's `user_id` holds: UCCE may give the loginName (sso.md "Use it"). */
  ssoUserId: 'loginId' | 'loginName';
  /** Access token lifetime; 300 s is Cisco's example (`expires_in`). */
  tokenLifetimeS: number;
  /** Refresh token lifetime: an IdS setting; an hour is this simulator's choice. */
  refreshLifetimeS: number;
}

export const SSO_DEFAULTS: SsoConfig = {
  authMode: 'HYBRID',
  systemInfoNeedsAuth: false,
  ssoUserId: 'loginId',
  tokenLifetimeS: 300,
  refreshLifetimeS: 3600,
};

/**
 * For `npm start`, `vite preview` and `npm run sim`: HYBRID, and access tokens of 120 s (not
 * Cisco's example 300) so a renewal, due at 75 % (sso.md "Renew it"), is seen at 90 s in a demo.
 */
export const DEMO_SSO: Partial<SsoConfig> = { authMode: 'HYBRID', tokenLifetimeS: 120 };

/** The token answer's realm; `user_principal` is `<user_id>@<realm>` as in Cisco's example. */
export const SSO_REALM = 'finesse.sim.example';
/** A one-time code from the IdP is good for this long. */
export const CODE_LIFETIME_MS = 60_000;
/** A sign-in started at /desktop/sso/token must reach the IdP form within this. */
const PENDING_LIFETIME_MS = 10 * 60_000;
const IDP_COOKIE = 'sim_idp_session';

/**
 * Counted faults. `refreshExpired` is not one: it is the action `POST /sim/sso/expire-refresh`,
 * since it changes grants that exist now rather than a later request.
 */
export const SSO_FAULT_KINDS = ['idpRefuses', 'token500', 'renewNeedsBrowser'] as const;
export type SsoFaultKind = (typeof SSO_FAULT_KINDS)[number];
export interface SsoFault {
  kind: SsoFaultKind;
  remaining: number;
}

/** One sign-in: two tabs signed in separately hold two grants, renewed independently. */
export interface Grant {
  /** Counts sign-ins since reset: `g<serial>` in the tokens, for people reading logs. */
  serial: number;
  loginId: string;
  accessToken: string;
  /** Server clock (`sim.now()`), ms. */
  accessExpiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
}

/** A sign-in between the first /desktop/sso/token and the IdP's answer (the `state`). */
interface PendingSignIn {
  loginId: string;
  /** The cc_username as the client gave it: prefills the IdP form. */
  name: string;
  /** Host (with port) the client asked on: where the browser is sent back to. */
  finesseHost: string;
  /** `return_refresh_token=true` was asked for. */
  withRefresh: boolean;
  expiresAt: number;
}

interface IssuedCode {
  state: string;
  loginId: string;
  expiresAt: number;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** The SSO half of the simulator's state; `Simulator.reset()` replaces it. */
export class SsoState {
  grants: Grant[] = [];
  faults: SsoFault[] = [];
  readonly pending = new Map<string, PendingSignIn>();
  readonly codes = new Map<string, IssuedCode>();
  /** IdP session cookie value → loginId: a second sign-in skips the IdP form. */
  readonly idpSessions = new Map<string, string>();
  private grantCount = 0;

  takeFault(kind: SsoFaultKind): boolean {
    const index = this.faults.findIndex((f) => f.kind === kind);
    const fault = this.faults[index];
    if (!fault) return false;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return true;
  }

  issue(loginId: string, now: number, config: SsoConfig): Grant {
    this.grantCount += 1;
    const grant: Grant = {
      serial: this.grantCount,
      loginId,
      accessToken: '',
      accessExpiresAt: 0,
      refreshToken: `rt-${loginId}-g${this.grantCount}-${hex(12)}`,
      refreshExpiresAt: now + config.refreshLifetimeS * 1000,
    };
    this.renew(grant, now, config);
    this.grants.push(grant);
    return grant;
  }

  /** A new access token; the previous one is refused from now on (it is no longer stored). */
  renew(grant: Grant, now: number, config: SsoConfig): void {
    grant.accessToken = `sso-${grant.loginId}-g${grant.serial}-${hex(8)}`;
    grant.accessExpiresAt = now + config.tokenLifetimeS * 1000;
  }

  /** The grant whose current, unexpired access token this is. */
  current(token: string, now: number): Grant | undefined {
    return this.grants.find((g) => g.accessToken === token && g.accessExpiresAt > now);
  }

  expireRefreshTokens(now: number): void {
    for (const grant of this.grants) grant.refreshExpiresAt = Math.min(grant.refreshExpiresAt, now);
  }
}

// ---- HTTP ------------------------------------------------------------------------------

export interface SsoRequest {
  method: string;
  pathname: string;
  searchParams: URLSearchParams;
  /** The Host header: which origin the browser is on. */
  host: string;
  cookie: string | undefined;
  contentType: string | undefined;
  body: string;
}

const SSO_PATHS = ['/desktop/sso/token', '/desktop/sso/test', '/ids/authorize', '/idp/login'];
export const isSsoPath = (pathname: string): boolean =>
  SSO_PATHS.includes(pathname.replace(/\/+$/, ''));

/**
 * The IdS and the IdP on ANOTHER origin of the same server: 127.0.0.1 ⇄ localhost, same port.
 * In a real deployment IdS listens on port 8553 and the IdP elsewhere, so a Finesse page cannot
 * read the popup while it is there; this keeps that true in a browser. Another host is kept.
 */
export function otherHost(host: string): string {
  const m = /^(127\.0\.0\.1|localhost)(:\d+)?$/i.exec(host);
  if (!m) return host;
  return `${m[1]?.toLowerCase() === 'localhost' ? '127.0.0.1' : 'localhost'}${m[2] ?? ''}`;
}

/** The same base URL on the other host name: where the simulated IdS and IdP answer. */
export function idpBaseUrl(baseUrl: string): string {
  return baseUrl.replace(
    /^(https?:\/\/)([^/]+)/,
    (_, scheme: string, host: string) => `${scheme}${otherHost(host)}`,
  );
}

/** Query values that are secrets are blanked for the request log (the Bearer field is not). */
export function redactTokens(params: string): string {
  const parsed = new URLSearchParams(params);
  if (!parsed.has('refresh-token') && !parsed.has('token')) return params;
  for (const key of ['refresh-token', 'token']) if (parsed.has(key)) parsed.set(key, '');
  const text = parsed.toString();
  return params.startsWith('?') ? `?${text}` : text;
}

function cookies(header: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    try {
      map.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // A cookie value that is not valid percent-encoding is ignored.
    }
  }
  return map;
}

const isForm = (contentType: string | undefined) =>
  (contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');

/**
 * Error answers: status codes 400, 401 and 500 are documented (sso.md "Fetch a token"); the
 * bodies are not. Decision: an OAuth-style JSON `{error, error_description}` a client can show.
 */
const oauthError = (status: number, error: string, description: string): ApiResponse => ({
  status,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ error, error_description: description }),
});
const redirect = (location: string, extra: Record<string, string> = {}): ApiResponse => ({
  status: 302,
  headers: { Location: location, ...extra },
  body: '',
});
const html = (status: number, body: string, extra: Record<string, string> = {}): ApiResponse => ({
  status,
  headers: { 'Content-Type': 'text/html; charset=utf-8', ...extra },
  body,
});
const refreshExpired = () =>
  oauthError(401, 'invalid_grant', 'The refresh token has expired. Sign in again.');

/** Handles one request to a path for which `isSsoPath` is true. */
export function handleSso(sim: Simulator, req: SsoRequest): ApiResponse {
  const path = req.pathname.replace(/\/+$/, '');
  const method = req.method.toUpperCase();
  if (path === '/desktop/sso/token') {
    if (method !== 'GET' && method !== 'POST') {
      const answer = oauthError(405, 'invalid_request', 'Use GET or POST.');
      return { ...answer, headers: { ...answer.headers, Allow: 'GET, POST' } };
    }
    return tokenEndpoint(sim, req, method);
  }
  if (path === '/idp/login') return idpLogin(sim, req, method);
  if (method !== 'GET') return { ...html(405, ''), headers: { Allow: 'GET' } };
  if (path === '/desktop/sso/test') return ssoTestPage(sim);
  return idsAuthorize(sim, req);
}

function tokenEndpoint(sim: Simulator, req: SsoRequest, method: string): ApiResponse {
  if (sim.sso.takeFault('token500')) {
    return html(500, tomcat500Html(), { 'Content-Language': 'en' });
  }
  const params = new URLSearchParams(req.searchParams);
  // A POST carries its fields form-encoded (sso.md "Renew it"); any other body is not read.
  if (method === 'POST' && isForm(req.contentType)) {
    for (const [key, value] of new URLSearchParams(req.body)) params.append(key, value);
  }
  const ccUsername = params.get('cc_username') ?? cookies(req.cookie).get('cc_username') ?? '';

  if (params.has('error')) return idpAnswered(sim, params);
  if (params.has('code')) return exchangeCode(sim, params);
  if (params.has('refresh-token') || method === 'POST') return renew(sim, req, params, ccUsername);
  return startSignIn(sim, req, params, ccUsername);
}

const noUser = (name: string) => oauthError(401, 'invalid_user', `There is no user ${name}.`);

/** Why this user may not sign in with SSO now, or null. */
function refusal(sim: Simulator, user: User, name: string): ApiResponse | null {
  if (sim.ssoConfig.authMode === 'NON_SSO') {
    return oauthError(401, 'sso_disabled', 'Single sign-on is not enabled on this system.');
  }
  if (!sim.allows(user, 'sso')) {
    return oauthError(
      401,
      'sso_disabled_for_user',
      `${name} signs in with a password, not single sign-on.`,
    );
  }
  return null;
}

/** The first step: a browser navigation, sent on to IdS (sso.md "Fetch a token"). */
function startSignIn(
  sim: Simulator,
  req: SsoRequest,
  params: URLSearchParams,
  name: string,
): ApiResponse {
  if (name === '') {
    return oauthError(400, 'invalid_request', 'cc_username is required (query or cookie).');
  }
  const user = findUser(sim.model, name);
  if (!user) return noUser(name);
  const refused = refusal(sim, user, name);
  if (refused) return refused;
  const state = pend(sim, req, user, name, params.get('return_refresh_token') === 'true');
  return redirect(`http://${otherHost(req.host)}/ids/authorize?state=${state}`);
}

function pend(
  sim: Simulator,
  req: SsoRequest,
  user: User,
  name: string,
  withRefresh: boolean,
): string {
  const state = hex(12);
  sim.sso.pending.set(state, {
    loginId: user.loginId,
    name,
    finesseHost: req.host,
    withRefresh,
    expiresAt: sim.now() + PENDING_LIFETIME_MS,
  });
  return state;
}

function pendingOf(sim: Simulator, state: string | null): PendingSignIn | undefined {
  const pending = state === null ? undefined : sim.sso.pending.get(state);
  return pending && pending.expiresAt > sim.now() ? pending : undefined;
}

const unknownSignIn = () =>
  html(
    400,
    page(
      'Sign-in request not found',
      '<p>This sign-in request is unknown or has expired. Start again from the application.</p>',
    ),
  );

/** Back to Finesse with a one-time code. */
function sendBack(sim: Simulator, state: string, pending: PendingSignIn, loginId: string) {
  const code = hex(16);
  sim.sso.codes.set(code, { state, loginId, expiresAt: sim.now() + CODE_LIFETIME_MS });
  return `http://${pending.finesseHost}/desktop/sso/token?code=${code}&state=${state}`;
}

/** IdS: an IdP session for the user skips the form; otherwise on to the IdP. */
function idsAuthorize(sim: Simulator, req: SsoRequest): ApiResponse {
  const state = req.searchParams.get('state');
  const pending = pendingOf(sim, state);
  if (!pending || state === null) return unknownSignIn();
  const session = cookies(req.cookie).get(IDP_COOKIE);
  if (session !== undefined && sim.sso.idpSessions.get(session) === pending.loginId) {
    return redirect(sendBack(sim, state, pending, pending.loginId));
  }
  return redirect(`/idp/login?state=${encodeURIComponent(state)}`);
}

function idpLogin(sim: Simulator, req: SsoRequest, method: string): ApiResponse {
  if (method === 'GET') {
    const state = req.searchParams.get('state');
    const pending = pendingOf(sim, state);
    if (!pending || state === null) return unknownSignIn();
    return html(200, idpForm(state, pending.name, ''));
  }
  if (method !== 'POST') return { ...html(405, ''), headers: { Allow: 'GET, POST' } };
  const form = new URLSearchParams(isForm(req.contentType) ? req.body : '');
  const state = form.get('state');
  const pending = pendingOf(sim, state);
  if (!pending || state === null) return unknownSignIn();
  const username = form.get('username') ?? '';
  if (sim.sso.takeFault('idpRefuses')) {
    const back = new URL(`http://${pending.finesseHost}/desktop/sso/token`);
    back.searchParams.set('state', state);
    back.searchParams.set('error', 'access_denied');
    back.searchParams.set('error_description', 'The identity provider refused the sign-in.');
    return redirect(back.toString());
  }
  // The IdP knows nothing of Finesse's modes: it checks the password only. The grant is for
  // whoever signed in here (an IdP decides who the user is); Finesse checks the mode after.
  const user = findUser(sim.model, username);
  if (!user || user.password !== (form.get('password') ?? '')) {
    // A wrong password stays at the IdP (never a redirect back): the user tries again.
    return html(200, idpForm(state, username, 'The user name or password is incorrect.'));
  }
  const session = hex(16);
  sim.sso.idpSessions.set(session, user.loginId);
  return redirect(sendBack(sim, state, pending, user.loginId), {
    'Set-Cookie': `${IDP_COOKIE}=${session}; Path=/; HttpOnly; SameSite=Lax`,
  });
}

/** The IdP sent the browser back with an error (`idpRefuses`). */
function idpAnswered(sim: Simulator, params: URLSearchParams): ApiResponse {
  const state = params.get('state');
  if (state !== null) sim.sso.pending.delete(state);
  return oauthError(
    401,
    params.get('error') ?? 'access_denied',
    params.get('error_description') ?? '',
  );
}

function exchangeCode(sim: Simulator, params: URLSearchParams): ApiResponse {
  const code = params.get('code') ?? '';
  const state = params.get('state') ?? '';
  const issued = sim.sso.codes.get(code);
  sim.sso.codes.delete(code); // single use, whatever the outcome
  const pending = sim.sso.pending.get(state);
  sim.sso.pending.delete(state);
  if (!issued || issued.expiresAt <= sim.now() || issued.state !== state || !pending) {
    return oauthError(
      401,
      'invalid_grant',
      'The sign-in code is unknown, already used or expired. Sign in again.',
    );
  }
  // Checked again: the mode or the user's kind may have changed while the IdP page was open.
  const user = sim.model.users.get(issued.loginId);
  if (!user) return noUser(issued.loginId);
  const refused = refusal(sim, user, issued.loginId);
  if (refused) return refused;
  const grant = sim.sso.issue(user.loginId, sim.now(), sim.ssoConfig);
  return tokenAnswer(sim, grant, user, pending.withRefresh);
}

/**
 * Renewal: `POST` form-encoded `token`, `refresh-token`, `cc_username`, or TAC 215626's GET with
 * `refresh-token` in the query. Decision: the `token` field is not checked (no source says
 * IdS checks it, and a renewal after the access token expired must still work).
 */
function renew(
  sim: Simulator,
  req: SsoRequest,
  params: URLSearchParams,
  name: string,
): ApiResponse {
  const refreshToken = params.get('refresh-token') ?? '';
  if (refreshToken === '') return oauthError(400, 'invalid_request', 'refresh-token is required.');
  if (name === '') {
    return oauthError(400, 'invalid_request', 'cc_username is required (query, body or cookie).');
  }
  const grant = sim.sso.grants.find((g) => g.refreshToken === refreshToken);
  if (!grant || grant.refreshExpiresAt <= sim.now()) return refreshExpired();
  const user = findUser(sim.model, name);
  if (!user || user.loginId !== grant.loginId) {
    return oauthError(401, 'invalid_grant', `The refresh token was not issued to ${name}.`);
  }
  const refused = refusal(sim, user, name);
  if (refused) return refused;
  if (sim.sso.takeFault('renewNeedsBrowser')) {
    // IdS wants the user again (sso.md "Renew it": "might involve browser redirect").
    const state = pend(sim, req, user, name, true);
    return redirect(`http://${otherHost(req.host)}/ids/authorize?state=${state}`);
  }
  sim.sso.renew(grant, sim.now(), sim.ssoConfig);
  return tokenAnswer(sim, grant, user, true);
}

/**
 * Cisco's shape (sso.md): token, refresh_token, expires_in (s), user_id, realm, user_principal.
 * Decision: `refresh_token` only when `return_refresh_token=true` was asked for (its name says so).
 */
function tokenAnswer(sim: Simulator, grant: Grant, user: User, withRefresh: boolean): ApiResponse {
  const userId = sim.ssoConfig.ssoUserId === 'loginName' ? user.loginName : user.loginId;
  return {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      token: grant.accessToken,
      ...(withRefresh ? { refresh_token: grant.refreshToken } : {}),
      expires_in: Math.round((grant.accessExpiresAt - sim.now()) / 1000),
      user_id: userId,
      realm: SSO_REALM,
      user_principal: `${userId}@${SSO_REALM}`,
    }),
  };
}

/**
 * sso.md "Check the setup": a cookie `ssotest` and a message to the opener or parent.
 * Decision: "false" with AUTH_ERROR when the system is NON_SSO ("NO TOKEN" is never sent: the
 * simulator has no half-configured IdS). Target origin "*": the real page's is unknown.
 */
function ssoTestPage(sim: Simulator): ApiResponse {
  const ok = sim.ssoConfig.authMode !== 'NON_SSO';
  const message = { status: String(ok), errorMessage: ok ? '' : 'AUTH_ERROR' };
  return html(
    200,
    page(
      'SSO test',
      `<p>Single sign-on test: ${ok ? 'passed' : 'failed'}.</p>` +
        `<script>(window.opener || window.parent).postMessage(${JSON.stringify(message)}, '*');</script>`,
    ),
    { 'Set-Cookie': `ssotest=${ok}; Path=/` },
  );
}

function page(title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeXml(title)}</title>` +
    `<style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:3rem auto;padding:0 1rem}` +
    `label,input,button{display:block;font:inherit}input{margin:.25rem 0 1rem;width:100%}` +
    `[role=alert]{color:#a00000}</style></head><body>${body}</body></html>`
  );
}

function idpForm(state: string, username: string, error: string): string {
  const alert = error ? `<p role="alert" id="idp-error">${escapeXml(error)}</p>` : '';
  const describedBy = error ? ' aria-describedby="idp-error" aria-invalid="true"' : '';
  return page(
    'Sign in to the identity provider (simulated)',
    `<main><h1>Sign in to the identity provider (simulated)</h1>${alert}` +
      `<form method="post" action="/idp/login">` +
      `<input type="hidden" name="state" value="${escapeXml(state)}">` +
      `<label for="idp-username">User name</label>` +
      `<input id="idp-username" name="username" autocomplete="username" required value="${escapeXml(username)}">` +
      `<label for="idp-password">Password</label>` +
      `<input id="idp-password" name="password" type="password" autocomplete="current-password" required${describedBy}>` +
      `<button type="submit">Sign in</button></form></main>`,
  );
}
