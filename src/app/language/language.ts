// Starting and switching the page's language: load the catalogue, then activate it for t().
import { loadCatalogue } from '../../i18n/catalogues.ts';
import { englishCatalogue } from '../../i18n/english.ts';
import {
  catalogueFor,
  chooseLanguage,
  formattingLocale,
  type LanguageTag,
} from '../../i18n/locales.ts';
import { activateLanguage } from '../../messages.ts';

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
export async function startLanguage(
  requested: readonly string[],
  fetchImpl?: typeof fetch,
): Promise<LanguageState> {
  const tag = chooseLanguage(requested);
  const match = requested.find((candidate) => catalogueFor(candidate) === tag) ?? '';
  try {
    const locale = formattingLocale(match, tag);
    activateLanguage(tag, locale, await loadCatalogue(tag, fetchImpl));
    return { tag, locale, failed: null };
  } catch {
    const locale = formattingLocale(requested.find((c) => catalogueFor(c) === 'en') ?? '', 'en');
    activateLanguage('en', locale, englishCatalogue());
    return { tag: 'en', locale, failed: tag };
  }
}

/** Where the tab's language choice is kept: a setting, never anything secret. */
export const LANGUAGE_STORAGE_KEY = 'agentStateGadget.language';

export function storedLanguage(storage: Storage | undefined): string | null {
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
