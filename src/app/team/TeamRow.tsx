// One agent's row: memoised, so a refresh re-renders only rows whose member or action changed;
// the ticking time in state is a leaf of its own so the shared ticker re-renders only that text.
import { memo, useLayoutEffect, useRef } from 'react';
import { supervisorActions, type RequestableState } from '../../finesse/states.ts';
import type { TeamMember } from '../../finesse/team.ts';
import { stateName, t, type MessageId } from '../../messages.ts';
import { ErrorPanel } from '../common/ErrorPanel.tsx';
import { elapsedSince, formatDuration, useNow } from '../common/time.ts';
import { useOnScreen } from './onScreen.ts';
import { memberName } from './teamRows.ts';
import type { RowAction } from './useTeamActions.ts';

const actionLabel: Record<RequestableState, MessageId> = {
  READY: 'action.ready',
  NOT_READY: 'action.notReady',
  LOGOUT: 'action.logout',
};

interface TimeProps {
  since: Date | null;
  locale: string;
  clockDriftMs: number;
}

/**
 * The only cell of a row that changes every second. It ticks only while on screen: off screen,
 * a thousand changing texts would cost style and layout work every second for nothing.
 */
const TimeInState = memo(function TimeInState({ since, locale, clockDriftMs }: TimeProps) {
  const cell = useRef<HTMLTableCellElement>(null);
  const now = useNow(useOnScreen(cell));
  return (
    <td ref={cell} className="time-in-state">
      {since ? formatDuration(elapsedSince(since, now, clockDriftMs), locale) : ''}
    </td>
  );
});

export interface TeamRowProps {
  member: TeamMember;
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
    <tr aria-busy={busy || undefined}>
      <th scope="row">{name}</th>
      <td>{member.id}</td>
      <td>{member.extension}</td>
      <td>
        <span className={`state-text state-${member.state}`}>{stateName(member.state)}</span>
      </td>
      <td>{member.reasonCode?.label ?? ''}</td>
      <TimeInState since={member.stateChangeTime} locale={locale} clockDriftMs={clockDriftMs} />
      <td>{member.pendingState ? stateName(member.pendingState) : ''}</td>
      <td className="row-actions">
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
