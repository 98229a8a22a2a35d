// @vitest-environment jsdom
// The tab's XMPP password (from the Basic credentials, UTF-8, or the SSO token), and when the
// live link's comings and goings read the user again.
import { QueryClient, QueryClientProvider, QueryObserver } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { basicAuth } from '../../finesse/client.ts';
import type {
  NotificationStatus,
  XmppNotifications,
} from '../../finesse/notifications/xmppNotifications.ts';
import type { SystemInfo } from '../../finesse/systemInfo.ts';
import { finesseKeys } from '../queries.ts';
import { passwordOf, useTabLive } from './useTabLive.ts';

describe('passwordOf', () => {
  it('takes the password out of Basic credentials, UTF-8 and colons included', () => {
    const auth = basicAuth('1001', 'pässwörd:1');
    expect(passwordOf({ userId: '1001', getAuth: () => auth })).toBe('pässwörd:1');
  });
  it('uses the SSO token as it is, and nothing without credentials', () => {
    expect(passwordOf({ userId: '1001', getAuth: () => ({ scheme: 'Bearer', token: 't' }) })).toBe(
      't',
    );
    expect(passwordOf({ userId: '1001', getAuth: () => null })).toBe('');
  });
});

/** The XMPP client's surface, its status driven by the test (the client is tested against Prosody). */
function scriptedLink() {
  let status: NotificationStatus = { state: 'idle' };
  const listeners = new Set<(s: NotificationStatus) => void>();
  const link: XmppNotifications = {
    start: () => {},
    stop: async () => {},
    listen: () => () => {},
    subscribe: () => () => {},
    status: () => status,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onReconnected: () => () => {},
    lastHeard: () => null,
    onFinessePresence: () => () => {},
    reconnectNow: () => {},
    onOversized: () => () => {},
  };
  const setStatus = (next: NotificationStatus) => {
    status = next;
    act(() => [...listeners].forEach((listener) => listener(next)));
  };
  return { link, setStatus };
}

describe('reads of the user as the live link comes and goes', () => {
  const systemInfo: SystemInfo = {
    deploymentType: 'UCCX',
    systemAuthMode: 'NON_SSO',
    currentTimestamp: null,
    status: 'IN_SERVICE',
    statusReason: '',
    primaryNode: '',
    secondaryNode: '',
    xmppDomain: 'finesse.example',
    xmppPubSubDomain: '',
  };
  const session = { userId: '1001', getAuth: () => basicAuth('1001', 'demo') };

  /** The user as the sign-in left it, observed as the views do; `reads()` counts its GETs. */
  function setUp() {
    const queryClient = new QueryClient();
    let reads = 0;
    queryClient.setQueryData(finesseKeys.user('1001'), { id: '1001' });
    const observer = new QueryObserver(queryClient, {
      queryKey: finesseKeys.user('1001'),
      queryFn: () => {
        reads += 1;
        return { id: '1001' };
      },
      staleTime: Infinity,
    });
    const stopObserving = observer.subscribe(() => {});
    const scripted = scriptedLink();
    const createLink = () => scripted.link;
    const view = renderHook(() => useTabLive(session, systemInfo, createLink), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      ),
    });
    return {
      ...scripted,
      reads: () => reads,
      done: () => {
        view.unmount();
        stopObserving();
      },
    };
  }

  it('live at the first attempt: read once, for what changed during the handshake', async () => {
    const { setStatus, reads, done } = setUp();
    setStatus({ state: 'connecting' });
    expect(reads()).toBe(0);
    setStatus({ state: 'live' });
    await vi.waitFor(() => expect(reads()).toBe(1));
    // Staying live reads nothing more.
    setStatus({ state: 'live' });
    await act(async () => {});
    expect(reads()).toBe(1);
    done();
  });

  it('live for the first time after polling meanwhile: read once', async () => {
    const { setStatus, reads, done } = setUp();
    setStatus({ state: 'connecting' });
    setStatus({ state: 'failed', reason: 'unreachable', detail: null });
    setStatus({ state: 'live' });
    await vi.waitFor(() => expect(reads()).toBe(1));
    done();
  });

  it('leaving live: read once at once', async () => {
    const { setStatus, reads, done } = setUp();
    setStatus({ state: 'live' });
    await vi.waitFor(() => expect(reads()).toBe(1));
    setStatus({ state: 'reconnecting' });
    await vi.waitFor(() => expect(reads()).toBe(2));
    done();
  });
});
