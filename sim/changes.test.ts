// State changes over real HTTP: 202 then a delayed apply, notifications, pending states, async errors, supervisors.
import { describe, expect, it } from 'vitest';
import {
  call,
  collect,
  getUser,
  parse,
  putState,
  sleep,
  setupSim,
  waitFor,
} from './test/helpers.ts';

const sim = setupSim({ applyDelayMs: 150 });

const waitForState = (id: string, state: string, as = id) =>
  waitFor(async () => {
    const user = await getUser(sim(), id, as);
    return user.state === state ? user : undefined;
  });

describe('202 Accepted, applied later', () => {
  it('answers 202 with an empty body and the requestId; the change shows up after the delay', async () => {
    const before = await getUser(sim(), '1001');
    const response = await putState(
      sim(),
      '1001',
      '1001',
      { state: 'NOT_READY', reasonCodeId: 10 },
      'req-1',
    );
    expect(response.status).toBe(202);
    expect(response.text).toBe('');
    expect(response.headers.get('requestId')).toBe('req-1');

    const meanwhile = await getUser(sim(), '1001');
    expect(meanwhile.reasonCodeId).toBe('-1'); // accepted, not yet done

    const after = await waitFor(async () => {
      const user = await getUser(sim(), '1001');
      return user.reasonCodeId === '10' ? user : undefined;
    });
    expect(after.ReasonCode?.[0]).toMatchObject({ id: '10', code: '6', label: 'Meeting' });
    expect(Date.parse(after.stateChangeTime)).toBeGreaterThan(Date.parse(before.stateChangeTime));
  });

  it('publishes the whole user, lower-case root, with the requestId, on the user and team nodes', async () => {
    const userUpdates = collect(sim().sim, '/finesse/api/User/1005');
    const teamUpdates = collect(sim().sim, '/finesse/api/Team/10/Users');
    await putState(sim(), '1005', '1005', { state: 'NOT_READY', reasonCodeId: 57 }, 'abc-123');
    await waitFor(() => (userUpdates.length > 0 ? true : undefined));
    const update = parse(userUpdates[0]!).Update;
    expect(update).toMatchObject({
      event: 'PUT',
      requestId: 'abc-123',
      source: '/finesse/api/User/1005',
      data: { user: { loginId: '1005', state: 'NOT_READY', reasonCodeId: '57' } },
    });
    expect(update.data.user.ReasonCode[0].label).toBe('Pause café – réunion d’équipe générale!!');
    expect(teamUpdates).toEqual(userUpdates);
  });

  it('LOGIN with an extension lands in NOT_READY without a reason', async () => {
    await putState(sim(), '1004', '1004', { state: 'LOGIN', extension: '6004' });
    const user = await waitForState('1004', 'NOT_READY');
    expect(user).toMatchObject({ reasonCodeId: '-1', extension: '6004' });
  });

  it('UCCX lets a READY agent sign out with a LOGOUT reason', async () => {
    await putState(sim(), '1002', '1002', { state: 'LOGOUT', reasonCodeId: 22 });
    const user = await waitForState('1002', 'LOGOUT');
    expect(user.ReasonCode?.[0]).toMatchObject({ label: 'Personal & Family', category: 'LOGOUT' });
  });

  it('a change overtaken by events fails asynchronously', async () => {
    const updates = collect(sim().sim, '/finesse/api/User/1002');
    // LOGOUT is accepted from READY (UCCX), then a call starts before it is applied:
    // LOGOUT is not allowed on a call, so the accepted request fails asynchronously.
    await putState(sim(), '1002', '1002', { state: 'LOGOUT', reasonCodeId: 20 }, 'late');
    sim().sim.call('1002', 'start');
    await waitFor(() => (updates.some((u) => u.includes('apiErrors')) ? true : undefined));
    const error = parse(updates.find((u) => u.includes('apiErrors'))!).Update;
    expect(error.requestId).toBe('late');
    expect(error.data.apiErrors.apiError[0].errorType).toBe('Invalid State');
    expect((await getUser(sim(), '1002')).state).toBe('TALKING');
  });
});

