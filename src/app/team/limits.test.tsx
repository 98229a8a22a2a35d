// @vitest-environment jsdom
// Time-in-state limits: which limit applies, who is over it when, crossings on the shared clock's
// ticks (fake timers), batched announcements, the stored form and the settings fields.
import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { notReadyReason, teamMember } from '../../../test/builders.ts';
import type { TeamMember } from '../../finesse/team.ts';
import {
  emptyCrossingQueue,
  hasLimits,
  limitDeadline,
  limitMinutesFor,
  limitsStorageKey,
  newlyOver,
  noLimits,
  overLimitBy,
  overLimitIds,
  parseMinutesField,
  parseStoredLimits,
  queueCrossings,
  serializeLimits,
  type Limits,
} from './limits.ts';
import { limitsFromFields } from './LimitSettings.tsx';
import { ANNOUNCE_EVERY_MS, OverLimitSummary } from './OverLimit.tsx';
import { visibleMembers, defaultRowView } from './teamRows.ts';

const T0 = Date.parse('2024-05-01T09:00:00.000Z');
const MIN = 60_000;

const breakReason = notReadyReason('1', 'Break');
const lunchReason = notReadyReason('2', 'Lunch');

const member = (id: string, overrides: Partial<TeamMember> = {}): TeamMember =>
  teamMember(id, { stateChangeTime: new Date(T0), ...overrides });

const limits: Limits = {
  states: { NOT_READY: 10, TALKING: 20 },
  reasons: { '1': 15 },
};

describe('the limit for a member', () => {
  it('a reason’s own limit wins over the state-wide one; other reasons get the state’s', () => {
    expect(
      limitMinutesFor(member('1', { state: 'NOT_READY', reasonCode: breakReason }), limits),
    ).toBe(15);
    expect(
      limitMinutesFor(member('1', { state: 'NOT_READY', reasonCode: lunchReason }), limits),
    ).toBe(10);
    expect(limitMinutesFor(member('1', { state: 'NOT_READY' }), limits)).toBe(10);
    expect(limitMinutesFor(member('1', { state: 'TALKING' }), limits)).toBe(20);
  });

  it('no limit for states without one, signed-out agents, or when none are set', () => {
    expect(limitMinutesFor(member('1', { state: 'READY' }), limits)).toBeNull();
    expect(limitMinutesFor(member('1', { state: 'LOGOUT' }), limits)).toBeNull();
    expect(
      limitMinutesFor(member('1', { state: 'NOT_READY', reasonCode: breakReason }), noLimits),
    ).toBeNull();
    // A reason limit alone applies to that reason only.
    const reasonOnly: Limits = { states: {}, reasons: { '1': 5 } };
    expect(
      limitMinutesFor(member('1', { state: 'NOT_READY', reasonCode: lunchReason }), reasonOnly),
    ).toBeNull();
    expect(hasLimits(noLimits)).toBe(false);
    expect(hasLimits(reasonOnly)).toBe(true);
  });

  it('over from the moment the limit is reached, corrected for the clock drift', () => {
    const ana = member('1', { state: 'NOT_READY', reasonCode: breakReason });
    expect(limitDeadline(ana, limits)).toBe(T0 + 15 * MIN);
    expect(overLimitBy(ana, limits, T0 + 15 * MIN - 1, 0)).toBeNull();
    expect(overLimitBy(ana, limits, T0 + 15 * MIN, 0)).toBe(0);
    expect(overLimitBy(ana, limits, T0 + 16 * MIN, 0)).toBe(MIN);
    // This machine's clock 30 s ahead of the server's.
    expect(overLimitBy(ana, limits, T0 + 15 * MIN + 20_000, 30_000)).toBeNull();
    expect(
      overLimitBy(
        member('2', { state: 'NOT_READY', stateChangeTime: null }),
        limits,
        T0 + 99 * MIN,
        0,
      ),
    ).toBeNull();
  });

  it('the Limit sort puts the furthest over first and agents without a limit last, whatever the time', () => {
    const members = [
      member('1', { state: 'READY' }),
      member('2', { state: 'NOT_READY', reasonCode: breakReason }), // over at T0 + 15
      member('3', { state: 'TALKING', stateChangeTime: new Date(T0 - 30 * MIN) }), // T0 - 10
      member('4', { state: 'NOT_READY', stateChangeTime: new Date(T0 - 2 * MIN) }), // T0 + 8
    ];
    const view = {
      ...defaultRowView,
      sort: { column: 'overLimit' as const, direction: 'ascending' as const },
    };
    expect(visibleMembers(members, view, 'en', limits).map((m) => m.id)).toEqual([
      '3',
      '4',
      '2',
      '1',
    ]);
  });
});

