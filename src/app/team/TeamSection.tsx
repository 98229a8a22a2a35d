// One supervised team, kept live: a read per interval (paused while the tab is hidden, backing off
// on errors), counts per state, and the table of agents with their actions.
import { useQuery } from '@tanstack/react-query';
import { useServicePause } from '../service/ServiceContext.tsx';
import { memo, useId, useMemo, useState } from 'react';
import type { TeamRef } from '../../finesse/user.ts';
import { stateName, t } from '../../i18n/messages.ts';
import { useLocale } from '../language/LanguageContext.tsx';
import { ErrorPanel } from '../common/ErrorPanel.tsx';
import { formatTime, useNow } from '../common/time.ts';
import { useFinesse } from '../finesseContext.tsx';
import { useLiveTeam } from '../live/useLiveTeam.ts';
import { teamQuery } from '../queries.ts';
import type { Limits } from './limits.ts';
import { OverLimitSummary } from './OverLimit.tsx';
import { refreshDelay, STALE_AFTER_INTERVALS } from './refresh.ts';
import { useRenderTiming } from './renderTiming.ts';
import { TeamTable } from './TeamTable.tsx';
import { countByState, createVisibleRows, type RowView, type SortColumn } from './teamRows.ts';
import { useActionAnnouncement } from './useActionAnnouncement.ts';
import { useTeamActions } from './useTeamActions.ts';

interface Props {
  team: TeamRef;
  view: RowView;
  onSort: (column: SortColumn) => void;
  refreshIntervalMs: number;
  confirmWithinMs: number;
  /** The supervisor's time-in-state limits (none: nothing is marked or counted). */
  limits: Limits;
}

/** Says how old the shown data is, only when it is older than it should be. */
function Freshness({
  dataUpdatedAt,
  intervalMs,
  locale,
}: {
  dataUpdatedAt: number;
  intervalMs: number;
  locale: string;
}) {
  const now = useNow();
  if (now - dataUpdatedAt <= STALE_AFTER_INTERVALS * intervalMs) return null;
  return (
    <p className="notice stale">
      {t('team.lastUpdated', { time: formatTime(new Date(dataUpdatedAt), locale) })}
    </p>
  );
}

export const TeamSection = memo(function TeamSection({
  team,
  view,
  onSort,
  refreshIntervalMs,
  confirmWithinMs,
  limits,
}: Props) {
  const { client, host, session } = useFinesse();
  const headingId = useId();
  // Live: Updates on the team's node keep it current, read once the subscription is in place.
  // Otherwise: a read per interval.
  const locale = useLocale();
  const { subscribed, refused } = useLiveTeam(team.id);
  const live = host.notifications !== null && !refused;
  // Finesse not in service: no polling until it is back (the service watch then reads again).
  const { paused } = useServicePause();
  const query = useQuery({
    ...teamQuery(client, team.id),
    enabled: subscribed && !host.notificationsPending,
    refetchInterval:
      live || paused ? false : (q) => refreshDelay(q.state, refreshIntervalMs, Date.now()),
    // Polled, the interval is the retry (backing off): no extra requests in between.
    ...(live ? {} : { retry: false }),
    // TanStack skips interval reads while the document is hidden, and reads again on return.
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: !live,
  });
  const members = query.data?.members;
  const { actions, request, dismiss } = useTeamActions(team.id, members, confirmWithinMs);
  const announcement = useActionAnnouncement(actions, members);
  // Remembers its last rows: an Update re-places the one agent instead of sorting them all.
  const [visibleRows] = useState(createVisibleRows);
  const rows = useMemo(
    () => (members ? visibleRows(members, view, locale, limits) : []),
    [visibleRows, members, view, locale, limits],
  );
  const counts = useMemo(() => (members ? countByState(members) : []), [members]);
  useRenderTiming(team.id, query.dataUpdatedAt, rows.length);

  const name = query.data?.name || team.name || team.id;

  return (
    <section className="team-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{name}</h3>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {query.isPending ? (
        <p role="status">{t('team.loading', { team: name })}</p>
      ) : query.isError && !query.data ? (
        <ErrorPanel
          error={query.error}
          context={t('team.loadFailed', { team: name })}
          onRetry={() => void query.refetch()}
        />
      ) : (
        <>
          {query.isRefetchError ? (
            <ErrorPanel
              compact
              error={query.error}
              context={t('team.refreshFailed', {
                team: name,
                time: formatTime(new Date(query.dataUpdatedAt), locale),
              })}
              onRetry={() => void query.refetch()}
            />
          ) : live ? null : (
            <Freshness
              dataUpdatedAt={query.dataUpdatedAt}
              intervalMs={refreshIntervalMs}
              locale={locale}
            />
          )}
          <ul className="state-counts" aria-label={t('team.counts', { team: name })}>
            {counts.map(({ state, count }) => (
              <li key={state} className={`state-${state}`}>
                {t('team.count', { state: stateName(state), count })}
              </li>
            ))}
          </ul>
          {members && (
            <OverLimitSummary members={members} limits={limits} clockDriftMs={host.clockDriftMs} />
          )}
          <p className="notice">
            {t('team.shown', { shown: rows.length, total: members?.length ?? 0 })}
          </p>
          {members && members.length === 0 ? (
            <p className="notice">{t('team.empty')}</p>
          ) : (
            <TeamTable
              caption={name}
              rows={rows}
              sort={view.sort}
              onSort={onSort}
              actions={actions}
              selfId={session.userId}
              locale={locale}
              clockDriftMs={host.clockDriftMs}
              limits={limits}
              onAction={request}
              onDismiss={dismiss}
            />
          )}
          {members && members.length > 0 && rows.length === 0 && (
            <p className="notice">{t('team.noMatch')}</p>
          )}
        </>
      )}
    </section>
  );
});
