// The browser-tab product: sign in, then the user's own state (and, for supervisors, their teams).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { createFinesseClient } from '../finesse/client.ts';
import type { Host } from '../host/host.ts';
import type { Arrival } from '../host/otherNode.ts';
import type { ServiceWatch } from '../host/serviceWatch.ts';
import type { TabLive } from '../host/tabLive.ts';
import { t } from '../i18n/messages.ts';
import { ErrorBoundary } from './common/ErrorBoundary.tsx';
import { FinesseProvider, useFinesse } from './finesseContext.tsx';
import { LanguageSwitch } from './language/LanguageSwitch.tsx';
import { LiveStatus } from './live/LiveStatus.tsx';
import { LiveUser } from './live/useLiveUser.ts';
import { useTabLive, type LinkFactory } from './live/useTabLive.ts';
import { finesseKeys, systemInfoQuery, userQuery } from './queries.ts';
import { RenewBanner } from './session/RenewBanner.tsx';
import type { OpenSsoWindow } from './session/ssoSignIn.ts';
import { useBrowserSession } from './session/useBrowserSession.ts';
import { ServiceScope } from './service/ServiceScope.tsx';
import { OtherNode } from './service/OtherNode.tsx';
import { SignIn } from './SignIn.tsx';
import { withTeamsOffThread } from './team/worker/offThreadTeams.ts';
import { DEFAULT_REFRESH_MS } from './team/refresh.ts';
import { StateControl } from './state/StateControl.tsx';
import { OWN_STATE_POLL_MS } from './state/useStateControl.ts';
import { TeamView } from './team/TeamView.tsx';

/**
 * The tab's live link, as the service watch needs it: while it is down, SystemInfo is checked
 * often and an IN_SERVICE reconnects it (Cisco's step 1); the `finesse` user's presence it
 * carries says whether the web services are up (step 3).
 */
function linkToWatch(live: TabLive, isLive: boolean) {
  return (watch: ServiceWatch) => {
    watch.linkUp(isLive);
    const stopPresence = live.onFinessePresence((available) => watch.presence(available));
    const stopReconnect = watch.onInServiceWhileLinkDown(() => live.reconnectNow());
    return () => {
      stopPresence();
      stopReconnect();
    };
  };
}

interface Props {
  host: Host;
  /** Where team reads run off the main thread (a real browser); none in tests. */
  createTeamWorker?: () => Worker | undefined;
  /** Finesse's Notification Service for live updates; none (polling only) in tests. */
  createNotificationLink?: LinkFactory;
  baseUrl?: string;
  storage?: Storage;
  /** Single sign-on's window; a real popup unless a test gives another. */
  openSsoWindow?: OpenSsoWindow;
  /** Opened by "Continue on …" from the other Finesse node: who, and how they sign in. */
  arrival?: Arrival;
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
  openSsoWindow,
  arrival,
}: Props) {
  const queryClient = useQueryClient();
  const { session, again, signedIn, signOut, renewal, windowRenewal, renewInWindow } =
    useBrowserSession({
      baseUrl,
      ...(storage ? { storage } : {}),
      ...(openSsoWindow ? { openSsoWindow } : {}),
    });
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
  const isLive = mode.kind === 'live';
  const attachLink = useMemo(() => (live ? linkToWatch(live, isLive) : undefined), [live, isLive]);

  if (!session) {
    const signInAgain =
      again ??
      (arrival && {
        userId: arrival.userId,
        via: arrival.via,
        reason: t('node.arrived', { host: arrival.from }),
      });
    return (
      <main className="app">
        <LanguageSwitch />
        <SignIn
          baseUrl={baseUrl}
          onSignedIn={signedIn}
          {...(signInAgain ? { again: signInAgain } : {})}
          {...(openSsoWindow ? { openSsoWindow } : {})}
        />
      </main>
    );
  }

  return (
    <FinesseProvider value={{ client, host: tabHost, session }}>
      <main className="app">
        <SignedInHeader onSignOut={signOut} />
        <RenewBanner renewal={renewal} windowRenewal={windowRenewal} onRenew={renewInWindow} />
        <LiveUser userId={session.userId} />
        <ServiceScope updates={live?.notifications ?? null} attach={attachLink}>
          <OtherNode systemInfo={systemInfo.data} userId={session.userId} />
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
              live={isLive}
            />
          </ErrorBoundary>
        </ServiceScope>
      </main>
    </FinesseProvider>
  );
}
