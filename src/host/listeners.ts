// A set of listeners that can be added to, told, and cleared: the hosts' events all work this way.

export interface Listeners<Args extends unknown[]> {
  /** Adds a listener; the returned function removes it. */
  add(listener: (...args: Args) => void): () => void;
  /** Calls every listener present when it starts (one added or removed meanwhile does not count). */
  emit(...args: Args): void;
  clear(): void;
}

export function listeners<Args extends unknown[] = []>(): Listeners<Args> {
  const set = new Set<(...args: Args) => void>();
  return {
    add(listener) {
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(...args) {
      for (const listener of [...set]) listener(...args);
    },
    clear: () => set.clear(),
  };
}
