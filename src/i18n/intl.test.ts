// Which locales write durations without a formatter: those whose digits are Latin anyway.
import { describe, expect, it } from 'vitest';
import { LATIN_DIGIT_LANGUAGES, latinDigits } from './intl.ts';

const regions = ['', '-US', '-GB', '-DE', '-AT', '-CH', '-FR', '-CA', '-BE', '-ES', '-MX', '-BR'];

describe('latinDigits', () => {
  it.each(LATIN_DIGIT_LANGUAGES)(
    '%s writes Latin digits in every region, as ICU says',
    (language) => {
      for (const region of regions) {
        const locale = `${language}${region}`;
        expect(latinDigits(locale)).toBe(true);
        expect(new Intl.NumberFormat(locale).resolvedOptions().numberingSystem, locale).toBe(
          'latn',
        );
      }
    },
  );

  it('leaves other languages, and any chosen numbering system, to Intl', () => {
    for (const locale of ['ar-EG', 'fa-IR', 'hi-IN', 'en-u-nu-arab', 'de-DE-u-nu-thai', 'x']) {
      expect(latinDigits(locale), locale).toBe(false);
    }
  });
});
