// One always-present polite live region per team says what happened to each action (sent,
// pending, confirmed, refused, not confirmed): a status region that appears with its first
// message, as a row's does, is often not announced by screen readers.
import { useEffect, useRef, useState } from 'react';
import type { TeamMember } from '../../finesse/team.ts';
import { stateName, t } from '../../i18n/messages.ts';
import { actionPhaseWords } from './actionPhase.ts';
import { memberName } from './teamColumns.tsx';
import type { RowActions } from './useTeamActions.ts';

/** The latest change among the team's actions, as a sentence; '' until something happens. */
export function useActionAnnouncement(
  actions: RowActions,
  members: readonly TeamMember[] | undefined,
): string {
  const previous = useRef(actions);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const before = previous.current;
    previous.current = actions;
    if (before === actions) return;
    const nameOf = (id: string) => {
      const member = members?.find((m) => m.id === id);
      return (member && memberName(member)) || id;
    };
    let latest = '';
    for (const [id, action] of actions) {
      // A bulk action's rows are summed up by its summary line (BulkBar), not said one by one.
      if (action.bulk) continue;
      if (before.get(id) !== action) latest = actionPhaseWords(action, nameOf(id)).announcement;
    }
    for (const [id, action] of before) {
      // Gone after 'accepted': a refresh showed the change.
      if (!actions.has(id) && action.phase === 'accepted' && !action.bulk) {
        latest = t('team.confirmed', { name: nameOf(id), target: stateName(action.target) });
      }
    }
    if (latest) setAnnouncement(latest);
  }, [actions, members]);

  return announcement;
}
