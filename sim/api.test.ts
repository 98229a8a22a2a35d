// The simulated /finesse/api over real HTTP: authentication, GET shapes, and every §5 error row.
import { describe, expect, it } from 'vitest';
import { apiErrors, basic, call, getUser, parse, putState, setupSim } from './test/helpers.ts';

const sim = setupSim();

const err = (type: string, data: string, message: string) => [{ type, data, message }];

describe('authentication', () => {
  it('accepts Basic with loginId or loginName, and the seeded SSO token', async () => {
    expect((await call(sim(), '/finesse/api/User/1001', { auth: basic('1001') })).status).toBe(200);
    expect((await call(sim(), '/finesse/api/User/1001', { auth: basic('aalvarez') })).status).toBe(
      200,
    );
    const bearer = await call(sim(), '/finesse/api/User/1001', { auth: 'Bearer sso-1001' });
    expect(bearer.status).toBe(200);
  });

  it('401 Authorization Failure with the id from the credentials, or empty', async () => {
    const wrong = await call(sim(), '/finesse/api/User/1001', { auth: basic('1001', 'nope') });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Basic realm="Cisco Finesse"');
    expect(apiErrors(wrong.text)).toEqual(err('Authorization Failure', '1001', 'UNAUTHORIZED'));
    const missing = await call(sim(), '/finesse/api/User/1001', { auth: null });
    expect(apiErrors(missing.text)).toEqual(err('Authorization Failure', '', 'UNAUTHORIZED'));
    const token = await call(sim(), '/finesse/api/User/1001', { auth: 'Bearer sso-9999' });
    expect(token.status).toBe(401);
    expect(apiErrors(token.text)).toEqual(err('Authorization Failure', '', 'UNAUTHORIZED'));
  });

  it('a renewed SSO token is accepted and the previous one refused', async () => {
    const renewed = await call(sim(), '/sim/users/1005/sso-token', { method: 'POST', auth: null });
    const { token } = JSON.parse(renewed.text) as { token: string };
    expect(token).toMatch(/^sso-1005-/);
    const fresh = await call(sim(), '/finesse/api/User/1005', { auth: `Bearer ${token}` });
    expect(fresh.status).toBe(200);
    const stale = await call(sim(), '/finesse/api/User/1005', { auth: 'Bearer sso-1005' });
    expect(stale.status).toBe(401);
  });

  it('405 lists the methods the resource allows in Allow', async () => {
    const onUser = await call(sim(), '/finesse/api/User/1001', { method: 'DELETE' });
    expect(onUser.status).toBe(405);
    expect(onUser.headers.get('allow')).toBe('GET, PUT');
    const onTeam = await call(sim(), '/finesse/api/Team/10', { method: 'POST', as: '2001' });
    expect(onTeam.status).toBe(405);
    expect(onTeam.headers.get('allow')).toBe('GET');
  });

  it('an agent may not read another user (Invalid Authorization User Specified)', async () => {
    const response = await call(sim(), '/finesse/api/User/1002', { as: '1001' });
    expect(response.status).toBe(401);
    expect(apiErrors(response.text)).toEqual(
      err(
        'Invalid Authorization User Specified',
        '1001',
        "The user specified in the authentication credentials and the uri don't match",
      ),
    );
  });

  it('an administrator may read anyone', async () => {
    expect((await call(sim(), '/finesse/api/User/1003', { as: '9001' })).status).toBe(200);
  });
});

