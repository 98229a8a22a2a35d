// Team table logic: sort, filter, search, counts, refresh backoff, member sharing, row actions.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseTeam, type Team, type TeamMember } from '../../finesse/team.ts';
import { keepUnchangedMembers } from '../../finesse/team.ts';
import { MAX_BACKOFF_MS, refreshDelay } from './refresh.ts';
import {
  countByState,
  createVisibleRows,
  defaultRowView,
  nextSort,
  visibleMembers,
  type RowView,
} from './teamRows.ts';
import { rowActionsReducer, type RowActions } from './useTeamActions.ts';

function member(id: string, overrides: Partial<TeamMember> = {}): TeamMember {
  return {
    id,
    uri: `/finesse/api/User/${id}/`,
    firstName: `First${id}`,
    lastName: `Last${id}`,
    extension: `5${id}`,
    state: 'READY',
    pendingState: null,
    stateChangeTime: new Date('2024-01-01T10:00:00.000Z'),
    reasonCode: null,
    ...overrides,
  };
}

const members: TeamMember[] = [
  member('1001', {
    firstName: 'Ana',
    lastName: 'Álvarez',
    state: 'NOT_READY',
    reasonCode: {
      id: '2',
      uri: '/finesse/api/ReasonCode/2',
      code: '2',
      label: 'Lunch',
      category: 'NOT_READY',
      forAll: true,
      systemCode: false,
    },
    stateChangeTime: new Date('2024-01-01T09:00:00.000Z'),
  }),
  member('1004', { firstName: 'Dmitri', lastName: 'Ivanov', state: 'LOGOUT' }),
  member('1005', { firstName: 'Eve', lastName: 'Tan', stateChangeTime: null }),
  member('1010', { firstName: 'Zoë', lastName: 'Adams', pendingState: 'NOT_READY' }),
];

const view = (patch: Partial<RowView>): RowView => ({ ...defaultRowView, ...patch });
const ids = (list: TeamMember[]) => list.map((m) => m.id);

describe('visibleMembers', () => {
  it('sorts by name by default, by locale rules', () => {
    expect(ids(visibleMembers(members, defaultRowView, 'en-US'))).toEqual([
      '1001',
      '1004',
      '1005',
      '1010',
    ]);
  });

  it('sorts by time in state, shortest first when ascending, unknown times last either way', () => {
    const asc = view({ sort: { column: 'timeInState', direction: 'ascending' } });
    expect(ids(visibleMembers(members, asc, 'en-US'))).toEqual(['1004', '1010', '1001', '1005']);
    const desc = view({ sort: { column: 'timeInState', direction: 'descending' } });
    expect(ids(visibleMembers(members, desc, 'en-US'))).toEqual(['1001', '1004', '1010', '1005']);
  });

  it('puts rows without a reason or pending state last, whichever the direction', () => {
    for (const direction of ['ascending', 'descending'] as const) {
      const byReason = view({ sort: { column: 'reason', direction } });
      expect(ids(visibleMembers(members, byReason, 'en-US'))[0]).toBe('1001');
      const byPending = view({ sort: { column: 'pendingState', direction } });
      expect(ids(visibleMembers(members, byPending, 'en-US'))[0]).toBe('1010');
    }
  });

  it('sorts by state in words and by login id numerically', () => {
    const byState = view({ sort: { column: 'state', direction: 'ascending' } });
    // Not Ready, Ready, Ready, Signed Out; ties by name.
    expect(ids(visibleMembers(members, byState, 'en-US'))).toEqual([
      '1001',
      '1005',
      '1010',
      '1004',
    ]);
    const mixed = [member('900'), member('1000'), member('90')];
    const byId = view({ sort: { column: 'id', direction: 'descending' } });
    expect(ids(visibleMembers(mixed, byId, 'en-US'))).toEqual(['1000', '900', '90']);
  });

  it('filters by state and searches by name (accents ignored, either order) or id', () => {
    expect(ids(visibleMembers(members, view({ stateFilter: 'READY' }), 'en-US'))).toEqual([
      '1005',
      '1010',
    ]);
    expect(ids(visibleMembers(members, view({ search: 'alvarez' }), 'en-US'))).toEqual(['1001']);
    expect(ids(visibleMembers(members, view({ search: 'álvarez ana' }), 'en-US'))).toEqual([
      '1001',
    ]);
    expect(ids(visibleMembers(members, view({ search: ' 100 ' }), 'en-US'))).toEqual([
      '1001',
      '1004',
      '1005',
    ]);
    expect(
      ids(visibleMembers(members, view({ search: 'zoe', stateFilter: 'LOGOUT' }), 'en-US')),
    ).toEqual([]);
  });
});

