// @vitest-environment jsdom
// Durations without a formatter where the digits are Latin anyway, and through Intl (made in an
// idle moment) where they are not.
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { durationFormatsMade, LATIN_DIGIT_LANGUAGES } from '../../i18n/intl.ts';
import { formatDuration, useDurationFormats } from './time.ts';

/** What formatDuration wrote before the shortcut: Intl for every part. */
function throughIntl(ms: number, locale: string): string {
  const plain = new Intl.NumberFormat(locale, { useGrouping: false });
  const two = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  const total = Math.floor(ms / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  return h > 0
    ? `${plain.format(h)}:${two.format(m)}:${two.format(s)}`
    : `${plain.format(m)}:${two.format(s)}`;
}

describe('formatDuration', () => {
  const values = [0, 999, 5_000, 65_000, 599_000, 3_600_000, 3_725_000, 36_000_000, 360_000_000];

  it('writes what Intl writes, with or without the shortcut', () => {
    const locales = [
      ...LATIN_DIGIT_LANGUAGES.flatMap((language) => [language, `${language}-CH`]),
      'zh-Hant-TW',
      'ar-EG',
      'fa-IR',
      'en-u-nu-arab',
    ];
    for (const locale of locales) {
      for (const ms of values)
        expect(formatDuration(ms, locale), locale).toBe(throughIntl(ms, locale));
    }
  });

  it('writes the locale’s own digits where they are not Latin', () => {
    expect(formatDuration(65_000, 'ar-EG')).toBe('١:٠٥');
    expect(formatDuration(65_000, 'en-US')).toBe('1:05');
  });
});

describe('useDurationFormats', () => {
  afterEach(() => vi.useRealTimers());

  it('is ready at once where no formatter is needed', () => {
    const { result } = renderHook(() => useDurationFormats('de-AT'));
    expect(result.current).toBe(true);
  });

  it('makes the formatters in an idle moment, then renders again', async () => {
    vi.useFakeTimers();
    // A locale no other test formats in, so its formatters are not made yet.
    const locale = 'ps-AF';
    expect(durationFormatsMade(locale)).toBe(false);
    const { result } = renderHook(() => useDurationFormats(locale));
    expect(result.current).toBe(false);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(600);
    });
    expect(result.current).toBe(true);
    expect(durationFormatsMade(locale)).toBe(true);
  });
});
