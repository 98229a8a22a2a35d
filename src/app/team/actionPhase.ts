// The words for a team action's phase, once: the row shows them beside its buttons, and the
// team's live region announces them with the agent's name.
import { stateName, t } from '../../i18n/messages.ts';
import type { RowAction } from './useTeamActions.ts';

export interface PhaseWords {
  /** Beside the row's buttons; null when the row's error panel says it instead (refused). */
  row: string | null;
  /** For the live region: the same, with whose row it is. */
  announcement: string;
}

export function actionPhaseWords(action: RowAction, name: string): PhaseWords {
  const target = stateName(action.target);
  switch (action.phase) {
    case 'queued': {
      const row = t('bulk.queued', { target });
      return { row, announcement: `${name}: ${row}` };
    }
    case 'sending': {
      const row = t('team.sending', { target });
      return { row, announcement: `${name}: ${row}` };
    }
    case 'accepted': {
      const row = t('team.pending', { target });
      return { row, announcement: `${name}: ${row}` };
    }
    case 'failed':
      return { row: null, announcement: t('team.refused', { name, target }) };
    case 'unconfirmed': {
      const row = t('team.notConfirmed', {
        target,
        name,
        seconds: action.seconds,
        state: action.state ? stateName(action.state) : '?',
      });
      return { row, announcement: row };
    }
  }
}
