// Above a team's table: the selection (count, select all shown, clear), the bulk actions, their
// in-page confirmation (how many change, how many are skipped and why), the progress and summary
// with Stop, and the CSV of the view. Team-level buttons carry the team's name, so no two buttons
// on a page with several teams share a name.
import { useEffect, useId, useMemo, useRef } from 'react';
import type { RequestableState } from '../../finesse/states.ts';
import type { TeamMember } from '../../finesse/team.ts';
import { stateName, t, type MessageId } from '../../i18n/messages.ts';
import { formatTime } from '../common/time.ts';
import { useServicePause } from '../service/ServiceContext.tsx';
import type { BulkPlan, SkipReason } from './bulk.ts';
import type { BulkAction, BulkSummary } from './useBulkAction.ts';

const TARGETS: readonly RequestableState[] = ['READY', 'NOT_READY', 'LOGOUT'];
const actionLabel: Record<RequestableState, MessageId> = {
  READY: 'action.ready',
  NOT_READY: 'action.notReady',
  LOGOUT: 'action.logout',
};

/** A team-level control's accessible name: its visible words first, then the team. */
const inTeam = (control: string, team: string) => t('bulk.inTeam', { control, team });

function skipText(reason: SkipReason, target: RequestableState, count: number): string {
  switch (reason.kind) {
    case 'already':
      return t('bulk.skip.already', { state: stateName(reason.state), count });
    case 'pending':
      return t('bulk.skip.pending', { target: stateName(target), count });
    case 'busy':
      return t('bulk.skip.busy', { count });
    case 'notFrom':
      return t('bulk.skip.notFrom', {
        state: stateName(reason.state),
        target: stateName(target),
        count,
      });
    case 'self':
      return t('bulk.skip.self', { count });
  }
}

function Confirmation({
  plan,
  team,
  bulk,
  shown,
}: {
  plan: BulkPlan;
  team: string;
  bulk: Pick<BulkAction, 'confirm' | 'cancel'>;
  /** The agents the table shows now: a selection kept across filters may hold others. */
  shown: readonly TeamMember[];
}) {
  const headingId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const { paused, describedBy } = useServicePause();
  const action = t(actionLabel[plan.target]);
  const skipped = plan.skipped.reduce((sum, entry) => sum + entry.count, 0);
  const nothing = plan.send.length === 0;
  // Said, so nobody changes agents they cannot see without knowing it.
  // Only while the confirmation is open: nothing on each Update of a large team.
  const notShown = useMemo(() => {
    const shownIds = new Set(shown.map((member) => member.id));
    return plan.send.filter((member) => !shownIds.has(member.id)).length;
  }, [plan, shown]);
  // The confirmation takes the keyboard when it opens; Escape (or Cancel) gives it back.
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div
      ref={ref}
      className="bulk-confirm"
      role="group"
      aria-labelledby={headingId}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          bulk.cancel();
        }
      }}
    >
      <p id={headingId} className="bulk-confirm-heading">
        {t('bulk.confirmHeading', { action, team })}
      </p>
      <ul>
        <li>{t('bulk.willChange', { count: plan.send.length })}</li>
        {notShown > 0 && <li>{t('bulk.notShown', { count: notShown })}</li>}
        {plan.afterCall > 0 && <li>{t('bulk.afterCall', { count: plan.afterCall })}</li>}
        {skipped > 0 && (
          <li>
            {t('bulk.skipped', { count: skipped })}
            <ul>
              {plan.skipped.map(({ reason, count }) => (
                <li key={`${reason.kind}${'state' in reason ? reason.state : ''}`}>
                  {skipText(reason, plan.target, count)}
                </li>
              ))}
            </ul>
          </li>
        )}
      </ul>
      {nothing && <p>{t('bulk.nothingToDo', { target: action })}</p>}
      <div className="bulk-buttons">
        {!nothing && (
          <button
            type="button"
            aria-label={inTeam(t('bulk.confirm', { action, count: plan.send.length }), team)}
            aria-disabled={paused || undefined}
            aria-describedby={describedBy}
            onClick={() => {
              if (!paused) bulk.confirm();
            }}
          >
            {t('bulk.confirm', { action, count: plan.send.length })}
          </button>
        )}
        <button
          type="button"
          aria-label={inTeam(t('bulk.cancel'), team)}
          onClick={() => bulk.cancel()}
        >
          {t('bulk.cancel')}
        </button>
      </div>
    </div>
  );
}

