// Finesse Update notifications: a changed user, or the asynchronous failure of an accepted request.
import { FinesseError, apiErrorsFromNode, type ApiError } from './errors.ts';
import { userFromNode, type User } from './user.ts';
import { child, isRecord, parseXml, rootNode, text } from './xml.ts';

export type Update = {
  /** PUT, POST or DELETE; upper-cased because servers vary the case. */
  event: string;
  /** The requestId of the request that caused it; null when unsolicited. */
  requestId: string | null;
  /** The node's resource, e.g. '/finesse/api/User/1234'. */
  source: string;
  data:
    { kind: 'user'; user: User } | { kind: 'apiErrors'; errors: ApiError[] } | { kind: 'other' };
};

/** Parses an `<Update>` notification payload. Throws XmlParseError when it is not one. */
export function parseUpdate(xml: string): Update {
  const root = rootNode(parseXml(xml), ['Update'], xml);
  const requestId = text(root, 'requestId');
  const data = child(root, 'data');
  const user = child(data, 'user', 'User');
  const apiErrors = child(data, 'apiErrors', 'ApiErrors');
  return {
    event: text(root, 'event').toUpperCase(),
    requestId: requestId === '' ? null : requestId,
    source: text(root, 'source'),
    data: isRecord(user)
      ? { kind: 'user', user: userFromNode(user) }
      : apiErrors !== undefined
        ? { kind: 'apiErrors', errors: apiErrorsFromNode(apiErrors) }
        : { kind: 'other' },
  };
}

/**
 * The FinesseError (kind 'async') for an apiErrors Update, or null for any other update. The
 * caller matches `requestId` against the one setState returned.
 */
export function asyncErrorFromUpdate(update: Update): FinesseError | null {
  if (update.data.kind !== 'apiErrors') return null;
  return FinesseError.fromAsync(update.data.errors, update.requestId, update.event, update.source);
}
