// A FinesseClient whose getTeam runs in a worker (parsing off the main thread); every other call,
// and getTeam where workers are unavailable, goes to the ordinary client.
import {
  sameAuth,
  type Auth,
  type FinesseClient,
  type RequestOptions,
} from '../../../finesse/client.ts';
import { FinesseError } from '../../../finesse/errors.ts';
import type { Team } from '../../../finesse/team.ts';
import {
  deserializeError,
  type TeamWorkerRequest,
  type TeamWorkerResponse,
} from './teamWorkerProtocol.ts';

interface Options {
  baseUrl: string;
  getAuth: () => Auth | null;
  timeoutMs?: number;
  /** Made on first use; tests and environments without workers pass none. */
  createWorker?: (() => Worker | undefined) | undefined;
}

const workerStopped = 'The team worker stopped';

interface Pending {
  resolve: (team: Team) => void;
  reject: (error: unknown) => void;
}

export function defaultTeamWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  return new Worker(new URL('./teamWorker.ts', import.meta.url), {
    type: 'module',
    name: 'finesse-team',
  });
}

export type ClosableClient = FinesseClient & { close(): void };

export function withTeamsOffThread(client: FinesseClient, options: Options): ClosableClient {
  const { createWorker } = options;
  if (!createWorker) return { ...client, close: () => {} };
  let worker: Worker | null = null;
  let broken = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const start = (): Worker | null => {
    if (worker || broken) return worker;
    try {
      worker = createWorker() ?? null;
    } catch {
      worker = null;
    }
    if (!worker) {
      broken = true;
      return null;
    }
    worker.onmessage = (event: MessageEvent<TeamWorkerResponse>) => {
      const answer = event.data;
      const waiting = pending.get(answer.id);
      if (!waiting) return;
      pending.delete(answer.id);
      if (answer.ok) waiting.resolve(answer.team);
      else waiting.reject(deserializeError(answer.error));
    };
    worker.onerror = (event) => {
      // The worker could not load (a blocked or missing script): read teams on the page instead.
      event.preventDefault();
      broken = true;
      worker?.terminate();
      worker = null;
      for (const [id, waiting] of pending) {
        pending.delete(id);
        waiting.reject(new Error(workerStopped));
      }
    };
    return worker;
  };

  const getTeam = (
    teamId: string,
    o: RequestOptions & { includeLoggedOutAgents?: boolean } = {},
    retried = false,
  ): Promise<Team> => {
    const active = start();
    if (!active) return client.getTeam(teamId, o);
    const { signal } = o;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const id = nextId++;
    const auth = options.getAuth();
    return new Promise<Team>((resolve, reject) => {
      const onAbort = () => {
        pending.delete(id);
        active.postMessage({ type: 'abort', id } satisfies TeamWorkerRequest);
        reject(signal?.reason);
      };
      pending.set(id, {
        resolve: (team) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(team);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          // A worker that died mid-request: this read, and later ones, go through the page.
          if (broken && error instanceof Error && error.message === workerStopped) {
            client.getTeam(teamId, o).then(resolve, reject);
          } else if (
            !retried &&
            error instanceof FinesseError &&
            error.status === 401 &&
            !sameAuth(auth, options.getAuth())
          ) {
            // Refused with credentials replaced meanwhile (a renewed SSO token), as the page's
            // own client does: once more with the current ones.
            getTeam(teamId, o, true).then(resolve, reject);
          } else {
            reject(error);
          }
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      active.postMessage({
        type: 'getTeam',
        id,
        baseUrl: options.baseUrl,
        auth,
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        teamId,
        includeLoggedOutAgents: o.includeLoggedOutAgents ?? false,
      } satisfies TeamWorkerRequest);
    });
  };

  // Ends the worker and what waits on it; a later read starts a new one (React's StrictMode
  // unmounts and remounts once in development).
  const close = () => {
    worker?.terminate();
    worker = null;
    for (const [id, waiting] of pending) {
      pending.delete(id);
      waiting.reject(new DOMException('The client was closed.', 'AbortError'));
    }
  };

  return { ...client, getTeam, close };
}
