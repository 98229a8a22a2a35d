// Messages between the page and the team worker, and a FinesseError that survives the crossing
// (structured clone keeps plain fields, not classes).
import type { Auth } from '../../../finesse/client.ts';
import { FinesseError, type FinesseErrorInit } from '../../../finesse/errors.ts';
import type { Team } from '../../../finesse/team.ts';

export type TeamWorkerRequest =
  | {
      type: 'getTeam';
      id: number;
      baseUrl: string;
      /** Read by the page at the moment of the request, as the client itself does. */
      auth: Auth | null;
      timeoutMs?: number;
      teamId: string;
      includeLoggedOutAgents: boolean;
    }
  | { type: 'abort'; id: number };

export type SerializedError = Omit<FinesseErrorInit, 'cause'> & { message: string };

export type TeamWorkerResponse =
  { id: number; ok: true; team: Team } | { id: number; ok: false; error: SerializedError };

export function serializeError(error: unknown, method: string, path: string): SerializedError {
  if (error instanceof FinesseError) {
    return {
      kind: error.kind,
      status: error.status,
      errors: error.errors,
      requestId: error.requestId,
      method: error.method,
      path: error.path,
      excerpt: error.excerpt,
      ...(error.timeoutMs !== undefined ? { timeoutMs: error.timeoutMs } : {}),
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
      message: error.message,
    };
  }
  // Anything else escaping the client is a bug; it still reaches the user as a typed error.
  return {
    kind: 'parse',
    method,
    path,
    excerpt: null,
    message: error instanceof Error ? error.message : String(error),
  };
}

export function deserializeError(serialized: SerializedError): FinesseError {
  // The message is rebuilt from the same fields by the constructor.
  return new FinesseError(serialized);
}
