// Finesse user states and which state changes the gadget offers from each (api.md §4).
export type UserState =
  | 'LOGIN'
  | 'LOGOUT'
  | 'NOT_READY'
  | 'READY'
  | 'RESERVED'
  | 'RESERVED_OUTBOUND'
  | 'RESERVED_OUTBOUND_PREVIEW'
  | 'TALKING'
  | 'HOLD'
  | 'WORK'
  | 'WORK_READY'
  | 'UNKNOWN';

export type DeploymentType = 'UCCE' | 'UCCX';

/** The only states a user (or a supervisor for a member) may ask for; LOGIN is not offered here. */
export type RequestableState = 'READY' | 'NOT_READY' | 'LOGOUT';

/** Every state, in the order people read them (available first, signed out last). */
export const USER_STATES: readonly UserState[] = [
  'READY',
  'NOT_READY',
  'RESERVED',
  'RESERVED_OUTBOUND',
  'RESERVED_OUTBOUND_PREVIEW',
  'TALKING',
  'HOLD',
  'WORK',
  'WORK_READY',
  'LOGIN',
  'LOGOUT',
  'UNKNOWN',
];

function isUserState(value: string): value is UserState {
  return (USER_STATES as readonly string[]).includes(value);
}

/** A state string from the server; anything unrecognised becomes 'UNKNOWN' rather than failing the whole payload. */
export function parseUserState(s: string): UserState {
  const upper = s.trim().toUpperCase();
  return isUserState(upper) ? upper : 'UNKNOWN';
}

/**
 * The changes a user may request from `current` (api.md §4 user table). NOT_READY → NOT_READY
 * is included: it is how a user changes reason. LOGOUT offers nothing: signing in needs an
 * extension and is not this gadget's job. With the deployment not known (SystemInfo not read
 * yet, or unreadable), only what both UCCE and UCCX accept.
 */
export function requestableStates(
  current: UserState,
  deployment: DeploymentType | null,
): RequestableState[] {
  if (deployment === null) {
    const uccx = requestableStates(current, 'UCCX');
    return requestableStates(current, 'UCCE').filter((state) => uccx.includes(state));
  }
  switch (current) {
    case 'NOT_READY':
      return ['READY', 'NOT_READY', 'LOGOUT'];
    case 'READY':
      // UCCX lets a Ready agent sign out directly; UCCE requires Not Ready first.
      return deployment === 'UCCX' ? ['NOT_READY', 'LOGOUT'] : ['NOT_READY'];
    case 'WORK':
    case 'WORK_READY':
      return ['READY', 'NOT_READY'];
    case 'TALKING':
    case 'HOLD':
    case 'RESERVED_OUTBOUND_PREVIEW':
      // Becomes pendingState until the call ends. LOGOUT on a call is undocumented for UCCE
      // (api.md §9), so it is not offered.
      return ['READY', 'NOT_READY'];
    case 'RESERVED_OUTBOUND':
      // UCCX accepts the PUT and then fails it asynchronously: better not to offer it.
      return deployment === 'UCCE' ? ['READY', 'NOT_READY'] : [];
    case 'LOGOUT':
    case 'LOGIN':
    case 'RESERVED':
    case 'UNKNOWN':
      return [];
  }
}

const SIGNED_IN: readonly UserState[] = USER_STATES.filter(
  (s) => s !== 'LOGOUT' && s !== 'LOGIN' && s !== 'UNKNOWN',
);

/**
 * What a supervisor may do to a team member in `memberState` (api.md §4): NOT_READY from
 * READY, WORK, WORK_READY; READY from NOT_READY, WORK, WORK_READY (the guide names READY as a
 * target without sources; we offer it only where it is a change and no call is involved);
 * LOGOUT from any signed-in state. No reason code is ever sent for these.
 */
export function supervisorActions(memberState: UserState): RequestableState[] {
  const actions: RequestableState[] = [];
  if (memberState === 'NOT_READY' || memberState === 'WORK' || memberState === 'WORK_READY') {
    actions.push('READY');
  }
  if (memberState === 'READY' || memberState === 'WORK' || memberState === 'WORK_READY') {
    actions.push('NOT_READY');
  }
  if (SIGNED_IN.includes(memberState)) actions.push('LOGOUT');
  return actions;
}
