// The user's own state, as shown: current state and reason by label, time in state, pending
// state, and the changes Finesse allows from here (Ready; Not Ready › reason; Sign Out › reason).
// The logic is useStateControl's.
import { useId } from 'react';
import {
  selectableReasonCodes,
  type ReasonCode,
  type ReasonCodeList,
} from '../../finesse/reasonCodes.ts';
import type { RequestableState } from '../../finesse/states.ts';
import type { User } from '../../finesse/user.ts';
import { reasonProblemText, stateName, t } from '../../i18n/messages.ts';
import { ErrorPanel } from '../common/ErrorPanel.tsx';
import { MenuButton } from '../common/MenuButton.tsx';
import { elapsedSince, formatDuration, useDurationFormats, useNow } from '../common/time.ts';
import { useLocale } from '../language/LanguageContext.tsx';
import { useFinesse } from '../finesseContext.tsx';
import { ChangeNotConfirmed, type StateTarget } from './useStateChange.ts';
import { useStateControl } from './useStateControl.ts';

/** "Not Ready – Meeting", or just "Ready". */
export function stateWithReason(state: User['state'], reason: ReasonCode | null): string {
  return reason
    ? t('state.withReason', { state: stateName(state), reason: reason.label })
    : stateName(state);
}

function targetFor(state: RequestableState, reason?: ReasonCode): StateTarget {
  return reason
    ? { state, reasonCodeId: reason.id, label: stateWithReason(state, reason) }
    : { state, label: stateName(state) };
}

function TimeInState({ since }: { since: Date | null }) {
  const { host } = useFinesse();
  const locale = useLocale();
  const now = useNow();
  // Shown once the digits' formatters exist: made in an idle moment if need be, after the state
  // and the changes are on screen (the first Intl.NumberFormat is costly on a slow PC).
  const formats = useDurationFormats(locale);
  if (!since || !formats) return null;
  return (
    <span className="time-in-state">
      {t('state.timeInState', {
        duration: formatDuration(elapsedSince(since, now, host.clockDriftMs), locale),
      })}
    </span>
  );
}

interface ReasonChoiceProps {
  state: 'NOT_READY' | 'LOGOUT';
  list: ReasonCodeList | undefined;
  exclude: string | null;
  disabled: boolean;
  /** The line saying why changes are paused. */
  describedBy?: string | undefined;
  onChoose: (target: StateTarget) => void;
  onToggle: () => void;
}

function ReasonChoice({
  state,
  list,
  exclude,
  disabled,
  describedBy,
  onChoose,
  onToggle,
}: ReasonChoiceProps) {
  const label = state === 'NOT_READY' ? t('action.notReady') : t('action.logout');
  const menuLabel = state === 'NOT_READY' ? t('action.notReadyMenu') : t('action.logoutMenu');
  const reasons = list ? selectableReasonCodes(list.reasonCodes) : null;
  if (reasons?.length === 0) {
    // No codes configured for this category: Finesse takes the change without a reason.
    return (
      <button
        type="button"
        disabled={disabled}
        aria-describedby={describedBy}
        onClick={() => onChoose(targetFor(state))}
      >
        {label}
      </button>
    );
  }
  // While the list loads the same menu button shows, disabled, so focus is not lost when it arrives.
  const offered = (reasons ?? []).filter((reason) => reason.id !== exclude);
  return (
    <MenuButton
      label={label}
      menuLabel={menuLabel}
      items={offered.map((reason) => ({ id: reason.id, label: reason.label }))}
      disabled={disabled || !reasons}
      describedBy={describedBy}
      onToggle={onToggle}
      onSelect={(item) => {
        const reason = offered.find((r) => r.id === item.id);
        if (reason) onChoose(targetFor(state, reason));
      }}
    />
  );
}

interface StateControlProps {
  userId: string;
  /** How long to wait for Finesse to apply an accepted change before saying it did not. */
  confirmWithinMs?: number;
}

