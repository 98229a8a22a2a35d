// Finesse Team: GET /Team/{id} with each member's state and current reason.
import { parseReasonCodeNode, type ReasonCode } from './reasonCodes.ts';
import { parseUserState, type UserState } from './states.ts';
import type { Update } from './update.ts';
import { parsePendingState, type User } from './user.ts';
import {
  XmlParseError,
  excerptOf,
  isRecord,
  lastUriSegment,
  list,
  child,
  parseTimestamp,
  parseXml,
  rootNode,
  text,
} from './xml.ts';

export interface TeamMember {
  /** loginId. */
  id: string;
  uri: string;
  firstName: string;
  lastName: string;
  extension: string;
  state: UserState;
  pendingState: UserState | null;
  stateChangeTime: Date | null;
  /** Current reason, possibly a system code (e.g. supervisor initiated): display by label. */
  reasonCode: ReasonCode | null;
  /** UCCX only: BUSY / IDLE. */
  mediaState?: string;
}

export interface Team {
  id: string;
  uri: string;
  name: string;
  members: TeamMember[];
}

function memberFromNode(node: unknown): TeamMember | null {
  if (!isRecord(node)) return null;
  const uri = text(node, 'uri');
  const id = text(node, 'loginId') || lastUriSegment(uri);
  if (id === '') return null;
  const state = parseUserState(text(node, 'state'));
  const member: TeamMember = {
    id,
    uri,
    firstName: text(node, 'firstName'),
    lastName: text(node, 'lastName'),
    extension: text(node, 'extension'),
    state,
    pendingState: parsePendingState(text(node, 'pendingState')),
    stateChangeTime: parseTimestamp(text(node, 'stateChangeTime')),
    // GET answers <reasonCode>, notifications <ReasonCode>: accept both.
    reasonCode: parseReasonCodeNode(
      child(node, 'reasonCode', 'ReasonCode'),
      state === 'LOGOUT' ? 'LOGOUT' : 'NOT_READY',
    ),
  };
  const mediaState = text(node, 'mediaState');
  if (mediaState !== '') member.mediaState = mediaState;
  return member;
}

/** Parses a GET /Team/{id} body. Members without a usable id are left out. */
export function parseTeam(xml: string): Team {
  const root = rootNode(parseXml(xml), ['Team'], xml);
  const uri = text(root, 'uri');
  const id = text(root, 'id') || lastUriSegment(uri);
  if (id === '') throw new XmlParseError('Team has neither id nor uri', excerptOf(xml));
  return {
    id,
    uri,
    name: text(root, 'name'),
    members: list(child(root, 'users'), 'User')
      .map(memberFromNode)
      .filter((member) => member !== null),
  };
}

/** A team member as a Team read would show it, from a User (a team node's Update carries one). */
export function memberFromUser(user: User): TeamMember {
  return {
    id: user.id,
    uri: user.uri,
    firstName: user.firstName,
    lastName: user.lastName,
    extension: user.extension,
    state: user.state,
    pendingState: user.pendingState,
    stateChangeTime: user.stateChangeTime,
    reasonCode: user.reasonCode,
  };
}

/**
 * The team after one Update on its node (`/finesse/api/Team/{id}/Users`): the member it names
 * changed (PUT), joined (POST, or a PUT for someone not yet listed) or left (DELETE, or a user
 * whose teamId now names another team). Everyone else keeps their object, so only that row
 * renders again. Cisco's guide: one Update per member change, `<source>` the user's uri. Anything
 * that is not about a user leaves the team as it was.
 */
export function applyMemberUpdate(team: Team, update: Update): Team {
  if (update.data.kind !== 'user') return team;
  const { user } = update.data;
  const index = team.members.findIndex((member) => member.id === user.id);
  const leaves = update.event === 'DELETE' || (user.teamId !== '' && user.teamId !== team.id);
  if (leaves) {
    if (index < 0) return team;
    return { ...team, members: team.members.filter((_, i) => i !== index) };
  }
  const previous = index >= 0 ? team.members[index] : undefined;
  const member: TeamMember = { ...memberFromUser(user) };
  if (previous?.mediaState !== undefined) member.mediaState = previous.mediaState;
  const members = [...team.members];
  if (index >= 0) members[index] = member;
  else members.push(member);
  return { ...team, members };
}

// ---- Structural sharing: an unchanged member keeps its object across reads and Updates ----
// (TanStack Query's own sharing gives up at Dates, stateChangeTime; the team query uses this.)

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
  );
}

/** Deep equality over what the parsers produce: plain objects, arrays, Dates and primitives. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((value, i) => sameValue(value, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]))
    );
  }
  return false;
}

/** `next`, with every member equal to its previous version replaced by that previous object. */
export function keepUnchangedMembers(previous: Team | undefined, next: Team): Team {
  if (!previous) return next;
  const before = new Map(previous.members.map((member) => [member.id, member]));
  let membersChanged = previous.members.length !== next.members.length;
  const members = next.members.map((member, index) => {
    const old = before.get(member.id);
    if (old && sameValue(old, member)) {
      if (previous.members[index] !== old) membersChanged = true;
      return old;
    }
    membersChanged = true;
    return member;
  });
  const sameTeam =
    previous.id === next.id && previous.uri === next.uri && previous.name === next.name;
  if (sameTeam && !membersChanged) return previous;
  return { ...next, members: membersChanged ? members : previous.members };
}