describe('crossings', () => {
  const members = [
    member('1', { state: 'NOT_READY', reasonCode: breakReason }), // 15 min
    member('2', { state: 'NOT_READY' }), // 10 min
    member('3', { state: 'READY' }),
  ];

  it('who is over at a time, and who crossed since the previous tick (none on the first)', () => {
    const at10 = overLimitIds(members, limits, T0 + 10 * MIN, 0);
    expect([...at10]).toEqual(['2']);
    const at15 = overLimitIds(members, limits, T0 + 15 * MIN, 0);
    expect(newlyOver(null, at10)).toEqual([]);
    expect(newlyOver(at10, at15)).toEqual(['1']);
    expect(newlyOver(at15, at15)).toEqual([]);
    expect(overLimitIds(members, noLimits, T0 + 99 * MIN, 0).size).toBe(0);
  });

  it('announces at most once per interval, batching what crossed in between', () => {
    let queue = emptyCrossingQueue;
    const over = new Set(['1', '2', '3']);
    let result = queueCrossings(queue, ['1'], over, 1_000, 10_000);
    expect(result.announce).toEqual(['1']);
    queue = result.queue;
    result = queueCrossings(queue, ['2'], over, 2_000, 10_000);
    expect(result.announce).toBeNull();
    queue = result.queue;
    result = queueCrossings(queue, ['3'], over, 3_000, 10_000);
    expect(result.announce).toBeNull();
    queue = result.queue;
    result = queueCrossings(queue, [], over, 5_000, 10_000);
    expect(result.announce).toBeNull();
    queue = result.queue;
    // Agent 3's state changed before the batch went out: left out of it.
    result = queueCrossings(queue, [], new Set(['1', '2']), 11_000, 10_000);
    expect(result.announce).toEqual(['2']);
    expect(result.queue.pending).toEqual([]);
  });
});

describe('stored limits', () => {
  it('round-trips, keyed by supervisor', () => {
    expect(parseStoredLimits(serializeLimits(limits))).toEqual(limits);
    expect(limitsStorageKey('2001')).toBe('finesse-state-gadget.limits.2001');
    expect(serializeLimits(limits)).not.toMatch(/password|auth|token/i);
  });

  it('bad data is ignored, entry by entry, never thrown', () => {
    expect(parseStoredLimits(null)).toEqual(noLimits);
    expect(parseStoredLimits('{not json')).toEqual(noLimits);
    expect(parseStoredLimits('[]')).toEqual(noLimits);
    expect(parseStoredLimits('null')).toEqual(noLimits);
    expect(parseStoredLimits(JSON.stringify({ version: 2, states: { READY: 5 } }))).toEqual(
      noLimits,
    );
    expect(
      parseStoredLimits(
        JSON.stringify({
          version: 1,
          states: {
            READY: 5,
            TALKING: '5',
            LOGOUT: 3,
            HOLD: 0,
            WORK: 1.5,
            NOT_READY: 99999,
            __proto__: 1,
          },
          reasons: { '1': 15, abc: 3, '2': -1 },
        }),
      ),
    ).toEqual({ states: { READY: 5 }, reasons: { '1': 15 } });
  });

  it('settings fields: empty is no limit; anything but whole minutes 1…1440 is named', () => {
    expect(parseMinutesField('')).toEqual({ ok: true, minutes: null });
    expect(parseMinutesField(' 15 ')).toEqual({ ok: true, minutes: 15 });
    for (const bad of ['0', '-5', '1.5', 'ten', '1441', '1e3'])
      expect(parseMinutesField(bad).ok).toBe(false);
    expect(
      limitsFromFields({ 'state:NOT_READY': '10', 'state:READY': '', 'reason:1': '15' }),
    ).toEqual({ ok: true, limits: { states: { NOT_READY: 10 }, reasons: { '1': 15 } } });
    expect(limitsFromFields({ 'state:TALKING': 'x', 'reason:1': '0' })).toEqual({
      ok: false,
      invalid: ['state:TALKING', 'reason:1'],
    });
  });
});

