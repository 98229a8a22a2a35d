// Pure tests of the UCCE/UCCX transition rules (api.md §4).
import { describe, expect, it } from 'vitest';
import { decideCall, decideTransition, type ChangeRequest } from './stateMachine.ts';
import type { AgentState, Flavour } from './model.ts';

const agent = (
  state: AgentState,
  pendingState: AgentState | '' = '',
  pendingReasonCodeId = -1,
) => ({
  state,
  pendingState,
  pendingReasonCodeId,
});
const self = (state: ChangeRequest['state'], reasonCodeId = -1): ChangeRequest => ({
  state,
  reasonCodeId,
  by: 'self',
});
const sup = (state: ChangeRequest['state'], reasonCodeId = -1): ChangeRequest => ({
  state,
  reasonCodeId,
  by: 'supervisor',
});
const kind = (flavour: Flavour, from: AgentState, request: ChangeRequest) =>
  decideTransition(flavour, agent(from), request).kind;

describe('agent-requested transitions', () => {
  // [from, to, UCCE outcome, UCCX outcome]
  const table: [AgentState, ChangeRequest['state'], string, string][] = [
    ['NOT_READY', 'READY', 'apply', 'apply'],
    ['NOT_READY', 'NOT_READY', 'apply', 'apply'],
    ['NOT_READY', 'LOGOUT', 'apply', 'apply'],
    ['NOT_READY', 'LOGIN', 'invalidState', 'invalidState'],
    ['READY', 'NOT_READY', 'apply', 'apply'],
    ['READY', 'LOGOUT', 'invalidState', 'apply'],
    ['READY', 'READY', 'invalidState', 'invalidState'],
    ['LOGOUT', 'LOGIN', 'apply', 'apply'],
    ['LOGOUT', 'READY', 'invalidState', 'invalidState'],
    ['LOGOUT', 'NOT_READY', 'invalidState', 'invalidState'],
    ['LOGOUT', 'LOGOUT', 'invalidState', 'invalidState'],
    ['WORK', 'READY', 'apply', 'apply'],
    ['WORK', 'NOT_READY', 'apply', 'apply'],
    ['WORK', 'LOGOUT', 'invalidState', 'invalidState'],
    ['WORK_READY', 'READY', 'apply', 'apply'],
    ['WORK_READY', 'NOT_READY', 'apply', 'apply'],
    ['TALKING', 'NOT_READY', 'pending', 'pending'],
    ['TALKING', 'READY', 'pending', 'asyncError'],
    ['TALKING', 'LOGOUT', 'invalidState', 'invalidState'],
    ['HOLD', 'NOT_READY', 'pending', 'pending'],
    ['RESERVED_OUTBOUND_PREVIEW', 'NOT_READY', 'pending', 'pending'],
    ['RESERVED_OUTBOUND', 'READY', 'apply', 'asyncError'],
    ['RESERVED_OUTBOUND', 'NOT_READY', 'apply', 'asyncError'],
    ['RESERVED', 'NOT_READY', 'invalidState', 'invalidState'],
    ['UNKNOWN', 'READY', 'invalidState', 'invalidState'],
  ];
  it.each(table)('%s → %s: UCCE %s, UCCX %s', (from, to, ucce, uccx) => {
    expect(kind('UCCE', from, self(to, to === 'READY' ? -1 : 2))).toBe(ucce);
    expect(kind('UCCX', from, self(to, to === 'READY' ? -1 : 2))).toBe(uccx);
  });

  it('LOGIN lands in NOT_READY with no reason', () => {
    expect(decideTransition('UCCE', agent('LOGOUT'), self('LOGIN'))).toEqual({
      kind: 'apply',
      state: 'NOT_READY',
      reasonCodeId: -1,
    });
  });

  it('applies the reason with NOT_READY and LOGOUT, none with READY', () => {
    expect(decideTransition('UCCX', agent('READY'), self('NOT_READY', 10))).toEqual({
      kind: 'apply',
      state: 'NOT_READY',
      reasonCodeId: 10,
    });
    expect(decideTransition('UCCX', agent('READY'), self('LOGOUT', 21))).toMatchObject({
      reasonCodeId: 21,
    });
    expect(decideTransition('UCCX', agent('NOT_READY'), self('READY'))).toMatchObject({
      state: 'READY',
      reasonCodeId: -1,
    });
  });
});

