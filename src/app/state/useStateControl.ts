// The own-state control's logic: what is read (user, deployment, both reason lists), what may be
// asked from the current state, and one change at a time. StateControl.tsx only renders it.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { requestableStates } from '../../finesse/states.ts';
import type { Notifications } from '../../host/host.ts';
import { useFinesse } from '../finesseContext.tsx';
import { reasonCodesQuery, systemInfoQuery, userQuery } from '../queries.ts';
import { useServicePause } from '../service/ServiceContext.tsx';
import { useStateChange, type StateTarget } from './useStateChange.ts';

/** How often the own state is re-read where no notifications keep it current. */
export const OWN_STATE_POLL_MS = 15_000;

const alwaysConnected = () => 'connected' as const;
const noSubscription = () => () => {};

function useConnection(notifications: Notifications | null) {
  return useSyncExternalStore(
    notifications ? (l) => notifications.onConnectionChange(l) : noSubscription,
    notifications ? () => notifications.connectionStatus() : alwaysConnected,
  );
}

export function useStateControl(userId: string, confirmWithinMs?: number) {
  const { client, host } = useFinesse();
  const connection = useConnection(host.notifications);
  // Finesse not in service: no polling (Cisco's recovery steps: wait, then check SystemInfo; the
  // service watch re-reads everything when it is back) and no changes, shown but disabled.
  const { paused, describedBy } = useServicePause();
  const user = useQuery({
    ...userQuery(client, userId),
    // Without notifications (a browser tab) re-read now and then; TanStack pauses it while hidden.
    refetchInterval: host.notifications || paused ? false : OWN_STATE_POLL_MS,
  });
  const systemInfo = useQuery(systemInfoQuery(client));
  const notReadyReasons = useQuery(reasonCodesQuery(client, userId, 'NOT_READY'));
  const logoutReasons = useQuery(reasonCodesQuery(client, userId, 'LOGOUT'));
  const change = useStateChange(userId, confirmWithinMs);
  // Set at the click itself: `isPending` only shows after a render, and a double-click's second
  // click comes before it (two PUTs for one action, the second refused on UCCX).
  const sending = useRef(false);
  const { contentChanged } = host.chrome;

  // Every render may change the height the desktop gives the gadget.
  useEffect(() => {
    contentChanged();
  });

  // Not known yet (SystemInfo is read as the first screen shows) or unreadable: null, and only
  // the changes both UCCE and UCCX accept are offered.
  const deployment = systemInfo.data?.deploymentType ?? null;
  const reconnecting = connection === 'reconnecting';
  // Paused, the changes the state allows stay on screen (disabled, with the reason).
  const offered =
    (reconnecting && !paused) || !user.data ? [] : requestableStates(user.data.state, deployment);
  const busy = change.isPending;
  const choose = (target: StateTarget) => {
    if (busy || paused || sending.current) return;
    sending.current = true;
    change.mutate(target, {
      onSettled: () => {
        sending.current = false;
      },
    });
  };
  const problems = [
    ...(notReadyReasons.data?.problems ?? []),
    ...(logoutReasons.data?.problems ?? []),
  ];
  const reasonsError = notReadyReasons.error ?? logoutReasons.error;

  return {
    user,
    notReadyReasons,
    logoutReasons,
    change,
    offered,
    reconnecting,
    busy,
    paused,
    describedBy,
    choose,
    problems,
    reasonsError,
    contentChanged,
  };
}
