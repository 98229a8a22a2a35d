// The browser tab's session in one hook: sign-in (password or SSO), SSO renewal, sign-out, and
// the end of a session Finesse no longer accepts, each told to the other tabs that need to know.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { DEFAULT_TIMEOUT_MS, createFinesseClient, type Auth } from '../../finesse/client.ts';
import { isSignInRefused } from '../../finesse/errors.ts';
import { renewSsoToken, type SsoToken } from '../../finesse/sso.ts';
import type { User } from '../../finesse/user.ts';
import {
  forgetSession,
  grantWith,
  loadSession,
  saveSession,
  sessionChannel,
  type BrowserSession,
  type ChannelMessage,
  type EndReason,
  type SessionChannel,
} from '../../host/browserSession.ts';
import { createSsoRenewal, type Renewal, type RenewalState } from '../../host/ssoRenewal.ts';
import { t } from '../../i18n/messages.ts';
import { reasonCodesQuery, systemInfoQuery, userQuery } from '../queries.ts';
import {
  defaultSsoWindow,
  signInWithSso,
  ssoFailureText,
  type OpenSsoWindow,
} from './ssoSignIn.ts';

/** After a session ended: who it was, how they signed in, and why, for the sign-in page. */
export interface Again {
  userId: string;
  via: 'password' | 'sso';
  reason: string;
}

export interface SignedInWith {
  user: User;
  auth: Auth;
  /** For single sign-on: the name given to IdS, and its token. */
  sso?: { ccUsername: string; token: SsoToken };
}

/** Renewing in a window, from the banner's button. */
export type WindowRenewal =
  { kind: 'idle' } | { kind: 'waiting' } | { kind: 'failed'; message: string };

export interface BrowserSessionOptions {
  baseUrl?: string;
  storage?: Storage;
  openSsoWindow?: OpenSsoWindow;
  now?: () => number;
  /** Web Locks, to choose the one tab that renews a grant the tabs share; none: every tab renews. */
  locks?: LockManager | null;
}

/**
 * How long a refusal of an SSO session's token waits for word of a renewal from another tab
 * before it ends the session: messages between tabs take a task or two, far less than this.
 */
const SHARED_GRANT_WORD_MS = 1000;

const endReasonText = (reason: EndReason) =>
  reason === 'refreshExpired' ? t('session.refreshExpired') : t('session.lapsed');

