// What the team table shows: sorting, filtering by state, searching by name or id, counts per state.
import { USER_STATES, type UserState } from '../../finesse/states.ts';
import type { TeamMember } from '../../finesse/team.ts';
import { nameCollator } from '../../i18n/intl.ts';
import { noLimits, type Limits } from './limits.ts';
import { memberName, teamColumn, type SortColumn, type SortKey } from './teamColumns.tsx';

export type { SortColumn };

export type SortDirection = 'ascending' | 'descending';

export interface Sort {
  column: SortColumn;
  direction: SortDirection;
}

export type StateFilter = UserState | 'ALL';

export interface RowView {
  sort: Sort;
  stateFilter: StateFilter;
  /** Matched against "first last", "last first" and the login id, case- and accent-insensitively. */
  search: string;
}

export const defaultRowView: RowView = {
  sort: { column: 'name', direction: 'ascending' },
  stateFilter: 'ALL',
  search: '',
};

/** Lower-case, accents removed: "Álvarez" is found by "alvarez". */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

// Per member object: members keep their identity across refreshes and Updates while unchanged
// (keepUnchangedMembers), so each keystroke on a 5,000-agent team normalises nothing again.
const haystacks = new WeakMap<TeamMember, string>();

function matchesSearch(member: TeamMember, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  let haystack = haystacks.get(member);
  if (haystack === undefined) {
    haystack = searchable(
      `${member.firstName} ${member.lastName} ${member.lastName} ${member.firstName} ${member.id}`,
    );
    haystacks.set(member, haystack);
  }
  return words.every((word) => haystack.includes(word));
}

interface Keyed {
  member: TeamMember;
  key: SortKey;
  name: string;
}

const keyed = (member: TeamMember, column: SortColumn, limits: Limits): Keyed => ({
  member,
  key: teamColumn(column).sortKey(member, limits),
  name: memberName(member),
});

/**
 * The order of rows: missing values (no reason, no pending state) last in either direction; ties
 * broken by name, then login id, so the order is total and stable across refreshes.
 */
function rowOrder(view: RowView, locale: string): (a: Keyed, b: Keyed) => number {
  // One collator for every comparison: building one per compare would dominate a 1,000-row sort.
  const { compare } = nameCollator(locale);
  const sign = view.sort.direction === 'ascending' ? 1 : -1;
  return (a, b) => {
    if (a.key !== b.key) {
      if (a.key === null) return 1;
      if (b.key === null) return -1;
      const byKey =
        typeof a.key === 'number' && typeof b.key === 'number'
          ? a.key - b.key
          : compare(String(a.key), String(b.key));
      if (byKey !== 0) return sign * byKey;
    }
    return compare(a.name, b.name) || compare(a.member.id, b.member.id);
  };
}

const searchWords = (search: string): string[] => {
  const query = searchable(search.trim());
  return query === '' ? [] : query.split(/\s+/);
};

const shownBy = (view: RowView, words: readonly string[]) => (m: TeamMember) =>
  (view.stateFilter === 'ALL' || m.state === view.stateFilter) && matchesSearch(m, words);

/** The rows to show, in order (see rowOrder). */
export function visibleMembers(
  members: readonly TeamMember[],
  view: RowView,
  locale: string,
  limits: Limits = noLimits,
): TeamMember[] {
  const shown = members.filter(shownBy(view, searchWords(view.search)));
  const entries = shown.map((member) => keyed(member, view.sort.column, limits));
  entries.sort(rowOrder(view, locale));
  return entries.map(({ member }) => member);
}

/** More changed members than this, and a full sort is as quick as placing each one. */
const PLACE_AT_MOST = 32;

/**
 * The previous rows with a few members changed: members gone or replaced leave, their new
 * versions are placed by binary search. null when too much changed. Same result as a full sort
 * (the order is total), at a fraction of its cost on a large team: a live Update changes one.
 */
function replaceChanged(
  previousMembers: readonly TeamMember[],
  previousRows: readonly TeamMember[],
  members: readonly TeamMember[],
  view: RowView,
  locale: string,
  limits: Limits,
): TeamMember[] | null {
  const before = new Set(previousMembers);
  const changed: TeamMember[] = [];
  for (const member of members) {
    if (before.has(member)) continue;
    changed.push(member);
    if (changed.length > PLACE_AT_MOST) return null;
  }
  const now = new Set(members);
  const rows = previousRows.filter((member) => now.has(member));
  const order = rowOrder(view, locale);
  const shown = shownBy(view, searchWords(view.search));
  for (const member of changed) {
    if (!shown(member)) continue;
    const entry = keyed(member, view.sort.column, limits);
    let low = 0;
    let high = rows.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const other = rows[mid];
      if (other && order(keyed(other, view.sort.column, limits), entry) < 0) low = mid + 1;
      else high = mid;
    }
    rows.splice(low, 0, member);
  }
  return rows;
}

/**
 * visibleMembers with a memory of its last answer: when only members changed (an Update, a
 * refresh with a few changes), the previous order is reused and the changed members re-placed.
 */
export function createVisibleRows() {
  let last: {
    members: readonly TeamMember[];
    view: RowView;
    locale: string;
    limits: Limits;
    rows: TeamMember[];
  } | null = null;
  return (
    members: readonly TeamMember[],
    view: RowView,
    locale: string,
    limits: Limits = noLimits,
  ): TeamMember[] => {
    const same = last && last.view === view && last.locale === locale && last.limits === limits;
    const rows =
      (last && same
        ? last.members === members
          ? last.rows
          : replaceChanged(last.members, last.rows, members, view, locale, limits)
        : null) ?? visibleMembers(members, view, locale, limits);
    last = { members, view, locale, limits, rows };
    return rows;
  };
}

/** The order counts and the state filter list states in: fixed, so counts never swap places. */
export const STATE_ORDER = USER_STATES;

/** How many members are in each state, in STATE_ORDER; states nobody is in are left out. */
export function countByState(
  members: readonly TeamMember[],
): { state: UserState; count: number }[] {
  const counts = new Map<UserState, number>();
  for (const member of members) counts.set(member.state, (counts.get(member.state) ?? 0) + 1);
  return STATE_ORDER.filter((state) => counts.has(state)).map((state) => ({
    state,
    count: counts.get(state) ?? 0,
  }));
}

/** The next sort after activating a column header: toggles the direction of the current column. */
export function nextSort(current: Sort, column: SortColumn): Sort {
  if (current.column === column) {
    return {
      column,
      direction: current.direction === 'ascending' ? 'descending' : 'ascending',
    };
  }
  return { column, direction: 'ascending' };
}