export function StateControl({ userId, confirmWithinMs }: StateControlProps) {
  const headingId = useId();
  const {
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
  } = useStateControl(userId, confirmWithinMs);

  if (user.isPending) {
    return (
      <section className="state-control" aria-labelledby={headingId}>
        <h2 id={headingId}>{t('state.heading')}</h2>
        <p role="status">{t('app.loading')}</p>
      </section>
    );
  }
  if (!user.data) {
    return (
      <section className="state-control" aria-labelledby={headingId}>
        <h2 id={headingId}>{t('state.heading')}</h2>
        <ErrorPanel error={user.error} onRetry={() => void user.refetch()} />
      </section>
    );
  }

  const me = user.data;
  return (
    <section className="state-control" aria-labelledby={headingId} aria-busy={busy}>
      <h2 id={headingId}>{t('state.heading')}</h2>
      <p className="current-state">
        <span
          className={`state-badge state-${me.state}`}
          role="status"
          aria-label={t('state.current')}
        >
          {stateWithReason(me.state, me.reasonCode)}
        </span>{' '}
        <TimeInState since={me.stateChangeTime} />
      </p>
      {me.pendingState && (
        <p className="pending-state">
          {t('state.pending', {
            // The reason of a pending change is only known to the one who asked for it.
            state:
              change.isSuccess && change.variables.state === me.pendingState
                ? change.variables.label
                : stateName(me.pendingState),
          })}
        </p>
      )}

      {user.isError && (
        // The state above is the last one read; say that refreshing it failed.
        <ErrorPanel
          error={user.error}
          context={t('state.refreshFailed')}
          onRetry={() => void user.refetch()}
        />
      )}

      {reconnecting && !paused && (
        <p className="notice" role="status">
          {t('state.reconnecting')}
        </p>
      )}

      {offered.length > 0 ? (
        <div
          className="actions"
          role="group"
          aria-label={t('state.heading')}
          aria-describedby={describedBy}
        >
          {offered.includes('READY') && (
            <button
              type="button"
              disabled={busy || paused}
              aria-describedby={describedBy}
              onClick={() => choose(targetFor('READY'))}
            >
              {t('action.ready')}
            </button>
          )}
          {offered.includes('NOT_READY') && (
            <ReasonChoice
              state="NOT_READY"
              list={notReadyReasons.data}
              exclude={me.state === 'NOT_READY' ? me.reasonCodeId : null}
              disabled={busy || paused}
              describedBy={describedBy}
              onChoose={choose}
              onToggle={contentChanged}
            />
          )}
          {offered.includes('LOGOUT') && (
            <ReasonChoice
              state="LOGOUT"
              list={logoutReasons.data}
              exclude={null}
              disabled={busy || paused}
              describedBy={describedBy}
              onChoose={choose}
              onToggle={contentChanged}
            />
          )}
        </div>
      ) : (
        !reconnecting && (
          <p className="notice">
            {me.state === 'LOGOUT' ? t('state.signedOut') : t('state.noChanges')}
          </p>
        )
      )}

      <p className="change-status" role="status">
        {change.isPending && t('state.changing', { target: change.variables.label })}
      </p>

      {change.isError &&
        (change.error instanceof ChangeNotConfirmed ? (
          <ErrorPanel
            message={t('state.notConfirmed', {
              target: change.error.target.label,
              seconds: change.error.seconds,
            })}
            onDismiss={() => change.reset()}
          />
        ) : (
          <ErrorPanel
            error={change.error}
            context={t('state.refused', { target: change.variables.label })}
            onDismiss={() => change.reset()}
          />
        ))}

      {reasonsError && (
        <ErrorPanel
          error={reasonsError}
          context={t('state.reasonsUnavailable')}
          onRetry={() => {
            void notReadyReasons.refetch();
            void logoutReasons.refetch();
          }}
        />
      )}
      {problems.length > 0 && (
        <p className="notice">
          {t('state.reasonCodeProblems', { problems: problems.map(reasonProblemText).join('; ') })}
        </p>
      )}
    </section>
  );
}
