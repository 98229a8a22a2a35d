// Keeps the cached user current from the host's notifications: every Update for the user's node
// (their own changes, a supervisor's, a call starting or ending) goes into the query cache, and
// after a lost notification connection comes back, the user and reason codes are read again.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useFinesse } from '../finesseContext.tsx';
import { finesseKeys } from '../queries.ts';
import { userPath } from '../../finesse/resources.ts';
import type { Notifications } from '../../host/host.ts';

/**
 * Follows the user's node: each Update for the user goes into the cache, and after a gap in the
 * notifications the user is read again. Returns the stop. Outside React too: the gadget's entry
 * subscribes before its first read of the user ("Subscribe first, then read", notifications.md).
 */
export function followUser(
  notifications: Notifications,
  queryClient: QueryClient,
  userId: string,
): () => void {
  const unsubscribe = notifications.subscribe(userPath(userId), (update) => {
    // apiErrors updates answer one request: useStateChange shows them beside that request.
    if (update.data.kind === 'user' && update.data.user.id === userId) {
      queryClient.setQueryData(finesseKeys.user(userId), update.data.user);
    }
  });
  const stopWatching = notifications.onResync(() => {
    // Updates published while the connection was down are lost: re-read what they would have
    // carried, once. The prefix covers the user and both reason-code lists.
    void queryClient.invalidateQueries({ queryKey: finesseKeys.user(userId) });
  });
  return () => {
    unsubscribe();
    stopWatching();
  };
}

/** Does nothing where the host has no notifications (a browser tab polls instead). */
export function useLiveUser(userId: string): void {
  const { host } = useFinesse();
  const queryClient = useQueryClient();
  const notifications = host.notifications;

  useEffect(() => {
    if (!notifications) return;
    return followUser(notifications, queryClient, userId);
  }, [notifications, queryClient, userId]);
}

/** The same, as a component for entries that render it beside the widgets. */
export function LiveUser({ userId }: { userId: string }) {
  useLiveUser(userId);
  return null;
}
