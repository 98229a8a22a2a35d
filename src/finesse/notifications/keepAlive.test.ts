// @vitest-environment node
// The keep-alive: a ping each interval; an answer (even an error answer) keeps it going, silence
// is reported once, and nothing happens after the connection has ended or it is stopped.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IqError } from './iq.ts';
import { createKeepAlive } from './keepAlive.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setUp(ping: () => Promise<unknown>) {
  let ended = false;
  const calls = { ping: 0, answers: 0, silences: 0 };
  const keepAlive = createKeepAlive({
    ping: () => {
      calls.ping += 1;
      return ping();
    },
    intervalMs: 10_000,
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    isEnded: () => ended,
    onAnswer: () => {
      calls.answers += 1;
    },
    onSilence: () => {
      calls.silences += 1;
      ended = true;
    },
  });
  return { keepAlive, calls, end: () => (ended = true) };
}

describe('createKeepAlive', () => {
  it('pings once per interval while answered, error answers included', async () => {
    let n = 0;
    const { keepAlive, calls } = setUp(() =>
      ++n % 2 ? Promise.resolve() : Promise.reject(new IqError('feature-not-implemented', false)),
    );
    keepAlive.start();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(calls.ping).toBe(0);
    await vi.advanceTimersByTimeAsync(30_001);
    expect(calls).toEqual({ ping: 4, answers: 4, silences: 0 });
  });

  it('reports silence once and pings no more', async () => {
    const { keepAlive, calls } = setUp(() => Promise.reject(new IqError(null, true)));
    keepAlive.start();
    await vi.advanceTimersByTimeAsync(50_000);
    expect(calls).toEqual({ ping: 1, answers: 0, silences: 1 });
  });

  it('does nothing after stop, nor with an answer arriving after the end', async () => {
    const stopped = setUp(() => Promise.resolve());
    stopped.keepAlive.start();
    stopped.keepAlive.stop();
    await vi.advanceTimersByTimeAsync(50_000);
    expect(stopped.calls.ping).toBe(0);

    let answer: () => void = () => {};
    const late = setUp(() => new Promise<void>((resolve) => (answer = resolve)));
    late.keepAlive.start();
    await vi.advanceTimersByTimeAsync(10_000);
    late.end();
    answer();
    await vi.advanceTimersByTimeAsync(50_000);
    expect(late.calls).toEqual({ ping: 1, answers: 0, silences: 0 });
  });
});
