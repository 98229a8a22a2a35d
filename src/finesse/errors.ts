// Finesse ApiErrors (both spellings) and FinesseError, the one error type every client call fails with.
import { XmlParseError, isRecord, list, parseXml, rootNode, text } from './xml.ts';

export interface ApiError {
  errorType: string;
  /** Empty, a field name ('state'), a user id, a dotted key or a CTI number. */
  errorData: string;
  errorMessage: string;
  peripheralErrorCode?: string;
  peripheralErrorMsg?: string;
  peripheralErrorText?: string;
}

/**
 * Reads the content of an `<ApiErrors>` / `<apiErrors>` element. Element names are matched
 * case-insensitively, so the synchronous (ErrorType) and asynchronous (errorType) forms and any
 * element order are read alike.
 */
export function apiErrorsFromNode(node: unknown): ApiError[] {
  return list(node, 'ApiError', 'apiError')
    .filter(isRecord)
    .map((entry) => {
      const error: ApiError = {
        errorType: text(entry, 'ErrorType'),
        errorData: text(entry, 'ErrorData'),
        errorMessage: text(entry, 'ErrorMessage'),
      };
      const peripheralErrorCode = text(entry, 'peripheralErrorCode');
      const peripheralErrorMsg = text(entry, 'peripheralErrorMsg');
      const peripheralErrorText = text(entry, 'peripheralErrorText');
      if (peripheralErrorCode !== '') error.peripheralErrorCode = peripheralErrorCode;
      if (peripheralErrorMsg !== '') error.peripheralErrorMsg = peripheralErrorMsg;
      if (peripheralErrorText !== '') error.peripheralErrorText = peripheralErrorText;
      return error;
    });
}

/** Parses an ApiErrors body. Throws XmlParseError when the body is not XML or not ApiErrors. */
export function parseApiErrors(xml: string): ApiError[] {
  return apiErrorsFromNode(rootNode(parseXml(xml), ['ApiErrors', 'apiErrors'], xml));
}

export type FinesseErrorKind =
  /** XML ApiErrors body with an HTTP error status. */
  | 'api'
  /** Error status with a non-ApiErrors body: HTML page, empty, garbage. */
  | 'http'
  /** 2xx whose body is not what was expected: truncated/malformed XML, empty, HTML. */
  | 'parse'
  /** No HTTP answer at all: refused, reset, DNS, CORS. */
  | 'network'
  /** No answer within the client's time limit. */
  | 'timeout'
  /** apiErrors in an Update notification for our requestId: the accepted request failed later. */
  | 'async'
  /** A body far larger than Finesse ever sends for this resource: refused without parsing. */
  | 'tooLarge';

export interface FinesseErrorInit {
  kind: FinesseErrorKind;
  status?: number | null;
  errors?: ApiError[];
  requestId?: string | null;
  method: string;
  path: string;
  excerpt?: string | null;
  timeoutMs?: number;
  /** The server's `Retry-After` (429, 503), in ms from when the answer came. */
  retryAfterMs?: number;
  /** For 'tooLarge': the size refused and the limit, in bytes. */
  sizeBytes?: number;
  limitBytes?: number;
  cause?: unknown;
}

export class FinesseError extends Error {
  override readonly name = 'FinesseError';
  readonly kind: FinesseErrorKind;
  readonly status: number | null;
  readonly errors: ApiError[];
  readonly requestId: string | null;
  readonly method: string;
  /** Request path, e.g. '/finesse/api/User/1234' (for async errors: the Update's source). */
  readonly path: string;
  /** First ~200 characters of a non-XML or broken body, whitespace collapsed. */
  readonly excerpt: string | null;
  readonly timeoutMs?: number;
  /** How long the server asked to wait before the next try (`Retry-After`), when it said. */
  readonly retryAfterMs?: number;

  constructor(init: FinesseErrorInit) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId ?? null;
    this.method = init.method;
    this.path = init.path;
    this.excerpt = init.excerpt ?? null;
    if (init.timeoutMs !== undefined) this.timeoutMs = init.timeoutMs;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }

  /** The error for an apiErrors Update answering an accepted request (kind 'async', no HTTP status). */
  static fromAsync(
    errors: ApiError[],
    requestId: string | null,
    method: string,
    path: string,
  ): FinesseError {
    return new FinesseError({ kind: 'async', errors, requestId, method, path });
  }
}

// A message for logs and developers; users see `explanations` instead.
function describe(init: FinesseErrorInit): string {
  const where = `${init.method} ${init.path}`;
  const status = init.status === undefined || init.status === null ? '' : ` (HTTP ${init.status})`;
  const first = init.errors?.[0];
  const detail = first
    ? `: ${[first.errorType, first.errorData, first.errorMessage].filter((s) => s !== '').join(' / ')}`
    : init.excerpt
      ? `: ${init.excerpt}`
      : '';
  switch (init.kind) {
    case 'timeout':
      return `${where}: no answer within ${init.timeoutMs ?? '?'} ms`;
    case 'network':
      return `${where}: network failure${init.cause instanceof Error ? `: ${init.cause.message}` : ''}`;
    case 'tooLarge':
      return `${where}${status}: body of ${init.sizeBytes ?? '?'} bytes refused (limit ${init.limitBytes ?? '?'})`;
    case 'parse':
      return `${where}${status}: unexpected response body${init.cause instanceof XmlParseError ? ` (${init.cause.message})` : ''}${detail}`;
    default:
      return `${where}${status}: ${init.kind} error${detail}`;
  }
}

