// Reconnect delays: full-jitter bounds, the cap, the slow retry once failed, and rejected settings.
import { describe, expect, it } from 'vitest';
import { backoffDelay, slowRetryDelay, validBackoff } from './backoff.ts';

const backoff = { initialMs: 1000, maxMs: 30000 };
const lowest = () => 0;
const highest = () => 0.999999;

describe('backoffDelay', () => {
  it('is uniform between 0 and a cap that doubles from initialMs', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, backoff, lowest))).toEqual([0, 0, 0, 0, 0]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, backoff, highest))).toEqual([
      999, 1999, 3999, 7999, 15999,
    ]);
    expect(backoffDelay(3, backoff, () => 0.5)).toBe(2000);
  });

  it('never exceeds maxMs, however many failures', () => {
    for (const failures of [6, 10, 60, 1e6]) {
      expect(backoffDelay(failures, backoff, highest)).toBeLessThanOrEqual(backoff.maxMs);
      expect(backoffDelay(failures, backoff, highest)).toBe(backoff.maxMs - 1);
    }
  });

  it('stays within bounds for any random source', () => {
    for (let i = 0; i < 1000; i++) {
      const delay = backoffDelay(4, backoff, Math.random);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(8000);
    }
    expect(backoffDelay(2, backoff, () => 7)).toBe(2000);
    expect(backoffDelay(2, backoff, () => -1)).toBe(0);
    expect(backoffDelay(2, backoff, () => Number.NaN)).toBe(0);
  });
});

describe('slowRetryDelay', () => {
  it('is between half of maxMs and maxMs, never near zero', () => {
    expect(slowRetryDelay(backoff, lowest)).toBe(15000);
    expect(slowRetryDelay(backoff, highest)).toBe(29999);
  });
});

describe('validBackoff', () => {
  it('rejects a zero, negative or inverted range', () => {
    expect(validBackoff({ initialMs: 10, maxMs: 10 })).toEqual({ initialMs: 10, maxMs: 10 });
    expect(() => validBackoff({ initialMs: 0, maxMs: 10 })).toThrow(RangeError);
    expect(() => validBackoff({ initialMs: 20, maxMs: 10 })).toThrow(RangeError);
    expect(() => validBackoff({ initialMs: 1, maxMs: Number.POSITIVE_INFINITY })).toThrow(
      RangeError,
    );
  });
});
