// Storage keys: one prefix, and a value under an old key carried over once.
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../test/memoryStorage.ts';
import { carryOver, storageKey } from './storage.ts';

const entries = (storage: Storage) =>
  Object.fromEntries(
    Array.from({ length: storage.length }, (_, i) => storage.key(i) ?? '').map((key) => [
      key,
      storage.getItem(key),
    ]),
  );

describe('storageKey', () => {
  it('puts every name under the one prefix', () => {
    expect(storageKey('language')).toBe('finesse-state-gadget.language');
    expect(storageKey('limits.2001')).toBe('finesse-state-gadget.limits.2001');
  });
});

describe('carryOver', () => {
  it('moves a value from the old key to the new one, once', () => {
    const storage = memoryStorage({ old: 'de', other: 'kept' });
    carryOver(storage, 'old', 'new');
    expect(entries(storage)).toEqual({ new: 'de', other: 'kept' });
    carryOver(storage, 'old', 'new');
    expect(entries(storage)).toEqual({ new: 'de', other: 'kept' });
  });

  it('keeps a value already under the new key, and removes the old one', () => {
    const storage = memoryStorage({ old: 'de', new: 'fr' });
    carryOver(storage, 'old', 'new');
    expect(entries(storage)).toEqual({ new: 'fr' });
  });

  it('does nothing without an old value, without storage, or when storage refuses', () => {
    const empty = memoryStorage();
    carryOver(empty, 'old', 'new');
    expect(entries(empty)).toEqual({});
    expect(() => carryOver(undefined, 'old', 'new')).not.toThrow();
    expect(() => carryOver(memoryStorage({ old: 'de' }, true), 'old', 'new')).not.toThrow();
  });
});
