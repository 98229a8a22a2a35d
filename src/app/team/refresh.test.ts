// The team's refresh interval: steady while reads succeed, backing off while they fail.
import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF_MS, refreshDelay } from './refresh.ts';

describe('refreshDelay', () => {
  const now = 1_000_000;
  it('is the interval while reads succeed', () => {
    expect(
      refreshDelay({ status: 'success', dataUpdatedAt: now, errorUpdateCount: 3 }, 5000, now),
    ).toBe(5000);
  });
  it('grows with the time since the last good read while failing, up to the cap', () => {
    const failing = (ago: number) =>
      refreshDelay({ status: 'error', dataUpdatedAt: now - ago, errorUpdateCount: 1 }, 5000, now);
    expect(failing(2000)).toBe(5000);
    expect(failing(11_000)).toBe(11_000);
    expect(failing(22_000)).toBe(22_000);
    expect(failing(600_000)).toBe(MAX_BACKOFF_MS);
  });
  it('doubles per error for a team that never loaded', () => {
    const never = (errors: number) =>
      refreshDelay({ status: 'error', dataUpdatedAt: 0, errorUpdateCount: errors }, 2000, now);
    expect([never(1), never(2), never(3), never(10)]).toEqual([4000, 8000, 16000, MAX_BACKOFF_MS]);
  });
  it('never comes sooner than Finesse’s Retry-After, even past the cap', () => {
    const asked = (retryAfterMs: number) =>
      refreshDelay(
        {
          status: 'error',
          dataUpdatedAt: now - 1000,
          errorUpdateCount: 1,
          error: { retryAfterMs },
        },
        5000,
        now,
      );
    expect(asked(20_000)).toBe(20_000);
    expect(asked(120_000)).toBe(120_000);
    expect(asked(1000)).toBe(5000);
  });
});
