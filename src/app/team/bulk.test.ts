// Bulk actions before sending: the selection by id, and the plan (what changes, what is skipped and
// why) by the same rules as the row buttons.
import { describe, expect, it } from 'vitest';
import { teamMember } from '../../../test/builders.ts';
import {
  noSelection,
  planBulk,
  selectedMembers,
  selectShown,
  toggleSelected,
  type SkipReason,
} from './bulk.ts';
import type { RowActions } from './useTeamActions.ts';

const none: RowActions = new Map();

describe('selection', () => {
  it('toggles by id and survives a re-ordered or refreshed roster', () => {
    let selection = toggleSelected(noSelection, 'b');
    selection = toggleSelected(selection, 'c');
    selection = toggleSelected(selection, 'b');
    expect([...selection]).toEqual(['c']);
    // New member objects (a refresh), another order (a sort): still the same agents.
    const refreshed = [teamMember('c'), teamMember('a'), teamMember('b')];
    expect(selectedMembers(refreshed, selection).map((m) => m.id)).toEqual(['c']);
    // An agent who left the team is not counted.
    expect(selectedMembers([teamMember('a')], selection)).toEqual([]);
  });

  it('"select all shown" adds exactly the rows shown, never the own row', () => {
    const shown = [teamMember('a'), teamMember('me'), teamMember('b')];
    const selection = selectShown(new Set(['z']), shown, 'me');
    expect([...selection].sort()).toEqual(['a', 'b', 'z']);
    // Nothing new: the same object (no re-render).
    expect(selectShown(selection, shown, 'me')).toBe(selection);
  });
});

describe('planBulk', () => {
  const team = [
    teamMember('r1', { state: 'READY' }),
    teamMember('n1', { state: 'NOT_READY' }),
    teamMember('n2', { state: 'NOT_READY' }),
    teamMember('t1', { state: 'TALKING' }),
    teamMember('t2', { state: 'TALKING', pendingState: 'LOGOUT' }),
    teamMember('o1', { state: 'LOGOUT' }),
    teamMember('o2', { state: 'LOGOUT' }),
    teamMember('w1', { state: 'WORK' }),
    teamMember('me', { state: 'NOT_READY' }),
  ];
  const skippedOf = (plan: ReturnType<typeof planBulk>) =>
    plan.skipped.map(({ reason, count }) => ({ ...reason, count }));

  it('Sign Out: on-call agents are sent (Finesse applies it after the call), signed-out skipped', () => {
    const plan = planBulk(team, 'LOGOUT', 'me', none);
    expect(plan.send.map((m) => m.id)).toEqual(['r1', 'n1', 'n2', 't1', 'w1']);
    expect(plan.afterCall).toBe(1);
    expect(skippedOf(plan)).toEqual([
      { kind: 'pending', count: 1 },
      { kind: 'already', state: 'LOGOUT', count: 2 },
      { kind: 'self', count: 1 },
    ]);
  });

  it('Ready and Not Ready follow the row buttons: no change on a call or from signed out', () => {
    const ready = planBulk(team, 'READY', 'me', none);
    expect(ready.send.map((m) => m.id)).toEqual(['n1', 'n2', 'w1']);
    expect(skippedOf(ready)).toEqual<(SkipReason & { count: number })[]>([
      { kind: 'already', state: 'READY', count: 1 },
      { kind: 'notFrom', state: 'TALKING', count: 2 },
      { kind: 'notFrom', state: 'LOGOUT', count: 2 },
      { kind: 'self', count: 1 },
    ]);
    const notReady = planBulk(team, 'NOT_READY', 'me', none);
    expect(notReady.send.map((m) => m.id)).toEqual(['r1', 'w1']);
    expect(notReady.afterCall).toBe(0);
  });

  it('skips agents whose change is already on its way', () => {
    const actions: RowActions = new Map([
      ['n1', { phase: 'accepted', target: 'READY', deadline: 0 }],
      ['n2', { phase: 'failed', target: 'READY', error: new Error('x') }],
    ]);
    const plan = planBulk(team, 'LOGOUT', 'me', actions);
    expect(plan.send.map((m) => m.id)).toEqual(['r1', 'n2', 't1', 'w1']);
    expect(skippedOf(plan)).toContainEqual({ kind: 'busy', count: 1 });
  });
});
