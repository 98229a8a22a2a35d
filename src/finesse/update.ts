// Finesse Update notifications: a changed user, or the asynchronous failure of an accepted request.
// The one Update parser, whatever carried it: the desktop's hub (node path + XML or JSON, bare XML,
// or finesse.js's own object), or an XMPP pubsub item in a browser tab.
import { FinesseError, apiErrorsFromNode, type ApiError } from './errors.ts';
import { userFromNode, type User } from './user.ts';
import {
  XmlParseError,
  child,
  excerptOf,
  isRecord,
  nodeFromObject,
  parseXml,
  rootNode,
  text,
  type XmlNode,
} from './xml.ts';

export type Update = {
  /** PUT, POST or DELETE; upper-cased because servers vary the case. */
  event: string;
  /** The requestId of the request that caused it; null when unsolicited. */
  requestId: string | null;
  /** The node's resource, e.g. '/finesse/api/User/1234'. */
  source: string;
  data:
    | { kind: 'user'; user: User }
    | { kind: 'apiErrors'; errors: ApiError[] }
    /**
     * On the SystemInfo node, whose Updates say Finesse's service status changed (failover.md,
     * "SystemInfo"): only the status is read here, since no source shows which other fields an
     * Update carries.
     */
    | { kind: 'systemInfo'; status: string; statusReason: string }
    | { kind: 'other' };
};

/** Reads the content of an `<Update>` element, parsed from XML or converted from an object. */
function updateFromNode(root: XmlNode): Update {
  const requestId = text(root, 'requestId');
  const data = child(root, 'data');
  // The server writes the user in lower case (`<user>`); finesse.js normalises it, so accept both.
  const user = child(data, 'user', 'User');
  const apiErrors = child(data, 'apiErrors', 'ApiErrors');
  const systemInfo = child(data, 'SystemInfo', 'systemInfo');
  return {
    event: text(root, 'event').toUpperCase(),
    requestId: requestId === '' ? null : requestId,
    source: text(root, 'source'),
    data: isRecord(user)
      ? { kind: 'user', user: userFromNode(user) }
      : apiErrors !== undefined
        ? { kind: 'apiErrors', errors: apiErrorsFromNode(apiErrors) }
        : isRecord(systemInfo)
          ? {
              kind: 'systemInfo',
              status: text(systemInfo, 'status').toUpperCase(),
              statusReason: text(systemInfo, 'statusReason'),
            }
          : { kind: 'other' },
  };
}

/** Parses an `<Update>` notification payload. Throws XmlParseError when it is not one. */
export function parseUpdate(xml: string): Update {
  return updateFromNode(rootNode(parseXml(xml), ['Update'], xml));
}

/**
 * Reads an Update from an object: finesse.js's conversion of the XML (`{ Update: { event,
 * requestId, source, data: { user: {…} } } }`, Goessner's xml2json: finesse-10.5.1.js
 * `Utilities.xml2JsObj`, read back as `update.object.Update` in `RestBase._processUpdate`), or a
 * JSON payload. No source shows a JSON Update, so both `{ Update: {…} }` and the Update's content
 * on its own are accepted. Throws XmlParseError when it is neither.
 */
export function updateFromObject(value: unknown): Update {
  const node = nodeFromObject(value);
  const excerpt = () => excerptOf(JSON.stringify(value) ?? '');
  if (!isRecord(node)) throw new XmlParseError('Update object is not an object', excerpt());
  const wrapped = child(node, 'Update');
  if (isRecord(wrapped)) return updateFromNode(wrapped);
  if (child(node, 'event') !== undefined && child(node, 'data') !== undefined) {
    return updateFromNode(node);
  }
  throw new XmlParseError('Object is not an Update', excerpt());
}

/**
 * The largest notification read, in characters: the limit of a User answer (client.ts
 * `BODY_LIMITS.user`). Every Update carries one object: a user (on their node, or as one member
 * on a team's node: notifications.md "Team node: one Update per member change"), an ApiErrors, or
 * SystemInfo. A Team *answer* may be 32 MiB, but no Update carries a team, and a 30 MB Update
 * parsed at once would block the page for seconds.
 */
export const NOTIFICATION_LIMIT = 256 * 1024;

/** A notification larger than NOTIFICATION_LIMIT, refused before any parsing. */
export class UpdateTooLarge extends Error {
  override readonly name = 'UpdateTooLarge';
  constructor(
    readonly sizeChars: number,
    readonly limitChars: number,
  ) {
    super(`An Update of ${sizeChars} characters is over the limit of ${limitChars}`);
  }
}

/** A notification as the desktop tunnels it, split into the node it came from and its Update. */
export interface Notification {
  /** e.g. '/finesse/api/User/1001'; null when the event carried no node path. */
  node: string | null;
  update: Update;
}

/**
 * Parses a notification event as the Finesse desktop's tunnel delivers it and republishes it as the
 * hub publication's `content`: the node path immediately followed by the payload, XML or JSON
 * (`/finesse/api/User/1001<Update>…`, `/finesse/api/User/1001{…}`; finesse-10.5.1.js
 * `MasterPublisher._parseAndPublishXMLEvent` and `_parseAndPublishJSONEvent` split at the first
 * `<` or `{` and URI-decode the path). A bare payload with no path is accepted too. Throws
 * XmlParseError when the payload is not an Update, and UpdateTooLarge, before parsing, when it is
 * over NOTIFICATION_LIMIT.
 */
export function parseNotification(event: string): Notification {
  if (event.length > NOTIFICATION_LIMIT) throw new UpdateTooLarge(event.length, NOTIFICATION_LIMIT);
  const xmlAt = event.indexOf('<');
  const jsonAt = event.indexOf('{');
  const at = xmlAt < 0 ? jsonAt : jsonAt < 0 ? xmlAt : Math.min(xmlAt, jsonAt);
  if (at < 0) throw new XmlParseError('Notification has no XML or JSON payload', excerptOf(event));
  const node = nodePath(event.slice(0, at));
  const payload = event.slice(at);
  if (at === jsonAt) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new XmlParseError(`Malformed JSON notification: ${reason}`, excerptOf(payload));
    }
    return { node, update: updateFromObject(parsed) };
  }
  return { node, update: parseUpdate(payload) };
}

function nodePath(prefix: string): string | null {
  const trimmed = prefix.trim();
  if (trimmed === '') return null;
  try {
    return decodeURI(trimmed);
  } catch {
    return trimmed;
  }
}

/**
 * The FinesseError (kind 'async') for an apiErrors Update, or null for any other update. The
 * caller matches `requestId` against the one setState returned.
 */
export function asyncErrorFromUpdate(update: Update): FinesseError | null {
  if (update.data.kind !== 'apiErrors') return null;
  return FinesseError.fromAsync(update.data.errors, update.requestId, update.event, update.source);
}
