// The team worker: reads and parses GET /Team/{id} off the page's main thread. Parsing a
// 1,000-member team takes ~100 ms, every refresh; here it cannot delay a keystroke or a frame.
/// <reference lib="webworker" />
import { teamPath } from '../../../finesse/resources.ts';
import { createFinesseClient } from '../../../finesse/client.ts';
import {
  serializeError,
  type TeamWorkerRequest,
  type TeamWorkerResponse,
} from './teamWorkerProtocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const inFlight = new Map<number, AbortController>();

self.onmessage = async (event: MessageEvent<TeamWorkerRequest>) => {
  const request = event.data;
  if (request.type === 'abort') {
    inFlight.get(request.id)?.abort();
    return;
  }
  const controller = new AbortController();
  inFlight.set(request.id, controller);
  const { auth, baseUrl, timeoutMs } = request;
  const client = createFinesseClient({
    baseUrl,
    getAuth: () => auth,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
  let response: TeamWorkerResponse;
  try {
    const team = await client.getTeam(request.teamId, {
      includeLoggedOutAgents: request.includeLoggedOutAgents,
      signal: controller.signal,
    });
    response = { id: request.id, ok: true, team };
  } catch (error) {
    response = {
      id: request.id,
      ok: false,
      error: serializeError(error, 'GET', teamPath(request.teamId)),
    };
  } finally {
    inFlight.delete(request.id);
  }
  // An aborted request's answer is not wanted: the page has already rejected it.
  if (!controller.signal.aborted) self.postMessage(response);
};
