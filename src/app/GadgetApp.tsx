// The gadget in the Finesse desktop: the signed-in user's own state, kept live by the desktop's
// notifications. Identity comes from the desktop, so there is no sign-in here.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { createFinesseClient, type FinesseClient } from '../finesse/client.ts';
import type { Chrome, Host, Session } from '../host/host.ts';
import { t } from '../i18n/messages.ts';
import { ErrorBoundary } from './common/ErrorBoundary.tsx';
import { ErrorPanel } from './common/ErrorPanel.tsx';
import { FinesseProvider, useFinesse } from './finesseContext.tsx';
import { useLanguage } from './language/LanguageContext.tsx';
import { LiveUser } from './live/useLiveUser.ts';
import { userQuery } from './queries.ts';
import { ServiceScope } from './service/ServiceScope.tsx';
import { StateControl } from './state/StateControl.tsx';

interface Props {
  host: Host;
  session: Session;
  /** '' = same origin: the gadget is served from the Finesse host. */
  baseUrl?: string;
  /** The client the entry's first reads went through (their answers are in the cache). */
  client?: FinesseClient;
  /** The entry follows the user's node already (it subscribed before reading the user). */
  userFollowed?: boolean;
}

/** Dismisses the desktop's loading indicator once the state (or why it is missing) is on screen. */
function ReadyWhenShown({ userId }: { userId: string }) {
  const { client, host } = useFinesse();
  const user = useQuery({ ...userQuery(client, userId), enabled: false });
  // Not before the desktop's language is active: the page is hidden until then.
  const { pending } = useLanguage();
  const shown = !pending && (user.data !== undefined || user.isError);
  useEffect(() => {
    if (shown) host.chrome.ready();
  }, [shown, host]);
  return null;
}

export function GadgetApp({ host, session, baseUrl = '', client: given, userFollowed }: Props) {
  const client = useMemo(
    () => given ?? createFinesseClient({ baseUrl, getAuth: session.getAuth }),
    [given, baseUrl, session],
  );
  const { tag } = useLanguage();
  useEffect(() => {
    host.chrome.setTitle(t('app.title'));
  }, [host, tag]);

  return (
    <FinesseProvider value={{ client, host, session }}>
      <main className="app gadget">
        {!userFollowed && <LiveUser userId={session.userId} />}
        <ReadyWhenShown userId={session.userId} />
        <ServiceScope>
          <ErrorBoundary>
            <StateControl userId={session.userId} />
          </ErrorBoundary>
        </ServiceScope>
      </main>
    </FinesseProvider>
  );
}

/** Shown instead of the gadget when the desktop did not give what it needs. */
export function GadgetProblem({ message, chrome }: { message: string; chrome: Chrome }) {
  useEffect(() => {
    chrome.ready();
    chrome.contentChanged();
  }, [chrome]);
  return (
    <main className="app gadget">
      <ErrorPanel message={message} />
    </main>
  );
}
