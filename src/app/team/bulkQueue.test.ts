// The bulk send queue with fake timers: concurrency, Retry-After, Stop, no duplicates, deselection.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FinesseError } from '../../finesse/errors.ts';
import {
  BULK_CONCURRENCY,
  DEFAULT_RETRY_AFTER_MS,
  MAX_TRIES,
  startBulkQueue,
  type QueueEvent,
} from './bulkQueue.ts';

interface Pending {
  id: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** A send whose answers the test gives, one by one. */
function harness(ids: string[], wanted: (id: string) => boolean = () => true) {
  const pending: Pending[] = [];
  const sent: string[] = [];
  const events: QueueEvent[] = [];
  let inFlight = 0;
  let peak = 0;
  const queue = startBulkQueue({
    ids,
    send: (id) =>
      new Promise<void>((resolve, reject) => {
        sent.push(id);
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        pending.push({
          id,
          resolve: () => {
            inFlight -= 1;
            resolve();
          },
          reject: (error) => {
            inFlight -= 1;
            reject(error);
          },
        });
      }),
    stillWanted: wanted,
    onEvent: (event) => events.push(event),
  });
  const answer = async (id: string, error?: unknown) => {
    const index = pending.findIndex((p) => p.id === id);
    const [entry] = pending.splice(index, 1);
    if (!entry) throw new Error(`${id} is not in flight`);
    if (error === undefined) entry.resolve();
    else entry.reject(error);
    await vi.advanceTimersByTimeAsync(0);
  };
  const acceptAll = async () => {
    while (pending.length > 0) await answer(pending[0]?.id ?? '');
  };
  return { queue, pending, sent, events, answer, acceptAll, peak: () => peak };
}

const tooMany = (retryAfterMs?: number) =>
  new FinesseError({
    kind: 'http',
    status: 429,
    method: 'PUT',
    path: '/finesse/api/User/a',
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
const invalidState = () =>
  new FinesseError({ kind: 'api', status: 400, method: 'PUT', path: '/finesse/api/User/a' });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const ids = (n: number) => Array.from({ length: n }, (_, i) => `a${i + 1}`);
const ofType = (events: QueueEvent[], type: QueueEvent['type']) =>
  events.filter((e) => e.type === type).map((e) => ('id' in e ? e.id : ''));

describe('startBulkQueue', () => {
  it(`keeps at most ${BULK_CONCURRENCY} PUTs in flight and sends each agent once`, async () => {
    const h = harness(ids(10));
    await vi.advanceTimersByTimeAsync(0);
    expect(h.pending).toHaveLength(BULK_CONCURRENCY);
    await h.answer('a2');
    expect(h.pending.map((p) => p.id)).toEqual(['a1', 'a3', 'a4', 'a5']);
    await h.acceptAll();
    expect(h.peak()).toBe(BULK_CONCURRENCY);
    expect(h.sent).toEqual(ids(10));
    expect(new Set(h.sent).size).toBe(10);
    expect(h.events.at(-1)).toEqual({ type: 'done' });
  });

  it('an id given twice is sent once', async () => {
    const h = harness(['a', 'b', 'a']);
    await vi.advanceTimersByTimeAsync(0);
    await h.acceptAll();
    expect(h.sent).toEqual(['a', 'b']);
  });

  it('429 with Retry-After pauses the whole queue; the refused agent goes first after the wait', async () => {
    const h = harness(ids(6));
    await vi.advanceTimersByTimeAsync(0);
    await h.answer('a1', tooMany(2_000));
    expect(h.events).toContainEqual(expect.objectContaining({ type: 'waiting', id: 'a1' }));
    // Answers for the others still count, but nothing new is sent during the wait.
    await h.answer('a2');
    await h.answer('a3');
    await vi.advanceTimersByTimeAsync(1_999);
    expect(h.sent).toEqual(['a1', 'a2', 'a3', 'a4']);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sent).toEqual(['a1', 'a2', 'a3', 'a4', 'a1', 'a5', 'a6']);
    await h.acceptAll();
    expect(ofType(h.events, 'accepted').sort()).toEqual(ids(6));
    // a1 was sent twice only because the first was refused, never while one was on its way.
    expect(ofType(h.events, 'refused')).toEqual([]);
  });

  it('503 without Retry-After waits the default; after MAX_TRIES the refusal is final', async () => {
    const h = harness(['a']);
    const unavailable = new FinesseError({
      kind: 'http',
      status: 503,
      method: 'PUT',
      path: '/finesse/api/User/a',
    });
    for (let attempt = 1; attempt < MAX_TRIES; attempt++) {
      await vi.advanceTimersByTimeAsync(0);
      await h.answer('a', unavailable);
      await vi.advanceTimersByTimeAsync(DEFAULT_RETRY_AFTER_MS - 1);
      expect(h.sent).toHaveLength(attempt);
      await vi.advanceTimersByTimeAsync(1);
    }
    await h.answer('a', unavailable);
    expect(h.sent).toHaveLength(MAX_TRIES);
    expect(h.events.at(-2)).toEqual({ type: 'refused', id: 'a', error: unavailable });
    expect(h.events.at(-1)).toEqual({ type: 'done' });
  });

  it('other refusals are final at once and the queue goes on', async () => {
    const h = harness(ids(5));
    await vi.advanceTimersByTimeAsync(0);
    await h.answer('a3', invalidState());
    await h.acceptAll();
    expect(ofType(h.events, 'refused')).toEqual(['a3']);
    expect(h.sent).toEqual(ids(5));
  });

  it('Stop sends nothing more; what was sent is still answered', async () => {
    const h = harness(ids(10));
    await vi.advanceTimersByTimeAsync(0);
    h.queue.stop();
    expect(ofType(h.events, 'dropped')).toEqual(ids(10).slice(4));
    await h.acceptAll();
    await vi.runAllTimersAsync();
    expect(h.sent).toEqual(ids(4));
    expect(ofType(h.events, 'accepted')).toEqual(ids(4));
    expect(h.events.filter((e) => e.type === 'done')).toHaveLength(1);
  });

  it('Stop during a Retry-After wait: the waiting agent is not sent again', async () => {
    const h = harness(ids(2));
    await vi.advanceTimersByTimeAsync(0);
    await h.answer('a1', tooMany(1_000));
    h.queue.stop();
    await h.acceptAll();
    await vi.runAllTimersAsync();
    expect(h.sent).toEqual(['a1', 'a2']);
    expect(h.events).toContainEqual({ type: 'dropped', id: 'a1', why: 'stopped' });
  });

  it('an agent deselected before its turn is never sent', async () => {
    const deselected = new Set<string>();
    const h = harness(ids(6), (id) => !deselected.has(id));
    await vi.advanceTimersByTimeAsync(0);
    deselected.add('a5');
    deselected.add('a1'); // already sent: stays sent
    await h.acceptAll();
    expect(h.sent).toEqual(['a1', 'a2', 'a3', 'a4', 'a6']);
    expect(h.events).toContainEqual({ type: 'dropped', id: 'a5', why: 'deselected' });
  });

  it('paused (Finesse out of service), nothing is sent until it is back', async () => {
    const h = harness(ids(6));
    await vi.advanceTimersByTimeAsync(0);
    h.queue.setPaused(true);
    await h.acceptAll();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.sent).toEqual(ids(4));
    h.queue.setPaused(false);
    await h.acceptAll();
    expect(h.sent).toEqual(ids(6));
  });
});
