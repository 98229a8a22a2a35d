// The team actions' reducer: sending, accepted, confirmed by a refresh, or given up at the deadline.
import { describe, expect, it } from 'vitest';
import { teamMember as member } from '../../../test/builders.ts';
import { rowActionsReducer, type RowActions } from './useTeamActions.ts';

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
  it('a bulk action queues rows (marked bulk), which then go through the same phases', () => {
    let actions = rowActionsReducer(empty, {
      type: 'queued',
      memberIds: ['a', 'b'],
      target: 'LOGOUT',
    });
    expect(actions.get('a')).toEqual({ phase: 'queued', target: 'LOGOUT', bulk: true });
    actions = rowActionsReducer(actions, {
      type: 'sending',
      memberId: 'a',
      target: 'LOGOUT',
      bulk: true,
    });
    actions = rowActionsReducer(actions, {
      type: 'accepted',
      memberId: 'a',
      target: 'LOGOUT',
      deadline: 10_000,
      bulk: true,
    });
    actions = rowActionsReducer(actions, {
      type: 'check',
      members: [member('a', { state: 'TALKING', pendingState: 'LOGOUT' }), member('b')],
      now: 1000,
      boundMs: 10_000,
    });
    expect(actions.has('a')).toBe(false);
    expect(actions.get('b')?.phase).toBe('queued');
    // A row's own action is not marked.
    actions = rowActionsReducer(actions, { type: 'sending', memberId: 'c', target: 'READY' });
    expect(actions.get('c')).toEqual({ phase: 'sending', target: 'READY' });
  });
});
