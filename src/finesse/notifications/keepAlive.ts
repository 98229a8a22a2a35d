// The keep-alive of one XMPP connection: a ping every interval; an answer keeps it going, silence
// ends the connection (caught even when the socket stays open: a proxy, a sleeping laptop).
import { IqError } from './iq.ts';

export interface KeepAlive {
  /** The first ping goes one interval from now. */
  start(): void;
  stop(): void;
}

export interface KeepAliveOptions {
  /** Sends one ping and waits for its answer (rejects with IqError on an error or no answer). */
  ping: () => Promise<unknown>;
  intervalMs: number;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  /** The connection has ended: a late answer changes nothing. */
  isEnded: () => boolean;
  /** Each answer: the connection is established (the caller's failure count starts over). */
  onAnswer: () => void;
  /** No answer in time: the caller treats the connection as dropped. */
  onSilence: () => void;
}

export function createKeepAlive(options: KeepAliveOptions): KeepAlive {
  let timer: unknown = null;

  function schedule(): void {
    timer = options.setTimeout(() => {
      timer = null;
      options.ping().then(answered, (error: unknown) => {
        if (options.isEnded()) return;
        // An error answer (feature-not-implemented…) is still an answer.
        if (error instanceof IqError && !error.timedOut) answered();
        else options.onSilence();
      });
    }, options.intervalMs);
  }

  function answered(): void {
    if (options.isEnded()) return;
    options.onAnswer();
    schedule();
  }

  return {
    start: schedule,
    stop() {
      if (timer !== null) options.clearTimeout(timer);
      timer = null;
    },
  };
}
