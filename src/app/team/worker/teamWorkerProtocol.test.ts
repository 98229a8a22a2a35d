// A FinesseError from the real client survives the trip through the worker's messages intact.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, createFinesseClient } from '../../../finesse/client.ts';
import { FinesseError, explanationKey } from '../../../finesse/errors.ts';
import { fixture } from '../../../../test/fixtures/fixtures.ts';
import { deserializeError, serializeError } from './teamWorkerProtocol.ts';
import { withTeamsOffThread } from './offThreadTeams.ts';

let url = '';
const server = createServer((req, res) => {
  if (req.url?.startsWith('/finesse/api/Team/34')) {
    res.writeHead(200, { 'Content-Type': 'application/xml' }).end(fixture('team.xml'));
  } else {
    res.writeHead(503, { 'Content-Type': 'application/xml', requestId: 'req-1' });
    res.end(fixture('apierrors-service-unavailable.xml'));
  }
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('team worker protocol', () => {
  it('round-trips a FinesseError through structured clone', async () => {
    const client = createFinesseClient({ baseUrl: url, getAuth: () => basicAuth('2001', 'demo') });
    const original = await client.getTeam('99').catch((error: unknown) => error);
    expect(original).toBeInstanceOf(FinesseError);
    const crossed = deserializeError(structuredClone(serializeError(original, 'GET', '/x')));
    expect(crossed).toBeInstanceOf(FinesseError);
    expect(crossed).toMatchObject({
      kind: 'api',
      status: 503,
      requestId: 'req-1',
      method: 'GET',
      path: '/finesse/api/Team/99',
      errors: (original as FinesseError).errors,
    });
    expect(crossed.message).toBe((original as FinesseError).message);
    expect(explanationKey(crossed, crossed.errors[0])).toBe('outOfService');
  });

  it('turns anything else into a typed error rather than losing it', () => {
    const crossed = deserializeError(serializeError(new TypeError('boom'), 'GET', '/t'));
    expect(crossed).toMatchObject({ kind: 'parse', method: 'GET', path: '/t' });
  });

  it('reads teams on the page where no worker can be made', async () => {
    const client = createFinesseClient({ baseUrl: url, getAuth: () => null });
    const offThread = withTeamsOffThread(client, {
      baseUrl: url,
      getAuth: () => null,
      createWorker: () => undefined,
    });
    const team = await offThread.getTeam('34');
    expect(team.members.map((m) => m.id)).toEqual(['1234', '1235']);
    offThread.close();
  });
});
