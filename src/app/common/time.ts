// One shared one-second clock for every ticking timer, and locale-aware duration formatting.
import { useSyncExternalStore } from 'react';
import { plainNumberFormat, timeFormat, twoDigitFormat } from '../../i18n/intl.ts';

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

const pad = (locale: string, value: number): string => twoDigitFormat(locale).format(value);

/** `h:mm:ss` (or `m:ss` under an hour), digits in the locale's numbering system. */
export function formatDuration(ms: number, locale: string): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const number = plainNumberFormat(locale);
  return hours > 0
    ? `${number.format(hours)}:${pad(locale, minutes)}:${pad(locale, seconds)}`
    : `${number.format(minutes)}:${pad(locale, seconds)}`;
}

/** Milliseconds in state, corrected for the client's clock drift against the server. */
export function elapsedSince(since: Date | null, nowMs: number, clockDriftMs: number): number {
  if (!since) return 0;
  return Math.max(0, nowMs - clockDriftMs - since.getTime());
}

export function formatTime(date: Date, locale: string): string {
  return timeFormat(locale).format(date);
}
