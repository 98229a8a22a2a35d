// The send queue of a bulk action: one PUT per agent, at most BULK_CONCURRENCY in flight, a pause
// when Finesse asks for one (429/503 with Retry-After) or is out of service, and a Stop that sends
// nothing more. Plain TypeScript: the hook (useBulkAction) turns its events into row phases.
import { FinesseError } from '../../finesse/errors.ts';

/**
 * PUTs in flight at once. Finesse documents no throttling (api.md §5), but each PUT is a CTI
 * request on the server; 4 keeps a 1,000-agent action to seconds (docs/performance.md) without
 * flooding a server that is also serving every agent's desktop.
 */
export const BULK_CONCURRENCY = 4;
/** The wait when a 429/503 names none: api.md §5 says retry 503 "after a few seconds". */
export const DEFAULT_RETRY_AFTER_MS = 5_000;
/** Refusals with 429/503 one agent may meet before its refusal is shown as final. */
export const MAX_TRIES = 3;

/** 429 Too Many Requests, 503 Service Unavailable: not taken, to be sent again after the wait. */
export function isRetryLater(error: unknown): error is FinesseError {
  return error instanceof FinesseError && (error.status === 429 || error.status === 503);
}

export type QueueEvent =
  | { type: 'sending'; id: string }
  | { type: 'accepted'; id: string }
  | { type: 'refused'; id: string; error: unknown }
  /** Refused for now (429/503): sent again at `until` (epoch ms), nothing else before it. */
  | { type: 'waiting'; id: string; error: unknown; until: number }
  /** Never sent: deselected before its turn, or the queue was stopped. */
  | { type: 'dropped'; id: string; why: 'deselected' | 'stopped' }
  /** Nothing queued or in flight any more. */
  | { type: 'done' };

export interface QueueOptions {
  ids: readonly string[];
  /** One PUT; resolves when Finesse accepted it, rejects with its error. */
  send: (id: string) => Promise<void>;
  /** Checked just before an agent's PUT: false (deselected since) and it is not sent. */
  stillWanted: (id: string) => boolean;
  onEvent: (event: QueueEvent) => void;
  concurrency?: number;
  now?: () => number;
}

export interface BulkQueue {
  /** Sends nothing more; what was sent stays sent. */
  stop(): void;
  /** Finesse out of service: nothing is sent until `paused` is false again. */
  setPaused(paused: boolean): void;
  readonly inFlight: number;
}

export function startBulkQueue({
  ids,
  send,
  stillWanted,
  onEvent,
  concurrency = BULK_CONCURRENCY,
  now = Date.now,
}: QueueOptions): BulkQueue {
  // Each id appears once: a second PUT for one agent in one action is impossible by construction.
  const queue = [...new Set(ids)];
  const tries = new Map<string, number>();
  let inFlight = 0;
  let stopped = false;
  let paused = false;
  let resumeAt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let finished = false;

  const finishIfDone = () => {
    if (!finished && inFlight === 0 && queue.length === 0) {
      finished = true;
      onEvent({ type: 'done' });
    }
  };

  const pump = () => {
    while (!stopped && !paused && inFlight < concurrency && queue.length > 0) {
      const wait = resumeAt - now();
      if (wait > 0) {
        // Finesse asked for a pause: one timer, then the queue goes on where it stopped.
        if (timer === null) {
          timer = setTimeout(() => {
            timer = null;
            pump();
          }, wait);
        }
        return;
      }
      const id = queue.shift() as string;
      if (!stillWanted(id)) {
        onEvent({ type: 'dropped', id, why: 'deselected' });
        continue;
      }
      inFlight += 1;
      tries.set(id, (tries.get(id) ?? 0) + 1);
      onEvent({ type: 'sending', id });
      send(id).then(
        () => {
          inFlight -= 1;
          onEvent({ type: 'accepted', id });
          pump();
        },
        (error: unknown) => {
          inFlight -= 1;
          if (isRetryLater(error) && (tries.get(id) ?? 0) < MAX_TRIES && !stopped) {
            // Not taken by Finesse: this agent goes first once the wait is over (it was refused,
            // so sending it again is not a second change). Everything else waits too.
            const until = now() + (error.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS);
            resumeAt = Math.max(resumeAt, until);
            queue.unshift(id);
            onEvent({ type: 'waiting', id, error, until: resumeAt });
          } else {
            onEvent({ type: 'refused', id, error });
          }
          pump();
        },
      );
    }
    finishIfDone();
  };

  queueMicrotask(pump);

  return {
    stop() {
      if (stopped) return;
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      for (const id of queue.splice(0)) onEvent({ type: 'dropped', id, why: 'stopped' });
      finishIfDone();
    },
    setPaused(next) {
      if (paused === next) return;
      paused = next;
      if (!paused) pump();
    },
    get inFlight() {
      return inFlight;
    },
  };
}
