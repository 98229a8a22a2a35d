// The team view's own choices (team, sort, filter, search), kept in this tab's sessionStorage so
// that they outlive a sign-in that ended: the supervisor signs in again and finds the view as it
// was. Per user; stored data is checked entry by entry and anything unreadable is left out.
import { useCallback, useState } from 'react';
import { USER_STATES } from '../../finesse/states.ts';
import { storageKey } from '../../utils/storage.ts';
import { teamColumns } from './teamColumns.tsx';
import { defaultRowView, type Sort, type SortColumn, type StateFilter } from './teamRows.ts';

export interface TeamViewSettings {
  /** The team picked, or null for the first; `ALL_TEAMS` for all. */
  picked: string | null;
  sort: Sort;
  stateFilter: StateFilter;
  search: string;
}

export const defaultViewSettings: TeamViewSettings = {
  picked: null,
  sort: defaultRowView.sort,
  stateFilter: defaultRowView.stateFilter,
  search: defaultRowView.search,
};

const SORT_COLUMNS: readonly SortColumn[] = teamColumns.map((column) => column.id);

const keyFor = (userId: string) => storageKey(`teamView.${userId}`);

function readSort(value: unknown): Sort | null {
  if (typeof value !== 'object' || value === null) return null;
  const { column, direction } = value as Record<string, unknown>;
  const known = SORT_COLUMNS.find((c) => c === column);
  return known && (direction === 'ascending' || direction === 'descending')
    ? { column: known, direction }
    : null;
}

export function readViewSettings(storage: Storage | undefined, userId: string): TeamViewSettings {
  try {
    const raw = storage?.getItem(keyFor(userId));
    const value: unknown = raw ? JSON.parse(raw) : null;
    if (typeof value !== 'object' || value === null) return defaultViewSettings;
    const v = value as Record<string, unknown>;
    const filter = v.stateFilter === 'ALL' ? 'ALL' : USER_STATES.find((s) => s === v.stateFilter);
    return {
      picked: typeof v.picked === 'string' ? v.picked : null,
      sort: readSort(v.sort) ?? defaultViewSettings.sort,
      stateFilter: filter ?? defaultViewSettings.stateFilter,
      search: typeof v.search === 'string' ? v.search.slice(0, 200) : '',
    };
  } catch {
    return defaultViewSettings;
  }
}

function write(storage: Storage | undefined, userId: string, settings: TeamViewSettings): void {
  try {
    storage?.setItem(keyFor(userId), JSON.stringify(settings));
  } catch {
    // Not kept: the view still works until the page goes away.
  }
}

/** The settings and a setter that keeps them; `storage` none: kept for as long as the view is. */
export function useTeamViewSettings(
  userId: string,
  storage: Storage | undefined = typeof sessionStorage === 'undefined' ? undefined : sessionStorage,
) {
  const [settings, setSettings] = useState(() => readViewSettings(storage, userId));
  const update = useCallback(
    (change: (current: TeamViewSettings) => Partial<TeamViewSettings>) =>
      setSettings((current) => {
        const next = { ...current, ...change(current) };
        write(storage, userId, next);
        return next;
      }),
    [storage, userId],
  );
  return [settings, update] as const;
}
