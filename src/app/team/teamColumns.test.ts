// The team table's one column model: order, labels, and each column's sort key.
import { describe, expect, it } from 'vitest';
import { notReadyReason, teamMember } from '../../../test/builders.ts';
import { noLimits } from './limits.ts';
import { ACTIONS_COL, CELLS_PER_ROW, memberName, teamColumn, teamColumns } from './teamColumns.tsx';

describe('teamColumns', () => {
  it('lists the sortable columns in table order, Actions after them', () => {
    expect(teamColumns.map((column) => column.id)).toEqual([
      'name',
      'id',
      'extension',
      'state',
      'reason',
      'timeInState',
      'overLimit',
      'pendingState',
    ]);
    expect(ACTIONS_COL).toBe(8);
    expect(CELLS_PER_ROW).toBe(9);
  });

  it('sorts by what each column shows; missing values are null (last)', () => {
    const ana = teamMember('1001', {
      firstName: 'Ana',
      lastName: 'Álvarez',
      state: 'NOT_READY',
      reasonCode: notReadyReason('2', 'Lunch'),
      pendingState: 'LOGOUT',
    });
    const eve = teamMember('1005', { stateChangeTime: null });
    const key = (id: Parameters<typeof teamColumn>[0], member = ana) =>
      teamColumn(id).sortKey(member, noLimits);
    expect(key('name')).toBe('Ana Álvarez');
    expect(key('id')).toBe('1001');
    expect(key('extension')).toBe('51001');
    expect(key('state')).toBe('Not Ready');
    expect(key('reason')).toBe('Lunch');
    expect(key('reason', eve)).toBeNull();
    expect(key('timeInState')).toBe(-Date.parse('2024-01-01T10:00:00.000Z'));
    expect(key('timeInState', eve)).toBeNull();
    expect(key('overLimit')).toBeNull();
    expect(key('pendingState')).toBe('Signed Out');
    expect(key('pendingState', eve)).toBeNull();
  });

  it('names a member by first and last name, trimmed', () => {
    expect(memberName({ firstName: 'Ana', lastName: '' })).toBe('Ana');
  });
});
