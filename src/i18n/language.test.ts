// The tab's remembered language: read and written under the product's prefix; a choice kept under
// the key earlier versions used is carried over, not lost.
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../test/memoryStorage.ts';
import {
  LANGUAGE_STORAGE_KEY,
  OLD_LANGUAGE_STORAGE_KEY,
  rememberLanguage,
  storedLanguage,
} from './language.ts';

describe('the remembered language', () => {
  it('is kept under finesse-state-gadget.language', () => {
    expect(LANGUAGE_STORAGE_KEY).toBe('finesse-state-gadget.language');
    const storage = memoryStorage();
    rememberLanguage(storage, 'de');
    expect(storage.getItem('finesse-state-gadget.language')).toBe('de');
    expect(storedLanguage(storage)).toBe('de');
  });

  it('carries a choice stored under agentStateGadget.language over once', () => {
    expect(OLD_LANGUAGE_STORAGE_KEY).toBe('agentStateGadget.language');
    const storage = memoryStorage({ 'agentStateGadget.language': 'ja' });
    expect(storedLanguage(storage)).toBe('ja');
    expect(storage.getItem('agentStateGadget.language')).toBeNull();
    expect(storage.getItem('finesse-state-gadget.language')).toBe('ja');
    rememberLanguage(storage, 'fr');
    expect(storedLanguage(storage)).toBe('fr');
  });

  it('prefers the current key when both are present', () => {
    const storage = memoryStorage({
      'agentStateGadget.language': 'ja',
      'finesse-state-gadget.language': 'sv',
    });
    expect(storedLanguage(storage)).toBe('sv');
    expect(storage.length).toBe(1);
  });

  it('is null when storage is refused or holds nothing plausible', () => {
    expect(storedLanguage(memoryStorage({}, true))).toBeNull();
    expect(storedLanguage(undefined)).toBeNull();
    expect(storedLanguage(memoryStorage({ [LANGUAGE_STORAGE_KEY]: 'x'.repeat(36) }))).toBeNull();
  });
});
