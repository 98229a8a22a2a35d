// Follows Finesse's service status for a page: SystemInfo as read and as its Updates say, the
// `finesse` user's presence (tab), REST answers that say something is wrong; re-reads everything
// when Finesse is back. The watch itself is plain (src/host/serviceWatch.ts).
import { onlineManager, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { FinesseClient } from '../../finesse/client.ts';
import { FinesseError } from '../../finesse/errors.ts';
import type { SystemInfo } from '../../finesse/systemInfo.ts';
import type { Notifications } from '../../host/host.ts';
import {
  createServiceWatch,
  DESKTOP_CHECK_BASE_MS,
  DESKTOP_CHECK_MAX_MS,
  IN_SERVICE,
  type ServiceWatch,
} from '../../host/serviceWatch.ts';
import { SYSTEM_INFO_PATH as SYSTEM_INFO_NODE } from '../../finesse/resources.ts';
import { finesseKeys } from '../queries.ts';

const noSubscription = () => () => {};
const inService = () => IN_SERVICE;

export interface ServiceWatchInputs {
  client: FinesseClient;
  /** Turned on once signed in. */
  enabled: boolean;
  /** Inside the desktop: checks far apart (every agent runs the gadget). */
  desktop?: boolean;
  /** SystemInfo as the page read it (sign-in, or the query). */
  systemInfo: SystemInfo | undefined;
  /** Where SystemInfo Updates come from: the desktop's hub, or the tab's live link. */
  notifications: Notifications | null;
  /**
   * Connects more to the watch (the tab's live link: its presence of the `finesse` user, its
   * state, its reconnect); returns how to disconnect. Kept out of the gadget's bundle.
   */
  attach?: ((watch: ServiceWatch) => () => void) | undefined;
}

/** An answer that says something is wrong with the server, not with the request. */
export function isTrouble(error: unknown): boolean {
  if (!(error instanceof FinesseError)) return false;
  return (
    error.kind === 'network' ||
    error.kind === 'timeout' ||
    [502, 503, 504].includes(error.status ?? 0)
  );
}

function backInService(queryClient: QueryClient): void {
  // Polls paused and Updates may have been lost: read again what the page shows (SystemInfo
  // itself has just been read: that is how the page knows).
  const systemInfoKey = finesseKeys.systemInfo();
  void queryClient.invalidateQueries({
    queryKey: finesseKeys.all,
    predicate: (query) => query.queryKey[1] !== systemInfoKey[1],
  });
}

export function useServiceWatch({
  client,
  enabled,
  systemInfo,
  notifications,
  attach,
  desktop = false,
}: ServiceWatchInputs) {
  const queryClient = useQueryClient();
  const [watch, setWatch] = useState<ServiceWatch | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const created = createServiceWatch({
      read: () => client.getSystemInfo(),
      onSystemInfo: (info) => queryClient.setQueryData(finesseKeys.systemInfo(), info),
      ...(desktop ? { checkMs: { base: DESKTOP_CHECK_BASE_MS, max: DESKTOP_CHECK_MAX_MS } } : {}),
    });
    let wasDown = false;
    const stop = created.subscribe((service) => {
      const down = service.kind !== 'inService';
      // Not in service: no reads or changes go out (Cisco's recovery steps: wait, then check
      // SystemInfo, which the watch reads itself). TanStack holds every query, polls and re-reads
      // after a reconnect included, as it does offline, and carries on when told it is back.
      if (down !== wasDown) onlineManager.setOnline(!down);
      if (wasDown && !down) backInService(queryClient);
      wasDown = down;
    });
    // A read (a team's in the worker too) or a change that got a 502/503/504 or no answer: check.
    const onError = (error: unknown) => {
      if (isTrouble(error)) created.suspect();
    };
    const stopQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    const stopMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    // The watch is owned by this effect (made and ended with it) and published from here.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setWatch(created);
    return () => {
      stop();
      stopQueries();
      stopMutations();
      created.stop();
      if (wasDown) onlineManager.setOnline(true);
      setWatch(null);
    };
  }, [enabled, client, queryClient, desktop]);

  // SystemInfo read elsewhere (sign-in, the views' first read) says the status until the watch
  // hears for itself.
  const status = systemInfo?.status;
  const reason = systemInfo?.statusReason ?? '';
  useEffect(() => {
    if (watch && status !== undefined) watch.seed(status, reason);
  }, [watch, status, reason]);

  useEffect(() => {
    if (!watch || !notifications) return;
    // An automatic subscription (failover.md): on the desktop's hub as `finesse.api.SystemInfo`.
    return notifications.subscribe(SYSTEM_INFO_NODE, (update) => {
      if (update.data.kind === 'systemInfo') {
        watch.status(update.data.status, update.data.statusReason);
      }
    });
  }, [watch, notifications]);

  useEffect(() => {
    if (watch && attach) return attach(watch);
  }, [watch, attach]);

  const service = useSyncExternalStore(
    watch ? watch.subscribe : noSubscription,
    watch ? watch.current : inService,
  );
  return { service, watch };
}
