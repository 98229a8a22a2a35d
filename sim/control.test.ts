// The /sim control API over real HTTP: faults, event stream, request log, reset, config, data edits.
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLValidator } from 'fast-xml-parser';
import { createSimHandler } from './server.ts';
import {
  apiErrors,
  call,
  getUser,
  parse,
  putState,
  sleep,
  setupSim,
  waitFor,
} from './test/helpers.ts';

const sim = setupSim({ applyDelayMs: 30 });

const post = (path: string, body: unknown) =>
  call(sim(), path, { method: 'POST', body: JSON.stringify(body), auth: null });
const fault = (kind: string, match: Record<string, string> = {}, times?: number) =>
  post('/sim/faults', { kind, match, ...(times !== undefined ? { times } : {}) });

describe('health, state, reset, config', () => {
  it('GET /sim/health is ok', async () => {
    const response = await call(sim(), '/sim/health', { auth: null });
    expect(response).toMatchObject({ status: 200, text: 'ok' });
  });

  it('GET /sim/state is a JSON snapshot', async () => {
    const state = JSON.parse((await call(sim(), '/sim/state', { auth: null })).text);
    expect(state.flavour).toBe('UCCX');
    expect(state.users.find((u: { loginId: string }) => u.loginId === '1003')).toMatchObject({
      state: 'NOT_READY',
      reasonCodeId: 2,
    });
  });

  it('reset restores the seed, switches flavour, and clears faults, log and config', async () => {
    sim().sim.systemSetState('1001', 'READY');
    await post('/sim/config', { latencyMs: 5, applyDelayMs: 1000 });
    await fault('status503');
    expect((await post('/sim/reset', { flavour: 'UCCE' })).status).toBe(200);
    expect(sim().sim.flavour).toBe('UCCE');
    expect(sim().sim.config).toEqual({ latencyMs: 0, applyDelayMs: 30 });
    expect(sim().sim.faults).toEqual([]);
    expect(sim().sim.requestLog).toEqual([]);
    expect((await getUser(sim(), '1001')).state).toBe('NOT_READY');
    await post('/sim/reset', {});
    expect(sim().sim.flavour).toBe('UCCX');
  });

  it('config sets the apply delay', async () => {
    const response = await post('/sim/config', { applyDelayMs: 400 });
    expect(JSON.parse(response.text)).toMatchObject({ latencyMs: 0, applyDelayMs: 400 });
    await putState(sim(), '1001', '1001', { state: 'READY' });
    await sleep(150);
    expect((await getUser(sim(), '1001')).state).toBe('NOT_READY');
    expect((await post('/sim/config', { latencyMs: 'slow' })).status).toBe(400);
  });

  it('clock sets how far the server clock is off; state changes and SystemInfo follow it', async () => {
    expect((await post('/sim/clock', { offsetMs: -3_600_000 })).status).toBe(200);
    const info = await call(sim(), '/finesse/api/SystemInfo');
    const serverNow = Date.parse(/<currentTimestamp>([^<]+)</.exec(info.text)?.[1] ?? '');
    expect(Math.abs(serverNow - (Date.now() - 3_600_000))).toBeLessThan(5000);
    await putState(sim(), '1001', '1001', { state: 'READY' });
    await waitFor(async () =>
      (await getUser(sim(), '1001')).state === 'READY' ? true : undefined,
    );
    const changed = Date.parse((await getUser(sim(), '1001')).stateChangeTime);
    expect(Math.abs(changed - (Date.now() - 3_600_000))).toBeLessThan(5000);
    expect((await post('/sim/clock', {})).status).toBe(400);
    await post('/sim/reset', {});
    expect(sim().sim.clockOffsetMs).toBe(0);
  });

  it('unknown control endpoints are 404, and never under /finesse/api', async () => {
    expect((await call(sim(), '/sim/nope', { auth: null })).status).toBe(404);
    const api = await call(sim(), '/finesse/api/sim/reset', { method: 'POST', body: '{}' });
    expect(api.status).toBe(404);
  });
});