describe('countByState and nextSort', () => {
  it('counts in a fixed order so counts never swap places', () => {
    expect(countByState(members)).toEqual([
      { state: 'READY', count: 2 },
      { state: 'NOT_READY', count: 1 },
      { state: 'LOGOUT', count: 1 },
    ]);
  });

  it('toggles the direction on the same column, starts ascending on another', () => {
    const s = nextSort(defaultRowView.sort, 'name');
    expect(s).toEqual({ column: 'name', direction: 'descending' });
    expect(nextSort(s, 'state')).toEqual({ column: 'state', direction: 'ascending' });
  });
});

describe('refreshDelay', () => {
  const now = 1_000_000;
  it('is the interval while reads succeed', () => {
    expect(
      refreshDelay({ status: 'success', dataUpdatedAt: now, errorUpdateCount: 3 }, 5000, now),
    ).toBe(5000);
  });
  it('grows with the time since the last good read while failing, up to the cap', () => {
    const failing = (ago: number) =>
      refreshDelay({ status: 'error', dataUpdatedAt: now - ago, errorUpdateCount: 1 }, 5000, now);
    expect(failing(2000)).toBe(5000);
    expect(failing(11_000)).toBe(11_000);
    expect(failing(22_000)).toBe(22_000);
    expect(failing(600_000)).toBe(MAX_BACKOFF_MS);
  });
  it('doubles per error for a team that never loaded', () => {
    const never = (errors: number) =>
      refreshDelay({ status: 'error', dataUpdatedAt: 0, errorUpdateCount: errors }, 2000, now);
    expect([never(1), never(2), never(3), never(10)]).toEqual([4000, 8000, 16000, MAX_BACKOFF_MS]);
  });
  it('never comes sooner than Finesse’s Retry-After, even past the cap', () => {
    const asked = (retryAfterMs: number) =>
      refreshDelay(
        {
          status: 'error',
          dataUpdatedAt: now - 1000,
          errorUpdateCount: 1,
          error: { retryAfterMs },
        },
        5000,
        now,
      );
    expect(asked(20_000)).toBe(20_000);
    expect(asked(120_000)).toBe(120_000);
    expect(asked(1000)).toBe(5000);
  });
});

describe('keepUnchangedMembers (structural sharing with Dates)', () => {
  const xml = readFileSync(new URL('../../../test/fixtures/team.xml', import.meta.url), 'utf8');

  it('keeps the previous team object when nothing changed', () => {
    const a = parseTeam(xml);
    const b = parseTeam(xml);
    expect(b.members[0]).not.toBe(a.members[0]);
    expect(keepUnchangedMembers(a, b)).toBe(a);
  });

  it('keeps unchanged members by reference and takes changed ones', () => {
    const a = parseTeam(xml);
    const b: Team = parseTeam(xml);
    const changed = { ...b.members[0]!, stateChangeTime: new Date(0) };
    b.members[0] = changed;
    const shared = keepUnchangedMembers(a, b);
    expect(shared).not.toBe(a);
    expect(shared.members[0]).toBe(changed);
    shared.members.slice(1).forEach((m, i) => expect(m).toBe(a.members[i + 1]));
  });

  it('notices a member leaving, and a new order', () => {
    const a = parseTeam(xml);
    const fewer = { ...parseTeam(xml), members: parseTeam(xml).members.slice(1) };
    expect(keepUnchangedMembers(a, fewer).members).toHaveLength(a.members.length - 1);
    const reversed = { ...parseTeam(xml), members: parseTeam(xml).members.reverse() };
    const shared = keepUnchangedMembers(a, reversed);
    expect(shared.members.map((m) => m.id)).toEqual([...a.members].reverse().map((m) => m.id));
    expect(shared.members[0]).toBe(a.members[a.members.length - 1]);
  });
});

