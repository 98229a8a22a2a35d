// @vitest-environment jsdom
// The tab's session hook against the real simulated Finesse and its IdS (the window is
// test/ssoBrowser.ts): sign-in, renewal at 75% on a fake clock that the simulator in this process
// shares, the banner's renewal in a window, a refused refresh token, sign-out across tabs.
import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { simulatorForEachTest } from '../../../test/renderWithFinesse.tsx';
import { memoryStorage } from '../../../test/memoryStorage.ts';
import { ssoBrowser } from '../../../test/ssoBrowser.ts';
import { basicAuth, createFinesseClient } from '../../finesse/client.ts';
import { createQueryClient, userQuery } from '../queries.ts';
import { renewSsoToken } from '../../finesse/sso.ts';
import { signInWithSso } from './ssoSignIn.ts';
import { useBrowserSession } from './useBrowserSession.ts';

const simulator = simulatorForEachTest();

afterEach(() => {
  vi.useRealTimers();
});

/** A tab: its own query cache and its own sessionStorage. */
function renderTab(storage: Storage = memoryStorage(), locks: LockManager | null = null) {
  const queryClient = createQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  const hook = renderHook(
    () =>
      useBrowserSession({
        baseUrl: simulator.url,
        storage,
        openSsoWindow: ssoBrowser(),
        locks,
      }),
    { wrapper },
  );
  return { ...hook, storage, queryClient };
}

/** Signs 1001 in with the password, as the sign-in page does (its read is the page's user). */
async function passwordSignIn(tab: ReturnType<typeof renderTab>) {
  const auth = basicAuth('1001', 'demo');
  const user = await createFinesseClient({ baseUrl: simulator.url, getAuth: () => auth }).getUser(
    '1001',
  );
  act(() => tab.result.current.signedIn({ user, auth }));
  return { auth, user };
}

async function ssoSignIn(tab: ReturnType<typeof renderTab>, ccUsername = '1001') {
  const { user, auth, token } = await signInWithSso({
    baseUrl: simulator.url,
    ccUsername,
    openWindow: ssoBrowser(),
  });
  act(() => tab.result.current.signedIn({ user, auth, sso: { ccUsername, token } }));
}

const grantToken = (loginId: string) =>
  simulator.sim.sso.grants.find((g) => g.loginId === loginId)?.accessToken;

/** Whether Finesse accepts this token now: a read of the user with it. */
async function accepted(token: string, userId = '1001'): Promise<boolean> {
  const client = createFinesseClient({
    baseUrl: simulator.url,
    getAuth: () => ({ scheme: 'Bearer', token }),
  });
  return client.getUser(userId).then(
    () => true,
    () => false,
  );
}

/** Time moves for the page and the simulator alike (one process, one faked clock). */
function fakeClock() {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    // Real I/O goes on meanwhile (the simulator answers over loopback): time keeps flowing too.
    shouldAdvanceTime: true,
  });
}

