// @vitest-environment node
// The typed control client against the real simulator over HTTP: each call reaches its endpoint,
// the request log is read and filtered, and an error answer fails with its status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim } from '../sim/server.ts';
import { fetchTransport, simControl, SimControlError, type SimControl } from './simControl.ts';

let server: Awaited<ReturnType<typeof startSim>>;
let control: SimControl;

beforeAll(async () => {
  server = await startSim({ port: 0 });
  control = simControl(fetchTransport(server.url));
});
afterAll(() => server.close());

describe('simControl', () => {
  it('resets, configures and changes state as the simulator records it', async () => {
    await control.reset('UCCE');
    expect(server.sim.model.flavour).toBe('UCCE');
    await control.reset();
    expect(server.sim.model.flavour).toBe('UCCX');
    await control.config({ applyDelayMs: 0 });
    expect(server.sim.config.applyDelayMs).toBe(0);
    await control.setState('1001', 'NOT_READY', 1);
    expect(server.sim.model.users.get('1001')?.state).toBe('NOT_READY');
  });

  it('reads the request log, filtered by method and path, and clears it', async () => {
    await control.clearRequests();
    const auth = `Basic ${Buffer.from('1001:demo').toString('base64')}`;
    await fetch(`${server.url}/finesse/api/User/1001`, { headers: { Authorization: auth } });
    await fetch(`${server.url}/finesse/api/SystemInfo`, { headers: { Authorization: auth } });
    expect((await control.requests()).map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /finesse/api/User/1001',
      'GET /finesse/api/SystemInfo',
    ]);
    expect(await control.requests({ path: '/User/' })).toHaveLength(1);
    expect(await control.requests({ method: 'PUT' })).toEqual([]);
    await control.clearRequests();
    expect(await control.requests()).toEqual([]);
  });

  it('reports the XMPP service and takes it down', async () => {
    await control.xmppDown(true);
    expect(await control.xmpp()).toMatchObject({ connections: [], subscriptions: [] });
    await control.xmppDown(false);
    await control.clearXmppSubscriptions();
  });

  it('renames an agent, and refuses some state changes in order: one 429, then changed meanwhile', async () => {
    await control.reset();
    await control.rename('1001', '=cmd', '|calc');
    expect(server.sim.model.users.get('1001')).toMatchObject({
      firstName: '=cmd',
      lastName: '|calc',
    });
    await control.refuseSomeChanges({ retryAfterS: 4, changed: 1 });
    expect(
      server.sim.faults.map((f) => `${f.kind} ${f.retryAfterS ?? '-'} ${f.remaining}`),
    ).toEqual(['status429 4 1', 'changedMeanwhile - 1']);
    await control.reset();
  });

  it('fails with the status when the simulator refuses', async () => {
    const refused = control.fault({ match: {}, kind: 'nonsense' as 'hang' });
    await expect(refused).rejects.toBeInstanceOf(SimControlError);
    await expect(refused).rejects.toMatchObject({ status: 400 });
  });
});
