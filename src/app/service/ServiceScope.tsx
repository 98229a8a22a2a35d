// Watches Finesse's service for the views inside it and says, in one line, when changes are paused.
import { useQuery } from '@tanstack/react-query';
import { useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { t } from '../../i18n/messages.ts';
import type { Notifications } from '../../host/host.ts';
import { useFinesse } from '../finesseContext.tsx';
import { systemInfoQuery } from '../queries.ts';
import { ServiceLine } from './ServiceLine.tsx';
import { ServiceProvider } from './ServiceContext.tsx';
import { useServiceWatch, type ServiceWatchInputs } from './useServiceWatch.ts';

interface Props {
  /** Where SystemInfo Updates come from; default the host's notifications (the desktop's hub). */
  updates?: Notifications | null;
  /** The tab's live link, connected to the watch. */
  attach?: ServiceWatchInputs['attach'];
  children: ReactNode;
}

const noSubscription = () => () => {};
const none = () => 0;

/** Updates refused for their size, counted: the page read the data again instead. */
function RefusedUpdates({ updates }: { updates: Notifications | null }) {
  const count = useSyncExternalStore(
    updates ? updates.onRefusedUpdate : noSubscription,
    updates ? updates.refusedUpdates : none,
  );
  if (count === 0) return null;
  return (
    <p className="notice" role="status">
      {t('service.refused', { count })}
    </p>
  );
}

export function ServiceScope({ updates, attach, children }: Props) {
  const { client, host } = useFinesse();
  // Observed, never read from here: the views read it (or the sign-in did), the watch re-reads it.
  const systemInfo = useQuery({ ...systemInfoQuery(client), enabled: false });
  const notifications = updates === undefined ? host.notifications : updates;
  const { service, watch } = useServiceWatch({
    client,
    enabled: true,
    systemInfo: systemInfo.data,
    notifications,
    attach,
    desktop: host.kind === 'desktop',
  });
  const value = useMemo(
    () => ({
      service,
      downSince: service.kind === 'inService' ? null : (watch?.downSince() ?? null),
    }),
    [service, watch],
  );
  return (
    <ServiceProvider value={value}>
      <ServiceLine />
      <RefusedUpdates updates={notifications} />
      {children}
    </ServiceProvider>
  );
}