describe('pending state during a call', () => {
  it('NOT_READY during a call is pending, applied when the call ends (UCCX)', async () => {
    await call(sim(), '/sim/users/1005/call', { method: 'POST', body: '{"action":"start"}' });
    expect((await getUser(sim(), '1005')).state).toBe('TALKING');
    expect(
      (await putState(sim(), '1005', '1005', { state: 'NOT_READY', reasonCodeId: 2 })).status,
    ).toBe(202);
    const pending = await waitFor(async () => {
      const user = await getUser(sim(), '1005');
      return user.pendingState === 'NOT_READY' ? user : undefined;
    });
    expect(pending.state).toBe('TALKING');

    const updates = collect(sim().sim, '/finesse/api/User/1005');
    await call(sim(), '/sim/users/1005/call', { method: 'POST', body: '{"action":"end"}' });
    const after = await getUser(sim(), '1005');
    expect(after).toMatchObject({ state: 'NOT_READY', reasonCodeId: '2', pendingState: '' });
    expect(parse(updates[0]!).Update.requestId).toBe(''); // unsolicited
  });

  it('UCCX: a second pending NOT_READY with another reason fails with 265, same requestId', async () => {
    sim().sim.call('1005', 'start');
    await putState(sim(), '1005', '1005', { state: 'NOT_READY', reasonCodeId: 2 }, 'first');
    await waitFor(async () => ((await getUser(sim(), '1005')).pendingState ? true : undefined));
    const updates = collect(sim().sim, '/finesse/api/User/1005');
    const second = await putState(
      sim(),
      '1005',
      '1005',
      { state: 'NOT_READY', reasonCodeId: 3 },
      'second',
    );
    expect(second.status).toBe(202);
    await waitFor(() => (updates.length > 0 ? true : undefined));
    expect(updates[0]).toBe(
      '<Update><event>PUT</event><requestId>second</requestId><source>/finesse/api/User/1005</source>' +
        '<data><apiErrors><apiError><errorType>Invalid State</errorType><errorData>265</errorData>' +
        '<errorMessage>CF_INVALID_AGENT_WORKMODE</errorMessage></apiError></apiErrors></data></Update>',
    );
    const user = await getUser(sim(), '1005');
    expect(user).toMatchObject({ state: 'TALKING', pendingState: 'NOT_READY' });
  });

  it('UCCX: pending READY during a routed call fails with 265', async () => {
    sim().sim.call('1001', 'start');
    const updates = collect(sim().sim, '/finesse/api/User/1001');
    await putState(sim(), '1001', '1001', { state: 'READY' }, 'r');
    await waitFor(() => (updates.length > 0 ? true : undefined));
    expect(parse(updates[0]!).Update.data.apiErrors.apiError[0]).toEqual({
      errorType: 'Invalid State',
      errorData: '265',
      errorMessage: 'CF_INVALID_AGENT_WORKMODE',
    });
  });

  it('UCCE: pending READY during a call (on hold) is applied at call end', async () => {
    sim().sim.reset({ flavour: 'UCCE' });
    sim().sim.setConfig({ applyDelayMs: 20 });
    sim().sim.call('1001', 'start');
    const hold = await call(sim(), '/sim/users/1001/call', {
      method: 'POST',
      body: '{"action":"hold"}',
    });
    expect(hold.status).toBe(200);
    expect((await getUser(sim(), '1001')).state).toBe('HOLD');
    await putState(sim(), '1001', '1001', { state: 'READY' });
    await waitFor(async () =>
      (await getUser(sim(), '1001')).pendingState === 'READY' ? true : undefined,
    );
    sim().sim.call('1001', 'end');
    expect(await getUser(sim(), '1001')).toMatchObject({ state: 'READY', pendingState: '' });
  });

  it('an agent may not request LOGOUT on a call (decision)', async () => {
    sim().sim.call('1005', 'start');
    const response = await putState(sim(), '1005', '1005', { state: 'LOGOUT', reasonCodeId: 20 });
    expect(response.status).toBe(400);
  });
});