describe('an oversized Update', () => {
  it('publishes a User Update padded to the size asked, on the user’s node, the user unchanged', async () => {
    const payloads: string[] = [];
    const leave = sim().sim.subscribe('/finesse/api/User/1001', (xml) => payloads.push(xml));
    const before = await getUser(sim(), '1001');
    expect((await post('/sim/users/1001/oversized-update', { chars: 300_000 })).status).toBe(200);
    leave();
    expect(payloads).toHaveLength(1);
    expect(payloads[0]!.length).toBeGreaterThan(300_000);
    expect(XMLValidator.validate(payloads[0]!)).toBe(true);
    expect(await getUser(sim(), '1001')).toEqual(before);
    expect((await post('/sim/users/nobody/oversized-update', {})).status).toBe(404);
    expect((await post('/sim/users/1001/oversized-update', { chars: -1 })).status).toBe(400);
  });
});

describe('faults', () => {
  it('status503: an ApiErrors body, once by default', async () => {
    await fault('status503', { path: '/User/1001' });
    const first = await call(sim(), '/finesse/api/User/1001');
    expect(first.status).toBe(503);
    expect(apiErrors(first.text)).toEqual([
      { type: 'Service Unavailable', data: '', message: 'SERVER_OUT_OF_SERVICE' },
    ]);
    expect((await call(sim(), '/finesse/api/User/1001')).status).toBe(200);
  });

  it('status429: plain text with Retry-After (2 s unless given), nothing changed', async () => {
    await post('/sim/faults', { kind: 'status429', match: { method: 'PUT' }, retryAfterS: 7 });
    await fault('status429', { method: 'PUT' });
    const body = '<User><state>READY</state></User>';
    const first = await call(sim(), '/finesse/api/User/1001', { method: 'PUT', body });
    expect(first.status).toBe(429);
    expect(first.headers.get('Retry-After')).toBe('7');
    const second = await call(sim(), '/finesse/api/User/1001', { method: 'PUT', body });
    expect(second.headers.get('Retry-After')).toBe('2');
    expect((await getUser(sim(), '1001')).state).toBe('NOT_READY');
    const bad = await post('/sim/faults', { kind: 'status429', retryAfterS: 'soon' });
    expect(bad.status).toBe(400);
  });

  it('changedMeanwhile: the agent is signed out just before the PUT, which then meets the rules', async () => {
    await fault('changedMeanwhile', { method: 'PUT', path: '/finesse/api/User/' });
    const answer = await call(sim(), '/finesse/api/User/1001', {
      method: 'PUT',
      as: '2001',
      body: '<User><state>LOGOUT</state></User>',
    });
    expect(answer.status).toBe(400);
    expect(apiErrors(answer.text)[0]?.type).toBe('Invalid State');
    expect((await getUser(sim(), '1001')).state).toBe('LOGOUT');
  });

  it('apiError: the given ApiError with its status; pathEquals matches the whole path only', async () => {
    const injected = await post('/sim/faults', {
      kind: 'apiError',
      match: { method: 'PUT', pathEquals: '/finesse/api/User/1001' },
      status: 400,
      errorType: 'Invalid Input',
      errorData: 'finesse.api.reasoncode.not_allowed',
      errorMessage: 'For this operation, Reason Codes are not allowed.',
    });
    expect(injected.status).toBe(200);
    const refused = await putState(sim(), '1001', '1001', { state: 'READY' });
    expect(refused.status).toBe(400);
    expect(apiErrors(refused.text)).toEqual([
      {
        type: 'Invalid Input',
        data: 'finesse.api.reasoncode.not_allowed',
        message: 'For this operation, Reason Codes are not allowed.',
      },
    ]);
    await sleep(100);
    expect((await getUser(sim(), '1001')).state).toBe('NOT_READY');
    expect((await post('/sim/faults', { kind: 'apiError', match: {} })).status).toBe(400);

    await post('/sim/faults', {
      kind: 'status503',
      match: { pathEquals: '/finesse/api/User/1001' },
    });
    const list = await call(sim(), '/finesse/api/User/1001/ReasonCodes?category=NOT_READY');
    expect(list.status).toBe(200);
    expect((await call(sim(), '/finesse/api/User/1001')).status).toBe(503);
  });

  it('html500: a Tomcat error page', async () => {
    await fault('html500');
    const response = await call(sim(), '/finesse/api/SystemInfo');
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.text).toContain('HTTP Status 500 – Internal Server Error');
  });

  it('truncated: 200 with the real answer cut mid-element', async () => {
    await fault('truncated', { path: 'ReasonCodes' });
    const response = await call(sim(), '/finesse/api/User/1001/ReasonCodes?category=NOT_READY');
    expect(response.status).toBe(200);
    expect(
      response.text.startsWith(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><ReasonCodes',
      ),
    ).toBe(true);
    expect(XMLValidator.validate(response.text)).not.toBe(true);
  });

  it('empty: 200 with no body', async () => {
    await fault('empty', { method: 'GET' });
    const response = await call(sim(), '/finesse/api/User/1001');
    expect(response).toMatchObject({ status: 200, text: '' });
  });

  it('hang: no answer until the client gives up', async () => {
    await fault('hang', { path: '/SystemInfo' });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 200);
    await expect(
      call(sim(), '/finesse/api/SystemInfo', { signal: controller.signal }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    const log = sim().sim.requestLog.at(-1);
    expect(log).toMatchObject({ path: '/finesse/api/SystemInfo', status: null });
  });

  it.each(['status503', 'html500', 'truncated', 'empty', 'hang'])(
    'a PUT faulted with %s changes nothing',
    async (kind) => {
      await fault(kind, { method: 'PUT' });
      const signal = AbortSignal.timeout(150);
      const body = '<User><state>NOT_READY</state><reasonCodeId>2</reasonCodeId></User>';
      await call(sim(), '/finesse/api/User/1002', {
        as: '1002',
        method: 'PUT',
        body,
        signal,
      }).catch(() => undefined);
      await sleep(100); // well past the 30 ms apply delay
      expect((await getUser(sim(), '1002')).state).toBe('READY');
    },
  );

  it('times counts down; DELETE clears', async () => {
    await fault('status503', { path: 'SystemInfo' }, 2);
    expect((await call(sim(), '/finesse/api/SystemInfo')).status).toBe(503);
    expect((await call(sim(), '/finesse/api/SystemInfo')).status).toBe(503);
    expect((await call(sim(), '/finesse/api/SystemInfo')).status).toBe(200);
    await fault('status503', {}, 5);
    await call(sim(), '/sim/faults', { method: 'DELETE', auth: null });
    expect((await call(sim(), '/finesse/api/SystemInfo')).status).toBe(200);
  });

  it('rejects an unknown kind', async () => {
    expect((await fault('meltdown')).status).toBe(400);
  });
});

