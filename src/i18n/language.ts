// Starting and switching the page's language: load the catalogue, then activate it for t().
import { carryOver, storageKey } from '../utils/storage.ts';
import { loadCatalogue } from './catalogues.ts';
import { englishCatalogue } from './english.ts';
import { catalogueFor, chooseLanguage, formattingLocale, type LanguageTag } from './locales.ts';
import { activateLanguage } from './messages.ts';

export interface LanguageState {
  tag: LanguageTag;
  /** What Intl formats for: numbers, times, durations, plurals, the order of names. */
  locale: string;
  /** A language that was asked for but could not be loaded; the page stays in `tag`. */
  failed: LanguageTag | null;
}

/**
 * Loads and activates the first of `requested` the product speaks. If its catalogue cannot be
 * loaded the page is English (never blank), with `failed` saying which language was lost.
 */
export async function startLanguage(requested: readonly string[]): Promise<LanguageState> {
  // The requested locale that chose a language gives its regional formats (de_AT → de-AT).
  const regionOf = (tag: LanguageTag) =>
    requested.find((candidate) => catalogueFor(candidate) === tag) ?? '';
  const tag = chooseLanguage(requested);
  try {
    const started = await switchLanguage(tag, regionOf(tag));
    if (started) return { ...started, failed: null };
  } catch {
    // Not loaded: English below, saying which language was lost.
  }
  const locale = formattingLocale(regionOf('en'), 'en');
  activateLanguage('en', locale, englishCatalogue());
  return { tag: 'en', locale, failed: tag };
}

/**
 * Loads `tag`'s catalogue and, if `stillWanted()` when it arrives, makes it the one t() reads;
 * rejects if it cannot be loaded. A pick overtaken by a later one is loaded but not activated.
 */
export async function switchLanguage(
  tag: LanguageTag,
  requested: string,
  stillWanted: () => boolean = () => true,
): Promise<{ tag: LanguageTag; locale: string } | null> {
  const messages = await loadCatalogue(tag);
  if (!stillWanted()) return null;
  const locale = formattingLocale(requested, tag);
  activateLanguage(tag, locale, messages);
  return { tag, locale };
}

/** Where the tab's language choice is kept: a setting, never anything secret. */
export const LANGUAGE_STORAGE_KEY = storageKey('language');
/** Where versions before the one storage prefix kept it; carried over at the first read. */
export const OLD_LANGUAGE_STORAGE_KEY = 'agentStateGadget.language';

export function storedLanguage(storage: Storage | undefined): string | null {
  carryOver(storage, OLD_LANGUAGE_STORAGE_KEY, LANGUAGE_STORAGE_KEY);
  try {
    const value = storage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
    return value !== null && value.length <= 35 ? value : null;
  } catch {
    // Storage refused (privacy settings): the browser's languages decide.
    return null;
  }
}

export function rememberLanguage(storage: Storage | undefined, tag: LanguageTag): void {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, tag);
  } catch {
    // Not remembered across visits; the choice still holds on this page.
  }
}
