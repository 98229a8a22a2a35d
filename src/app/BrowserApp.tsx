// The browser-tab product: sign in, then the user's own state (and, for supervisors, their teams).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { createFinesseClient, type Auth } from '../finesse/client.ts';
import type { User } from '../finesse/user.ts';
import { forgetSession, loadSession, saveSession } from '../host/browserSession.ts';
import type { Host, Session } from '../host/host.ts';
import { t } from '../messages.ts';
import { ErrorBoundary } from './common/ErrorBoundary.tsx';
import { FinesseProvider, useFinesse } from './finesseContext.tsx';
import { finesseKeys, systemInfoQuery, userQuery } from './queries.ts';
import { SignIn } from './SignIn.tsx';
import { withTeamsOffThread } from './team/offThreadTeams.ts';
import { StateControl } from './state/StateControl.tsx';
import { TeamView } from './team/TeamView.tsx';

interface Props {
  host: Host;
  /** Where team reads run off the main thread (a real browser); none in tests. */
  createTeamWorker?: () => Worker | undefined;
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
    </header>
  );
}

export function BrowserApp({ host, baseUrl = '', storage, createTeamWorker }: Props) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | null>(() => loadSession(storage));
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
  const tabHost = useMemo<Host>(
    () => (serverTime ? { ...host, clockDriftMs: readAt - serverTime.getTime() } : host),
    [host, serverTime, readAt],
  );

  const signedIn = (user: User, auth: Auth) => {
    queryClient.setQueryData(finesseKeys.user(user.id), user);
    setSession(saveSession(user.id, auth, storage));
  };

  const signOut = () => {
    forgetSession(storage);
    queryClient.clear();
    setSession(null);
  };

  if (!session) {
    return (
      <main className="app">
        <SignIn baseUrl={baseUrl} onSignedIn={signedIn} />
      </main>
    );
  }

  return (
    <FinesseProvider value={{ client, host: tabHost, session }}>
      <main className="app">
        <SignedInHeader onSignOut={signOut} />
        <ErrorBoundary>
          <StateControl userId={session.userId} />
        </ErrorBoundary>
        <ErrorBoundary>
          {/* Renders only for supervisors. */}
          <TeamView userId={session.userId} />
        </ErrorBoundary>
      </main>
    </FinesseProvider>
  );
}
