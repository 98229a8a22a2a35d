// The supervisor's teams: pick one (or all), filter by state, search, sort; each team stays live.
import { useQuery } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useId, useMemo, useState } from 'react';
import { stateName, t } from '../../i18n/messages.ts';
import { useFinesse } from '../finesseContext.tsx';
import { userQuery } from '../queries.ts';
import { LimitSettings } from './LimitSettings.tsx';
import { DEFAULT_REFRESH_MS, REFRESH_CHOICES_MS } from './refresh.ts';
import { TeamSection } from './TeamSection.tsx';
import {
  nextSort,
  STATE_ORDER,
  type RowView,
  type SortColumn,
  type StateFilter,
} from './teamRows.ts';
import { useLimits } from './useLimits.ts';
import { useTeamViewSettings } from './viewSettings.ts';
import './team.css';

const ALL_TEAMS = '*';
/** How long a row waits for an accepted change to show: at least 15 s, or three refreshes. */
const MIN_CONFIRM_MS = 15_000;
const CONFIRM_INTERVALS = 3;
const filterStates = STATE_ORDER.filter((state) => state !== 'LOGIN');

interface Props {
  userId: string;
  /** How often each team is re-read when not live; the page also offers a choice. */
  refreshIntervalMs?: number;
  /** Given: the page keeps the choice (it says how often it refreshes). */
  onRefreshIntervalChange?: (ms: number) => void;
  /** Teams are kept current by Finesse's notifications: no interval to choose. */
  live?: boolean;
  /** How long a row waits for a refresh to show an accepted change before saying so. */
  confirmWithinMs?: number;
}

export function TeamView({
  userId,
  refreshIntervalMs = DEFAULT_REFRESH_MS,
  onRefreshIntervalChange,
  live = false,
  confirmWithinMs,
}: Props) {
  const { client } = useFinesse();
  const user = useQuery(userQuery(client, userId));
  const headingId = useId();
  const searchHintId = useId();
  const { limits, save: saveLimits } = useLimits(userId);
  // Kept for this tab: a sign-in that ended and is made again finds the view as it was.
  const [{ picked, sort, stateFilter, search }, updateSettings] = useTeamViewSettings(userId);
  const setPicked = (teamId: string) => updateSettings(() => ({ picked: teamId }));
  // Stable: the teams (memoised) hand it to their glance bars.
  const setStateFilter = useCallback(
    (filter: StateFilter) => updateSettings(() => ({ stateFilter: filter })),
    [updateSettings],
  );
  const setSearch = (text: string) => updateSettings(() => ({ search: text }));
  const [ownIntervalMs, setOwnIntervalMs] = useState(refreshIntervalMs);
  const intervalMs = onRefreshIntervalChange ? refreshIntervalMs : ownIntervalMs;
  const setIntervalMs = onRefreshIntervalChange ?? setOwnIntervalMs;
  // Typing stays responsive with a thousand rows: the table catches up when React has time.
  const deferredSearch = useDeferredValue(search);
  const view: RowView = useMemo(
    () => ({ sort, stateFilter, search: deferredSearch }),
    [sort, stateFilter, deferredSearch],
  );
  const onSort = useCallback(
    (column: SortColumn) => updateSettings((current) => ({ sort: nextSort(current.sort, column) })),
    [updateSettings],
  );

  const teams = user.data?.teams ?? [];
  if (!user.data?.roles.includes('Supervisor')) return null;

  const current = picked ?? teams[0]?.id ?? ALL_TEAMS;
  const shown = current === ALL_TEAMS ? teams : teams.filter((team) => team.id === current);
  const intervalChoices = (REFRESH_CHOICES_MS as readonly number[]).includes(intervalMs)
    ? REFRESH_CHOICES_MS
    : [...REFRESH_CHOICES_MS, intervalMs].sort((a, b) => a - b);

  return (
    <section className="team-view" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('team.heading')}</h2>
      {teams.length === 0 ? (
        <p className="notice">{t('team.none')}</p>
      ) : (
        <>
          <div className="team-controls">
            <label>
              {t('team.picker')}
              <select value={current} onChange={(e) => setPicked(e.target.value)}>
                {teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name || team.id}
                  </option>
                ))}
                {teams.length > 1 && <option value={ALL_TEAMS}>{t('team.allTeams')}</option>}
              </select>
            </label>
            <label>
              {t('team.filter')}
              <select
                value={stateFilter}
                onChange={(e) =>
                  setStateFilter(filterStates.find((s) => s === e.target.value) ?? 'ALL')
                }
              >
                <option value="ALL">{t('team.filterAll')}</option>
                {filterStates.map((state) => (
                  <option key={state} value={state}>
                    {stateName(state)}
                  </option>
                ))}
              </select>
            </label>
            <div className="search-field">
              <label>
                {t('team.search')}
                <input
                  type="search"
                  value={search}
                  aria-describedby={searchHintId}
                  onChange={(e) => setSearch(e.target.value)}
                />
              </label>
              {/* Rows of a large team are virtual: the browser's find cannot see them all. */}
              <span id={searchHintId} className="field-hint">
                {t('team.searchHint')}
              </span>
            </div>
            {!live && (
              <label>
                {t('team.refreshEvery')}
                <select value={intervalMs} onChange={(e) => setIntervalMs(Number(e.target.value))}>
                  {intervalChoices.map((ms) => (
                    <option key={ms} value={ms}>
                      {t('team.seconds', { seconds: ms / 1000 })}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          <LimitSettings userId={userId} limits={limits} onSave={saveLimits} />
          {shown.map((team) => (
            <TeamSection
              key={team.id}
              team={team}
              view={view}
              onSort={onSort}
              onStateFilter={setStateFilter}
              limits={limits}
              refreshIntervalMs={intervalMs}
              confirmWithinMs={
                confirmWithinMs ?? Math.max(MIN_CONFIRM_MS, CONFIRM_INTERVALS * intervalMs)
              }
            />
          ))}
        </>
      )}
    </section>
  );
}
