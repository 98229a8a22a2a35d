// Time-in-state limits a supervisor sets (per state, and per Not Ready reason): which one applies
// to an agent, who is over it at a given time, who has just crossed it, how crossings are batched
// for screen readers, and the stored form. Pure: the time is always passed in (the shared clock).
import type { UserState } from '../../finesse/states.ts';
import type { TeamMember } from '../../finesse/team.ts';
import { storageKey } from '../../utils/storage.ts';

/** States a limit can be set for: every signed-in state a supervisor watches. */
export const LIMIT_STATES = [
  'READY',
  'NOT_READY',
  'RESERVED',
  'TALKING',
  'HOLD',
  'WORK',
  'WORK_READY',
] as const satisfies readonly UserState[];
export type LimitState = (typeof LIMIT_STATES)[number];

export interface Limits {
  /** Minutes per state; for NOT_READY this is "any reason". */
  states: Partial<Record<LimitState, number>>;
  /** Minutes per Not Ready reason, by the reason code's id (its uri id, as Finesse keys it). */
  reasons: Readonly<Record<string, number>>;
}

export const noLimits: Limits = { states: {}, reasons: {} };

/** A working day: longer than that is not a limit anyone means. */
export const MAX_LIMIT_MINUTES = 24 * 60;
const MINUTE_MS = 60_000;

export function hasLimits(limits: Limits): boolean {
  return Object.keys(limits.states).length > 0 || Object.keys(limits.reasons).length > 0;
}

const isLimitState = (state: string): state is LimitState =>
  (LIMIT_STATES as readonly string[]).includes(state);

/**
 * The limit that applies to an agent now, in minutes, or null. A limit for the agent's Not Ready
 * reason wins over the Not Ready limit for any reason (it is the more specific of the two).
 */
export function limitMinutesFor(
  member: Pick<TeamMember, 'state' | 'reasonCode'>,
  limits: Limits,
): number | null {
  if (!isLimitState(member.state)) return null;
  if (member.state === 'NOT_READY' && member.reasonCode) {
    const byReason = limits.reasons[member.reasonCode.id];
    if (byReason !== undefined) return byReason;
  }
  return limits.states[member.state] ?? null;
}

/**
 * When the agent goes over the limit, in the server's time (epoch ms), or null (no limit, or no
 * time of the last change). It does not move with the clock, so rows sorted by it stay in order.
 */
export function limitDeadline(
  member: Pick<TeamMember, 'state' | 'reasonCode' | 'stateChangeTime'>,
  limits: Limits,
): number | null {
  const minutes = limitMinutesFor(member, limits);
  if (minutes === null || !member.stateChangeTime) return null;
  return member.stateChangeTime.getTime() + minutes * MINUTE_MS;
}

/** How long past a limit of `limitMinutes` a state entered at `since` is at `nowMs` (ms), or null. */
export function overLimitAfter(
  since: Date | null,
  limitMinutes: number,
  nowMs: number,
  clockDriftMs: number,
): number | null {
  if (!since) return null;
  // The same correction as the time in state shown beside it (elapsedSince).
  const over = nowMs - clockDriftMs - (since.getTime() + limitMinutes * MINUTE_MS);
  return over >= 0 ? over : null;
}

/** How long the agent has been over the limit at `nowMs` (ms, ≥ 0), or null when not over. */
export function overLimitBy(
  member: Pick<TeamMember, 'state' | 'reasonCode' | 'stateChangeTime'>,
  limits: Limits,
  nowMs: number,
  clockDriftMs: number,
): number | null {
  const minutes = limitMinutesFor(member, limits);
  return minutes === null
    ? null
    : overLimitAfter(member.stateChangeTime, minutes, nowMs, clockDriftMs);
}

/** Ids of the members over their limit at `nowMs`. */
export function overLimitIds(
  members: readonly TeamMember[],
  limits: Limits,
  nowMs: number,
  clockDriftMs: number,
): Set<string> {
  const over = new Set<string>();
  if (!hasLimits(limits)) return over;
  for (const member of members) {
    if (overLimitBy(member, limits, nowMs, clockDriftMs) !== null) over.add(member.id);
  }
  return over;
}

/** Members over their limit now who were not at the previous tick (none on the first one). */
export function newlyOver(
  previous: ReadonlySet<string> | null,
  current: ReadonlySet<string>,
): string[] {
  if (previous === null) return [];
  return [...current].filter((id) => !previous.has(id));
}

/**
 * Crossings waiting to be said. Screen readers hear them at most once per `gapMs`, together, not
 * one announcement per agent per second.
 */
export interface CrossingQueue {
  pending: readonly string[];
  lastAnnouncedAt: number | null;
}

export const emptyCrossingQueue: CrossingQueue = { pending: [], lastAnnouncedAt: null };

/**
 * Adds this tick's crossings; returns what to announce now (null: nothing yet). An agent no longer
 * over the limit when the batch goes out (their state changed) is left out of it.
 */
export function queueCrossings(
  queue: CrossingQueue,
  crossed: readonly string[],
  stillOver: ReadonlySet<string>,
  nowMs: number,
  gapMs: number,
): { queue: CrossingQueue; announce: string[] | null } {
  const pending = [...queue.pending, ...crossed.filter((id) => !queue.pending.includes(id))];
  const due = queue.lastAnnouncedAt === null || nowMs - queue.lastAnnouncedAt >= gapMs;
  if (pending.length === 0 || !due) {
    return {
      queue: pending.length === queue.pending.length ? queue : { ...queue, pending },
      announce: null,
    };
  }
  const announce = pending.filter((id) => stillOver.has(id));
  if (announce.length === 0) return { queue: { ...queue, pending: [] }, announce: null };
  return { queue: { pending: [], lastAnnouncedAt: nowMs }, announce };
}

// ---- Stored form: settings only (never credentials), one entry per supervisor ----

export const limitsStorageKey = (supervisorId: string) => storageKey(`limits.${supervisorId}`);

const STORED_VERSION = 1;

function validMinutes(value: unknown): value is number {
  return (
    typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_LIMIT_MINUTES
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Limits from storage. Anything unexpected (not JSON, another version, a bad entry) is ignored,
 * entry by entry: stored data is never trusted to be what this code wrote.
 */
export function parseStoredLimits(raw: string | null): Limits {
  if (raw === null) return noLimits;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return noLimits;
  }
  if (!isRecord(data) || data.version !== STORED_VERSION) return noLimits;
  const states: Partial<Record<LimitState, number>> = {};
  if (isRecord(data.states)) {
    for (const [state, minutes] of Object.entries(data.states)) {
      if (isLimitState(state) && validMinutes(minutes)) states[state] = minutes;
    }
  }
  const reasons: Record<string, number> = {};
  if (isRecord(data.reasons)) {
    for (const [id, minutes] of Object.entries(data.reasons)) {
      if (/^\d+$/.test(id) && validMinutes(minutes)) reasons[id] = minutes;
    }
  }
  return { states, reasons };
}

export function serializeLimits(limits: Limits): string {
  return JSON.stringify({
    version: STORED_VERSION,
    states: limits.states,
    reasons: limits.reasons,
  });
}

/** A minutes field as typed: empty is "no limit"; otherwise whole minutes 1…MAX_LIMIT_MINUTES. */
export function parseMinutesField(
  text: string,
): { ok: true; minutes: number | null } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, minutes: null };
  if (!/^\d+$/.test(trimmed)) return { ok: false };
  const minutes = Number(trimmed);
  return validMinutes(minutes) ? { ok: true, minutes } : { ok: false };
}
