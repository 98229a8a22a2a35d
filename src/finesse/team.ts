// Finesse Team: GET /Team/{id} with each member's state and current reason.
import { parseReasonCodeNode, type ReasonCode } from './reasonCodes.ts';
import { parseUserState, type UserState } from './states.ts';
import { parsePendingState } from './user.ts';
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
