// The browser-tab product: sign in, then the user's own state (and, for supervisors, their teams).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createFinesseClient, type Auth } from '../finesse/client.ts';
import { isSignInRefused } from '../finesse/errors.ts';
import type { User } from '../finesse/user.ts';
import { forgetSession, loadSession, saveSession, sessionChannel } from '../host/browserSession.ts';
import type { Host, Session } from '../host/host.ts';
import { t } from '../i18n/messages.ts';
import { ErrorBoundary } from './common/ErrorBoundary.tsx';
import { FinesseProvider, useFinesse } from './finesseContext.tsx';
import { LanguageSwitch } from './language/LanguageSwitch.tsx';
import { LiveStatus } from './live/LiveStatus.tsx';
import { LiveUser } from './live/useLiveUser.ts';
import { useTabLive, type LinkFactory } from './live/useTabLive.ts';
import { finesseKeys, reasonCodesQuery, systemInfoQuery, userQuery } from './queries.ts';
import { SignIn } from './SignIn.tsx';
import { withTeamsOffThread } from './team/worker/offThreadTeams.ts';
import { DEFAULT_REFRESH_MS } from './team/refresh.ts';
import { StateControl } from './state/StateControl.tsx';
import { OWN_STATE_POLL_MS } from './state/useStateControl.ts';
import { TeamView } from './team/TeamView.tsx';

interface Props {
  host: Host;
  /** Where team reads run off the main thread (a real browser); none in tests. */
  createTeamWorker?: () => Worker | undefined;
  /** Finesse's Notification Service for live updates; none (polling only) in tests. */
  createNotificationLink?: LinkFactory;
  baseUrl?: string;
  storage?: Storage;
}

function SignedInHeader({ onSignOut }: { onSignOut: () => void }) {
  const { client, session } = useFinesse();
  const user = useQuery(userQuery(client, session.userId));
  const name = user.data ? `${user.data.firstName} ${user.data.lastName}`.trim() : session.userId;
  return (
    <header className="page-header">
      <h1>{t('app.title')}</h1>
      <p>{t('signin.signedInAs', { name, id: session.userId })}</p>
      <button type="button" onClick={onSignOut}>
        {t('signin.signOutPage')}
      </button>
      <LanguageSwitch />
    </header>
  );
}

