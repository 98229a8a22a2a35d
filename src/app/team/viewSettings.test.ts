// The team view's settings as kept in a tab's storage: read back entry by entry, bad data left out.
import { describe, expect, it } from 'vitest';
import { defaultViewSettings, readViewSettings } from './viewSettings.ts';

function storageWith(entries: Record<string, string>): Storage {
  const items = new Map(Object.entries(entries));
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

const key = 'finesse-state-gadget.teamView.2001';

describe('readViewSettings', () => {
  it('reads what was kept for this user', () => {
    const kept = {
      picked: '20',
      sort: { column: 'timeInState', direction: 'descending' },
      stateFilter: 'NOT_READY',
      search: 'ana',
    };
    expect(readViewSettings(storageWith({ [key]: JSON.stringify(kept) }), '2001')).toEqual(kept);
    expect(readViewSettings(storageWith({ [key]: JSON.stringify(kept) }), '2002')).toEqual(
      defaultViewSettings,
    );
  });

  it('leaves out entries it cannot use, keeping the rest', () => {
    const kept = {
      picked: 20,
      sort: { column: 'salary', direction: 'descending' },
      stateFilter: 'ASLEEP',
      search: 'ben',
    };
    expect(readViewSettings(storageWith({ [key]: JSON.stringify(kept) }), '2001')).toEqual({
      ...defaultViewSettings,
      search: 'ben',
    });
  });

  it('nothing, garbage or no storage: the defaults', () => {
    expect(readViewSettings(storageWith({}), '2001')).toEqual(defaultViewSettings);
    expect(readViewSettings(storageWith({ [key]: '{not json' }), '2001')).toEqual(
      defaultViewSettings,
    );
    expect(readViewSettings(undefined, '2001')).toEqual(defaultViewSettings);
  });
});