describe('request log', () => {
  it('records every /finesse/api request with its outcome; DELETE clears', async () => {
    await putState(sim(), '1001', '1001', { state: 'READY' }, 'log-1');
    await call(sim(), '/finesse/api/User/1001/ReasonCodes?category=LOGOUT', { as: '1001' });
    await call(sim(), '/finesse/api/User/1001', { as: '1001', auth: 'Basic Zm9vOmJhcg==' });
    await call(sim(), '/sim/health', { auth: null });
    const log = JSON.parse((await call(sim(), '/sim/requests', { auth: null })).text);
    expect(log).toHaveLength(3);
    expect(log[0]).toMatchObject({
      seq: 1,
      method: 'PUT',
      path: '/finesse/api/User/1001',
      search: '',
      requestId: 'log-1',
      authUser: '1001',
      body: '<User><state>READY</state></User>',
      status: 202,
    });
    expect(log[0].time).toMatch(/Z$/);
    expect(log[1]).toMatchObject({ search: '?category=LOGOUT', status: 200, requestId: null });
    expect(log[2]).toMatchObject({ authUser: null, status: 401 });
    await call(sim(), '/sim/requests', { method: 'DELETE', auth: null });
    expect(JSON.parse((await call(sim(), '/sim/requests', { auth: null })).text)).toEqual([]);
  });
});

