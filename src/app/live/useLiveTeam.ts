// Keeps one team live from its notification node: each Update changes its row in the cache (no
// re-read of the team), and the team is read again each time the subscription is (re)made.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { applyMemberUpdate, type Team } from '../../finesse/team.ts';
import { useFinesse } from '../finesseContext.tsx';
import { finesseKeys } from '../queries.ts';
import { teamUsersNode } from '../../finesse/resources.ts';

/**
 * `subscribed` once the team's subscription is in place, so the first read can wait for it
 * (subscribe first, then read: no change falls between the two); always where the host has no
 * notifications, or refused this node (`refused`): the team is polled then.
 */
export function useLiveTeam(teamId: string): { subscribed: boolean; refused: boolean } {
  const { host } = useFinesse();
  const queryClient = useQueryClient();
  const notifications = host.notifications;
  const [readyFor, setReadyFor] = useState<typeof notifications>(null);
  const [refusedFor, setRefusedFor] = useState<typeof notifications>(null);

  useEffect(() => {
    if (!notifications) return;
    const key = finesseKeys.team(teamId);
    const unsubscribe = notifications.subscribe(
      teamUsersNode(teamId),
      (update) => {
        queryClient.setQueryData<Team>(key, (team) =>
          team ? applyMemberUpdate(team, update) : team,
        );
      },
      {
        onReady: () => {
          // Read now if shown already (polled before, or a reconnect): Updates in between are
          // not replayed. The very first read starts by itself once the query is enabled.
          if (queryClient.getQueryData(key) !== undefined) {
            void queryClient.invalidateQueries({ queryKey: key });
          }
          setRefusedFor(null);
          setReadyFor(notifications);
        },
        onRefused: () => setRefusedFor(notifications),
      },
    );
    return () => {
      unsubscribe();
      setReadyFor(null);
      setRefusedFor(null);
    };
  }, [notifications, queryClient, teamId]);

  const refused = notifications !== null && refusedFor === notifications;
  return { subscribed: !notifications || refused || readyFor === notifications, refused };
}
