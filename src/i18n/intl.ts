// The one cache of Intl objects, per locale: they are costly to make, and messages, timers and
// sorts ask for them again and again (a team view formats a thousand timers a second).

/** `make` called once per locale; the same object for that locale from then on. */
export function perLocale<T>(
  make: (locale: string) => T,
): ((locale: string) => T) & { made(locale: string): boolean } {
  const made = new Map<string, T>();
  const get = (locale: string): T => {
    let value = made.get(locale);
    if (value === undefined) {
      value = make(locale);
      made.set(locale, value);
    }
    return value;
  };
  return Object.assign(get, { made: (locale: string) => made.has(locale) });
}

// Marked pure: a bundle that uses none of a formatter leaves it out (the gadget uses few).

/** Numbers in messages: counts, with the locale's grouping. */
export const numberFormat = /* @__PURE__ */ perLocale((locale) => new Intl.NumberFormat(locale));
export const pluralRules = /* @__PURE__ */ perLocale((locale) => new Intl.PluralRules(locale));
/** Durations' parts: the leading number as is, the others in two digits, never grouped. */
export const plainNumberFormat = /* @__PURE__ */ perLocale(
  (locale) => new Intl.NumberFormat(locale, { useGrouping: false }),
);
export const twoDigitFormat = /* @__PURE__ */ perLocale(
  (locale) => new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false }),
);
export const timeFormat = /* @__PURE__ */ perLocale(
  (locale) => new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }),
);
/** The order of names and ids: numbers by value ("Agent 9" before "Agent 10"), case and accents aside. */
export const nameCollator = /* @__PURE__ */ perLocale(
  (locale) => new Intl.Collator(locale, { numeric: true, sensitivity: 'base' }),
);
/** Names in a sentence, as the language lists them: "A, B and C", "A、B、C"; short for a partial list. */
export const listFormat = /* @__PURE__ */ perLocale(
  (locale) => new Intl.ListFormat(locale, { type: 'conjunction' }),
);
export const shortListFormat = /* @__PURE__ */ perLocale(
  (locale) => new Intl.ListFormat(locale, { type: 'unit', style: 'short' }),
);
/** Shares of a team (the state mix): "40 %", "40%". */
export const percentFormat = /* @__PURE__ */ perLocale(
  (locale) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }),
);

// Languages whose every locale writes numbers in Latin digits by default (CLDR; intl.test.ts
// checks each against the running ICU): the digits of a duration need no formatter there.
export const LATIN_DIGIT_LANGUAGES = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'sv',
  'da',
  'ja',
  'ko',
  'zh',
  'ru',
  'pl',
  'tr',
] as const;
const LATIN_DIGITS = new Set<string>(LATIN_DIGIT_LANGUAGES);

/**
 * True when `locale` writes integers in the digits 0–9: one of the languages above, with no
 * Unicode extension (`-u-nu-…` would choose other digits). Anything else goes through Intl.
 */
export function latinDigits(locale: string): boolean {
  const [language = ''] = locale.toLowerCase().split('-');
  return LATIN_DIGITS.has(language) && !/-u-/i.test(locale);
}

/**
 * Whether a duration can be formatted now without making a formatter. The first Intl.NumberFormat
 * a browser process makes loads ICU's number data: 40–60 ms on a 4× slower CPU (Chromium 156,
 * bench/cold.ts), against well under 1 ms for any made after it. A first screen that shows a
 * duration waits for `makeDurationFormats` in an idle moment rather than paying that before it
 * is usable (src/app/common/time.ts `useDurationFormats`).
 */
export function durationFormatsMade(locale: string): boolean {
  return latinDigits(locale) || (plainNumberFormat.made(locale) && twoDigitFormat.made(locale));
}

/** Makes them; a locale Intl refuses is left to fail where it is used, as before. */
export function makeDurationFormats(locale: string): void {
  try {
    plainNumberFormat(locale);
    twoDigitFormat(locale);
  } catch {
    // refused: see above
  }
}
