// Which catalogue speaks to a requested locale: the desktop's `Config.locale` ("de_DE", desktop.md
// "Start-up") or the browser's languages. Exact tag first, then the language, then English.

/** Every language the product speaks, by catalogue tag; English is built in. */
export const LANGUAGES = [
  'en',
  'de',
  'fr',
  'fr-CA',
  'es',
  'it',
  'pt-BR',
  'nl',
  'sv',
  'da',
  'ja',
  'ko',
  'zh-Hans',
  'zh-Hant',
  'ru',
  'pl',
  'tr',
] as const;

export type CatalogueTag = (typeof LANGUAGES)[number];

/**
 * The pseudo-locale (Chrome's own tag for accented, lengthened English): for testing layouts
 * with longer text. Offered only when asked for by tag, never in the language switch.
 */
export const PSEUDO_TAG = 'en-XA';
export type LanguageTag = CatalogueTag | typeof PSEUDO_TAG;

const byTag = new Map<string, CatalogueTag>(LANGUAGES.map((tag) => [tag.toLowerCase(), tag]));

/** `de_DE`, `de-de`, ` ja_JP ` → a canonical BCP 47 tag; null for what Intl refuses. */
export function canonicalLocale(requested: string): string | null {
  const candidate = requested.trim().replaceAll('_', '-');
  if (candidate === '') return null;
  try {
    return Intl.getCanonicalLocales(candidate)[0] ?? null;
  } catch {
    return null;
  }
}

/** The catalogue for one locale, or null when the product does not speak its language. */
export function catalogueFor(requested: string): LanguageTag | null {
  const tag = canonicalLocale(requested);
  if (tag === null) return null;
  if (tag.toLowerCase() === PSEUDO_TAG.toLowerCase()) return PSEUDO_TAG;
  const exact = byTag.get(tag.toLowerCase());
  if (exact) return exact;
  const locale = new Intl.Locale(tag);
  switch (locale.language) {
    case 'fr':
      return locale.region === 'CA' ? 'fr-CA' : 'fr';
    case 'zh': {
      // zh_TW, zh_HK, zh_MO and zh-Hant are Traditional; zh, zh_CN, zh_SG and zh-Hans Simplified.
      const script = locale.script ?? locale.maximize().script;
      return script === 'Hant' ? 'zh-Hant' : 'zh-Hans';
    }
    case 'pt':
      // Only Brazilian Portuguese is offered; it reads better to a Portuguese agent than English.
      return 'pt-BR';
    // Norwegian Bokmål is close to Danish in writing, but not the same: English, not a guess.
    default:
      return byTag.get(locale.language) ?? null;
  }
}

/** The first requested locale the product speaks, else English. */
export function chooseLanguage(requested: readonly string[]): LanguageTag {
  for (const locale of requested) {
    const tag = catalogueFor(locale);
    if (tag) return tag;
  }
  return 'en';
}

/**
 * The locale numbers, dates and sorting follow: the requested one when it is in the language
 * shown (de_AT → German text, Austrian formats), else the catalogue's (nb_NO → English, 'en').
 */
export function formattingLocale(requested: string, tag: LanguageTag): string {
  if (tag === PSEUDO_TAG) return 'en';
  const canonical = canonicalLocale(requested);
  return canonical !== null && catalogueFor(canonical) === tag ? canonical : tag;
}
