// A set of listeners that can be added to, told, and cleared: the hosts' and the XMPP client's events.

export interface Listeners<Args extends unknown[]> {
  /** Adds a listener; the returned function removes it. */
  add(listener: (...args: Args) => void): () => void;
  /** Calls every listener present when it starts (one added or removed meanwhile does not count). */
  emit(...args: Args): void;
  clear(): void;
  /** How many listeners there are now. */
  readonly size: number;
}

/**
 * `isolated`: a throwing listener does not stop the others, and its error is rethrown outside
 * the emitter (for callers running inside another library's handler, as the XMPP client does).
 */
export function listeners<Args extends unknown[] = []>({
  isolated = false,
}: { isolated?: boolean } = {}): Listeners<Args> {
  const set = new Set<(...args: Args) => void>();
  return {
    add(listener) {
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(...args) {
      for (const listener of [...set]) {
        if (isolated) safely(() => listener(...args));
        else listener(...args);
      }
    },
    clear: () => set.clear(),
    get size() {
      return set.size;
    },
  };
}

/** Runs a listener; a throwing listener must not stop delivery to the others or kill the handler. */
export function safely(call: () => void): void {
  try {
    call();
  } catch (error) {
    reportLater(error);
  }
}

/** Rethrows outside the current handler, where the page's error reporting (and the test runner) sees it. */
export function reportLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