export type ExplanationKey =
  | 'reasonRequired'
  | 'reasonNotValid'
  | 'reasonNotAllowed'
  | 'invalidState'
  | 'stateMissing'
  | 'stateInvalidValue'
  | 'authorizationFailure'
  /** 403: signed in, but this is not permitted. */
  | 'forbidden'
  /** A body far too large for what was asked. */
  | 'tooLarge'
  /** 429: Finesse asked for fewer requests. */
  | 'tooManyRequests'
  /** authorizationFailure as said inside the Finesse desktop, where the desktop holds the sign-in. */
  | 'desktopSignInExpired'
  | 'wrongUser'
  | 'invalidSupervisor'
  | 'notFound'
  | 'serverError'
  | 'outOfService'
  /** CF_INVALID_AGENT_WORKMODE, CTI error 265. */
  | 'workModeConflict'
  /** CF_RESOURCE_BUSY, CTI error 33. */
  | 'resourceBusy'
  | 'timeout'
  | 'network'
  | 'badResponse'
  | 'generic';

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.toLowerCase();

function keyFromApiError(apiError: ApiError, kind: FinesseErrorKind): ExplanationKey | null {
  const { errorType, errorData, errorMessage } = apiError;
  // Dotted keys are the most specific signal; some documented examples put them in ErrorType.
  const dotted = `${errorData} ${errorType}`.toLowerCase();
  if (dotted.includes('finesse.api.reasoncode.require_reasoncode')) return 'reasonRequired';
  if (dotted.includes('finesse.api.reasoncode.not_valid')) return 'reasonNotValid';
  if (dotted.includes('finesse.api.reasoncode.not_allowed')) return 'reasonNotAllowed';
  // UCCX's wording for an unknown reasonCodeId, seen without a dotted key.
  if (/reason\s*code does not exist/i.test(errorMessage)) return 'reasonNotValid';

  if (/CF_INVALID_AGENT_WORKMODE/i.test(errorMessage)) return 'workModeConflict';
  if (/CF_RESOURCE_BUSY/i.test(errorMessage)) return 'resourceBusy';
  // Bare CTI numbers: only trusted where ErrorData is a CTI code, not a user id (Authorization Failure carries the id).
  const ctiContext = kind === 'async' || same(errorType, 'Invalid State') || errorType === '';
  if (ctiContext && errorData.trim() === '265') return 'workModeConflict';
  if (ctiContext && errorData.trim() === '33') return 'resourceBusy';

  if (/SERVER_OUT_OF_SERVICE/i.test(errorMessage) || same(errorType, 'Service Unavailable')) {
    return 'outOfService';
  }
  if (same(errorType, 'Parameter Missing') && same(errorData, 'state')) return 'stateMissing';
  if (same(errorType, 'Invalid Input') && same(errorData, 'state')) return 'stateInvalidValue';
  if (same(errorType, 'Invalid State')) return 'invalidState';
  if (same(errorType, 'Authorization Failure')) return 'authorizationFailure';
  if (same(errorType, 'Invalid Authorization User Specified')) return 'wrongUser';
  if (same(errorType, 'Invalid Supervisor')) return 'invalidSupervisor';
  if (same(errorType, 'Not Found') || same(errorType, 'User Not Found')) return 'notFound';
  if (same(errorType, 'Internal Server Error') || /RUNTIME_EXCEPTION/i.test(errorMessage)) {
    return 'serverError';
  }
  return null;
}

function keyFromStatus(status: number | null): ExplanationKey | null {
  if (status === null) return null;
  if (status === 401) return 'authorizationFailure';
  // 403 is not a failed sign-in: the credentials were accepted and the request is not allowed.
  if (status === 403) return 'forbidden';
  if (status === 429) return 'tooManyRequests';
  if (status === 404) return 'notFound';
  if (status === 503) return 'outOfService';
  if (status >= 500) return 'serverError';
  return null;
}

/**
 * Which plain-language explanation fits `error`. `apiError` picks one of several ApiErrors
 * (default: the first). Order: transport kinds, then the ApiError's own words, then the status.
 */
export function explanationKey(error: FinesseError, apiError?: ApiError): ExplanationKey {
  switch (error.kind) {
    case 'timeout':
      return 'timeout';
    case 'network':
      return 'network';
    case 'parse':
      return 'badResponse';
    case 'tooLarge':
      return 'tooLarge';
    case 'http':
      return keyFromStatus(error.status) ?? 'badResponse';
    case 'api':
    case 'async': {
      const chosen = apiError ?? error.errors[0];
      const fromApiError = chosen ? keyFromApiError(chosen, error.kind) : null;
      return fromApiError ?? keyFromStatus(error.status) ?? 'generic';
    }
  }
}

/**
 * Finesse no longer accepts the credentials themselves (a changed password, an expired SSO
 * token): a 401 that is an Authorization Failure, or a bare 401. Not the 401s that answer one
 * request (Invalid Supervisor, Invalid Authorization User Specified): the sign-in is still good.
 */
export function isSignInRefused(error: unknown): boolean {
  if (!(error instanceof FinesseError) || error.status !== 401) return false;
  if (error.errors.length === 0) return true;
  return error.errors.some(
    (apiError) => keyFromApiError(apiError, error.kind) === 'authorizationFailure',
  );
}

/**
 * `Retry-After` in ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3), null when absent or
 * unreadable. Capped at an hour: a longer wait is not one a page should keep.
 */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  const text = value.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(0, ms), 3_600_000);
}
