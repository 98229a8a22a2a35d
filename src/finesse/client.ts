// The Finesse REST client: authenticated requests with a time limit, every failure a FinesseError.
import { FinesseError, parseApiErrors, parseRetryAfter } from './errors.ts';
import { parseReasonCodes, type ReasonCategory, type ReasonCodeList } from './reasonCodes.ts';
import { parseSystemInfo, type SystemInfo } from './systemInfo.ts';
import { parseTeam, type Team } from './team.ts';
import { parseUser, stateChangeBody, type StateChange, type User } from './user.ts';
import { API_ROOT, teamPath, userPath } from './resources.ts';
import { XmlParseError, excerptOf } from './xml.ts';

export type Auth =
  | { scheme: 'Basic'; /** base64 of id:password */ credentials: string }
  | { scheme: 'Bearer'; token: string };

export interface FinesseClientOptions {
  /** '' = same origin (the gadget is served from the Finesse host); tests pass http://127.0.0.1:port. */
  baseUrl?: string;
  /** Read at each request, so a refreshed SSO token or a new sign-in takes effect at once. */
  getAuth: () => Auth | null;
  fetch?: typeof fetch;
  /** Default 10000. */
  timeoutMs?: number;
  /** Default crypto.randomUUID. */
  newRequestId?: () => string;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /**
   * The request leaves now; its answer is read (body, then parse) once this settles. For a read
   * whose answer is not needed yet, so that handling it does not hold up more urgent work on a
   * slow PC (the gadget's start, src/gadget.tsx). The time limit still counts from the request.
   */
  readAfter?: Promise<unknown>;
}

export interface FinesseClient {
  getUser(id: string, o?: RequestOptions): Promise<User>;
  getReasonCodes(
    userId: string,
    category: ReasonCategory,
    o?: RequestOptions,
  ): Promise<ReasonCodeList>;
  /** Resolves when Finesse has accepted the change (202), not when it is done: watch for the outcome. */
  setState(userId: string, change: StateChange, o?: RequestOptions): Promise<{ requestId: string }>;
  getTeam(teamId: string, o?: RequestOptions & { includeLoggedOutAgents?: boolean }): Promise<Team>;
  getSystemInfo(o?: RequestOptions): Promise<SystemInfo>;
}

export const DEFAULT_TIMEOUT_MS = 10000;

/**
 * The largest body read for each kind of answer, in bytes of text: far above what Finesse sends
 * (a 200-entry reason list is about 60 KB, a 1,000-member Team about 390 KB), far below what would
 * freeze the page while parsed. A larger body is refused without parsing.
 */
export const BODY_LIMITS = {
  user: 256 * 1024,
  reasonCodes: 1024 * 1024,
  systemInfo: 64 * 1024,
  team: 32 * 1024 * 1024,
  /** Error answers (ApiErrors, a server's HTML page). */
  error: 256 * 1024,
} as const;
const PUT_ACCEPTED = new Set([200, 202, 204]);