describe('notifications over Server-Sent Events', () => {
  it('delivers an Update for the node', async () => {
    const controller = new AbortController();
    const response = await fetch(
      `${sim().url}/sim/notifications?node=${encodeURIComponent('/finesse/api/User/1001')}`,
      { signal: controller.signal },
    );
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    await putState(sim(), '1001', '1001', { state: 'READY' }, 'sse-1');
    let text = '';
    while (!text.includes('</Update>')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    controller.abort();
    const data = text
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice(6))
      .join('\n');
    expect(parse(data).Update).toMatchObject({
      requestId: 'sse-1',
      data: { user: { loginId: '1001', state: 'READY' } },
    });
    await waitFor(() => (sim().sim['listeners'].size === 0 ? true : undefined));
  });

  it('requires a node', async () => {
    expect((await call(sim(), '/sim/notifications', { auth: null })).status).toBe(400);
  });
});

describe('data edits', () => {
  it('adds and deletes a reason code', async () => {
    const added = await post('/sim/reason-codes', {
      category: 'NOT_READY',
      id: 90,
      code: 190,
      label: 'Team <huddle>',
      forAll: false,
      teams: ['20'],
    });
    expect(added.status).toBe(201);
    const list = (
      await call(sim(), '/finesse/api/User/1002/ReasonCodes?category=NOT_READY', { as: '1002' })
    ).text;
    expect(list).toContain('<label>Team &lt;huddle&gt;</label>');
    expect(
      (
        await post('/sim/reason-codes', {
          category: 'NOT_READY',
          code: 190,
          label: 'x',
          forAll: true,
        })
      ).status,
    ).toBe(409);
    expect(
      (await call(sim(), '/sim/reason-codes/90', { method: 'DELETE', auth: null })).status,
    ).toBe(200);
    expect(
      (await call(sim(), '/sim/reason-codes/90', { method: 'DELETE', auth: null })).status,
    ).toBe(404);
  });

  it('reassigns a user to another team', async () => {
    expect((await post('/sim/users/1003/team', { teamId: '20' })).status).toBe(200);
    const team = parse((await call(sim(), '/finesse/api/Team/20', { as: '2001' })).text).Team;
    expect(team.users.User.map((u: { loginId: string }) => u.loginId)).toContain('1003');
    expect((await post('/sim/users/1003/team', { teamId: '99' })).status).toBe(404);
  });

  it('creates a big team supervised by 2001', async () => {
    expect((await post('/sim/big-team', { size: 1000 })).status).toBe(200);
    const response = await call(sim(), '/finesse/api/Team/40?includeLoggedOutAgents=true', {
      as: '2001',
    });
    const team = parse(response.text).Team;
    expect(team.name).toBe('Big Floor');
    expect(team.users.User).toHaveLength(1000);
    expect(team.users.User[0].loginId).toBe('50001');
    const states = new Set(team.users.User.map((u: { state: string }) => u.state));
    expect([...states].sort()).toEqual(['LOGOUT', 'NOT_READY', 'READY', 'TALKING', 'WORK']);
    expect((await getUser(sim(), '2001')).teams).toMatchObject({
      Team: [{ id: '10' }, { id: '20' }, { id: '40', name: 'Big Floor' }],
    });
    await post('/sim/big-team', { size: 10 });
    const smaller = parse(
      (await call(sim(), '/finesse/api/Team/40?includeLoggedOutAgents=true', { as: '2001' })).text,
    ).Team;
    expect(smaller.users.User).toHaveLength(10);
  });

  it('call control rejects what makes no sense', async () => {
    expect((await post('/sim/users/1004/call', { action: 'start' })).status).toBe(400);
    expect((await post('/sim/users/1001/call', { action: 'end' })).status).toBe(400);
    expect((await post('/sim/users/4242/call', { action: 'start' })).status).toBe(404);
  });
});

describe('connect-style handler', () => {
  it('passes other paths to next()', async () => {
    const { handle } = createSimHandler();
    const server = createServer((req, res) =>
      handle(req, res, () => {
        res.writeHead(299);
        res.end('next');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const other = await fetch(`http://127.0.0.1:${port}/index.html`);
    expect(other.status).toBe(299);
    const health = await fetch(`http://127.0.0.1:${port}/sim/health`);
    expect(await health.text()).toBe('ok');
    await new Promise((resolve) => server.close(resolve));
  });
});
