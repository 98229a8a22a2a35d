// Test utility: the browser's Storage, in memory.

/** Storage as the browser's, in memory; `refuse` makes every call throw, as blocked storage does. */
export function memoryStorage(entries: Record<string, string> = {}, refuse = false): Storage {
  const map = new Map(Object.entries(entries));
  const guard = () => {
    if (refuse) throw new DOMException('The operation is insecure.', 'SecurityError');
  };
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => (guard(), map.get(key) ?? null),
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => (guard(), void map.delete(key)),
    setItem: (key, value) => (guard(), void map.set(key, String(value))),
  };
}