describe('pending changes during a call', () => {
  it('UCCX: one pending NOT_READY per call; another reason fails with 265', () => {
    const first = decideTransition('UCCX', agent('TALKING'), self('NOT_READY', 1));
    expect(first).toEqual({ kind: 'pending', pendingState: 'NOT_READY', reasonCodeId: 1 });
    const again = decideTransition('UCCX', agent('TALKING', 'NOT_READY', 1), self('NOT_READY', 1));
    expect(again.kind).toBe('pending');
    const other = decideTransition('UCCX', agent('TALKING', 'NOT_READY', 1), self('NOT_READY', 2));
    expect(other).toEqual({
      kind: 'asyncError',
      error: {
        errorType: 'Invalid State',
        errorData: '265',
        errorMessage: 'CF_INVALID_AGENT_WORKMODE',
      },
    });
  });

  it('UCCX: pending READY during a routed call fails with 265', () => {
    const outcome = decideTransition('UCCX', agent('TALKING'), self('READY'));
    expect(outcome).toMatchObject({ kind: 'asyncError', error: { errorData: '265' } });
  });

  it('UCCE: the latest request replaces the pending one', () => {
    const outcome = decideTransition('UCCE', agent('HOLD', 'NOT_READY', 1), self('READY'));
    expect(outcome).toEqual({ kind: 'pending', pendingState: 'READY', reasonCodeId: -1 });
  });
});

describe('supervisor-initiated transitions', () => {
  const table: [AgentState, ChangeRequest['state'], string][] = [
    ['READY', 'NOT_READY', 'apply'],
    ['WORK', 'NOT_READY', 'apply'],
    ['WORK_READY', 'NOT_READY', 'apply'],
    ['NOT_READY', 'NOT_READY', 'invalidState'],
    ['NOT_READY', 'READY', 'apply'],
    ['WORK', 'READY', 'apply'],
    ['READY', 'READY', 'invalidState'],
    ['READY', 'LOGOUT', 'apply'],
    ['NOT_READY', 'LOGOUT', 'apply'],
    ['WORK', 'LOGOUT', 'apply'],
    // On a call: a supervisor's LOGOUT waits for the call to end; NOT_READY is refused (the
    // guide: "only if that user is in READY, WORK, or WORK_READY state").
    ['TALKING', 'LOGOUT', 'pending'],
    ['HOLD', 'LOGOUT', 'pending'],
    ['TALKING', 'NOT_READY', 'invalidState'],
    ['HOLD', 'NOT_READY', 'invalidState'],
    ['RESERVED', 'NOT_READY', 'invalidState'],
    ['LOGOUT', 'LOGOUT', 'invalidState'],
    ['LOGOUT', 'LOGIN', 'invalidState'],
  ];
  it.each(table)('%s → %s: %s (both flavours)', (from, to, expected) => {
    expect(kind('UCCE', from, sup(to, 60))).toBe(expected);
    expect(kind('UCCX', from, sup(to, 60))).toBe(expected);
  });

  it('UCCE LOGOUT from READY is allowed for a supervisor, with the stamped reason', () => {
    expect(decideTransition('UCCE', agent('READY'), sup('LOGOUT', 61))).toEqual({
      kind: 'apply',
      state: 'LOGOUT',
      reasonCodeId: 61,
    });
  });
});

describe('simulated calls', () => {
  const onCall = (state: AgentState, pendingState: AgentState | '' = '', pendingReason = -1) => ({
    ...agent(state, pendingState, pendingReason),
    reasonCodeId: -1,
    preCall: { state: 'NOT_READY' as const, reasonCodeId: 2 },
  });

  it('start from READY or NOT_READY only, remembering where the call came from', () => {
    const started = decideCall(
      'UCCX',
      { ...agent('NOT_READY'), reasonCodeId: 2, preCall: null },
      'start',
    );
    expect(started).toMatchObject({
      ok: true,
      state: 'TALKING',
      reasonCodeId: -1,
      preCall: { state: 'NOT_READY', reasonCodeId: 2 },
    });
    expect(
      decideCall('UCCX', { ...agent('LOGOUT'), reasonCodeId: -1, preCall: null }, 'start').ok,
    ).toBe(false);
  });

  it('hold toggles on UCCE only', () => {
    expect(decideCall('UCCE', onCall('TALKING'), 'hold')).toMatchObject({ state: 'HOLD' });
    expect(decideCall('UCCE', onCall('HOLD'), 'hold')).toMatchObject({ state: 'TALKING' });
    expect(decideCall('UCCX', onCall('TALKING'), 'hold').ok).toBe(false);
  });

  it('end applies the pending state, else returns to the state before the call', () => {
    expect(decideCall('UCCX', onCall('TALKING', 'NOT_READY', 10), 'end')).toMatchObject({
      state: 'NOT_READY',
      reasonCodeId: 10,
    });
    expect(decideCall('UCCX', onCall('TALKING'), 'end')).toMatchObject({
      state: 'NOT_READY',
      reasonCodeId: 2,
    });
    expect(decideCall('UCCE', onCall('TALKING'), 'end', true)).toMatchObject({ state: 'WORK' });
    expect(decideCall('UCCE', onCall('READY'), 'end').ok).toBe(false);
  });
});
