// Finesse User: parsing GET /User/{id} and notification users, and building state-change bodies.
import { parseReasonCodeNode, type ReasonCode } from './reasonCodes.ts';
import { parseUserState, type UserState } from './states.ts';
import {
  XmlParseError,
  buildXml,
  child,
  excerptOf,
  isRecord,
  lastUriSegment,
  list,
  parseTimestamp,
  parseXml,
  rootNode,
  text,
  textOf,
} from './xml.ts';

export type Role = 'Agent' | 'Supervisor' | 'Administrator';

/** A team the user supervises, from the User's `<teams>`. */
export interface TeamRef {
  id: string;
  name: string;
  uri: string;
}

export interface User {
  /** loginId: the id used in URIs. */
  id: string;
  uri: string;
  loginName: string;
  firstName: string;
  lastName: string;
  extension: string;
  roles: Role[];
  state: UserState;
  stateChangeTime: Date | null;
  /** A change waiting for the current call to end; null when none. */
  pendingState: UserState | null;
  /** The current reason's uri id; null when empty or -1 (no reason). */
  reasonCodeId: string | null;
  /** The current reason, possibly a system code: display it by label. */
  reasonCode: ReasonCode | null;
  teamId: string;
  teamName: string;
  /** Teams this user supervises; empty for agents. */
  teams: TeamRef[];
}

const ROLES: readonly Role[] = ['Agent', 'Supervisor', 'Administrator'];

function parseRole(value: unknown): Role | null {
  const name = textOf(value).toLowerCase();
  return ROLES.find((role) => role.toLowerCase() === name) ?? null;
}

/** Empty or -1 both mean "no reason" (just signed in, no codes configured, after failover). */
export function parseReasonCodeId(value: string): string | null {
  return value === '' || value === '-1' ? null : value;
}

export function parsePendingState(value: string): UserState | null {
  return value === '' ? null : parseUserState(value);
}

function teamRefFromNode(node: unknown): TeamRef | null {
  const uri = text(node, 'uri');
  const id = text(node, 'id') || lastUriSegment(uri);
  if (id === '') return null;
  return { id, name: text(node, 'name'), uri };
}

/** Reads a parsed User element's content (`<User>` from GET, `<user>` in notifications). */
export function userFromNode(node: unknown): User {
  if (!isRecord(node)) throw new XmlParseError('User element is empty', '');
  const uri = text(node, 'uri');
  const id = text(node, 'loginId') || lastUriSegment(uri);
  if (id === '')
    throw new XmlParseError('User has neither loginId nor uri', excerptOf(JSON.stringify(node)));
  const state = parseUserState(text(node, 'state'));
  return {
    id,
    uri,
    loginName: text(node, 'loginName'),
    firstName: text(node, 'firstName'),
    lastName: text(node, 'lastName'),
    extension: text(node, 'extension'),
    roles: list(child(node, 'roles'), 'role')
      .map(parseRole)
      .filter((role) => role !== null),
    state,
    stateChangeTime: parseTimestamp(text(node, 'stateChangeTime')),
    pendingState: parsePendingState(text(node, 'pendingState')),
    reasonCodeId: parseReasonCodeId(text(node, 'reasonCodeId')),
    reasonCode: parseReasonCodeNode(
      child(node, 'ReasonCode', 'reasonCode'),
      state === 'LOGOUT' ? 'LOGOUT' : 'NOT_READY',
    ),
    teamId: text(node, 'teamId'),
    teamName: text(node, 'teamName'),
    teams: list(child(node, 'teams'), 'Team')
      .map(teamRefFromNode)
      .filter((team) => team !== null),
  };
}

/** Parses a GET /User/{id} body. */
export function parseUser(xml: string): User {
  return userFromNode(rootNode(parseXml(xml), ['User'], xml));
}

export type StateChange =
  | { state: 'READY' }
  | { state: 'NOT_READY' | 'LOGOUT'; reasonCodeId?: string }
  | { state: 'LOGIN'; extension: string };

/**
 * The PUT /User/{id} body for a state change. `reasonCodeId` is the reason's uri id, never its
 * code; it is left out when not given or empty (required for a user's own NOT_READY/LOGOUT when codes
 * exist, forbidden for a supervisor acting on a member).
 */
export function stateChangeBody(change: StateChange): string {
  const user: Record<string, string> = { state: change.state };
  if (change.state === 'LOGIN') {
    user.extension = change.extension;
  } else if (change.state !== 'READY' && change.reasonCodeId) {
    // '' is treated as absent: an empty <reasonCodeId/> is neither "no reason" nor a valid id.
    user.reasonCodeId = change.reasonCodeId;
  }
  return buildXml({ User: user });
}
