// Finesse single sign-on for a page outside the desktop (Cisco IdS): the token's URL, its JSON, its renewal.
//
// Sources (../shared/finesse/sso.md): Cisco's developer guide 12.5(1), "Single Sign-On APIs" and
// "Client Integration"; TAC 215626 (token fetch and refresh for third-party apps); TAC 212067.

/** An access token as `/desktop/sso/token` answers it (Cisco's example: expires_in 300). */
export interface SsoToken {
  token: string;
  /** Present when asked for with `return_refresh_token=true`; a renewal may leave it out. */
  refreshToken: string | null;
  /** Seconds the token lives from when it was issued. */
  expiresInS: number;
  /** On UCCE possibly the loginName (then `GET /User/<loginName>` gives the loginId). */
  userId: string;
}

/** Why a token could not be had, in a form the page can word. */
export type SsoFailure =
  /** The browser blocked the sign-in window. */
  | { kind: 'blocked' }
  /** The user closed the window before it came back. */
  | { kind: 'closed' }
  /** The identity provider or IdS sent the user back with an error (e.g. `access_denied`). */
  | { kind: 'refused'; status: number | null; detail: string }
  /** `/desktop/sso/token` answered a server error. */
  | { kind: 'server'; status: number; detail: string }
  /** Back on Finesse's origin, but the answer is not the token JSON. */
  | { kind: 'notJson'; status: number | null; excerpt: string };

export class SsoError extends Error {
  readonly failure: SsoFailure;
  constructor(failure: SsoFailure) {
    super(`Single sign-on failed: ${failure.kind}`);
    this.name = 'SsoError';
    this.failure = failure;
  }
}

export const SSO_TOKEN_PATH = '/desktop/sso/token';

/**
 * The URL a browsing context opens to get a token. Cisco: a browser navigation that "might
 * involve browser redirect to Cisco Identity Service and Identity Provider"; "You cannot use
 * Postman or AJAX for the Single Sign-On APIs". `cc_username` is the loginName or peripheral ID
 * (UCCE) or the user ID (UCCX); `return_refresh_token=true` asks for the refresh token (TAC 215626:
 * 11.6(1) ES10, 12.0(1) ES3, 12.5(1) ES1 and later).
 */
export function ssoTokenUrl(baseUrl: string, ccUsername: string): string {
  const query = new URLSearchParams({ cc_username: ccUsername, return_refresh_token: 'true' });
  return `${baseUrl.replace(/\/+$/, '')}${SSO_TOKEN_PATH}?${query.toString()}`;
}

const excerpt = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 200);

function errorDetail(value: Record<string, unknown>): string {
  const parts = [value.error_description, value.errorMessage, value.error, value.message]
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .map((part) => part.trim());
  return [...new Set(parts)].join(': ');
}

/**
 * Reads the token endpoint's answer: Cisco's JSON `{token, refresh_token, expires_in, user_id,
 * realm, user_principal}` on success. Error bodies are not documented (Cisco lists only the
 * statuses 400, 401, 500): a JSON object with an error is `refused` (4xx) or `server` (5xx),
 * anything else that is not the token is `notJson`. `status` is null where it cannot be known
 * (a document read from a window).
 */
export function parseSsoAnswer(text: string, status: number | null): SsoToken {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (status !== null && status >= 500) {
      throw new SsoError({ kind: 'server', status, detail: excerpt(text) });
    }
    throw new SsoError({ kind: 'notJson', status, excerpt: excerpt(text) });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SsoError({ kind: 'notJson', status, excerpt: excerpt(text) });
  }
  const v = value as Record<string, unknown>;
  const failed = status !== null && (status < 200 || status > 299);
  if (failed || typeof v.token !== 'string' || v.token === '') {
    const detail = errorDetail(v);
    if (status !== null && status >= 500) throw new SsoError({ kind: 'server', status, detail });
    if (failed || detail !== '') throw new SsoError({ kind: 'refused', status, detail });
    throw new SsoError({ kind: 'notJson', status, excerpt: excerpt(text) });
  }
  const expiresIn = typeof v.expires_in === 'string' ? Number(v.expires_in) : v.expires_in;
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw new SsoError({ kind: 'notJson', status, excerpt: excerpt(text) });
  }
  return {
    token: v.token,
    refreshToken:
      typeof v.refresh_token === 'string' && v.refresh_token !== '' ? v.refresh_token : null,
    expiresInS: expiresIn,
    userId: typeof v.user_id === 'string' ? v.user_id : '',
  };
}

/** What a renewal came to. */
export type RenewOutcome =
  | { kind: 'renewed'; token: SsoToken }
  /** IdS wants the user's browser again (a redirect or an HTML page instead of JSON). */
  | { kind: 'needsBrowser' }
  /** The refresh token is no longer accepted (expired, revoked): the user must sign in again. */
  | { kind: 'refused'; status: number; detail: string }
  /** Could not renew now (server error, no answer, not the expected JSON): try again. */
  | { kind: 'failed'; detail: string };

export interface RenewOptions {
  baseUrl: string;
  token: string;
  refreshToken: string;
  ccUsername: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Renews the access token: `POST /desktop/sso/token`, form-encoded `token`, `refresh-token` and
 * `cc_username` (Cisco, "Single Sign-On APIs"; TAC 215626). Cisco: "Third-party applications have
 * to refresh the access token after 75% of the token expiry time is elapsed", and the call "might
 * involve browser redirect": a redirect is not followed (it would end on the IdP's form, on
 * another origin) but reported as `needsBrowser`, as is an HTML answer.
 */
export async function renewSsoToken(options: RenewOptions): Promise<RenewOutcome> {
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const body = new URLSearchParams({
    token: options.token,
    'refresh-token': options.refreshToken,
    cc_username: options.ccUsername,
  });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 10_000);
  try {
    const response = await fetchImpl(`${options.baseUrl.replace(/\/+$/, '')}${SSO_TOKEN_PATH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: body.toString(),
      redirect: 'manual',
      credentials: 'omit',
      signal: controller.signal,
    });
    // A redirect under `manual` is an opaque answer with status 0 (Fetch standard).
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      return { kind: 'needsBrowser' };
    }
    const text = await response.text();
    const type = response.headers.get('Content-Type') ?? '';
    if (response.ok && /html/i.test(type)) return { kind: 'needsBrowser' };
    try {
      return { kind: 'renewed', token: parseSsoAnswer(text, response.status) };
    } catch (error) {
      if (!(error instanceof SsoError)) throw error;
      const { failure } = error;
      // The refresh token refused: no source gives IdS's exact answer; 400, 401 and 403 all mean
      // "not with this refresh token".
      if ([400, 401, 403].includes(response.status)) {
        return {
          kind: 'refused',
          status: response.status,
          detail: failure.kind === 'refused' ? failure.detail : '',
        };
      }
      if (/html/i.test(type) && response.status < 500) return { kind: 'needsBrowser' };
      return { kind: 'failed', detail: `HTTP ${response.status}` };
    }
  } catch (cause) {
    return {
      kind: 'failed',
      detail: controller.signal.aborted ? 'no answer in time' : String(cause),
    };
  } finally {
    clearTimeout(timer);
  }
}