function Summary({
  summary,
  team,
  locale,
  onStop,
}: {
  summary: BulkSummary;
  team: string;
  locale: string;
  onStop: () => void;
}) {
  const { paused } = useServicePause();
  const running = !summary.done;
  return (
    <div className="bulk-summary">
      {/* Read once it is final: every step of a 1,000-agent action would drown the reader. */}
      <p aria-live={running ? 'off' : 'polite'}>
        {t('bulk.summary', {
          action: t(actionLabel[summary.target]),
          confirmed: summary.confirmed,
          pending: summary.pending,
          refused: summary.refused,
          notSent: summary.notSent,
        })}
        {summary.refused > 0 && ` ${t('bulk.seeRows')}`}
        {running && paused && ` ${t('bulk.paused')}`}
        {running &&
          summary.waitingUntil !== null &&
          ` ${t('bulk.waiting', { time: formatTime(new Date(summary.waitingUntil), locale) })}`}
        {summary.stopped && ` ${t('bulk.stopped')}`}
      </p>
      {running && !summary.stopped && (
        <button type="button" aria-label={inTeam(t('bulk.stop'), team)} onClick={onStop}>
          {t('bulk.stop')}
        </button>
      )}
    </div>
  );
}

interface Props {
  team: string;
  selectedCount: number;
  /** The agents the table shows now (filter and search), in its order. */
  shown: readonly TeamMember[];
  locale: string;
  bulk: BulkAction;
  onSelectShown: () => void;
  onClear: () => void;
  onDownload: () => void;
}

export function BulkBar({
  team,
  selectedCount,
  shown,
  locale,
  bulk,
  onSelectShown,
  onClear,
  onDownload,
}: Props) {
  const { paused, describedBy } = useServicePause();
  const hintId = useId();
  const none = selectedCount === 0;
  const shownCount = shown.length;
  // The button that opened the confirmation gets the keyboard back when it closes.
  const opener = useRef<HTMLButtonElement | null>(null);
  const open = bulk.plan !== null;
  useEffect(() => {
    if (open) return;
    const active = document.activeElement;
    if (opener.current?.isConnected && (active === null || active === document.body)) {
      opener.current.focus();
    }
    opener.current = null;
  }, [open]);
  const selectShown = t('bulk.selectShown', { count: shownCount });
  return (
    <div className="bulk-bar">
      <div role="group" aria-label={t('bulk.toolbar', { team })} className="bulk-buttons">
        {/* Polite: the count is read when it changes, not over what the user is doing. */}
        <span className="bulk-count" role="status">
          {t('bulk.selected', { count: selectedCount })}
        </span>
        <button
          type="button"
          aria-label={inTeam(selectShown, team)}
          aria-disabled={shownCount === 0 || undefined}
          onClick={() => {
            if (shownCount > 0) onSelectShown();
          }}
        >
          {selectShown}
        </button>
        <button
          type="button"
          aria-label={inTeam(t('bulk.clear'), team)}
          aria-disabled={none || undefined}
          onClick={() => {
            if (!none) onClear();
          }}
        >
          {t('bulk.clear')}
        </button>
        {TARGETS.map((target) => {
          const words = t('bulk.forSelected', { action: t(actionLabel[target]) });
          const disabled = none || paused || bulk.running;
          return (
            <button
              key={target}
              type="button"
              aria-label={inTeam(words, team)}
              aria-disabled={disabled || undefined}
              // Paused: the line at the top says why; nothing selected: the hint says how.
              aria-describedby={paused ? describedBy : none ? hintId : undefined}
              onClick={(event) => {
                if (disabled) return;
                opener.current = event.currentTarget;
                bulk.propose(target);
              }}
            >
              {words}
            </button>
          );
        })}
        <button
          type="button"
          aria-label={inTeam(t('csv.download'), team)}
          aria-disabled={shownCount === 0 || undefined}
          onClick={() => {
            if (shownCount > 0) onDownload();
          }}
        >
          {t('csv.download')}
        </button>
      </div>
      {none && (
        <p id={hintId} className="field-hint">
          {t('bulk.hint')}
        </p>
      )}
      {bulk.plan && <Confirmation plan={bulk.plan} team={team} bulk={bulk} shown={shown} />}
      {bulk.summary && (
        <Summary summary={bulk.summary} team={team} locale={locale} onStop={bulk.stop} />
      )}
    </div>
  );
}