describe('useBrowserSession', () => {
  it('a password sign-in is kept in this tab’s storage only, without a grant', async () => {
    const tab = renderTab();
    const { auth, user } = await passwordSignIn(tab);
    expect(tab.result.current.session?.userId).toBe('1001');
    expect(JSON.parse(tab.storage.getItem('finesse-state-gadget.session') ?? '{}')).toEqual({
      userId: '1001',
      auth,
      sso: null,
    });
    // The sign-in's read is the page's user: not read again.
    expect(
      tab.queryClient.getQueryData(
        userQuery(createFinesseClient({ getAuth: () => auth }), '1001').queryKey,
      ),
    ).toBe(user);
  });

  it('single sign-on renews at 75% of the token’s life, again and again; the old token is refused', async () => {
    fakeClock();
    const tab = renderTab();
    await ssoSignIn(tab);
    const first = grantToken('1001') ?? '';
    expect(tab.result.current.session?.getAuth()).toEqual({ scheme: 'Bearer', token: first });
    for (let round = 0; round < 3; round++) {
      const before = tab.result.current.session?.getAuth();
      await act(() => vi.advanceTimersByTimeAsync(225_000));
      await vi.waitFor(() => expect(tab.result.current.session?.getAuth()).not.toEqual(before));
      expect(tab.result.current.session?.getAuth()).toEqual({
        scheme: 'Bearer',
        token: grantToken('1001'),
      });
    }
    vi.useRealTimers();
    expect(tab.result.current.renewal).toEqual({ kind: 'quiet' });
    expect(tab.storage.getItem('finesse-state-gadget.session')).toContain(grantToken('1001'));
    expect(await accepted(first)).toBe(false);
    expect(await accepted(grantToken('1001') ?? '')).toBe(true);
  });

  it('renewal that needs the browser: the banner’s state, then a renewal in a window', async () => {
    fakeClock();
    const tab = renderTab();
    await ssoSignIn(tab);
    simulator.sim.sso.faults.push({ kind: 'renewNeedsBrowser', remaining: 1 });
    await act(() => vi.advanceTimersByTimeAsync(225_000));
    await vi.waitFor(() =>
      expect(tab.result.current.renewal).toMatchObject({ kind: 'attention', why: 'needsBrowser' }),
    );
    vi.useRealTimers();
    const before = tab.result.current.session?.getAuth();
    act(() => tab.result.current.renewInWindow());
    expect(tab.result.current.windowRenewal).toEqual({ kind: 'waiting' });
    await vi.waitFor(() => expect(tab.result.current.windowRenewal).toEqual({ kind: 'idle' }));
    expect(tab.result.current.renewal).toEqual({ kind: 'quiet' });
    expect(tab.result.current.session?.getAuth()).not.toEqual(before);
    // The window signed in afresh: a new grant, whose refresh token the tab now holds.
    const newest = simulator.sim.sso.grants.at(-1);
    expect(tab.result.current.session?.getAuth()).toEqual({
      scheme: 'Bearer',
      token: newest?.accessToken,
    });
    expect(tab.result.current.session?.current().sso?.refreshToken).toBe(newest?.refreshToken);
  });

  it('a refresh token that has expired ends the session with the reason; the user name is kept', async () => {
    fakeClock();
    const tab = renderTab();
    await ssoSignIn(tab, 'aalvarez');
    simulator.sim.sso.expireRefreshTokens(simulator.sim.now());
    await act(() => vi.advanceTimersByTimeAsync(225_000));
    await vi.waitFor(() => expect(tab.result.current.session).toBeNull());
    expect(tab.result.current.again).toEqual({
      userId: 'aalvarez',
      via: 'sso',
      reason: expect.stringContaining('Your single sign-on session has ended') as unknown,
    });
    expect(tab.storage.length).toBe(0);
  });

  it('Finesse refusing the credentials ends the session with the reason', async () => {
    const tab = renderTab();
    const { auth } = await passwordSignIn(tab);
    const model = simulator.sim.model.users.get('1001');
    if (model) model.password = 'changed';
    await act(() =>
      tab.queryClient
        .fetchQuery(
          userQuery(createFinesseClient({ baseUrl: simulator.url, getAuth: () => auth }), '1001'),
        )
        .catch(() => {}),
    );
    await vi.waitFor(() => expect(tab.result.current.session).toBeNull());
    expect(tab.result.current.again).toMatchObject({ userId: '1001', via: 'password' });
  });

  it('a grant shared by two tabs (a duplicated tab) is renewed by one and reaches the other', async () => {
    fakeClock();
    const first = renderTab();
    await ssoSignIn(first);
    // A duplicated tab starts with a copy of the first one's sessionStorage; the first tab holds
    // the grant's lock (Web Locks in a browser; here a lock that is never granted to the copy).
    const copy = memoryStorage();
    copy.setItem(
      'finesse-state-gadget.session',
      first.storage.getItem('finesse-state-gadget.session') ?? '',
    );
    const heldElsewhere = { request: () => new Promise<never>(() => {}) } as unknown as LockManager;
    const second = renderTab(copy, heldElsewhere);
    expect(second.result.current.session?.getAuth()).toEqual(
      first.result.current.session?.getAuth(),
    );
    const grants = simulator.sim.sso.grants.length;

    await act(() => vi.advanceTimersByTimeAsync(225_000));
    await vi.waitFor(() =>
      expect(first.result.current.session?.getAuth()).toEqual({
        scheme: 'Bearer',
        token: grantToken('1001'),
      }),
    );
    await vi.waitFor(() =>
      expect(second.result.current.session?.getAuth()).toEqual(
        first.result.current.session?.getAuth(),
      ),
    );
    expect(copy.getItem('finesse-state-gadget.session')).toContain(grantToken('1001'));
    expect(simulator.sim.sso.grants).toHaveLength(grants);
    // Past the point where the copy would have asked its user, had no token come: it did come.
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(second.result.current.renewal).toEqual({ kind: 'quiet' });
    expect(second.result.current.session).not.toBeNull();
  });

  it('a token refused before word of the other tab’s renewal has come: that word is waited for, the session kept', async () => {
    fakeClock();
    // The other tab holds the grant's lock and renews it; this one never does.
    const heldElsewhere = { request: () => new Promise<never>(() => {}) } as unknown as LockManager;
    const tab = renderTab(memoryStorage(), heldElsewhere);
    await ssoSignIn(tab);
    const before = tab.result.current.session?.current();
    if (!before?.sso || before.auth.scheme !== 'Bearer') throw new Error('not an SSO session');
    // The other tab renews: the old token is refused from now on.
    const outcome = await renewSsoToken({
      baseUrl: simulator.url,
      token: before.auth.token,
      refreshToken: before.sso.refreshToken ?? '',
      ccUsername: before.sso.ccUsername,
    });
    if (outcome.kind !== 'renewed') throw new Error(`not renewed: ${outcome.kind}`);
    // This tab's read with the old token is refused before the other tab's word has come…
    await act(() =>
      tab.queryClient
        .fetchQuery(
          userQuery(
            createFinesseClient({ baseUrl: simulator.url, getAuth: () => before.auth }),
            '1001',
          ),
        )
        .catch(() => {}),
    );
    expect(tab.result.current.session).not.toBeNull();
    // …which comes a moment later.
    const otherTab = new BroadcastChannel('finesse-state-gadget.session');
    otherTab.postMessage({
      type: 'renewed',
      stored: {
        ...before,
        auth: { scheme: 'Bearer', token: outcome.token.token },
        sso: { ...before.sso, obtainedAt: Date.now() + 1, expiresInS: outcome.token.expiresInS },
      },
    });
    await vi.waitFor(() =>
      expect(tab.result.current.session?.getAuth()).toEqual({
        scheme: 'Bearer',
        token: outcome.token.token,
      }),
    );
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    expect(tab.result.current.session).not.toBeNull();
    otherTab.close();

    // With no word at all, the refusal ends the session, once the moment has passed.
    simulator.sim.sso.grants.splice(0);
    await act(() => vi.advanceTimersByTimeAsync(15_000));
    await act(() =>
      tab.queryClient
        .fetchQuery({
          ...userQuery(
            createFinesseClient({
              baseUrl: simulator.url,
              getAuth: () => tab.result.current.session?.getAuth() ?? null,
            }),
            '1001',
          ),
          staleTime: 0,
        })
        .catch(() => {}),
    );
    expect(tab.result.current.session).not.toBeNull();
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    await vi.waitFor(() => expect(tab.result.current.session).toBeNull());
  });

  it('signing out in one tab signs out the others', async () => {
    const first = renderTab();
    await ssoSignIn(first);
    const other = renderTab();
    await ssoSignIn(other);
    act(() => first.result.current.signOut());
    await vi.waitFor(() => expect(other.result.current.session).toBeNull());
    expect(other.result.current.again).toBeNull();
    expect(other.storage.length).toBe(0);
  });
});
