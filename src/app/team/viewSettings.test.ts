// The team view's settings as kept in a tab's storage: read back entry by entry, bad data left out.
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../../test/memoryStorage.ts';
import { defaultViewSettings, readViewSettings } from './viewSettings.ts';

const key = 'finesse-state-gadget.teamView.2001';

describe('readViewSettings', () => {
  it('reads what was kept for this user', () => {
    const kept = {
      picked: '20',
      sort: { column: 'timeInState', direction: 'descending' },
      stateFilter: 'NOT_READY',
      search: 'ana',
    };
    expect(readViewSettings(memoryStorage({ [key]: JSON.stringify(kept) }), '2001')).toEqual(kept);
    expect(readViewSettings(memoryStorage({ [key]: JSON.stringify(kept) }), '2002')).toEqual(
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
    expect(readViewSettings(memoryStorage({ [key]: JSON.stringify(kept) }), '2001')).toEqual({
      ...defaultViewSettings,
      search: 'ben',
    });
  });

  it('nothing, garbage or no storage: the defaults', () => {
    expect(readViewSettings(memoryStorage({}), '2001')).toEqual(defaultViewSettings);
    expect(readViewSettings(memoryStorage({ [key]: '{not json' }), '2001')).toEqual(
      defaultViewSettings,
    );
    expect(readViewSettings(undefined, '2001')).toEqual(defaultViewSettings);
  });
});
