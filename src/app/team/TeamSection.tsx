// One supervised team, kept live: a read per interval (paused while the tab is hidden, backing off
// on errors), counts per state, and the table of agents with their actions.
import { useQuery } from '@tanstack/react-query';
import { useServicePause } from '../service/ServiceContext.tsx';
import { memo, useCallback, useId, useMemo, useState } from 'react';
import type { TeamRef } from '../../finesse/user.ts';
import { t } from '../../i18n/messages.ts';
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
import {
  countByState,
  createVisibleRows,
  type RowView,
  type SortColumn,
  type StateFilter,
} from './teamRows.ts';
import { useActionAnnouncement } from './useActionAnnouncement.ts';
import { useTeamActions } from './useTeamActions.ts';
import { noSelection, selectedMembers, selectShown, toggleSelected } from './bulk.ts';
import { BulkBar } from './BulkBar.tsx';
import { csvFileName, downloadCsv, teamCsv } from './csv.ts';
import { GlanceBar } from './GlanceBar.tsx';
import { useBulkAction } from './useBulkAction.ts';

interface Props {
  team: TeamRef;
  view: RowView;
  onSort: (column: SortColumn) => void;
  /** The glance bar's parts filter the table (the view's state filter, shared by the teams). */
  onStateFilter: (filter: StateFilter) => void;
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
  onStateFilter,
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
  const teamActions = useTeamActions(team.id, members, confirmWithinMs);
  const { actions, request, dismiss } = teamActions;
  const announcement = useActionAnnouncement(actions, members);
  // Chosen for a bulk action, by agent id: sorts, Updates, refreshes and virtual rows keep it.
  const [selection, setSelection] = useState(noSelection);
  const toggle = useCallback((id: string) => setSelection((s) => toggleSelected(s, id)), []);
  const selectedCount = useMemo(
    () => (members ? selectedMembers(members, selection).length : 0),
    [members, selection],
  );
  const bulk = useBulkAction(members, selection, session.userId, teamActions);
  // Remembers its last rows: an Update re-places the one agent instead of sorting them all.
  const [visibleRows] = useState(createVisibleRows);
  const rows = useMemo(
    () => (members ? visibleRows(members, view, locale, limits) : []),
    [visibleRows, members, view, locale, limits],
  );
  const counts = useMemo(() => (members ? countByState(members) : []), [members]);
  useRenderTiming(team.id, query.dataUpdatedAt, rows.length);

  const name = query.data?.name || team.name || team.id;
  const download = () => {
    const now = Date.now();
    const csv = teamCsv(rows, { limits, nowMs: now, clockDriftMs: host.clockDriftMs, locale });
    downloadCsv(csv, csvFileName(name, now));
  };

  return (
    <section
      className="team-section"
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        // Escape empties the selection (an open confirmation takes Escape first: it cancels).
        if (event.key !== 'Escape' || event.defaultPrevented || selection.size === 0) return;
        const field = (event.target as Element).closest('input[type="search"], select, textarea');
        if (field) return;
        setSelection(noSelection);
      }}
    >
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
          <GlanceBar
            team={name}
            counts={counts}
            total={members?.length ?? 0}
            filter={view.stateFilter}
            locale={locale}
            onFilter={onStateFilter}
          />
          {members && (
            <OverLimitSummary members={members} limits={limits} clockDriftMs={host.clockDriftMs} />
          )}
          <p className="notice">
            {t('team.shown', { shown: rows.length, total: members?.length ?? 0 })}
          </p>
          {members && members.length > 0 && (
            <BulkBar
              team={name}
              selectedCount={selectedCount}
              shown={rows}
              locale={locale}
              bulk={bulk}
              onSelectShown={() => setSelection((s) => selectShown(s, rows, session.userId))}
              onClear={() => setSelection(noSelection)}
              onDownload={download}
            />
          )}
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
              selection={selection}
              onToggleSelected={toggle}
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
