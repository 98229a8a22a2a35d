// One agent's row: memoised, so a refresh re-renders only rows whose member or action changed;
// the ticking time in state (and time over a limit) are leaves of their own, so the shared ticker
// re-renders only that text. Each cell has a column number for the table's arrow-key navigation.
import { memo, useLayoutEffect, useRef, type Ref } from 'react';
import { supervisorActions, type RequestableState } from '../../finesse/states.ts';
import type { TeamMember } from '../../finesse/team.ts';
import { stateName, t, type MessageId } from '../../i18n/messages.ts';
import { ErrorPanel } from '../common/ErrorPanel.tsx';
import { elapsedSince, formatDuration, useNow } from '../common/time.ts';
import { overLimitAfter } from './limits.ts';
import { useOnScreen } from './onScreen.ts';
import { memberName } from './teamRows.ts';
import type { RowAction } from './useTeamActions.ts';

const actionLabel: Record<RequestableState, MessageId> = {
  READY: 'action.ready',
  NOT_READY: 'action.notReady',
  LOGOUT: 'action.logout',
};

/** The tabindex of a cell: only the table's one active cell is in the tab order (roving). */
const cellTab = (activeCol: number, col: number) => (activeCol === col ? 0 : -1);

interface TimeProps {
  since: Date | null;
  locale: string;
  clockDriftMs: number;
  col: number;
  activeCol: number;
}

/**
 * The only cell of a row that changes every second. It ticks only while on screen: off screen,
 * a thousand changing texts would cost style and layout work every second for nothing.
 */
const TimeInState = memo(function TimeInState({
  since,
  locale,
  clockDriftMs,
  col,
  activeCol,
}: TimeProps) {
  const cell = useRef<HTMLTableCellElement>(null);
  const now = useNow(useOnScreen(cell));
  return (
    <td ref={cell} className="time-in-state" data-col={col} tabIndex={cellTab(activeCol, col)}>
      {since ? formatDuration(elapsedSince(since, now, clockDriftMs), locale) : ''}
    </td>
  );
});

interface LimitProps {
  since: Date | null;
  /** The limit that applies to this agent now (minutes), or null. */
  limitMinutes: number | null;
  locale: string;
  clockDriftMs: number;
  col: number;
  activeCol: number;
}

/**
 * The agent's time-in-state limit, and once over it, by how much: in words and with a mark, so it
 * does not rely on colour. Ticks only for agents with a limit, and only on screen.
 */
const LimitCell = memo(function LimitCell({
  since,
  limitMinutes,
  locale,
  clockDriftMs,
  col,
  activeCol,
}: LimitProps) {
  const cell = useRef<HTMLTableCellElement>(null);
  const onScreen = useOnScreen(cell);
  const now = useNow(onScreen && limitMinutes !== null);
  const over =
    limitMinutes === null ? null : overLimitAfter(since, limitMinutes, now, clockDriftMs);
  return (
    <td
      ref={cell}
      className={over === null ? 'limit' : 'limit over-limit'}
      data-col={col}
      tabIndex={cellTab(activeCol, col)}
    >
      {limitMinutes === null ? (
        ''
      ) : over === null ? (
        t('limits.cellLimit', { minutes: limitMinutes })
      ) : (
        <>
          <span aria-hidden="true" className="over-limit-mark">
            ⚠{' '}
          </span>
          {t('limits.cellOver', { duration: formatDuration(over, locale) })}
        </>
      )}
    </td>
  );
});

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
}

function RowStatus({ action, name }: { action: RowAction; name: string }) {
  const target = stateName(action.target);
  switch (action.phase) {
    case 'sending':
      return <span className="row-status">{t('team.sending', { target })}</span>;
    case 'accepted':
      return <span className="row-status">{t('team.pending', { target })}</span>;
    case 'failed':
      return null;
    case 'unconfirmed':
      return (
        <span className="row-status">
          {t('team.notConfirmed', {
            target,
            name,
            seconds: action.seconds,
            state: action.state ? stateName(action.state) : '?',
          })}
        </span>
      );
  }
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
}: TeamRowProps) {
  const name = memberName(member) || member.id;
  const offered = isSelf ? [] : supervisorActions(member.state);
  const busy = action?.phase === 'sending' || action?.phase === 'accepted';
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
    >
      <th scope="row" data-col={0} tabIndex={cellTab(activeCol, 0)}>
        {name}
      </th>
      <td data-col={1} tabIndex={cellTab(activeCol, 1)}>
        {member.id}
      </td>
      <td data-col={2} tabIndex={cellTab(activeCol, 2)}>
        {member.extension}
      </td>
      <td data-col={3} tabIndex={cellTab(activeCol, 3)}>
        <span className={`state-text state-${member.state}`}>{stateName(member.state)}</span>
      </td>
      <td data-col={4} tabIndex={cellTab(activeCol, 4)}>
        {member.reasonCode?.label ?? ''}
      </td>
      <TimeInState
        since={member.stateChangeTime}
        locale={locale}
        clockDriftMs={clockDriftMs}
        col={5}
        activeCol={activeCol}
      />
      <LimitCell
        since={member.stateChangeTime}
        limitMinutes={limitMinutes}
        locale={locale}
        clockDriftMs={clockDriftMs}
        col={6}
        activeCol={activeCol}
      />
      <td data-col={7} tabIndex={cellTab(activeCol, 7)}>
        {member.pendingState ? stateName(member.pendingState) : ''}
      </td>
      <td className="row-actions" data-col={8} tabIndex={cellTab(activeCol, 8)}>
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
                aria-disabled={busy || undefined}
                onClick={() => {
                  if (!busy) onAction(member, target);
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
            context={t('team.refused', { name, target: stateName(action.target) })}
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
