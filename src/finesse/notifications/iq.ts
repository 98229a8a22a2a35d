// Requests over one XMPP connection: an iq sent, its answer awaited for a bounded time, refusals as typed errors.
import { errorCondition } from './pubsub.ts';

/** An iq that was answered with an error (condition set), or not answered in time (timedOut). */
export class IqError extends Error {
  constructor(
    readonly condition: string | null,
    readonly timedOut: boolean,
  ) {
    super(timedOut ? 'no answer in time' : `refused: ${condition ?? 'unknown condition'}`);
    this.name = 'IqError';
  }
}

/** The part of a connection an iq needs (Strophe.Connection's sendIQ). */
export interface IqConnection {
  sendIQ(
    stanza: Element,
    onResult: (answer: Element) => void,
    onError: (answer: Element | null) => void,
  ): string;
}

export interface IqCaller {
  /** Sends an iq and waits for its answer, at most the caller's timeout; rejects with IqError. */
  request(stanza: Element): Promise<Element>;
  /** Rejects every unanswered request as timed out, and every later one at once. */
  close(): void;
}

export interface IqCallerOptions {
  timeoutMs: number;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

/** One caller per connection: it owns that connection's unanswered requests and their timers. */
export function createIqCaller(conn: IqConnection, options: IqCallerOptions): IqCaller {
  /** Cancels the reply timers of unanswered iqs. */
  const pending = new Set<() => void>();
  let closed = false;

  function request(stanza: Element): Promise<Element> {
    return new Promise<Element>((resolve, reject) => {
      if (closed) {
        reject(new IqError(null, true));
        return;
      }
      let done = false;
      const finish = (): boolean => {
        if (done) return false;
        done = true;
        options.clearTimeout(timer);
        pending.delete(cancel);
        return true;
      };
      const cancel = () => {
        if (finish()) reject(new IqError(null, true));
      };
      const timer = options.setTimeout(cancel, options.timeoutMs);
      pending.add(cancel);
      try {
        conn.sendIQ(
          stanza,
          (answer) => {
            if (finish()) resolve(answer);
          },
          (answer) => {
            if (!finish()) return;
            reject(
              answer === null
                ? new IqError(null, true)
                : new IqError(errorCondition(answer), false),
            );
          },
        );
      } catch (error) {
        if (finish()) reject(error);
      }
    });
  }

  return {
    request,
    close() {
      closed = true;
      for (const cancel of [...pending]) cancel();
    },
  };
}

/** Sends an iq whose answer nobody waits for (sendIQ still gives it the id every iq needs). */
export function sendQuietly(conn: IqConnection, stanza: Element): void {
  try {
    conn.sendIQ(
      stanza,
      () => {},
      () => {},
    );
  } catch {
    // The socket is gone: the stale subscription is removed at the next connect instead.
  }
}

/** For requests whose refusal changes nothing (an unsubscribe of what is gone anyway); silence still rejects. */
export function ignoreRefusal(error: unknown): void {
  if (error instanceof IqError && !error.timedOut) return;
  throw error;
}
