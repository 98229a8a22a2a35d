// The renewal schedule on a fake clock: at 75% of the token's life, retries, asking the user, the end.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RenewOutcome } from '../finesse/sso.ts';
import { createBrowserSession, type StoredSession } from './browserSession.ts';
import { createSsoRenewal, type RenewalState } from './ssoRenewal.ts';

const T0 = Date.UTC(2026, 11, 4, 9, 0, 0);

function signedIn(expiresInS = 300, refreshToken: string | null = 'r1'): StoredSession {
  return {
    userId: '2001',
    auth: { scheme: 'Bearer', token: 't1' },
    sso: { grantId: 'g', ccUsername: 'srivera', refreshToken, obtainedAt: T0, expiresInS },
  };
}

function setup(outcomes: RenewOutcome[], stored = signedIn()) {
  const session = createBrowserSession(stored, undefined);
  const states: RenewalState[] = [];
  const ended: string[] = [];
  const renewed = vi.fn();
  const renew = vi.fn(async (_grant: unknown, token: string) => {
    void token;
    const next = outcomes.shift();
    if (!next) throw new Error('no more outcomes planned');
    return next;
  });
  const renewal = createSsoRenewal({
    session,
    renew,
    onState: (state) => states.push(state),
    onRenewed: renewed,
    onEnded: (reason) => ended.push(reason),
  });
  return { session, states, ended, renewed, renew, renewal };
}

const renewed = (token: string, expiresInS = 300): RenewOutcome => ({
  kind: 'renewed',
  token: { token, refreshToken: null, expiresInS, userId: '2001' },
});

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createSsoRenewal', () => {
  it('renews at 75% of the lifetime, and again at 75% of the new token’s', async () => {
    const { session, renew, renewed: told } = setup([renewed('t2'), renewed('t3')]);
    await vi.advanceTimersByTimeAsync(224_999);
    expect(renew).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(renew.mock.calls[0]?.[1]).toBe('t1');
    expect(session.getAuth()).toEqual({ scheme: 'Bearer', token: 't2' });
    // The refresh token is kept when the answer leaves it out.
    expect(session.current().sso).toMatchObject({ refreshToken: 'r1', obtainedAt: T0 + 225_000 });
    expect(told).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(225_000);
    expect(renew).toHaveBeenCalledTimes(2);
    expect(renew.mock.calls[1]?.[1]).toBe('t2');
    expect(session.getAuth()).toEqual({ scheme: 'Bearer', token: 't3' });
  });

  it('stays signed in across several lifetimes without anyone doing anything', async () => {
    const { ended, renew } = setup(Array.from({ length: 6 }, (_, i) => renewed(`t${i + 2}`)));
    await vi.advanceTimersByTimeAsync(5 * 300_000);
    expect(renew.mock.calls.length).toBeGreaterThanOrEqual(6);
    expect(ended).toEqual([]);
  });

  it('asks for the browser when IdS wants it, well before expiry, and keeps the session meanwhile', async () => {
    const { states, ended } = setup([{ kind: 'needsBrowser' }]);
    await vi.advanceTimersByTimeAsync(225_000);
    expect(states.at(-1)).toEqual({
      kind: 'attention',
      expiresAt: T0 + 300_000,
      why: 'needsBrowser',
    });
    expect(ended).toEqual([]);
    // Not renewed by then: the token lapses and the session ends, not silently.
    await vi.advanceTimersByTimeAsync(75_000);
    expect(ended).toEqual(['lapsed']);
  });

  it('a refused refresh token ends the session at once', async () => {
    const { ended } = setup([{ kind: 'refused', status: 401, detail: 'expired' }]);
    await vi.advanceTimersByTimeAsync(225_000);
    expect(ended).toEqual(['refreshExpired']);
    // Nothing more is planned: no second end at expiry.
    await vi.advanceTimersByTimeAsync(600_000);
    expect(ended).toEqual(['refreshExpired']);
  });

  it('retries a failed renewal (3 times, as the desktop does), saying so, then succeeds', async () => {
    const failed: RenewOutcome = { kind: 'failed', detail: 'HTTP 500' };
    const { renew, states, session } = setup([failed, failed, renewed('t2')]);
    await vi.advanceTimersByTimeAsync(225_000);
    expect(states.at(-1)).toMatchObject({ kind: 'attention', why: 'failing' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(renew).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(renew).toHaveBeenCalledTimes(3);
    expect(session.getAuth()).toEqual({ scheme: 'Bearer', token: 't2' });
    expect(states.at(-1)).toEqual({ kind: 'quiet' });
  });

  it('never retries past the token’s expiry', async () => {
    const failed: RenewOutcome = { kind: 'failed', detail: 'no answer' };
    // 40 s token: due at 30 s, retries at 35 s; the next (15 s later) would be past 40 s.
    const { renew, ended } = setup([failed, failed, failed, failed], signedIn(40));
    await vi.advanceTimersByTimeAsync(40_000);
    expect(renew).toHaveBeenCalledTimes(2);
    expect(ended).toEqual(['lapsed']);
  });

  it('without a refresh token, asks for the browser at 75%', async () => {
    const { renew, states } = setup([], signedIn(300, null));
    await vi.advanceTimersByTimeAsync(225_000);
    expect(renew).not.toHaveBeenCalled();
    expect(states.at(-1)).toMatchObject({ kind: 'attention', why: 'needsBrowser' });
  });

  it('a tab that leaves renewing to another asks its user at 90% if no token came', async () => {
    const { renew, renewal, states, session } = setup([]);
    renewal.setRenewer(false);
    await vi.advanceTimersByTimeAsync(269_999);
    expect(states.at(-1)).toEqual({ kind: 'quiet' });
    // Another tab's renewal arrives: the plan starts from the new token.
    session.adopt({
      ...signedIn(),
      auth: { scheme: 'Bearer', token: 't9' },
      sso: { ...signedIn().sso!, obtainedAt: Date.now() },
    });
    renewal.reschedule();
    await vi.advanceTimersByTimeAsync(269_999);
    expect(states.at(-1)).toEqual({ kind: 'quiet' });
    await vi.advanceTimersByTimeAsync(1);
    expect(states.at(-1)).toMatchObject({ kind: 'attention', why: 'noRenewal' });
    expect(renew).not.toHaveBeenCalled();
  });

  it('a renewal overtaken by a token from elsewhere is dropped', async () => {
    let answer: (outcome: RenewOutcome) => void = () => {};
    const session = createBrowserSession(signedIn(), undefined);
    const renewal = createSsoRenewal({
      session,
      renew: () => new Promise<RenewOutcome>((resolve) => (answer = resolve)),
      onState: () => {},
      onRenewed: () => {},
      onEnded: () => {},
    });
    await vi.advanceTimersByTimeAsync(225_000);
    session.adopt({
      ...signedIn(),
      auth: { scheme: 'Bearer', token: 'from-window' },
      sso: { ...signedIn().sso!, obtainedAt: Date.now() },
    });
    renewal.reschedule();
    answer(renewed('late'));
    await vi.advanceTimersByTimeAsync(0);
    expect(session.getAuth()).toEqual({ scheme: 'Bearer', token: 'from-window' });
  });

  it('stop() plans nothing more', async () => {
    const { renewal, renew, ended } = setup([renewed('t2')]);
    renewal.stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(renew).not.toHaveBeenCalled();
    expect(ended).toEqual([]);
  });
});
