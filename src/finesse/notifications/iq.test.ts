// @vitest-environment node
// Requests over one connection: the answer, an error answer's condition, silence past the
// timeout, and a closed caller rejecting what is pending and what comes after.
import { $iq } from 'strophe.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIqCaller, ignoreRefusal, IqError, sendQuietly, type IqConnection } from './iq.ts';
import { pingIq } from './pubsub.ts';

type Reply = 'result' | 'silent' | 'null' | { error: string };

function connection(reply: Reply): IqConnection & { sent: number } {
  return {
    sent: 0,
    sendIQ(stanza, onResult, onError) {
      this.sent += 1;
      const id = stanza.getAttribute('id') ?? 'iq';
      if (reply === 'result') queueMicrotask(() => onResult($iq({ type: 'result', id }).tree()));
      else if (reply === 'null') queueMicrotask(() => onError(null));
      else if (reply !== 'silent') {
        const answer = $iq({ type: 'error', id })
          .c('error', { type: 'cancel' })
          .c(reply.error, { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' })
          .tree();
        queueMicrotask(() => onError(answer));
      }
      return id;
    },
  };
}

const timers = {
  timeoutMs: 1000,
  setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
  clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createIqCaller', () => {
  it('resolves with the answer', async () => {
    const answer = await createIqCaller(connection('result'), timers).request(pingIq('d'));
    expect(answer.getAttribute('type')).toBe('result');
  });

  it('rejects an error answer with its condition, not as a timeout', async () => {
    const request = createIqCaller(connection({ error: 'forbidden' }), timers).request(pingIq('d'));
    await expect(request).rejects.toEqual(new IqError('forbidden', false));
    await expect(request).rejects.toMatchObject({ condition: 'forbidden', timedOut: false });
  });

  it('counts no answer in time, or a connection that gave up, as timed out', async () => {
    const silent = createIqCaller(connection('silent'), timers).request(pingIq('d'));
    const outcome = expect(silent).rejects.toMatchObject({ timedOut: true });
    await vi.advanceTimersByTimeAsync(1000);
    await outcome;
    const gaveUp = createIqCaller(connection('null'), timers).request(pingIq('d'));
    await expect(gaveUp).rejects.toMatchObject({ condition: null, timedOut: true });
  });

  it('once closed, rejects what is pending and sends nothing more', async () => {
    const conn = connection('silent');
    const caller = createIqCaller(conn, timers);
    const pending = caller.request(pingIq('d'));
    caller.close();
    await expect(pending).rejects.toMatchObject({ timedOut: true });
    await expect(caller.request(pingIq('d'))).rejects.toMatchObject({ timedOut: true });
    expect(conn.sent).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('sendQuietly and ignoreRefusal', () => {
  it('sends without waiting, and survives a connection that throws', () => {
    const conn = connection('silent');
    sendQuietly(conn, pingIq('d'));
    expect(conn.sent).toBe(1);
    const gone: IqConnection = {
      sendIQ: () => {
        throw new Error('socket closed');
      },
    };
    expect(() => sendQuietly(gone, pingIq('d'))).not.toThrow();
  });

  it('ignores a refusal only: silence and other errors still reject', () => {
    expect(() => ignoreRefusal(new IqError('item-not-found', false))).not.toThrow();
    expect(() => ignoreRefusal(new IqError(null, true))).toThrow(IqError);
    expect(() => ignoreRefusal(new Error('other'))).toThrow('other');
  });
});
