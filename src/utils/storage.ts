// Names in the browser's storage: every key this product writes shares one prefix, and values kept
// under a name it used before are carried over once.

export const STORAGE_PREFIX = 'finesse-state-gadget.';

/** The product's key for `name`, e.g. `finesse-state-gadget.language`. */
export const storageKey = (name: string): string => `${STORAGE_PREFIX}${name}`;

/**
 * Moves a value from a key an earlier version wrote to its key now, once: the old entry is
 * removed, and a value already under the new key wins. Storage that refuses (privacy settings,
 * a sandboxed frame) leaves both as they are.
 */
export function carryOver(storage: Storage | undefined, oldKey: string, newKey: string): void {
  if (!storage) return;
  try {
    const old = storage.getItem(oldKey);
    if (old === null) return;
    if (storage.getItem(newKey) === null) storage.setItem(newKey, old);
    storage.removeItem(oldKey);
  } catch {
    // Not carried over this time; tried again at the next start.
  }
}
