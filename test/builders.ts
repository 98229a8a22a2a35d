// Test builders: a team member with every field set, overridden where a test needs it.
import type { ReasonCode } from '../src/finesse/reasonCodes.ts';
import type { TeamMember } from '../src/finesse/team.ts';

/** A READY agent `id` since 2024-01-01 10:00 UTC, named First<id> Last<id>, extension 5<id>. */
export function teamMember(id: string, overrides: Partial<TeamMember> = {}): TeamMember {
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

/** A Not Ready reason for everyone, `id` its uri id and its code. */
export function notReadyReason(id: string, label: string): ReasonCode {
  return {
    id,
    uri: `/finesse/api/ReasonCode/${id}`,
    code: id,
    label,
    category: 'NOT_READY',
    forAll: true,
    systemCode: false,
  };
}
