// Agent state transition rules for UCCE and UCCX (api.md §4): pure functions, no I/O.
import { NO_REASON, type AgentState, type Flavour } from './model.ts';

export type RequestedState = 'READY' | 'NOT_READY' | 'LOGOUT' | 'LOGIN';
export const REQUESTABLE_STATES: readonly RequestedState[] = [
  'READY',
  'NOT_READY',
  'LOGOUT',
  'LOGIN',
];

export interface AgentSnapshot {
  state: AgentState;
  pendingState: AgentState | '';
  pendingReasonCodeId: number;
}

export interface ChangeRequest {
  state: RequestedState;
  /** Already validated; for a supervisor change, the system code the server stamps. */
  reasonCodeId: number;
  by: 'self' | 'supervisor';
}

export interface AsyncError {
  errorType: string;
  errorData: string;
  errorMessage: string;
}

export type Outcome =
  | { kind: 'apply'; state: AgentState; reasonCodeId: number }
  | { kind: 'pending'; pendingState: AgentState; reasonCodeId: number }
  | { kind: 'asyncError'; error: AsyncError }
  | { kind: 'invalidState' };

export const CF_INVALID_AGENT_WORKMODE: AsyncError = {
  errorType: 'Invalid State',
  errorData: '265',
  errorMessage: 'CF_INVALID_AGENT_WORKMODE',
};

const UCCX_LEAVE_RESERVED_OUTBOUND: AsyncError = {
  errorType: 'Internal Server Error',
  errorData: '',
  errorMessage: 'RUNTIME_EXCEPTION',
};

/** States in which the agent is on a call: READY/NOT_READY requests become pending. */
const ON_CALL: readonly AgentState[] = ['TALKING', 'HOLD', 'RESERVED_OUTBOUND_PREVIEW'];
const AFTER_CALL_WORK: readonly AgentState[] = ['WORK', 'WORK_READY'];

export const isOnCall = (state: AgentState): boolean => ON_CALL.includes(state);
export const isSignedIn = (state: AgentState): boolean => state !== 'LOGOUT' && state !== 'UNKNOWN';

const apply = (state: AgentState, reasonCodeId: number): Outcome => ({
  kind: 'apply',
  state,
  reasonCodeId,
});

/**
 * What happens to a request that passed validation, given the agent's current state.
 * `invalidState` is answered synchronously with 400 Invalid State; the others follow a 202.
 * The same function is run again when the accepted change is applied, so a change the
 * state overtook in between fails asynchronously, as CTI would.
 */
export function decideTransition(
  flavour: Flavour,
  agent: AgentSnapshot,
  request: ChangeRequest,
): Outcome {
  const { state: from } = agent;
  const { state: to, reasonCodeId } = request;

  if (to === 'LOGIN') {
    // Decision: only the user signs themself in; a supervisor cannot (Invalid State).
    return from === 'LOGOUT' && request.by === 'self'
      ? apply('NOT_READY', NO_REASON)
      : { kind: 'invalidState' };
  }
  if (from === 'LOGOUT' || from === 'UNKNOWN') return { kind: 'invalidState' };

  // Cisco's guide, User—Change Agent State: "A supervisor can set the state of a user to
  // NOT_READY only if that user is in READY, WORK, or WORK_READY state" (so not on a call).
  if (
    request.by === 'supervisor' &&
    to === 'NOT_READY' &&
    from !== 'READY' &&
    !AFTER_CALL_WORK.includes(from)
  ) {
    return { kind: 'invalidState' };
  }

  if (isOnCall(from)) return decidePending(flavour, agent, { ...request, state: to });

  if (request.by === 'supervisor') {
    if (to === 'LOGOUT') return apply('LOGOUT', reasonCodeId);
    if (to === 'NOT_READY') {
      return from === 'READY' || AFTER_CALL_WORK.includes(from)
        ? apply('NOT_READY', reasonCodeId)
        : { kind: 'invalidState' };
    }
    // READY: from NOT_READY and after-call work. RESERVED_OUTBOUND as for the agent below.
    if (from === 'NOT_READY' || AFTER_CALL_WORK.includes(from)) return apply('READY', NO_REASON);
    if (from === 'RESERVED_OUTBOUND') {
      return flavour === 'UCCX'
        ? { kind: 'asyncError', error: UCCX_LEAVE_RESERVED_OUTBOUND }
        : apply('READY', NO_REASON);
    }
    return { kind: 'invalidState' };
  }

  switch (from) {
    case 'NOT_READY':
      // NOT_READY → NOT_READY with another (or the same) reason is how the reason changes.
      return apply(to, to === 'READY' ? NO_REASON : reasonCodeId);
    case 'READY':
      if (to === 'NOT_READY') return apply('NOT_READY', reasonCodeId);
      // UCCX lets a READY agent sign out; UCCE wants NOT_READY first.
      if (to === 'LOGOUT' && flavour === 'UCCX') return apply('LOGOUT', reasonCodeId);
      return { kind: 'invalidState' };
    case 'WORK':
    case 'WORK_READY':
      // Applied at once. Decision: LOGOUT from after-call work is not in the table → invalid.
      if (to === 'READY') return apply('READY', NO_REASON);
      if (to === 'NOT_READY') return apply('NOT_READY', reasonCodeId);
      return { kind: 'invalidState' };
    case 'RESERVED_OUTBOUND':
      if (to === 'LOGOUT') return { kind: 'invalidState' };
      return flavour === 'UCCX'
        ? { kind: 'asyncError', error: UCCX_LEAVE_RESERVED_OUTBOUND }
        : apply(to, to === 'READY' ? NO_REASON : reasonCodeId);
    default:
      // RESERVED (a call is ringing) and anything else: not requestable.
      return { kind: 'invalidState' };
  }
}

