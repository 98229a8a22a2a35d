// How often a team is re-read: every interval while it works, backing off while it fails.

export const DEFAULT_REFRESH_MS = 5_000;
export const REFRESH_CHOICES_MS = [2_000, 5_000, 10_000, 30_000] as const;
/** The longest wait between attempts while Finesse keeps failing. */
export const MAX_BACKOFF_MS = 60_000;

export interface RefreshState {
  status: 'pending' | 'success' | 'error';
  /** Epoch ms of the last successful read; 0 if none. */
  dataUpdatedAt: number;
  /** Errors over the query's life: used only while it has never succeeded. */
  errorUpdateCount: number;
  /** The last error; its `retryAfterMs` (Finesse's `Retry-After`) is a floor for the wait. */
  error?: unknown;
}

/**
 * The wait before the next read. While reads fail, each wait is as long as the team has gone
 * without a successful read (at least one interval, at most MAX_BACKOFF_MS): roughly doubling,
 * with no counter to keep. A team that never loaded doubles per error instead.
 */
export function refreshDelay(state: RefreshState, intervalMs: number, now: number): number {
  if (state.status !== 'error') return intervalMs;
  const failingFor =
    state.dataUpdatedAt > 0
      ? now - state.dataUpdatedAt
      : intervalMs * 2 ** Math.min(state.errorUpdateCount, 10);
  const backoff = Math.min(MAX_BACKOFF_MS, Math.max(intervalMs, failingFor));
  const asked =
    typeof state.error === 'object' && state.error !== null && 'retryAfterMs' in state.error
      ? Number(state.error.retryAfterMs)
      : 0;
  // Never sooner than Finesse asked, even past the usual cap.
  return Number.isFinite(asked) ? Math.max(backoff, asked) : backoff;
}

/** Data older than this many intervals is called stale ("last updated …"). */
export const STALE_AFTER_INTERVALS = 2;
