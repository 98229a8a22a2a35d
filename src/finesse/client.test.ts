// The client against a real HTTP server on 127.0.0.1: headers, bodies, and every way a request can fail.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixture } from '../../test/fixtures/fixtures.ts';
import {
  BODY_LIMITS,
  basicAuth,
  createFinesseClient,
  type Auth,
  type FinesseClientOptions,
} from './client.ts';
import { FinesseError, explanationKey } from './errors.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
type Responder = (seen: Seen, res: ServerResponse) => void;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let baseUrl = '';
let respond: Responder = (_seen, res) => res.writeHead(500).end();
let requests: Seen[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
    requests.push(seen);
    respond(seen, res);
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  requests = [];
});

function xml(status: number, body: string, headers: Record<string, string> = {}): Responder {
  return (_seen, res) =>
    res.writeHead(status, { 'Content-Type': 'application/xml', ...headers }).end(body);
}
const hang: Responder = () => {};

let auth: Auth | null = basicAuth('1001001', 'secret');
function client(options: Partial<FinesseClientOptions> = {}) {
  return createFinesseClient({ baseUrl, getAuth: () => auth, ...options });
}

/** The FinesseError a promise rejects with; fails the test if it resolves or rejects with anything else. */
async function failure(promise: Promise<unknown>): Promise<FinesseError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FinesseError);
    return error as FinesseError;
  }
  throw new Error('expected the request to fail');
}