function newGrantId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random()}`;
}

export function useBrowserSession({
  baseUrl = '',
  storage,
  openSsoWindow = defaultSsoWindow,
  now = Date.now,
  locks = typeof navigator !== 'undefined' ? (navigator.locks ?? null) : null,
}: BrowserSessionOptions = {}) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<BrowserSession | null>(() => loadSession(storage));
  const [again, setAgain] = useState<Again | null>(null);
  const [renewal, setRenewal] = useState<RenewalState>({ kind: 'quiet' });
  const [windowRenewal, setWindowRenewal] = useState<WindowRenewal>({ kind: 'idle' });
  const sessionRef = useRef(session);
  const renewalRef = useRef<Renewal | null>(null);
  const channelRef = useRef<SessionChannel | null>(null);
  /**
   * When this tab's token last changed or began to: a grant's previous token may be refused as
   * soon as it is renewed (the simulator does; no source says whether IdS does), so a request sent
   * with it and refused on arrival is no reason to sign out. It is read again with the new token.
   */
  const tokenChangedAt = useRef(0);
  const tokenChanged = useCallback(
    (settled: boolean) => {
      tokenChangedAt.current = now();
      if (settled) {
        void queryClient.invalidateQueries({
          predicate: (query) => query.state.status === 'error',
        });
      }
    },
    [now, queryClient],
  );
  useEffect(() => {
    sessionRef.current = session;
  }, [session]);

  /** Leaves the session: nothing of it stays in this tab. The language and the page's settings are not the session's. */
  const end = useCallback(
    (next: Again | null) => {
      setAgain(next);
      setRenewal({ kind: 'quiet' });
      setWindowRenewal({ kind: 'idle' });
      forgetSession(storage);
      queryClient.clear();
      sessionRef.current = null;
      setSession(null);
    },
    [queryClient, storage],
  );
  const endWith = useCallback(
    (reason: string) => {
      const current = sessionRef.current?.current();
      if (!current) return;
      end({
        userId: current.sso?.ccUsername ?? current.userId,
        via: current.sso ? 'sso' : 'password',
        reason,
      });
    },
    [end],
  );

  // The other tabs of this page: sign-out everywhere; a shared grant's renewals and its end.
  useEffect(() => {
    const onMessage = (message: ChannelMessage) => {
      if (message.type === 'signed-out') return end(null);
      const current = sessionRef.current;
      const grant = current?.current().sso;
      if (!current || !grant) return;
      if (message.type === 'ended' && message.grantId === grant.grantId) {
        return endWith(endReasonText(message.reason));
      }
      if (message.type === 'renewing' && message.grantId === grant.grantId) {
        return tokenChanged(false);
      }
      if (
        message.type === 'renewed' &&
        message.stored.sso?.grantId === grant.grantId &&
        message.stored.userId === current.userId &&
        message.stored.sso.obtainedAt > grant.obtainedAt
      ) {
        current.adopt(message.stored);
        tokenChanged(true);
        renewalRef.current?.reschedule();
      }
    };
    const channel = sessionChannel(onMessage);
    channelRef.current = channel;
    return () => {
      channel.close();
      if (channelRef.current === channel) channelRef.current = null;
    };
  }, [end, endWith, tokenChanged]);
  const announce = (message: ChannelMessage) => channelRef.current?.announce(message);

  // An SSO session renews its token; of the tabs sharing one grant, the one holding its lock.
  useEffect(() => {
    const grantId = session?.current().sso?.grantId;
    if (!session || !grantId) return;
    const renewal = createSsoRenewal({
      session,
      now,
      renew: (grant, token) =>
        renewSsoToken({
          baseUrl,
          token,
          refreshToken: grant.refreshToken ?? '',
          ccUsername: grant.ccUsername,
        }),
      onState: setRenewal,
      onRenewing: () => {
        tokenChanged(false);
        channelRef.current?.announce({ type: 'renewing', grantId });
      },
      onRenewed: () => {
        tokenChanged(true);
        channelRef.current?.announce({ type: 'renewed', stored: session.current() });
      },
      onEnded: (reason) => {
        channelRef.current?.announce({ type: 'ended', grantId, reason });
        endWith(endReasonText(reason));
      },
    });
    renewalRef.current = renewal;
    const stopElection = new AbortController();
    let release: (() => void) | null = null;
    if (locks) {
      renewal.setRenewer(false);
      locks
        .request(`finesse-state-gadget.renew.${grantId}`, { signal: stopElection.signal }, () => {
          renewal.setRenewer(true);
          return new Promise<void>((resolve) => {
            release = resolve;
          });
        })
        .catch(() => {
          // Stopped before this tab's turn came.
        });
    }
    return () => {
      stopElection.abort();
      release?.();
      renewal.stop();
      if (renewalRef.current === renewal) renewalRef.current = null;
    };
  }, [session, baseUrl, locks, now, endWith, tokenChanged]);

  // Finesse stopped accepting this session's credentials (a changed password, a token that ran
  // out): forget the session and ask again, with the user kept and the reason said.
  useEffect(() => {
    if (!session) return;
    const waiting = new Set<ReturnType<typeof setTimeout>>();
    const decide = () => {
      // Sent with the token before a renewal and refused on arrival: read again with the new one.
      if (now() - tokenChangedAt.current < DEFAULT_TIMEOUT_MS) return;
      endWith(t('signin.expired'));
    };
    const expire = (error: unknown) => {
      if (!isSignInRefused(error)) return;
      if (!session.current().sso) return decide();
      // A grant this tab shares with another (a duplicated tab) may have just been renewed there:
      // the old token is refused at once, but the other tab's word ("renewing", then "renewed")
      // comes by another way than the answer and can come after it. Wait a moment for it.
      const timer = setTimeout(() => {
        waiting.delete(timer);
        decide();
      }, SHARED_GRANT_WORD_MS);
      waiting.add(timer);
    };
    const stopQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') expire(event.action.error);
    });
    const stopMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') expire(event.action.error);
    });
    return () => {
      stopQueries();
      stopMutations();
      for (const timer of waiting) clearTimeout(timer);
    };
  }, [session, queryClient, endWith, now]);

  /**
   * One round trip to a usable page after the sign-in: the sign-in's GET /User (alone, so that a
   * mistyped password costs one attempt: api.md, lock-out after 5 bad passwords) is the page's
   * user, and its answer sends everything else the own-state control needs at once, in parallel:
   * SystemInfo (deployment, XMPP domain) and both reason lists. Nothing waits for a render.
   */
  const signedIn = ({ user, auth, sso }: SignedInWith) => {
    const next = saveSession(
      {
        userId: user.id,
        auth,
        sso: sso
          ? grantWith({ grantId: newGrantId(), ccUsername: sso.ccUsername }, sso.token, now())
          : null,
      },
      storage,
    );
    const reader = createFinesseClient({ baseUrl, getAuth: next.getAuth });
    queryClient.setQueryData(userQuery(reader, user.id).queryKey, user);
    void queryClient.prefetchQuery(systemInfoQuery(reader));
    void queryClient.prefetchQuery(reasonCodesQuery(reader, user.id, 'NOT_READY'));
    void queryClient.prefetchQuery(reasonCodesQuery(reader, user.id, 'LOGOUT'));
    setAgain(null);
    sessionRef.current = next;
    setSession(next);
  };

  const signOut = () => {
    end(null);
    announce({ type: 'signed-out' });
  };

  /** From the banner's button (a click: a window may only be opened from one). */
  const renewInWindow = () => {
    const current = sessionRef.current;
    const grant = current?.current().sso;
    if (!current || !grant || windowRenewal.kind === 'waiting') return;
    setWindowRenewal({ kind: 'waiting' });
    signInWithSso({ baseUrl, ccUsername: grant.ccUsername, openWindow: openSsoWindow }).then(
      ({ user, auth, token }) => {
        if (sessionRef.current !== current) return;
        if (user.id !== current.userId) {
          setWindowRenewal({
            kind: 'failed',
            message: t('signin.ssoOtherUser', { other: user.id, id: current.userId }),
          });
          return;
        }
        // A new grant from IdS, under the same id: the tabs that share this one take it too.
        current.adopt({
          userId: current.userId,
          auth,
          sso: grantWith(grant, token, now()),
        });
        tokenChanged(true);
        announce({ type: 'renewed', stored: current.current() });
        setWindowRenewal({ kind: 'idle' });
        renewalRef.current?.reschedule();
      },
      (error: unknown) => {
        if (sessionRef.current !== current) return;
        setWindowRenewal({
          kind: 'failed',
          message: ssoFailureText(error, grant.ccUsername) ?? t('signin.unreachable'),
        });
      },
    );
  };

  return { session, again, signedIn, signOut, renewal, windowRenewal, renewInWindow };
}