describe('supervisor changes', () => {
  it('NOT_READY from READY is stamped with the UCCX system code 33, by label', async () => {
    const agentUpdates = collect(sim().sim, '/finesse/api/User/1005');
    const teamUpdates = collect(sim().sim, '/finesse/api/Team/10/Users');
    const response = await putState(sim(), '1005', '2001', { state: 'NOT_READY' }, 'sup-1');
    expect(response.status).toBe(202);
    const user = await waitForState('1005', 'NOT_READY');
    expect(user.reasonCodeId).toBe('60');
    expect(user.ReasonCode?.[0]).toMatchObject({
      code: '33',
      label: 'Not Ready - Supervisor Initiated',
      systemCode: 'true',
    });
    // The agent sees it unsolicited; the supervisor's view (the team node) carries their id.
    expect(parse(agentUpdates[0]!).Update.requestId).toBe('');
    expect(parse(teamUpdates[0]!).Update).toMatchObject({
      requestId: 'sup-1',
      source: '/finesse/api/User/1005',
      data: { user: { loginId: '1005', reasonCodeId: '60' } },
    });

    const team = (await call(sim(), '/finesse/api/Team/10', { as: '2001' })).text;
    expect(team).toContain('<label>Not Ready - Supervisor Initiated</label>');
  });

  it('LOGOUT on UCCE from READY is stamped with 999, READY carries no reason', async () => {
    sim().sim.reset({ flavour: 'UCCE' });
    await putState(sim(), '1002', '2001', { state: 'LOGOUT' });
    const user = await waitForState('1002', 'LOGOUT');
    expect(user.ReasonCode?.[0]).toMatchObject({ code: '999', label: 'Supervisor Initiated' });
    await putState(sim(), '1001', '2001', { state: 'READY' });
    expect(await waitForState('1001', 'READY')).toMatchObject({ reasonCodeId: '-1' });
  });

  it('LOGOUT of an agent on a call is pending until the call ends', async () => {
    sim().sim.call('1002', 'start');
    await putState(sim(), '1002', '2001', { state: 'LOGOUT' });
    await waitFor(async () =>
      (await getUser(sim(), '1002')).pendingState === 'LOGOUT' ? true : undefined,
    );
    sim().sim.call('1002', 'end');
    expect(await getUser(sim(), '1002')).toMatchObject({ state: 'LOGOUT', reasonCodeId: '61' });
  });

  it('a supervisor request that fails later is reported to the supervisor', async () => {
    sim().sim.call('1005', 'start');
    const supervisorUpdates = collect(sim().sim, '/finesse/api/User/2001');
    const agentUpdates = collect(sim().sim, '/finesse/api/User/1005');
    expect((await putState(sim(), '1005', '2001', { state: 'READY' }, 'sup-r')).status).toBe(202);
    await waitFor(() => (supervisorUpdates.length > 0 ? true : undefined));
    expect(parse(supervisorUpdates[0]!).Update).toMatchObject({
      requestId: 'sup-r',
      source: '/finesse/api/User/1005',
      data: { apiErrors: { apiError: [{ errorData: '265' }] } },
    });
    expect(agentUpdates).toEqual([]);
  });

  it('NOT_READY for an agent already NOT_READY is Invalid State', async () => {
    const response = await putState(sim(), '1001', '2001', { state: 'NOT_READY' });
    expect(response.status).toBe(400);
  });

  it('a supervisor changing their own state follows the agent rules', async () => {
    expect((await putState(sim(), '2001', '2001', { state: 'NOT_READY' })).status).toBe(400);
    expect(
      (await putState(sim(), '2001', '2001', { state: 'NOT_READY', reasonCodeId: 56 })).status,
    ).toBe(202);
  });
});

describe('system changes and timing', () => {
  it('a system change (RONA) is unsolicited and unvalidated', async () => {
    const updates = collect(sim().sim, '/finesse/api/User/1002');
    const response = await call(sim(), '/sim/users/1002/state', {
      method: 'POST',
      body: JSON.stringify({ state: 'NOT_READY', reasonCodeId: 60 }),
    });
    expect(response.status).toBe(200);
    expect(parse(updates[0]!).Update.requestId).toBe('');
    expect((await getUser(sim(), '1002')).reasonCodeId).toBe('60');
  });

  it('latencyMs delays every answer', async () => {
    sim().sim.setConfig({ latencyMs: 200 });
    const started = Date.now();
    await call(sim(), '/finesse/api/SystemInfo');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    await sleep(0);
  });
});
