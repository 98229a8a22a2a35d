// The signed-in supervisor's time-in-state limits, kept in localStorage under their user id (the
// settings only: nothing about the session or its credentials), shared by every team on the page
// and by the supervisor's other tabs (the storage event).
import { useCallback, useSyncExternalStore } from 'react';
import {
  hasLimits,
  limitsStorageKey,
  noLimits,
  parseStoredLimits,
  serializeLimits,
  type Limits,
} from './limits.ts';

const listeners = new Set<() => void>();
/** The last value read per key, so an unchanged entry keeps its object (and nothing re-renders). */
const cache = new Map<string, { raw: string | null; limits: Limits }>();

function readRaw(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    // Storage blocked (privacy settings, sandboxed frame): no limits, and no crash.
    return null;
  }
}

function read(key: string): Limits {
  const raw = readRaw(key);
  const cached = cache.get(key);
  if (cached && cached.raw === raw) return cached.limits;
  const limits = parseStoredLimits(raw);
  cache.set(key, { raw, limits });
  return limits;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = () => listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** Writes the limits; none at all removes the entry. false when storage refused them. */
function write(key: string, limits: Limits): boolean {
  let stored = true;
  try {
    if (hasLimits(limits)) localStorage.setItem(key, serializeLimits(limits));
    else localStorage.removeItem(key);
  } catch {
    stored = false;
    // Still applied for this page: remembered in the cache as if stored.
    cache.set(key, { raw: readRaw(key), limits });
  }
  listeners.forEach((listener) => listener());
  return stored;
}

export function useLimits(supervisorId: string): {
  limits: Limits;
  save: (limits: Limits) => boolean;
} {
  const key = limitsStorageKey(supervisorId);
  const limits = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => noLimits,
  );
  const save = useCallback((next: Limits) => write(key, next), [key]);
  return { limits, save };
}
