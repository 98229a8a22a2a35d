// What the team table shows: sort, filter, search, counts, and the rows re-placed after an Update.
import { describe, expect, it } from 'vitest';
import { notReadyReason, teamMember as member } from '../../../test/builders.ts';
import type { TeamMember } from '../../finesse/team.ts';
import {
  countByState,
  createVisibleRows,
  defaultRowView,
  nextSort,
  visibleMembers,
  type RowView,
} from './teamRows.ts';

const members: TeamMember[] = [
  member('1001', {
    firstName: 'Ana',
    lastName: 'Álvarez',
    state: 'NOT_READY',
    reasonCode: notReadyReason('2', 'Lunch'),
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
