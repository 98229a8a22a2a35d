// A supervisor's bulk action, before anything is sent: the selection (kept by agent id) and which
// selected agents a target changes, which are skipped and why, by the row buttons' own rules.
import { supervisorActions, type RequestableState, type UserState } from '../../finesse/states.ts';
import type { TeamMember } from '../../finesse/team.ts';
import type { RowActions } from './useTeamActions.ts';

/** Selected agent ids. Kept by id: sorts, Updates, refreshes and virtual rows do not change it. */
export type Selection = ReadonlySet<string>;

export const noSelection: Selection = new Set();

export function toggleSelected(selection: Selection, id: string): Selection {
  const next = new Set(selection);
  if (!next.delete(id)) next.add(id);
  return next;
}

/** Every agent shown (the current filter and search) joins the selection; the own row never does. */
export function selectShown(
  selection: Selection,
  shown: readonly TeamMember[],
  selfId: string,
): Selection {
  const next = new Set(selection);
  for (const member of shown) if (member.id !== selfId) next.add(member.id);
  return next.size === selection.size ? selection : next;
}

/** The selected ids still on the team (an agent who left it is no longer counted or sent). */
export function selectedMembers(
  members: readonly TeamMember[],
  selection: Selection,
): TeamMember[] {
  if (selection.size === 0) return [];
  return members.filter((member) => selection.has(member.id));
}

/** Why a selected agent is left out of a bulk action. */
export type SkipReason =
  /** Already in the target state ("2 are already Signed Out"). */
  | { kind: 'already'; state: UserState }
  /** The target is already their pending state (waiting for a call to end). */
  | { kind: 'pending' }
  /** A change for them is on its way already (a row action, or this bulk action). */
  | { kind: 'busy' }
  /** Finesse does not allow the target from their state (api.md §4, supervisor rules). */
  | { kind: 'notFrom'; state: UserState }
  /** The supervisor's own row: their state is changed with My state, with a reason. */
  | { kind: 'self' };

/** A sent change that Finesse applies later: a Sign Out while on a call. */
export type SendNote = { kind: 'afterCall' };

export interface BulkPlan {
  target: RequestableState;
  /** In the order given (the team's): one PUT each. */
  send: TeamMember[];
  /** Counted per reason, in the order first met. */
  skipped: { reason: SkipReason; count: number }[];
  /** Of `send`: how many Finesse will apply only after their call (api.md §4). */
  afterCall: number;
}

const CALL_STATES: readonly UserState[] = [
  'TALKING',
  'HOLD',
  'RESERVED',
  'RESERVED_OUTBOUND',
  'RESERVED_OUTBOUND_PREVIEW',
];

/** Whether the agent is on (or being offered) a call: a supervisor's Sign Out waits for its end. */
export const onCall = (state: UserState) => CALL_STATES.includes(state);

function skipReason(
  member: TeamMember,
  target: RequestableState,
  selfId: string,
  actions: RowActions,
): SkipReason | null {
  if (member.id === selfId) return { kind: 'self' };
  const action = actions.get(member.id);
  if (action && (action.phase === 'sending' || action.phase === 'accepted')) {
    return { kind: 'busy' };
  }
  if (action?.phase === 'queued') return { kind: 'busy' };
  if (member.state === target) return { kind: 'already', state: member.state };
  if (member.pendingState === target) return { kind: 'pending' };
  // The same rules as the row's buttons: what a row does not offer, a bulk action does not send.
  if (!supervisorActions(member.state).includes(target)) {
    return { kind: 'notFrom', state: member.state };
  }
  return null;
}

const reasonKey = (reason: SkipReason) =>
  reason.kind === 'already' || reason.kind === 'notFrom'
    ? `${reason.kind}:${reason.state}`
    : reason.kind;

/** What a bulk action to `target` would do to the selected `members`. */
export function planBulk(
  members: readonly TeamMember[],
  target: RequestableState,
  selfId: string,
  actions: RowActions,
): BulkPlan {
  const send: TeamMember[] = [];
  const skipped = new Map<string, { reason: SkipReason; count: number }>();
  let afterCall = 0;
  for (const member of members) {
    const reason = skipReason(member, target, selfId, actions);
    if (reason) {
      const key = reasonKey(reason);
      const entry = skipped.get(key);
      if (entry) entry.count += 1;
      else skipped.set(key, { reason, count: 1 });
      continue;
    }
    send.push(member);
    // A supervisor's LOGOUT of an agent on a call takes effect when the call ends (api.md §4,
    // "Supervisor changing a team member").
    if (target === 'LOGOUT' && onCall(member.state)) afterCall += 1;
  }
  return { target, send, skipped: [...skipped.values()], afterCall };
}
