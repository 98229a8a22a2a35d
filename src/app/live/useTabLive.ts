// The browser tab's live link to Finesse: started once signed in and SystemInfo is known, stopped
// on sign-out and when the page goes away; its mode decides whether the views listen or poll.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { SystemInfo } from '../../finesse/systemInfo.ts';
import type { Session } from '../../host/host.ts';
import type { XmppNotifications } from '../../finesse/notifications/xmppNotifications.ts';
import { createTabLive, type LiveMode, type TabLive } from '../../host/tabLive.ts';
import { finesseKeys } from '../queries.ts';

/** What a link needs to sign in to Finesse's Notification Service. */
export interface LinkOptions {
  userId: string;
  /** SystemInfo `xmppDomain`: the JID's domain. */
  domain: string;
  /** SystemInfo `xmppPubSubDomain`. */
  pubsubService: string;
  /** The SASL PLAIN password, read at each (re)connect: the user's password, or the SSO token. */
  getPassword: () => string;
}

export type LinkFactory = (options: LinkOptions) => XmppNotifications;

/** How long the page waits for a first live connection before it polls meanwhile. */
export const CONNECT_PATIENCE_MS = 3_000;

const unavailable: LiveMode = { kind: 'polling', reason: 'unavailable' };
const noSubscription = () => () => {};

/** The password inside Basic credentials (base64 of UTF-8 `id:password`), or the bearer token. */
export function passwordOf(session: Session): string {
  const auth = session.getAuth();
  if (!auth) return '';
  if (auth.scheme === 'Bearer') return auth.token;
  try {
    const bytes = Uint8Array.from(atob(auth.credentials), (c) => c.charCodeAt(0));
    const decoded = new TextDecoder().decode(bytes);
    const colon = decoded.indexOf(':');
    return colon < 0 ? '' : decoded.slice(colon + 1);
  } catch {
    return '';
  }
}

export function useTabLive(
  session: Session | null,
  systemInfo: SystemInfo | undefined,
  createLink: LinkFactory | undefined,
): { live: TabLive | null; mode: LiveMode; pending: boolean } {
  const queryClient = useQueryClient();
  const [live, setLive] = useState<TabLive | null>(null);
  const [patienceOver, setPatienceOver] = useState<TabLive | null>(null);
  const domain = systemInfo?.xmppDomain ?? '';
  const pubsubService = systemInfo?.xmppPubSubDomain || (domain && `pubsub.${domain}`);

  useEffect(() => {
    if (!session || !createLink || domain === '') return;
    const link = createLink({
      userId: session.userId,
      domain,
      pubsubService,
      getPassword: () => passwordOf(session),
    });
    const tabLive = createTabLive({
      link,
      userId: session.userId,
      onProblem: (message, cause) => console.warn(`[agent-state] ${message}`, cause),
    });
    const userKey = finesseKeys.user(session.userId);
    let wasLive = false;
    let everLive = false;
    const stopWatching = tabLive.onMode((mode) => {
      const isLive = mode.kind === 'live';
      if (isLive && !everLive) {
        // Live for the first time: Finesse does not replay notifications, so a change it made
        // between the sign-in's read and this session's presence (the XMPP handshake, a few
        // round trips; longer after polling meanwhile) would show only with the user's next
        // Update. Read the user once more ("Subscribe first, then read", notifications.md).
        // The page is already usable by then: this read is not on its way (one round trip).
        void queryClient.invalidateQueries({ queryKey: userKey, exact: true });
      }

      if (wasLive && !isLive) {
        // Leaving live: Updates may have been lost on the way down; read once now instead of at
        // the first polling interval.
        void queryClient.invalidateQueries({ queryKey: userKey, exact: true });
        void queryClient.invalidateQueries({ queryKey: finesseKeys.teams() });
      }
      everLive ||= isLive;
      wasLive = isLive;
    });
    // The link is a connection owned by this effect (made and ended with it, StrictMode's second
    // run included), so it is published from here.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setLive(tabLive);
    link.start();
    const patience = setTimeout(() => setPatienceOver(tabLive), CONNECT_PATIENCE_MS);
    // Unsubscribe and sign off when the page goes away, as on sign-out.
    const onPageHide = () => void tabLive.stop();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      clearTimeout(patience);
      window.removeEventListener('pagehide', onPageHide);
      stopWatching();
      setLive(null);
      void tabLive.stop();
    };
  }, [session, createLink, domain, pubsubService, queryClient]);

  const mode = useSyncExternalStore(
    live ? live.onMode : noSubscription,
    live ? live.mode : () => unavailable,
  );
  // Connecting (usually a fraction of a second): team reads wait for their subscription rather
  // than poll once and read again; past the patience the page polls until live. Pending from the
  // render that knows a link will start, before the effect has started it.
  const expected = session !== null && createLink !== undefined && domain !== '';
  const pending =
    expected && (live === null || (mode.kind === 'connecting' && patienceOver !== live));
  return { live, mode, pending };
}
