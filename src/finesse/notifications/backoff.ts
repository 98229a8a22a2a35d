// Reconnect delays: exponential backoff with full jitter, and the slow retry once a connection has failed.

export interface Backoff {
  /** The cap of the first retry's delay. */
  initialMs: number;
  /** The cap of every delay; also the pace of retries once the status is 'failed'. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1000, maxMs: 30000 };

/**
 * Delay before retry number `failures` (1 for the first retry): uniform in
 * [0, min(maxMs, initialMs · 2^(failures − 1))]. Full jitter spreads the reconnects of every
 * open tab over the whole window after a Finesse restart, instead of having them all arrive
 * together at each step of the backoff.
 */
export function backoffDelay(failures: number, backoff: Backoff, random: () => number): number {
  const exponent = Math.max(0, failures - 1);
  const cap = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(exponent, 52));
  return Math.floor(clampUnit(random()) * cap);
}

/**
 * Delay between retries once the connection is reported as failed: uniform in
 * [maxMs / 2, maxMs]. Never near zero, unlike full jitter: the page has fallen back to polling
 * and a server that keeps refusing must not be asked again at once.
 */
export function slowRetryDelay(backoff: Backoff, random: () => number): number {
  return Math.floor(backoff.maxMs / 2 + (clampUnit(random()) * backoff.maxMs) / 2);
}

/** Checks a Backoff given by the caller; a zero or inverted range would spin or never retry. */
export function validBackoff(backoff: Backoff): Backoff {
  const { initialMs, maxMs } = backoff;
  if (!(
    Number.isFinite(initialMs) &&
    initialMs > 0 &&
    Number.isFinite(maxMs) &&
    maxMs >= initialMs
  )) {
    throw new RangeError(`backoff needs 0 < initialMs <= maxMs, got ${initialMs} and ${maxMs}`);
  }
  return { initialMs, maxMs };
}

/** Math.random is in [0, 1); an injected source might not be. */
function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0;
}