/** Basic credentials for id:password; UTF-8 safe, unlike a bare btoa() of a non-Latin-1 password. */
export function basicAuth(id: string, password: string): Auth {
  const bytes = new TextEncoder().encode(`${id}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return { scheme: 'Basic', credentials: btoa(binary) };
}

/** Whether two credentials are the same (null: none). */
export function sameAuth(a: Auth | null, b: Auth | null): boolean {
  if (a === null || b === null) return a === b;
  return authorizationHeader(a) === authorizationHeader(b);
}

function authorizationHeader(auth: Auth): string {
  return auth.scheme === 'Basic' ? `Basic ${auth.credentials}` : `Bearer ${auth.token}`;
}

const segment = (value: string): string => encodeURIComponent(value);

interface Call {
  method: 'GET' | 'PUT';
  path: string;
  body?: string;
  requestId?: string;
  signal: AbortSignal | undefined;
  readAfter?: Promise<unknown> | undefined;
}

interface Answer {
  status: number;
  text: string;
  requestId: string | null;
  /** `Retry-After`, in ms. */
  retryAfterMs: number | null;
}

function abortError(signal: AbortSignal): unknown {
  // Rethrow the caller's own reason so cancellation (e.g. by TanStack Query) is recognised as such.
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException('The operation was aborted.', 'AbortError');
}

export function createFinesseClient(options: FinesseClientOptions): FinesseClient {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const newRequestId = options.newRequestId ?? (() => crypto.randomUUID());
  // Called through a wrapper: a browser's fetch throws "Illegal invocation" when detached from window.
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));

  /**
   * Sends one request; refused (401) with credentials that have been replaced meanwhile (an SSO
   * token renewed while the request was on its way: the old one may be refused from then on),
   * it is sent once more with the current ones. A refused request changed nothing, a PUT included.
   */
  async function send(call: Call): Promise<Answer> {
    const auth = options.getAuth();
    const answer = await sendWith(call, auth);
    const now = options.getAuth();
    return answer.status === 401 && !sameAuth(auth, now) ? sendWith(call, now) : answer;
  }

  /** Sends one request and reads the whole body, within the time limit; HTTP statuses are not judged here. */
  async function sendWith(call: Call, auth: Auth | null): Promise<Answer> {
    const { method, path, signal } = call;
    if (signal?.aborted) throw abortError(signal);

    const headers: Record<string, string> = { Accept: 'application/xml' };
    if (auth) headers.Authorization = authorizationHeader(auth);
    if (call.body !== undefined) headers['Content-Type'] = 'application/xml';
    if (call.requestId !== undefined) headers.requestId = call.requestId;

    // One controller for both the time limit and the caller's signal; it also covers reading the body.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onCallerAbort = () => controller.abort();
    signal?.addEventListener('abort', onCallerAbort, { once: true });

    let responseRequestId: string | null = null;
    let status: number | null = null;
    try {
      const response = await fetchImpl(`${baseUrl}${path}`, {
        method,
        headers,
        body: call.body ?? null,
        signal: controller.signal,
        // Never 'include'/'same-origin': with credentials mode on, a 401 carrying
        // `WWW-Authenticate: Basic` makes the browser open its own password dialog (Fetch
        // standard, HTTP-network-or-cache fetch: the prompt needs includeCredentials). Finesse
        // needs no cookie: the Authorization header is set on every request.
        credentials: 'omit',
      });
      status = response.status;
      responseRequestId = response.headers.get('requestId');
      if (call.readAfter) await call.readAfter.catch(() => {});
      const text = await response.text();
      return {
        status,
        text,
        requestId: call.requestId ?? responseRequestId,
        retryAfterMs: parseRetryAfter(response.headers.get('Retry-After'), Date.now()),
      };
    } catch (cause) {
      if (signal?.aborted) throw abortError(signal);
      const requestId = call.requestId ?? responseRequestId;
      if (timedOut) {
        throw new FinesseError({
          kind: 'timeout',
          status,
          requestId,
          method,
          path,
          timeoutMs,
          cause,
        });
      }
      throw new FinesseError({ kind: 'network', status, requestId, method, path, cause });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** Turns an error status into a FinesseError: 'api' when the body is ApiErrors, 'http' otherwise. */
  function statusError(call: Call, answer: Answer): FinesseError {
    const base = {
      status: answer.status,
      requestId: answer.requestId,
      method: call.method,
      path: call.path,
      ...(answer.retryAfterMs !== null ? { retryAfterMs: answer.retryAfterMs } : {}),
    };
    try {
      const errors = parseApiErrors(answer.text);
      if (errors.length > 0) return new FinesseError({ kind: 'api', errors, ...base });
    } catch {
      // Not ApiErrors: an HTML error page from Tomcat or a proxy, an empty body, garbage.
    }
    return new FinesseError({ kind: 'http', excerpt: excerptOrNull(answer.text), ...base });
  }

  async function get<T>(
    path: string,
    parse: (xml: string) => T,
    o: RequestOptions | undefined,
    limitBytes: number,
  ): Promise<T> {
    const call: Call = { method: 'GET', path, signal: o?.signal, readAfter: o?.readAfter };
    const answer = await send(call);
    const ok = answer.status >= 200 && answer.status <= 299;
    const limit = ok ? limitBytes : BODY_LIMITS.error;
    if (answer.text.length > limit) {
      throw new FinesseError({
        kind: 'tooLarge',
        status: answer.status,
        requestId: answer.requestId,
        method: call.method,
        path,
        sizeBytes: answer.text.length,
        limitBytes: limit,
      });
    }
    if (!ok) throw statusError(call, answer);
    try {
      return parse(answer.text);
    } catch (cause) {
      throw new FinesseError({
        kind: 'parse',
        status: answer.status,
        requestId: answer.requestId,
        method: call.method,
        path,
        excerpt:
          cause instanceof XmlParseError && cause.excerpt !== ''
            ? cause.excerpt
            : excerptOrNull(answer.text),
        cause,
      });
    }
  }

  return {
    getUser: (id, o) => get(userPath(id), parseUser, o, BODY_LIMITS.user),

    getReasonCodes: (userId, category, o) =>
      get(
        `${userPath(userId)}/ReasonCodes?category=${segment(category)}`,
        (xml) => parseReasonCodes(xml, category),
        o,
        BODY_LIMITS.reasonCodes,
      ),

    async setState(userId, change, o) {
      // Fresh per request: Finesse ties the asynchronous outcome to it.
      const requestId = newRequestId();
      const call: Call = {
        method: 'PUT',
        path: userPath(userId),
        body: stateChangeBody(change),
        requestId,
        signal: o?.signal,
      };
      const answer = await send(call);
      if (answer.text.length > BODY_LIMITS.error) {
        throw new FinesseError({
          kind: 'tooLarge',
          status: answer.status,
          requestId: answer.requestId,
          method: call.method,
          path: call.path,
          sizeBytes: answer.text.length,
          limitBytes: BODY_LIMITS.error,
        });
      }
      if (answer.status >= 200 && answer.status <= 299 && !PUT_ACCEPTED.has(answer.status)) {
        throw new FinesseError({
          kind: 'parse',
          status: answer.status,
          requestId: answer.requestId,
          method: call.method,
          path: call.path,
          excerpt: excerptOrNull(answer.text),
        });
      }
      if (!PUT_ACCEPTED.has(answer.status)) throw statusError(call, answer);
      return { requestId };
    },

    getTeam: (teamId, o) =>
      get(
        `${teamPath(teamId)}${o?.includeLoggedOutAgents ? '?includeLoggedOutAgents=true' : ''}`,
        parseTeam,
        o,
        BODY_LIMITS.team,
      ),

    getSystemInfo: (o) => get(`${API_ROOT}/SystemInfo`, parseSystemInfo, o, BODY_LIMITS.systemInfo),
  };
}

function excerptOrNull(text: string): string | null {
  const excerpt = excerptOf(text);
  return excerpt === '' ? null : excerpt;
}
