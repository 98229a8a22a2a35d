// The one cache of Intl objects, per locale: they are costly to make, and messages, timers and
// sorts ask for them again and again (a team view formats a thousand timers a second).

/** `make` called once per locale; the same object for that locale from then on. */
export function perLocale<T>(make: (locale: string) => T): (locale: string) => T {
  const made = new Map<string, T>();
  return (locale) => {
    let value = made.get(locale);
    if (value === undefined) {
      value = make(locale);
      made.set(locale, value);
    }
    return value;
  };
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

/**
 * Makes ahead of time the formatters a first screen uses (a timer's digits, counts, plurals): in
 * an idle moment before the first render rather than inside it, where each costs milliseconds on
 * a slow PC. A locale Intl refuses is left to fail where it is used, as before.
 */
export function warmFormatters(locale: string): void {
  try {
    plainNumberFormat(locale);
    twoDigitFormat(locale);
    numberFormat(locale);
    pluralRules(locale);
  } catch {
    // refused: see above
  }
}