describe('OverLimitSummary on the shared clock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0 + 9 * MIN);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const region = () => document.querySelector('[aria-live="polite"]');
  const summary = () => document.querySelector('.over-limit-count')?.textContent;

  it('counts those over, announces crossings politely and batched, not those already over', () => {
    const members = [
      member('1', { state: 'NOT_READY', reasonCode: breakReason, firstName: 'Ana', lastName: 'A' }), // 15
      member('2', { state: 'NOT_READY', firstName: 'Ben', lastName: 'B' }), // 10
      member('3', {
        state: 'NOT_READY',
        reasonCode: lunchReason,
        firstName: 'Cy',
        lastName: 'C',
        stateChangeTime: new Date(T0 + 10 * MIN),
      }), // 10 → T0 + 20
      member('4', {
        state: 'TALKING',
        firstName: 'Di',
        lastName: 'D',
        stateChangeTime: new Date(T0 - 30 * MIN),
      }), // over already
    ];
    render(<OverLimitSummary members={members} limits={limits} clockDriftMs={0} />);
    expect(summary()).toBe('⚠ 1 over limit');
    expect(region()).toHaveTextContent(/^$/);

    // Ben crosses at T0 + 10 min: announced at once (nothing said before).
    act(() => vi.advanceTimersByTime(MIN));
    expect(summary()).toBe('⚠ 2 over limit');
    expect(region()).toHaveTextContent('Ben B is now over the time-in-state limit.');

    // Ana crosses at T0 + 15; Cy at T0 + 20: each said once, in its own batch.
    act(() => vi.advanceTimersByTime(5 * MIN));
    expect(region()).toHaveTextContent('Ana A is now over the time-in-state limit.');
    act(() => vi.advanceTimersByTime(5 * MIN));
    expect(summary()).toBe('⚠ 4 over limit');
    expect(region()).toHaveTextContent('Cy C is now over the time-in-state limit.');
    expect(ANNOUNCE_EVERY_MS).toBeGreaterThanOrEqual(5_000);
  });

  it('crossings within one interval are said together', () => {
    const members = ['1', '2', '3', '4', '5'].map((id, i) =>
      member(id, {
        state: 'TALKING',
        firstName: `Agent${id}`,
        lastName: '',
        // Over at T0 + 20 min + i seconds.
        stateChangeTime: new Date(T0 + i * 1000),
      }),
    );
    vi.setSystemTime(T0 + 20 * MIN - 1000);
    render(<OverLimitSummary members={members} limits={limits} clockDriftMs={0} />);
    act(() => vi.advanceTimersByTime(1000));
    expect(region()).toHaveTextContent('Agent1 is now over the time-in-state limit.');
    act(() => vi.advanceTimersByTime(ANNOUNCE_EVERY_MS));
    expect(region()).toHaveTextContent(
      '4 agents are now over their time-in-state limit: Agent2, Agent3, Agent4 and 1 more.',
    );
  });
});