/**
 * On a call, READY/NOT_READY (and a supervisor's LOGOUT) wait for the call to end.
 * Decision (api.md §9): an agent may not request LOGOUT on a call, on either flavour —
 * the table lists only READY and NOT_READY as pending; a supervisor's LOGOUT is pending.
 * A supervisor's NOT_READY never gets here: the guide refuses it on a call (see above).
 * UCCX: one pending NOT_READY per call (another reason → async 265); pending READY during
 * a routed call → async 265 (every simulated call is routed, so CF_RESOURCE_BUSY never
 * happens). The same CTI rules apply whoever asked. A pending change that is already
 * there with the same reason is accepted again without change.
 * UCCE: the latest request replaces the pending one.
 */
function decidePending(
  flavour: Flavour,
  agent: AgentSnapshot,
  request: ChangeRequest & { state: Exclude<RequestedState, 'LOGIN'> },
): Outcome {
  const { state: to, reasonCodeId } = request;
  if (to === 'LOGOUT' && request.by === 'self') return { kind: 'invalidState' };
  const pendingReason = to === 'READY' ? NO_REASON : reasonCodeId;
  const pending: Outcome = { kind: 'pending', pendingState: to, reasonCodeId: pendingReason };
  if (flavour === 'UCCE') return pending;

  if (agent.pendingState === to && agent.pendingReasonCodeId === pendingReason) return pending;
  if (to === 'READY') return { kind: 'asyncError', error: CF_INVALID_AGENT_WORKMODE };
  if (agent.pendingState !== '') return { kind: 'asyncError', error: CF_INVALID_AGENT_WORKMODE };
  return pending;
}

export type CallAction = 'start' | 'end' | 'hold';

export type CallOutcome =
  | {
      ok: true;
      state: AgentState;
      reasonCodeId: number;
      preCall: { state: AgentState; reasonCodeId: number } | null;
      clearPending: boolean;
    }
  | { ok: false; reason: string };

/**
 * Simulated calls (all routed). `start` from READY or NOT_READY → TALKING (the reason is
 * cleared while talking). `hold` toggles TALKING ↔ HOLD on UCCE; UCCX has no HOLD.
 * `end`: the pending state if any; otherwise back to the state before the call (READY stays
 * READY; an agent who was NOT_READY — e.g. an outbound call — returns to that reason), or,
 * with `wrapUp`, to WORK (WORK_READY on UCCE when the agent was READY before the call).
 */
export function decideCall(
  flavour: Flavour,
  agent: AgentSnapshot & { reasonCodeId: number; preCall: CallOutcomePreCall },
  action: CallAction,
  wrapUp = false,
): CallOutcome {
  const { state } = agent;
  if (action === 'start') {
    if (state !== 'READY' && state !== 'NOT_READY') {
      return { ok: false, reason: `cannot start a call in ${state}` };
    }
    return {
      ok: true,
      state: 'TALKING',
      reasonCodeId: NO_REASON,
      preCall: { state, reasonCodeId: agent.reasonCodeId },
      clearPending: true,
    };
  }
  if (action === 'hold') {
    if (flavour === 'UCCX') return { ok: false, reason: 'UCCX has no HOLD state' };
    if (state !== 'TALKING' && state !== 'HOLD') {
      return { ok: false, reason: `no call to hold in ${state}` };
    }
    return {
      ok: true,
      state: state === 'TALKING' ? 'HOLD' : 'TALKING',
      reasonCodeId: NO_REASON,
      preCall: agent.preCall,
      clearPending: false,
    };
  }
  if (!isOnCall(state)) return { ok: false, reason: `no call to end in ${state}` };
  if (agent.pendingState !== '') {
    return {
      ok: true,
      state: agent.pendingState,
      reasonCodeId: agent.pendingReasonCodeId,
      preCall: null,
      clearPending: true,
    };
  }
  const before = agent.preCall ?? { state: 'READY', reasonCodeId: NO_REASON };
  if (wrapUp) {
    const work = flavour === 'UCCE' && before.state === 'READY' ? 'WORK_READY' : 'WORK';
    return { ok: true, state: work, reasonCodeId: NO_REASON, preCall: null, clearPending: true };
  }
  return {
    ok: true,
    state: before.state,
    reasonCodeId: before.reasonCodeId,
    preCall: null,
    clearPending: true,
  };
}

type CallOutcomePreCall = { state: AgentState; reasonCodeId: number } | null;
