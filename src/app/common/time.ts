// One shared one-second clock for every ticking timer, and locale-aware duration formatting.
import { useEffect, useState, useSyncExternalStore } from 'react';
import {
  durationFormatsMade,
  latinDigits,
  makeDurationFormats,
  plainNumberFormat,
  timeFormat,
  twoDigitFormat,
} from '../../i18n/intl.ts';

const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
let now = Date.now();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    // One interval for the whole page however many timers show: no timers pile up over a shift.
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((l) => l());
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const noSubscription = () => () => {};
const getNow = () => now;

/**
 * The current time, re-rendering the caller once a second while mounted. `ticking: false` stops
 * the re-renders (e.g. a timer scrolled out of view) and keeps the last value.
 */
export function useNow(ticking = true): number {
  return useSyncExternalStore(ticking ? subscribe : noSubscription, getNow);
}

/** Runs `task` when the browser is idle (at the latest after `timeout` ms); returns a cancel. */
function whenIdle(task: () => void, timeout: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(task, 0);
  return () => clearTimeout(handle);
}

/**
 * Whether durations can be shown in `locale` yet. True at once when their formatters exist;
 * otherwise they are made in the next idle moment (at most half a second on), and the caller
 * renders again: the first Intl.NumberFormat of a page is costly (src/i18n/intl.ts), and the
 * gadget's first screen must be usable before it, not after.
 */
export function useDurationFormats(locale: string): boolean {
  const made = durationFormatsMade(locale);
  const [, setMade] = useState(made);
  useEffect(() => {
    if (made) return;
    return whenIdle(() => {
      makeDurationFormats(locale);
      setMade(true);
    }, 500);
  }, [locale, made]);
  return made;
}

const pad = (locale: string, value: number): string =>
  latinDigits(locale) ? String(value).padStart(2, '0') : twoDigitFormat(locale).format(value);
const plain = (locale: string, value: number): string =>
  latinDigits(locale) ? String(value) : plainNumberFormat(locale).format(value);

/** `h:mm:ss` (or `m:ss` under an hour), digits in the locale's numbering system. */
export function formatDuration(ms: number, locale: string): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return hours > 0
    ? `${plain(locale, hours)}:${pad(locale, minutes)}:${pad(locale, seconds)}`
    : `${plain(locale, minutes)}:${pad(locale, seconds)}`;
}

/** Milliseconds in state, corrected for the client's clock drift against the server. */
export function elapsedSince(since: Date | null, nowMs: number, clockDriftMs: number): number {
  if (!since) return 0;
  return Math.max(0, nowMs - clockDriftMs - since.getTime());
}

export function formatTime(date: Date, locale: string): string {
  return timeFormat(locale).format(date);
}
