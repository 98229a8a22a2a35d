// One agent's row: memoised, so a refresh re-renders only rows whose member or action changed;
// the ticking time in state (and time over a limit) are leaves of their own (teamColumns.tsx), so
// the shared ticker re-renders only that text. The cells are the columns' own, then the actions.
import { useServicePause } from '../service/ServiceContext.tsx';
import { Fragment, memo, useLayoutEffect, useRef, type Ref } from 'react';
import { supervisorActions, type RequestableState } from '../../finesse/states.ts';
import type { TeamMember } from '../../finesse/team.ts';
import { t, type MessageId } from '../../i18n/messages.ts';
import { ErrorPanel } from '../common/ErrorPanel.tsx';
import { actionPhaseWords } from './actionPhase.ts';
import { ACTIONS_COL, cellTab, memberName, teamColumns } from './teamColumns.tsx';
import type { RowAction } from './useTeamActions.ts';

const actionLabel: Record<RequestableState, MessageId> = {
  READY: 'action.ready',
  NOT_READY: 'action.notReady',
  LOGOUT: 'action.logout',
};

export interface TeamRowProps {
  member: TeamMember;
  /** Position among the rows shown (0-based): aria-rowindex counts the header row as 1. */
  index: number;
  /** The column of the table's one tabbable cell when it is in this row, else -1. */
  activeCol: number;
  limitMinutes: number | null;
  /** Measures the rendered row for the virtual rows. */
  rowRef?: Ref<HTMLTableRowElement> | undefined;
  action: RowAction | undefined;
  /** The signed-in supervisor's own row: their state is changed with My state, with a reason. */
  isSelf: boolean;
  locale: string;
  clockDriftMs: number;
  onAction: (member: TeamMember, target: RequestableState) => void;
  onDismiss: (memberId: string) => void;
  /** Chosen for a bulk action. */
  selected: boolean;
  /** Stable: toggles the agent's selection by id. */
  onToggleSelected: (memberId: string) => void;
}

function RowStatus({ action, name }: { action: RowAction; name: string }) {
  const { row } = actionPhaseWords(action, name);
  return row === null ? null : <span className="row-status">{row}</span>;
}

export const TeamRow = memo(function TeamRow({
  member,
  index,
  activeCol,
  limitMinutes,
  rowRef,
  action,
  isSelf,
  locale,
  clockDriftMs,
  onAction,
  onDismiss,
  selected,
  onToggleSelected,
}: TeamRowProps) {
  const name = memberName(member) || member.id;
  const offered = isSelf ? [] : supervisorActions(member.state);
  const busy =
    action?.phase === 'sending' || action?.phase === 'accepted' || action?.phase === 'queued';
  const { paused, describedBy } = useServicePause();
  const groupRef = useRef<HTMLDivElement>(null);
  const hadFocus = useRef(false);

  // When the focused button goes away (the agent's state changed), keep the keyboard in this row.
  const offeredKey = offered.join(' ');
  useLayoutEffect(() => {
    const group = groupRef.current;
    if (!group || !hadFocus.current || group.contains(document.activeElement)) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    const first = group.querySelector('button');
    (first ?? group).focus({ preventScroll: true });
  }, [offeredKey]);

  return (
    <tr
      ref={rowRef}
      data-index={index}
      data-member-id={member.id}
      aria-rowindex={index + 2}
      aria-busy={busy || undefined}
      onKeyDown={
        isSelf
          ? undefined
          : (event) => {
              // Space on the row's name cell toggles its checkbox (the table's keyboard model).
              const target = event.target as Element;
              if (event.key !== ' ' || target.tagName !== 'TH') return;
              event.preventDefault();
              onToggleSelected(member.id);
            }
      }
    >
      {teamColumns.map((column, col) => (
        <Fragment key={column.id}>
          {column.cell({
            member,
            name,
            col,
            activeCol,
            limitMinutes,
            locale,
            clockDriftMs,
            select: isSelf ? null : (
              <input
                type="checkbox"
                className="row-select"
                checked={selected}
                aria-label={t('bulk.selectAgent', { name })}
                onChange={() => onToggleSelected(member.id)}
              />
            ),
          })}
        </Fragment>
      ))}
      <td className="row-actions" data-col={ACTIONS_COL} tabIndex={cellTab(activeCol, ACTIONS_COL)}>
        {isSelf ? (
          <span className="row-note">{t('team.self')}</span>
        ) : (
          <div
            ref={groupRef}
            role="group"
            aria-label={t('team.actionsFor', { name })}
            tabIndex={-1}
            onFocus={() => {
              hadFocus.current = true;
            }}
            onBlur={(event) => {
              // relatedTarget is null when the button itself is removed: keep the memory then.
              const to = event.relatedTarget;
              if (to && !event.currentTarget.contains(to)) hadFocus.current = false;
            }}
          >
            {offered.map((target) => (
              <button
                key={target}
                type="button"
                // The visible word first, then whose row: "Ready for Ana Álvarez".
                aria-label={t('team.actionFor', { action: t(actionLabel[target]), name })}
                // aria-disabled, not disabled: a disabled button drops keyboard focus.
                aria-disabled={busy || paused || undefined}
                // Paused: the line at the top of the page says why (Finesse not in service).
                aria-describedby={describedBy}
                onClick={() => {
                  if (!busy && !paused) onAction(member, target);
                }}
              >
                {t(actionLabel[target])}
              </button>
            ))}
          </div>
        )}
        {action && (
          // Announced by the team's one live region (useActionAnnouncement), not from here.
          <div className="row-feedback">
            <RowStatus action={action} name={name} />
          </div>
        )}
        {action?.phase === 'failed' && (
          <ErrorPanel
            compact
            error={action.error}
            context={actionPhaseWords(action, name).announcement}
            onDismiss={() => onDismiss(member.id)}
          />
        )}
        {action?.phase === 'unconfirmed' && (
          <button
            type="button"
            className="link-button"
            aria-label={t('team.actionFor', { action: t('app.dismiss'), name })}
            onClick={() => onDismiss(member.id)}
          >
            {t('app.dismiss')}
          </button>
        )}
      </td>
    </tr>
  );
});