describe('successful requests', () => {
  it('gets a user with Basic auth and an encoded id', async () => {
    auth = basicAuth('1001001', 'secret');
    respond = xml(200, fixture('user-supervisor.xml'));
    const user = await client({ baseUrl: `${baseUrl}/` }).getUser('csmith/x y');
    expect(user.id).toBe('1001001');
    expect(user.reasonCode?.label).toBe('Team Meeting');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'GET', url: '/finesse/api/User/csmith%2Fx%20y' });
    expect(requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('1001001:secret').toString('base64')}`,
    );
    expect(requests[0]?.headers.accept).toBe('application/xml');
  });

  it('with readAfter, sends at once and reads the answer only once it settles', async () => {
    respond = xml(200, fixture('reasoncodes-not-ready-uccx-2017.xml'));
    let answered = false;
    let read = false;
    const watched: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const text = response.text.bind(response);
      response.text = () => {
        read = true;
        return text();
      };
      answered = true;
      return response;
    };
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const list = client({ fetch: watched }).getReasonCodes('1001001', 'NOT_READY', {
      readAfter: gate,
    });
    await vi.waitFor(() => expect(answered).toBe(true));
    // A turn of the event loop: the client has gone as far as it goes without the gate.
    await new Promise((resolve) => setImmediate(resolve));
    expect(requests).toHaveLength(1);
    expect(read).toBe(false);
    open();
    expect((await list).reasonCodes.find((r) => r.label === 'Meeting')).toBeDefined();
    expect(read).toBe(true);
  });

  it('reads the auth at each request', async () => {
    respond = xml(200, fixture('user-supervisor.xml'));
    const c = client();
    auth = { scheme: 'Bearer', token: 'token-1' };
    await c.getUser('1001001');
    auth = { scheme: 'Bearer', token: 'token-2' };
    await c.getUser('1001001');
    auth = null;
    await c.getUser('1001001');
    expect(requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
      undefined,
    ]);
    auth = basicAuth('1001001', 'secret');
  });

  it('gets reason codes by category', async () => {
    respond = xml(200, fixture('reasoncodes-not-ready-uccx-2017.xml'));
    const list = await client().getReasonCodes('1001001', 'NOT_READY');
    expect(requests[0]?.url).toBe('/finesse/api/User/1001001/ReasonCodes?category=NOT_READY');
    expect(list.reasonCodes.find((r) => r.label === 'Meeting')).toMatchObject({
      id: '10',
      code: '6',
    });

    respond = xml(200, fixture('reasoncodes-logout-empty.xml'));
    expect((await client().getReasonCodes('1001001', 'LOGOUT')).reasonCodes).toEqual([]);
    expect(requests[1]?.url).toBe('/finesse/api/User/1001001/ReasonCodes?category=LOGOUT');
  });

  it('gets a team, with or without signed-out agents', async () => {
    respond = xml(200, fixture('team.xml'));
    expect((await client().getTeam('34')).members.map((m) => m.id)).toEqual(['1234', '1235']);
    await client().getTeam('34', { includeLoggedOutAgents: true });
    expect(requests.map((r) => r.url)).toEqual([
      '/finesse/api/Team/34',
      '/finesse/api/Team/34?includeLoggedOutAgents=true',
    ]);
  });

  it('gets SystemInfo', async () => {
    respond = xml(200, fixture('systeminfo.xml'));
    expect(await client().getSystemInfo()).toMatchObject({
      deploymentType: 'UCCE',
      status: 'IN_SERVICE',
    });
    expect(requests[0]?.url).toBe('/finesse/api/SystemInfo');
  });
});

describe('setState', () => {
  it('PUTs the exact XML with Content-Type, auth and a fresh UUID requestId', async () => {
    respond = (_seen, res) => res.writeHead(202).end();
    const c = client();
    const first = await c.setState('1001001', { state: 'NOT_READY', reasonCodeId: '10' });
    const second = await c.setState('1001001', { state: 'READY' });
    expect(requests).toHaveLength(2);
    const [put1, put2] = requests;
    expect(put1).toMatchObject({
      method: 'PUT',
      url: '/finesse/api/User/1001001',
      body: '<User><state>NOT_READY</state><reasonCodeId>10</reasonCodeId></User>',
    });
    expect(put1?.headers['content-type']).toBe('application/xml');
    expect(put1?.headers.authorization).toBe(
      `Basic ${Buffer.from('1001001:secret').toString('base64')}`,
    );
    expect(put1?.headers.requestid).toMatch(UUID);
    expect(first.requestId).toBe(put1?.headers.requestid);
    expect(put2?.body).toBe('<User><state>READY</state></User>');
    expect(second.requestId).toMatch(UUID);
    expect(second.requestId).not.toBe(first.requestId);
  });

  it('accepts 200 and 204 too, and uses an injected requestId source', async () => {
    const c = client({ newRequestId: () => 'req-fixed' });
    respond = (_seen, res) => res.writeHead(204).end();
    expect(await c.setState('1', { state: 'LOGOUT', reasonCodeId: '2' })).toEqual({
      requestId: 'req-fixed',
    });
    respond = xml(200, '');
    expect(await c.setState('1', { state: 'READY' })).toEqual({ requestId: 'req-fixed' });
    expect(requests[0]?.headers.requestid).toBe('req-fixed');
  });

  it('turns a 400 ApiErrors body into an api error that keeps the sent requestId', async () => {
    respond = xml(400, fixture('apierrors-not-allowed.xml'));
    const error = await failure(
      client({ newRequestId: () => 'req-400' }).setState('1234', {
        state: 'NOT_READY',
        reasonCodeId: '33',
      }),
    );
    expect(error).toMatchObject({
      kind: 'api',
      status: 400,
      requestId: 'req-400',
      method: 'PUT',
      path: '/finesse/api/User/1234',
      excerpt: null,
      errors: [
        {
          errorType: 'Invalid Input',
          errorData: 'finesse.api.reasoncode.not_allowed',
          errorMessage: 'For this operation, Reason Codes are not allowed.',
        },
      ],
    });
    expect(explanationKey(error)).toBe('reasonNotAllowed');
  });

  it('treats an unexpected 2xx as a bad response', async () => {
    respond = xml(201, '<User/>');
    const error = await failure(client().setState('1', { state: 'READY' }));
    expect(error).toMatchObject({ kind: 'parse', status: 201, excerpt: '<User/>' });
    expect(error.requestId).toMatch(UUID);
  });
});

describe('failures', () => {
  it('503 ApiErrors: api error, requestId from the response header', async () => {
    respond = xml(503, fixture('apierrors-service-unavailable.xml'), { requestId: 'server-req' });
    const error = await failure(client().getUser('1001001'));
    expect(error).toMatchObject({
      kind: 'api',
      status: 503,
      requestId: 'server-req',
      method: 'GET',
      path: '/finesse/api/User/1001001',
      errors: [
        { errorType: 'Service Unavailable', errorData: '', errorMessage: 'SERVER_OUT_OF_SERVICE' },
      ],
    });
    expect(explanationKey(error)).toBe('outOfService');
  });

  it('a body far larger than the resource allows is refused without being parsed', async () => {
    const entry = '<ReasonCode><uri>/finesse/api/ReasonCode/1</uri><label>x</label></ReasonCode>';
    const huge = `<ReasonCodes category="NOT_READY">${entry.repeat(20_000)}</ReasonCodes>`;
    expect(huge.length).toBeGreaterThan(BODY_LIMITS.reasonCodes);
    respond = xml(200, huge);
    const error = await failure(client().getReasonCodes('1001', 'NOT_READY'));
    expect(error).toMatchObject({ kind: 'tooLarge', status: 200 });
    expect(explanationKey(error)).toBe('tooLarge');
    expect(error.message).toContain(`limit ${BODY_LIMITS.reasonCodes}`);
  });

  it('429 and 503 carry Retry-After; 403 is "not permitted", not a failed sign-in', async () => {
    respond = (_seen, res) =>
      res.writeHead(429, { 'Retry-After': '12', 'Content-Type': 'text/plain' }).end('slow down');
    const busy = await failure(client().getUser('1001'));
    expect(busy).toMatchObject({ kind: 'http', status: 429, retryAfterMs: 12_000 });
    expect(explanationKey(busy)).toBe('tooManyRequests');
    respond = xml(503, fixture('apierrors-service-unavailable.xml'), { 'Retry-After': '30' });
    expect(await failure(client().getUser('1001'))).toMatchObject({ retryAfterMs: 30_000 });
    respond = (_seen, res) => res.writeHead(403, { 'Content-Type': 'text/html' }).end('<p>no</p>');
    expect(explanationKey(await failure(client().getUser('1001')))).toBe('forbidden');
  });

  it('401 ApiErrors: authorization failure', async () => {
    respond = xml(401, fixture('apierrors-authorization-failure.xml'));
    const error = await failure(client().getUser('1234'));
    expect(error).toMatchObject({ kind: 'api', status: 401, requestId: null });
    expect(explanationKey(error)).toBe('authorizationFailure');
  });

  it('500 HTML page: http error with a collapsed excerpt', async () => {
    respond = (_seen, res) =>
      res.writeHead(500, { 'Content-Type': 'text/html' }).end(fixture('error-page-tomcat.html'));
    const error = await failure(client().getUser('1001001'));
    expect(error).toMatchObject({ kind: 'http', status: 500, errors: [], requestId: null });
    expect(error.excerpt).toMatch(/^<!doctype html><html lang="en"><head><title>HTTP Status 500/);
    expect(error.excerpt?.length).toBeLessThanOrEqual(201);
    expect(error.excerpt).not.toMatch(/\s{2,}|\n/);
    expect(explanationKey(error)).toBe('serverError');
  });

  it('502 empty body: http error without excerpt', async () => {
    respond = (_seen, res) => res.writeHead(502).end();
    const error = await failure(client().setState('1', { state: 'READY' }));
    expect(error).toMatchObject({ kind: 'http', status: 502, excerpt: null, errors: [] });
    expect(error.requestId).toMatch(UUID);
  });

  it('200 truncated XML: parse error with an excerpt', async () => {
    respond = xml(200, fixture('user-truncated.xml'));
    const error = await failure(client().getUser('1001001'));
    expect(error).toMatchObject({ kind: 'parse', status: 200, errors: [] });
    expect(error.excerpt).toMatch(/^<User> <uri>\/finesse\/api\/User\/1001001<\/uri>/);
    expect(explanationKey(error)).toBe('badResponse');
  });

  it('200 empty body: parse error without excerpt', async () => {
    respond = xml(200, '');
    const error = await failure(client().getReasonCodes('1', 'NOT_READY'));
    expect(error).toMatchObject({ kind: 'parse', status: 200, excerpt: null });
  });

  it('200 HTML (e.g. a sign-in page) or another XML root: parse error', async () => {
    respond = (_seen, res) =>
      res
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end('<html><body><form>Sign in</form></body></html>');
    const html = await failure(client().getTeam('34'));
    expect(html).toMatchObject({ kind: 'parse', status: 200 });
    expect(html.excerpt).toContain('Sign in');

    respond = xml(200, fixture('apierrors-not-allowed.xml'));
    expect(await failure(client().getUser('1'))).toMatchObject({ kind: 'parse', status: 200 });
  });

  it('no answer: timeout error that keeps the requestId', async () => {
    respond = hang;
    const error = await failure(
      client({ timeoutMs: 150, newRequestId: () => 'req-hang' }).setState('1', { state: 'READY' }),
    );
    expect(error).toMatchObject({
      kind: 'timeout',
      status: null,
      requestId: 'req-hang',
      timeoutMs: 150,
    });
    expect(explanationKey(error)).toBe('timeout');
  });

  it('headers but the body never ends: timeout with the status', async () => {
    respond = (_seen, res) => {
      res.writeHead(200, { 'Content-Type': 'application/xml' });
      res.write('<User><uri>');
    };
    const error = await failure(client({ timeoutMs: 150 }).getUser('1'));
    expect(error).toMatchObject({ kind: 'timeout', status: 200, timeoutMs: 150 });
  });

  it('connection refused: network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(
      createFinesseClient({ baseUrl: `http://127.0.0.1:${port}`, getAuth: () => auth }).getUser(
        '1',
      ),
    );
    expect(error).toMatchObject({ kind: 'network', status: null, errors: [], excerpt: null });
    expect(explanationKey(error)).toBe('network');
  });

  it('a caller abort rejects with the AbortError, not a FinesseError', async () => {
    respond = hang;
    const controller = new AbortController();
    const pending = client().getUser('1', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(pending).rejects.not.toBeInstanceOf(FinesseError);

    const already = new AbortController();
    already.abort();
    await expect(client().getUser('1', { signal: already.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('basicAuth', () => {
  it('encodes UTF-8 credentials', () => {
    expect(basicAuth('1001', 'pässwörd€')).toEqual({
      scheme: 'Basic',
      credentials: Buffer.from('1001:pässwörd€', 'utf8').toString('base64'),
    });
  });
});

describe('credentials replaced while a request is on its way', () => {
  const refusedUnlessNew: Responder = (seen, res) =>
    seen.headers.authorization === 'Bearer new'
      ? xml(200, fixture('user-supervisor.xml'))(seen, res)
      : xml(401, fixture('apierrors-authorization-failure.xml'))(seen, res);

  it('a request refused with the token a renewal replaced is sent once more with the new one', async () => {
    respond = refusedUnlessNew;
    let reads = 0;
    // The renewal lands between sending and the answer: the first read sees the old token.
    const renewed = client({
      getAuth: () => ({ scheme: 'Bearer', token: reads++ === 0 ? 'old' : 'new' }),
    });
    const user = await renewed.getUser('1001001');
    expect(user.id).toBe('1001001');
    expect(requests.map((r) => r.headers.authorization)).toEqual(['Bearer old', 'Bearer new']);
  });

  it('refused with credentials that did not change: refused, sent once', async () => {
    respond = refusedUnlessNew;
    const same = client({ getAuth: () => ({ scheme: 'Bearer', token: 'old' }) });
    expect((await failure(same.getUser('1001001'))).status).toBe(401);
    expect(requests).toHaveLength(1);
  });
});