describe('rowActionsReducer', () => {
  const empty: RowActions = new Map();

  it('confirms an accepted change when a refresh shows it (or its pendingState)', () => {
    let actions = rowActionsReducer(empty, {
      type: 'sending',
      memberId: '1005',
      target: 'NOT_READY',
    });
    actions = rowActionsReducer(actions, {
      type: 'accepted',
      memberId: '1005',
      target: 'NOT_READY',
      deadline: 10_000,
    });
    const unchanged = rowActionsReducer(actions, {
      type: 'check',
      members: [member('1005')],
      now: 5000,
      boundMs: 10_000,
    });
    expect(unchanged).toBe(actions);
    const onCall = rowActionsReducer(actions, {
      type: 'check',
      members: [member('1005', { state: 'TALKING', pendingState: 'NOT_READY' })],
      now: 5000,
      boundMs: 10_000,
    });
    expect(onCall.size).toBe(0);
  });

  it('gives up at the deadline and says what the team shows', () => {
    const actions = rowActionsReducer(empty, {
      type: 'accepted',
      memberId: '1005',
      target: 'LOGOUT',
      deadline: 10_000,
    });
    const after = rowActionsReducer(actions, {
      type: 'check',
      members: [member('1005', { state: 'TALKING' })],
      now: 10_000,
      boundMs: 10_000,
    });
    expect(after.get('1005')).toEqual({
      phase: 'unconfirmed',
      target: 'LOGOUT',
      seconds: 10,
      state: 'TALKING',
    });
    expect(rowActionsReducer(after, { type: 'dismiss', memberId: '1005' }).size).toBe(0);
  });
});

describe('createVisibleRows', () => {
  const STATES = ['READY', 'NOT_READY', 'TALKING', 'WORK', 'LOGOUT'] as const;
  const agent = (i: number, version = 0) =>
    member(String(1000 + i), {
      firstName: ['Ana', 'Ben', 'Chloé', 'Dev'][i % 4] ?? '',
      lastName: `Smith ${i % 37}`,
      state: STATES[(i + version) % STATES.length] ?? 'READY',
      stateChangeTime: new Date(Date.UTC(2024, 0, 1, 10, 0, (i * 7 + version * 13) % 3600)),
    });

  it('re-places changed members exactly where a full sort puts them, for every column', () => {
    const columns = ['name', 'id', 'state', 'timeInState', 'reason', 'pendingState'] as const;
    for (const column of columns) {
      for (const direction of ['ascending', 'descending'] as const) {
        const view: RowView = { ...defaultRowView, sort: { column, direction }, search: 'a' };
        const rows = createVisibleRows();
        let members = Array.from({ length: 300 }, (_, i) => agent(i));
        expect(rows(members, view, 'en')).toEqual(visibleMembers(members, view, 'en'));
        for (let round = 1; round <= 5; round++) {
          // A few Updates: changed members, one leaving, one joining.
          members = members.map((m) => {
            const i = Number(m.id) - 1000;
            return i % 61 === round ? agent(i, round) : m;
          });
          members = [...members.filter((_, i) => i !== round * 3), agent(400 + round)];
          expect(rows(members, view, 'en'), `${column} ${direction} round ${round}`).toEqual(
            visibleMembers(members, view, 'en'),
          );
        }
      }
    }
  });

  it('keeps its answer for the same members, and starts again when the view changes', () => {
    const rows = createVisibleRows();
    const members = Array.from({ length: 50 }, (_, i) => agent(i));
    const first = rows(members, defaultRowView, 'en');
    expect(rows(members, defaultRowView, 'en')).toBe(first);
    const byId: RowView = { ...defaultRowView, sort: { column: 'id', direction: 'descending' } };
    expect(rows(members, byId, 'en')).toEqual(visibleMembers(members, byId, 'en'));
  });
});
