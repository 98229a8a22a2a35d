// The service watch on a fake clock: what each signal makes of the service, and when it checks.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FinesseError } from '../finesse/errors.ts';
import type { SystemInfo } from '../finesse/systemInfo.ts';
import {
  CHECK_BASE_MS,
  CHECK_MAX_MS,
  CHECK_WHILE_LIVE_MS,
  createServiceWatch,
  serviceOfFailure,
  type Service,
} from './serviceWatch.ts';

const info = (status: string, statusReason = ''): SystemInfo => ({
  deploymentType: 'UCCX',
  systemAuthMode: 'NON_SSO',
  currentTimestamp: null,
  status,
  statusReason,
  xmppDomain: 'finesse-a.example',
  xmppPubSubDomain: 'pubsub.finesse-a.example',
  primaryNode: 'finesse-a.example',
  secondaryNode: 'finesse-b.example',
});

const failure = (kind: FinesseError['kind'], status: number | null = null) =>
  new FinesseError({ kind, status, method: 'GET', path: '/finesse/api/SystemInfo' });

/** A watch whose reads answer from a script the test changes; jitter fixed at its middle. */
function setUp() {
  let answer: () => Promise<SystemInfo> = () => Promise.resolve(info('IN_SERVICE'));
  const read = vi.fn(() => answer());
  const watch = createServiceWatch({ read, random: () => 0.5 });
  const seen: Service[] = [];
  watch.subscribe((s) => seen.push(s));
  const reconnects = vi.fn();
  watch.onInServiceWhileLinkDown(reconnects);
  return {
    watch,
    read,
    seen,
    reconnects,
    answer(next: () => Promise<SystemInfo>) {
      answer = next;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('what the signals mean', () => {
  it('reads a failed SystemInfo read as Finesse does: no answer, its own 503, an error page', () => {
    expect(serviceOfFailure(failure('network'))).toEqual({ kind: 'unreachable' });
    expect(serviceOfFailure(failure('timeout'))).toEqual({ kind: 'unreachable' });
    expect(serviceOfFailure(failure('api', 503))).toEqual({
      kind: 'outOfService',
      partial: false,
      reason: '',
    });
    expect(serviceOfFailure(failure('http', 503))).toEqual({ kind: 'webServicesDown' });
    expect(serviceOfFailure(failure('http', 502))).toEqual({ kind: 'webServicesDown' });
    // A refused sign-in says nothing about the service.
    expect(serviceOfFailure(failure('api', 401))).toBeNull();
    expect(serviceOfFailure(new Error('x'))).toBeNull();
  });

  it('follows SystemInfo statuses: out of service with its reason, partial, back', () => {
    const { watch, seen } = setUp();
    watch.status('OUT_OF_SERVICE', 'The CTI server connection is down.');
    watch.status('PARTIAL_SERVICE', '');
    watch.status('IN_SERVICE', '');
    expect(seen).toEqual([
      { kind: 'outOfService', partial: false, reason: 'The CTI server connection is down.' },
      { kind: 'outOfService', partial: true, reason: '' },
      { kind: 'inService' },
    ]);
    watch.stop();
  });

  it('takes a read made elsewhere only until it hears for itself (that read may be older)', () => {
    const { watch } = setUp();
    watch.seed('PARTIAL_SERVICE', 'starting');
    expect(watch.current()).toEqual({ kind: 'outOfService', partial: true, reason: 'starting' });
    watch.status('OUT_OF_SERVICE', 'CTI');
    // The views' first read, sent before that Update and answered after it: not taken.
    watch.seed('IN_SERVICE', '');
    expect(watch.current()).toEqual({ kind: 'outOfService', partial: false, reason: 'CTI' });
    watch.stop();
  });

  it('counts the time down from the first signal, and forgets it when back', () => {
    const { watch } = setUp();
    expect(watch.downSince()).toBeNull();
    watch.status('OUT_OF_SERVICE', '');
    const since = watch.downSince();
    expect(since).toBe(Date.now());
    vi.advanceTimersByTime(5_000);
    watch.status('PARTIAL_SERVICE', '');
    expect(watch.downSince()).toBe(since);
    watch.status('IN_SERVICE', '');
    expect(watch.downSince()).toBeNull();
    watch.stop();
  });
});

describe('when it checks SystemInfo (Cisco recovery steps)', () => {
  it('step 3: presence UNAVAILABLE waits without reading; AVAILABLE reads at once', async () => {
    const { watch, read, seen } = setUp();
    watch.presence(false);
    expect(watch.current()).toEqual({ kind: 'webServicesDown' });
    // Failed requests meanwhile ask for nothing: presence already says why.
    watch.suspect();
    await vi.advanceTimersByTimeAsync(10 * CHECK_MAX_MS);
    expect(read).not.toHaveBeenCalled();
    watch.presence(true);
    expect(read).toHaveBeenCalledTimes(1);
    // Paused until SystemInfo answers: AVAILABLE alone is not IN_SERVICE.
    expect(watch.current()).toEqual({ kind: 'webServicesDown' });
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.at(-1)).toEqual({ kind: 'inService' });
    watch.stop();
  });

  it('step 3 then: AVAILABLE but still out of service stays paused until SystemInfo says IN_SERVICE', async () => {
    const t = setUp();
    t.watch.presence(false);
    t.answer(() => Promise.resolve(info('OUT_OF_SERVICE', 'starting')));
    t.watch.presence(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.watch.current()).toEqual({ kind: 'outOfService', partial: false, reason: 'starting' });
    t.watch.stop();
  });

  it('step 1: with the live link down, checks on a short jittered interval and reconnects at IN_SERVICE', async () => {
    const t = setUp();
    t.watch.linkUp(false);
    await vi.advanceTimersByTimeAsync(CHECK_BASE_MS - 1);
    expect(t.read).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(t.read).toHaveBeenCalledTimes(1);
    expect(t.reconnects).toHaveBeenCalledTimes(1);
    // Still down (the Notification Service itself): the waits grow, to a ceiling.
    await vi.advanceTimersByTimeAsync(CHECK_BASE_MS * 1.5);
    expect(t.read).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(CHECK_MAX_MS * 10);
    const calls = t.read.mock.calls.length;
    await vi.advanceTimersByTimeAsync(CHECK_MAX_MS);
    expect(t.read.mock.calls.length).toBe(calls + 1);
    // Live again: no more checks.
    t.watch.linkUp(true);
    await vi.advanceTimersByTimeAsync(CHECK_MAX_MS * 4);
    expect(t.read.mock.calls.length).toBe(calls + 1);
    t.watch.stop();
  });

  it('inside the desktop, checks far apart: every agent runs the gadget', async () => {
    const read = vi.fn(() => Promise.reject(failure('network')));
    const watch = createServiceWatch({
      read,
      random: () => 0.5,
      checkMs: { base: 5_000, max: 30_000 },
    });
    watch.suspect();
    await vi.advanceTimersByTimeAsync(0);
    expect(watch.current()).toEqual({ kind: 'unreachable' });
    await vi.advanceTimersByTimeAsync(7_500 - 1);
    expect(read).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(read).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(10 * 30_000);
    const calls = read.mock.calls.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(read.mock.calls.length).toBe(calls + 1);
    watch.stop();
  });

  it('jitter spreads the checks of many pages between 0.75 and 1.25 of the wait', async () => {
    for (const [random, due] of [
      [0, CHECK_BASE_MS * 0.75],
      [1, CHECK_BASE_MS * 1.25],
    ] as const) {
      const read = vi.fn(() => Promise.resolve(info('IN_SERVICE')));
      const watch = createServiceWatch({ read, random: () => random });
      watch.linkUp(false);
      await vi.advanceTimersByTimeAsync(due - 1);
      expect(read).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(read).toHaveBeenCalledTimes(1);
      watch.stop();
    }
  });

  it('step 2: out of service while live waits for the Update, with a slow check in case one is lost', async () => {
    const t = setUp();
    t.watch.status('OUT_OF_SERVICE', 'CTI');
    await vi.advanceTimersByTimeAsync(CHECK_WHILE_LIVE_MS - 1);
    expect(t.read).not.toHaveBeenCalled();
    t.answer(() => Promise.resolve(info('IN_SERVICE')));
    await vi.advanceTimersByTimeAsync(1);
    expect(t.read).toHaveBeenCalledTimes(1);
    expect(t.watch.current()).toEqual({ kind: 'inService' });
    expect(t.reconnects).not.toHaveBeenCalled();
    t.watch.stop();
  });

  it('a failed request checks once, not once per failure, and what the read says is shown', async () => {
    const t = setUp();
    t.answer(() => Promise.reject(failure('network')));
    t.watch.suspect();
    t.watch.suspect();
    t.watch.suspect();
    expect(t.read).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.watch.current()).toEqual({ kind: 'unreachable' });
    // Right after a check, another failure asks for nothing more.
    t.watch.suspect();
    expect(t.read).toHaveBeenCalledTimes(1);
    // Down: it checks by itself; the first answer in service ends it.
    t.answer(() => Promise.resolve(info('IN_SERVICE')));
    await vi.advanceTimersByTimeAsync(CHECK_BASE_MS * 1.5);
    expect(t.watch.current()).toEqual({ kind: 'inService' });
    t.watch.stop();
  });

  it('a Tomcat error page is the web services down, until SystemInfo reads again', async () => {
    const t = setUp();
    t.answer(() => Promise.reject(failure('http', 503)));
    t.watch.suspect();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.watch.current()).toEqual({ kind: 'webServicesDown' });
    t.answer(() => Promise.resolve(info('IN_SERVICE')));
    await vi.advanceTimersByTimeAsync(CHECK_BASE_MS * 1.5);
    expect(t.seen.map((s) => s.kind)).toEqual(['webServicesDown', 'inService']);
    t.watch.stop();
  });

  it('stopped, it reads nothing more and tells no one', async () => {
    const t = setUp();
    t.watch.linkUp(false);
    t.watch.stop();
    await vi.advanceTimersByTimeAsync(CHECK_MAX_MS * 3);
    expect(t.read).not.toHaveBeenCalled();
    t.watch.status('OUT_OF_SERVICE', '');
    expect(t.seen).toEqual([]);
  });
});