export function BrowserApp({
  host,
  baseUrl = '',
  storage,
  createTeamWorker,
  createNotificationLink,
}: Props) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | null>(() => loadSession(storage));
  const [again, setAgain] = useState<{ userId: string; useToken: boolean; reason: string } | null>(
    null,
  );
  const client = useMemo(() => {
    const getAuth = () => session?.getAuth() ?? null;
    return withTeamsOffThread(createFinesseClient({ baseUrl, getAuth }), {
      baseUrl,
      getAuth,
      createWorker: createTeamWorker,
    });
  }, [baseUrl, session, createTeamWorker]);
  useEffect(() => () => client.close(), [client]);
  const systemInfo = useQuery({ ...systemInfoQuery(client), enabled: session !== null });
  const serverTime = systemInfo.data?.currentTimestamp;
  const readAt = systemInfo.dataUpdatedAt;
  // A tab has no desktop to say how far the PC's clock is off: compare with Finesse's own clock
  // as read from SystemInfo, so time in state matches what the desktop and reports show.
  const { live, mode, pending } = useTabLive(session, systemInfo.data, createNotificationLink);
  // While live, the views listen to Finesse's Updates; otherwise they poll.
  const notifications = mode.kind === 'live' && live ? live.notifications : null;
  const tabHost = useMemo<Host>(
    () => ({
      ...host,
      ...(serverTime ? { clockDriftMs: readAt - serverTime.getTime() } : {}),
      notifications,
      // Until SystemInfo says where the Notification Service is, a link may still come.
      notificationsPending:
        pending || (createNotificationLink !== undefined && systemInfo.isPending),
    }),
    [
      host,
      serverTime,
      readAt,
      notifications,
      pending,
      createNotificationLink,
      systemInfo.isPending,
    ],
  );
  const [teamIntervalMs, setTeamIntervalMs] = useState(DEFAULT_REFRESH_MS);
  // When the page last heard from Finesse: a pushed event or ping answer, or a read.
  const lastHeard = () => {
    let latest = live?.lastHeard() ?? 0;
    for (const query of queryClient.getQueryCache().findAll({ queryKey: finesseKeys.all })) {
      latest = Math.max(latest, query.state.dataUpdatedAt);
    }
    return latest > 0 ? latest : null;
  };
  // Observes the user the views read (never reads by itself): supervisors poll at the team interval.
  const me = useQuery({ ...userQuery(client, session?.userId ?? ''), enabled: false });
  const supervisor = me.data?.roles.includes('Supervisor') ?? false;

  // One round trip to a usable page after the sign-in: the sign-in's GET /User (alone, so that a
  // mistyped password costs one attempt: api.md, lock-out after 5 bad passwords) is the page's
  // user, and its answer sends everything else the own-state control needs at once, in parallel:
  // SystemInfo (deployment, XMPP domain) and both reason lists. Nothing waits for a render.
  const signedIn = (user: User, auth: Auth) => {
    const next = saveSession(user.id, auth, storage);
    const reader = createFinesseClient({ baseUrl, getAuth: next.getAuth });
    queryClient.setQueryData(userQuery(reader, user.id).queryKey, user);
    void queryClient.prefetchQuery(systemInfoQuery(reader));
    void queryClient.prefetchQuery(reasonCodesQuery(reader, user.id, 'NOT_READY'));
    void queryClient.prefetchQuery(reasonCodesQuery(reader, user.id, 'LOGOUT'));
    setSession(next);
  };

  const forget = useCallback(() => {
    setAgain(null);
    forgetSession(storage);
    queryClient.clear();
    setSession(null);
  }, [queryClient, storage]);
  // Another tab of this page signed out: so does this one.
  const channel = useRef<ReturnType<typeof sessionChannel> | null>(null);
  useEffect(() => {
    const opened = sessionChannel(forget);
    channel.current = opened;
    return () => {
      opened.close();
      if (channel.current === opened) channel.current = null;
    };
  }, [forget]);
  const signOut = () => {
    forget();
    channel.current?.announce();
  };

  // Finesse stopped accepting this session's credentials (a changed password, an expired token):
  // forget the session and ask again, with the user ID kept and the reason said.
  useEffect(() => {
    if (!session) return;
    const expire = (error: unknown) => {
      if (!isSignInRefused(error)) return;
      setAgain({
        userId: session.userId,
        useToken: session.getAuth()?.scheme === 'Bearer',
        reason: t('signin.expired'),
      });
      forgetSession(storage);
      queryClient.clear();
      setSession(null);
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
    };
  }, [session, queryClient, storage]);

  if (!session) {
    return (
      <main className="app">
        <LanguageSwitch />
        <SignIn
          baseUrl={baseUrl}
          onSignedIn={(user, auth) => {
            setAgain(null);
            signedIn(user, auth);
          }}
          {...(again ? { again } : {})}
        />
      </main>
    );
  }

  return (
    <FinesseProvider value={{ client, host: tabHost, session }}>
      <main className="app">
        <SignedInHeader onSignOut={signOut} />
        <LiveUser userId={session.userId} />
        <LiveStatus
          mode={mode}
          pollingSeconds={(supervisor ? teamIntervalMs : OWN_STATE_POLL_MS) / 1000}
          lastHeard={lastHeard}
        />
        <ErrorBoundary>
          <StateControl userId={session.userId} />
        </ErrorBoundary>
        <ErrorBoundary>
          {/* Renders only for supervisors. */}
          <TeamView
            userId={session.userId}
            refreshIntervalMs={teamIntervalMs}
            onRefreshIntervalChange={setTeamIntervalMs}
            live={mode.kind === 'live'}
          />
        </ErrorBoundary>
      </main>
    </FinesseProvider>
  );
}
