// The transitions offered to users and supervisors, per api.md §4.
import { describe, expect, it } from 'vitest';
import { parseUserState, requestableStates, supervisorActions, type UserState } from './states.ts';

describe('parseUserState', () => {
  it('reads known states and maps anything else to UNKNOWN', () => {
    expect(parseUserState('NOT_READY')).toBe('NOT_READY');
    expect(parseUserState(' work_ready ')).toBe('WORK_READY');
    expect(parseUserState('ON_BREAK')).toBe('UNKNOWN');
    expect(parseUserState('')).toBe('UNKNOWN');
  });
});

describe('requestableStates', () => {
  const cases: [UserState, string[], string[]][] = [
    ['NOT_READY', ['READY', 'NOT_READY', 'LOGOUT'], ['READY', 'NOT_READY', 'LOGOUT']],
    ['READY', ['NOT_READY'], ['NOT_READY', 'LOGOUT']],
    ['LOGOUT', [], []],
    ['WORK', ['READY', 'NOT_READY'], ['READY', 'NOT_READY']],
    ['WORK_READY', ['READY', 'NOT_READY'], ['READY', 'NOT_READY']],
    ['TALKING', ['READY', 'NOT_READY'], ['READY', 'NOT_READY']],
    ['HOLD', ['READY', 'NOT_READY'], ['READY', 'NOT_READY']],
    ['RESERVED_OUTBOUND_PREVIEW', ['READY', 'NOT_READY'], ['READY', 'NOT_READY']],
    ['RESERVED_OUTBOUND', ['READY', 'NOT_READY'], []],
    ['RESERVED', [], []],
    ['LOGIN', [], []],
    ['UNKNOWN', [], []],
  ];
  it.each(cases)('from %s: UCCE %j, UCCX %j', (state, ucce, uccx) => {
    expect(requestableStates(state, 'UCCE')).toEqual(ucce);
    expect(requestableStates(state, 'UCCX')).toEqual(uccx);
    // Not known which: what both accept.
    expect(requestableStates(state, null)).toEqual(ucce.filter((s) => uccx.includes(s)));
  });

  it('not knowing the deployment, offers neither Sign Out from Ready nor a change from outbound', () => {
    expect(requestableStates('READY', null)).toEqual(['NOT_READY']);
    expect(requestableStates('RESERVED_OUTBOUND', null)).toEqual([]);
    expect(requestableStates('NOT_READY', null)).toEqual(['READY', 'NOT_READY', 'LOGOUT']);
  });
});

describe('supervisorActions', () => {
  it('follows the supervisor rules', () => {
    expect(supervisorActions('READY')).toEqual(['NOT_READY', 'LOGOUT']);
    expect(supervisorActions('NOT_READY')).toEqual(['READY', 'LOGOUT']);
    expect(supervisorActions('WORK')).toEqual(['READY', 'NOT_READY', 'LOGOUT']);
    expect(supervisorActions('WORK_READY')).toEqual(['READY', 'NOT_READY', 'LOGOUT']);
    expect(supervisorActions('TALKING')).toEqual(['LOGOUT']);
    expect(supervisorActions('HOLD')).toEqual(['LOGOUT']);
    expect(supervisorActions('RESERVED')).toEqual(['LOGOUT']);
    expect(supervisorActions('LOGOUT')).toEqual([]);
    expect(supervisorActions('LOGIN')).toEqual([]);
    expect(supervisorActions('UNKNOWN')).toEqual([]);
  });
});