describe('GET User', () => {
  it('is shaped like Finesse: ReasonCode with id, -1 for no reason, teams only for supervisors', async () => {
    const response = await call(sim(), '/finesse/api/User/1003', { as: '1003' });
    expect(response.headers.get('content-type')).toBe('application/xml');
    const chloe = parse(response.text).User;
    expect(chloe).toMatchObject({
      uri: '/finesse/api/User/1003',
      loginId: '1003',
      loginName: 'cdubois',
      firstName: 'Chloé',
      state: 'NOT_READY',
      reasonCodeId: '2',
      teamId: '30',
      teamName: 'Retention',
      pendingState: '',
    });
    expect(chloe.ReasonCode).toEqual([
      {
        category: 'NOT_READY',
        uri: '/finesse/api/ReasonCode/2',
        code: '2',
        label: 'Lunch',
        forAll: 'true',
        systemCode: 'false',
        id: '2',
      },
    ]);
    expect(chloe.teams).toBeUndefined();
    expect(chloe.stateChangeTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const ana = await getUser(sim(), '1001');
    expect(ana.reasonCodeId).toBe('-1');
    expect(ana.ReasonCode).toBeUndefined();

    const sam = await getUser(sim(), '2001');
    expect(sam.teams).toEqual({
      Team: [
        { uri: '/finesse/api/Team/10', id: '10', name: 'Sales & Service' },
        { uri: '/finesse/api/Team/20', id: '20', name: 'Billing' },
      ],
    });
  });

  it('escapes markup in names', async () => {
    const response = await call(sim(), '/finesse/api/User/2001', { as: '2001' });
    expect(response.text).toContain('<name>Sales &amp; Service</name>');
  });

  it('resolves a loginName in the uri', async () => {
    const response = await call(sim(), '/finesse/api/User/aalvarez', { as: '1001' });
    expect(parse(response.text).User.loginId).toBe('1001');
  });

  it('404 for an unknown user', async () => {
    const response = await call(sim(), '/finesse/api/User/4242', { as: '9001' });
    expect(response.status).toBe(404);
    expect(apiErrors(response.text)[0]).toMatchObject({ type: 'Not Found', data: '4242' });
  });
});

describe('GET ReasonCodes', () => {
  const list = async (user: string, category: string) => {
    const response = await call(
      sim(),
      `/finesse/api/User/${user}/ReasonCodes?category=${category}`,
      {
        as: user,
      },
    );
    expect(response.status).toBe(200);
    return response.text;
  };

  it('lists global codes, the team code for team 10 only, and the system code', async () => {
    const text = await list('1001', 'NOT_READY');
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')).toBe(true);
    const doc = parse(text).ReasonCodes;
    expect(doc['@category']).toBe('NOT_READY');
    const ids = doc.ReasonCode.map((rc: { uri: string }) => rc.uri.split('/').pop());
    expect(ids).toEqual(['1', '2', '3', '4', '5', '10', '11', '56', '57', '60']);
    const meeting = doc.ReasonCode.find((rc: { label: string }) => rc.label === 'Meeting');
    expect(meeting).toMatchObject({ code: '6', uri: '/finesse/api/ReasonCode/10' });
    const system = doc.ReasonCode.find((rc: { systemCode: string }) => rc.systemCode === 'true');
    expect(system).toMatchObject({ code: '33', label: 'Not Ready - Supervisor Initiated' });
    const long = doc.ReasonCode.find((rc: { code: string }) => rc.code === '152');
    expect([...long.label]).toHaveLength(40);
    expect(text).toContain('<label>Coaching &amp; Training</label>');

    const other = parse(await list('1002', 'NOT_READY')).ReasonCodes.ReasonCode;
    expect(other.map((rc: { code: string }) => rc.code)).not.toContain('151');
  });

  it('LOGOUT ids differ from NOT_READY ids', async () => {
    const doc = parse(await list('1001', 'LOGOUT')).ReasonCodes;
    expect(doc.ReasonCode.map((rc: { uri: string }) => rc.uri)).toEqual([
      '/finesse/api/ReasonCode/20',
      '/finesse/api/ReasonCode/21',
      '/finesse/api/ReasonCode/22',
      '/finesse/api/ReasonCode/61',
    ]);
  });

  it('one entry is one element; none is an empty root', async () => {
    const codes = [...sim().sim.model.reasonCodes.values()].filter(
      (rc) => rc.category === 'LOGOUT',
    );
    for (const rc of codes.slice(1)) sim().sim.deleteReasonCode(rc.id);
    const one = await list('1001', 'LOGOUT');
    expect(one.match(/<ReasonCode>/g)).toHaveLength(1);
    sim().sim.deleteReasonCode(codes[0]!.id);
    expect(await list('1001', 'LOGOUT')).toBe(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><ReasonCodes category="LOGOUT"></ReasonCodes>',
    );
  });

  it('UCCE lists its own system code 999', async () => {
    sim().sim.reset({ flavour: 'UCCE' });
    const doc = parse(await list('1001', 'LOGOUT')).ReasonCodes;
    expect(doc.ReasonCode.at(-1)).toMatchObject({
      code: '999',
      label: 'Supervisor Initiated',
      systemCode: 'true',
    });
  });

  it('category is required', async () => {
    const response = await call(sim(), '/finesse/api/User/1001/ReasonCodes', { as: '1001' });
    expect(response.status).toBe(400);
    expect(apiErrors(response.text)[0]).toMatchObject({
      type: 'Parameter Missing',
      data: 'category',
    });
  });
});

describe('GET Team', () => {
  it('lists members with lower-case reasonCode, trailing-slash uris and mediaState (UCCX)', async () => {
    const response = await call(sim(), '/finesse/api/Team/10?includeLoggedOutAgents=true', {
      as: '2001',
    });
    expect(response.status).toBe(200);
    const team = parse(response.text).Team;
    expect(team).toMatchObject({ uri: '/finesse/api/Team/10', id: '10', name: 'Sales & Service' });
    const ids = team.users.User.map((u: { loginId: string }) => u.loginId);
    expect(ids).toEqual(['1001', '1004', '1005', '2001']);
    expect(team.users.User[0].uri).toBe('/finesse/api/User/1001/');
    expect(team.users.User[0].mediaState).toBe('IDLE');
  });

  it('leaves signed-out members out without includeLoggedOutAgents', async () => {
    const team = parse((await call(sim(), '/finesse/api/Team/10', { as: '2001' })).text).Team;
    expect(team.users.User.map((u: { loginId: string }) => u.loginId)).not.toContain('1004');
  });

  it('shows the member reason as <reasonCode>; no mediaState on UCCE', async () => {
    sim().sim.reset({ flavour: 'UCCE' });
    sim().sim.systemSetState('1002', 'NOT_READY', 10);
    const text = (await call(sim(), '/finesse/api/Team/20', { as: '2001' })).text;
    expect(text).toContain(
      '<reasonCode><category>NOT_READY</category><code>6</code><label>Meeting</label><id>10</id><uri>/finesse/api/ReasonCode/10</uri></reasonCode>',
    );
    expect(text).not.toContain('mediaState');
  });

  it('refuses agents and supervisors of other teams', async () => {
    const agent = await call(sim(), '/finesse/api/Team/10', { as: '1001' });
    expect(agent.status).toBe(401);
    expect(apiErrors(agent.text)[0]).toMatchObject({ type: 'Authorization Failure', data: '1001' });
    const other = await call(sim(), '/finesse/api/Team/30', { as: '2001' });
    expect(other.status).toBe(401);
    expect(apiErrors(other.text)[0]?.type).toBe('Invalid Supervisor');
  });
});

describe('GET SystemInfo', () => {
  it('reports flavour, auth mode, status, nodes and the server clock', async () => {
    const info = parse((await call(sim(), '/finesse/api/SystemInfo')).text).SystemInfo;
    expect(info).toMatchObject({
      deploymentType: 'UCCX',
      systemAuthMode: 'HYBRID',
      status: 'IN_SERVICE',
      // A single-node simulator: its own host and port, and no secondaryNode (pair.test.ts).
      primaryNode: { host: new URL(sim().url).host },
      xmppDomain: 'finesse-a.sim.example',
      xmppPubSubDomain: 'pubsub.finesse-a.sim.example',
    });
    expect(info).not.toHaveProperty('secondaryNode');
    expect(info).not.toHaveProperty('statusReason');
    expect(Math.abs(Date.parse(info.currentTimestamp) - Date.now())).toBeLessThan(5000);
    sim().sim.reset({ flavour: 'UCCE' });
    expect((await call(sim(), '/finesse/api/SystemInfo')).text).toContain(
      '<deploymentType>UCCE</deploymentType>',
    );
  });
});

describe('PUT User: synchronous errors (api.md §5)', () => {
  const expectError = async (
    response: Promise<{ status: number; text: string }>,
    status: number,
    type: string,
    data: string,
    message?: string,
  ) => {
    const { status: actual, text } = await response;
    expect(actual).toBe(status);
    const [first] = apiErrors(text);
    expect(first).toMatchObject({ type, data, ...(message !== undefined ? { message } : {}) });
  };

  it('require_reasoncode for NOT_READY and LOGOUT without a reason', async () => {
    await expectError(
      putState(sim(), '1002', '1002', { state: 'NOT_READY' }),
      400,
      'Parameter Missing',
      'finesse.api.reasoncode.require_reasoncode',
      'The state change requires a valid reason code.',
    );
    await expectError(
      putState(sim(), '1001', '1001', { state: 'LOGOUT', reasonCodeId: '' }),
      400,
      'Parameter Missing',
      'finesse.api.reasoncode.require_reasoncode',
    );
  });

  it('no reason needed when the category has no codes', async () => {
    for (const rc of [...sim().sim.model.reasonCodes.values()]) {
      if (rc.category === 'LOGOUT') sim().sim.deleteReasonCode(rc.id);
    }
    expect((await putState(sim(), '1001', '1001', { state: 'LOGOUT' })).status).toBe(202);
  });

  it.each([
    ['the code instead of the id', 'NOT_READY', '6'],
    ['an unknown id', 'NOT_READY', '12321321321'],
    ['a LOGOUT id for NOT_READY', 'NOT_READY', '20'],
    ['a NOT_READY id for LOGOUT', 'LOGOUT', '2'],
    ['a system code', 'NOT_READY', '60'],
    ['a system LOGOUT code', 'LOGOUT', '61'],
    ['not a number', 'NOT_READY', 'Lunch'],
  ])('not_valid for %s', async (_what, state, reasonCodeId) => {
    await expectError(
      putState(sim(), '1001', '1001', { state, reasonCodeId }),
      400,
      'Invalid Input',
      'finesse.api.reasoncode.not_valid',
      'The Reason Code specified in the request does not exist',
    );
  });

  it('not_valid for another team’s code', async () => {
    await expectError(
      putState(sim(), '1002', '1002', { state: 'NOT_READY', reasonCodeId: 56 }),
      400,
      'Invalid Input',
      'finesse.api.reasoncode.not_valid',
    );
    expect(
      (await putState(sim(), '1001', '1001', { state: 'NOT_READY', reasonCodeId: 56 })).status,
    ).toBe(202);
  });

  it('not_allowed for a supervisor or admin sending a reason for another user', async () => {
    for (const as of ['2001', '9001']) {
      await expectError(
        putState(sim(), '1005', as, { state: 'NOT_READY', reasonCodeId: 2 }),
        400,
        'Invalid Input',
        'finesse.api.reasoncode.not_allowed',
        'For this operation, Reason Codes are not allowed.',
      );
    }
  });

  it('not_allowed for READY with a reason (decision)', async () => {
    await expectError(
      putState(sim(), '1001', '1001', { state: 'READY', reasonCodeId: 2 }),
      400,
      'Invalid Input',
      'finesse.api.reasoncode.not_allowed',
    );
  });

  it('state missing, and state invalid', async () => {
    await expectError(
      putState(sim(), '1001', '1001', { reasonCodeId: 2 }),
      400,
      'Parameter Missing',
      'state',
      'State Parameter missing',
    );
    await expectError(
      putState(sim(), '1001', '1001', { state: 'SLEEPING' }),
      400,
      'Invalid Input',
      'state',
      'Invalid State specified for user',
    );
  });

  it('Invalid State for a transition not allowed, or a state users cannot request', async () => {
    await expectError(
      putState(sim(), '1004', '1004', { state: 'READY' }),
      400,
      'Invalid State',
      '',
    );
    await expectError(
      putState(sim(), '1001', '1001', { state: 'TALKING' }),
      400,
      'Invalid State',
      '',
    );
    sim().sim.reset({ flavour: 'UCCE' });
    await expectError(
      putState(sim(), '1002', '1002', { state: 'LOGOUT', reasonCodeId: 20 }),
      400,
      'Invalid State',
      '',
    );
  });

  it('401 Invalid Authorization User Specified for an agent acting on someone else', async () => {
    await expectError(
      putState(sim(), '1005', '1001', { state: 'READY' }),
      401,
      'Invalid Authorization User Specified',
      '1001',
    );
  });

  it('401 Invalid Supervisor for a non-member', async () => {
    await expectError(
      putState(sim(), '1003', '2001', { state: 'READY' }),
      401,
      'Invalid Supervisor',
      '',
    );
    await expectError(
      putState(sim(), '1003', '9001', { state: 'READY' }),
      401,
      'Invalid Supervisor',
      '',
    );
  });

  it('401 Authorization Failure for an administrator changing their own (non-existent) state', async () => {
    await expectError(
      putState(sim(), '9001', '9001', { state: 'READY' }),
      401,
      'Authorization Failure',
      '9001',
      'UNAUTHORIZED',
    );
  });

  it('404 for an unknown user', async () => {
    await expectError(
      putState(sim(), '4242', '2001', { state: 'READY' }),
      404,
      'Not Found',
      '4242',
    );
  });

  it('400 Invalid Input for a malformed body', async () => {
    for (const body of ['<User><state>READY</User>', 'state=READY', '', '<Dialog/>']) {
      const response = await call(sim(), '/finesse/api/User/1001', { method: 'PUT', body });
      expect(response.status).toBe(400);
      expect(apiErrors(response.text)[0]?.type).toBe('Invalid Input');
    }
  });

  it('LOGIN needs an extension', async () => {
    await expectError(
      putState(sim(), '1004', '1004', { state: 'LOGIN' }),
      400,
      'Parameter Missing',
      'extension',
    );
  });
});
