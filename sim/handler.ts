// HTTP routing: /finesse/api (with latency, faults and the request log), SSO, the /sim control API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  authUserOf,
  bearerOf,
  Errors,
  handleFinesseApi,
  systemInfoFor,
  type ApiResponse,
} from './finesseApi.ts';
import { isLoopbackHost, isNodeName, type NodeName } from './pair.ts';
import { PROXY_HEADER } from './nodeGate.ts';
import { panelAsset } from './panel/serve.ts';
import { AUTH_MODES, SSO_FAULT_KINDS, handleSso, isSsoPath, redactTokens } from './sso.ts';
import type { SsoConfig, SsoFaultKind } from './sso.ts';
import { FAULT_KINDS, type Fault, type RequestLogEntry, type Simulator } from './simulator.ts';
import type { Category, Flavour, ReasonCode } from './model.ts';
import {
  SYSTEM_INFO_NODE,
  apiErrorsXml,
  reasonCodesXml,
  serviceUnavailableHtml,
  tomcat500Html,
  truncateXml,
  updateXml,
} from './xml.ts';
import { xmppControl } from './xmpp/control.ts';
import type { XmppService } from './xmpp/service.ts';

const MAX_BODY = 1_000_000;
/** How long a `hang` fault holds the socket when the client does not give up first. */
export const HANG_MS = 60_000;
const SSE_PING_MS = 15_000;

export type Next = (err?: unknown) => void;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: ApiResponse): void {
  if (res.writableEnded || res.destroyed) return;
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, {
    ...response.headers,
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify(value),
  });
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * `xmpp`: the Notification Service whose `/sim/xmpp` control endpoints this serves; `node`: the
 * node of the pair this handler answers for (its status, Tomcat, reachability and SystemInfo).
 */
export function createHandler(sim: Simulator, xmpp?: XmppService, node: NodeName = 'a') {
  return function handle(req: IncomingMessage, res: ServerResponse, next?: Next): void {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const { pathname } = url;
    const isControl = pathname === '/sim' || pathname.startsWith('/sim/');
    // A node gone from the network: every socket is cut, the browser sees a network error.
    // The control plane (/sim/*) is not Finesse and stays; node B's proxied requests for the
    // page's own files (PROXY_HEADER) are node B's, not this node's.
    if (
      !isControl &&
      sim.nodes.get(node)?.reachable === false &&
      req.headers[PROXY_HEADER] === undefined
    ) {
      req.socket.destroy();
      return;
    }
    if (pathname === DESKTOP_NOTIFICATIONS) {
      desktopNotifications(sim, node, req, res, url);
    } else if (pathname === '/finesse/api' || pathname.startsWith('/finesse/api/')) {
      finesse(sim, node, req, res, url).catch(() => send(res, Errors.internal()));
    } else if (isSsoPath(pathname)) {
      sso(sim, node, req, res, url).catch(() =>
        send(res, { status: 500, headers: { 'Content-Type': 'text/html' }, body: tomcat500Html() }),
      );
    } else if (isControl) {
      control(sim, xmpp, node, req, res, url).catch((err: unknown) =>
        sendJson(res, 500, { error: err instanceof Error ? err.message : String(err) }),
      );
    } else if (next) {
      next();
    } else {
      sendJson(res, 404, { error: `nothing at ${pathname}` });
    }
  };
}

/** Tomcat down behind the node's front end: an HTML 503 for its web services. */
const tomcatDown = (): ApiResponse => ({
  status: 503,
  headers: { 'Content-Type': 'text/html; charset=iso-8859-1' },
  body: serviceUnavailableHtml(),
});

const isSystemInfoPath = (pathname: string) => /^\/finesse\/api\/SystemInfo\/?$/.test(pathname);

/**
 * CORS for SystemInfo: with the pair's `cors` switch on, a node lets a page served by the
 * other node (any loopback host, the other node's port) read its SystemInfo. Decision: CORS
 * is configurable on Finesse 12.6 and absent before (failover.md "What is unknown"), so it is
 * a switch; off (the default) sends no CORS headers and a page on A cannot read B's.
 */
function corsHeaders(sim: Simulator, node: NodeName, req: IncomingMessage): Record<string, string> {
  const origin = header(req, 'origin');
  const other = sim.nodes.other(node);
  if (!sim.nodes.config.cors || !origin || !other || other.port === null) return {};
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return {};
  }
  const allowed =
    parsed.protocol === 'http:' &&
    isLoopbackHost(parsed.hostname) &&
    Number(parsed.port) === other.port;
  return allowed ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
}

async function finesse(
  sim: Simulator,
  node: NodeName,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) {
  const method = (req.method ?? 'GET').toUpperCase();
  const systemInfo = isSystemInfoPath(url.pathname);
  const cors = systemInfo ? corsHeaders(sim, node, req) : {};
  if (method === 'OPTIONS' && 'Access-Control-Allow-Origin' in cors) {
    // The preflight of a cross-origin SystemInfo read (not logged: not a Finesse request).
    await readBody(req);
    if (sim.nodes.get(node)?.tomcat === 'down') return send(res, tomcatDown());
    send(res, {
      status: 204,
      headers: {
        ...cors,
        'Access-Control-Allow-Methods': 'GET',
        'Access-Control-Allow-Headers':
          header(req, 'access-control-request-headers') ?? 'Authorization',
        'Access-Control-Max-Age': '600',
      },
      body: '',
    });
    return;
  }
  const body = await readBody(req);
  const authorization = header(req, 'authorization');
  const requestId = header(req, 'requestId');
  const entry = sim.logRequest({
    node,
    method,
    path: url.pathname,
    search: url.search,
    requestId: requestId ?? null,
    authUser: authUserOf(sim, authorization),
    bearer: bearerOf(authorization),
    body,
  });
  let gone = false;
  res.on('close', () => {
    gone = true;
  });

  if (sim.config.latencyMs > 0) {
    // A plain timer: a reset while waiting must not leave the request unanswered.
    const latencyMs = sim.config.latencyMs;
    await new Promise<void>((resolve) => setTimeout(resolve, latencyMs));
  }
  if (gone) return;

  // The node's own faults (`/sim/nodes`), before the injected ones (`/sim/faults`).
  const state = sim.nodes.require(node);
  if (state.tomcat === 'down') {
    entry.status = 503;
    send(res, tomcatDown());
    return;
  }
  if (state.status !== 'IN_SERVICE' && !(systemInfo && method === 'GET')) {
    // api.md §5: 503 Service Unavailable, SERVER_OUT_OF_SERVICE; failover.md: OUT_OF_SERVICE
    // and PARTIAL_SERVICE both answer 503. SystemInfo itself still answers, with the status.
    entry.status = 503;
    send(res, Errors.serviceUnavailable());
    return;
  }

  const fault = sim.takeFault(method, url.pathname);
  if (fault?.kind === 'changedMeanwhile') {
    // Not an error of its own: the agent's state changes (the system signs them out, as a
    // supervisor elsewhere or a failover would) just before this request is handled, so a PUT
    // meets the real rules from the new state, e.g. 400 Invalid State (api.md §4, §5).
    const userId = /^\/finesse\/api\/User\/([^/]+)\/?$/.exec(url.pathname)?.[1];
    if (userId) sim.systemSetState(decodeURIComponent(userId), 'LOGOUT');
  } else if (fault) {
    answerWithFault(sim, res, entry, fault, {
      pathname: url.pathname,
      searchParams: url.searchParams,
      authorization,
    });
    return;
  }
  const response = handleFinesseApi(sim, {
    method,
    pathname: url.pathname,
    searchParams: url.searchParams,
    authorization,
    requestId,
    body,
    node,
    host: header(req, 'host'),
  });
  entry.status = response.status;
  send(res, systemInfo ? { ...response, headers: { ...response.headers, ...cors } } : response);
}

/**
 * Cisco IdS and the IdP (`sso.ts`). Only /desktop/sso/token is logged, like /finesse/api,
 * with refresh and access tokens blanked from the query and form body.
 */
async function sso(
  sim: Simulator,
  node: NodeName,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) {
  const body = await readBody(req);
  const method = (req.method ?? 'GET').toUpperCase();
  const authorization = header(req, 'authorization');
  const logged = url.pathname.replace(/\/+$/, '') === '/desktop/sso/token';
  const entry = logged
    ? sim.logRequest({
        node,
        method,
        path: url.pathname,
        search: redactTokens(url.search),
        requestId: header(req, 'requestId') ?? null,
        authUser: authUserOf(sim, authorization),
        bearer: bearerOf(authorization),
        body: redactTokens(body),
      })
    : null;
  if (sim.nodes.get(node)?.tomcat === 'down' && url.pathname.startsWith('/desktop/sso/')) {
    // Finesse's /desktop/sso is served by the same Tomcat (Cisco IdS and the IdP are not).
    if (entry) entry.status = 503;
    send(res, tomcatDown());
    return;
  }
  const response = handleSso(sim, {
    method,
    pathname: url.pathname,
    searchParams: url.searchParams,
    host: header(req, 'host') ?? '127.0.0.1',
    cookie: header(req, 'cookie'),
    contentType: header(req, 'content-type'),
    body,
  });
  if (entry) entry.status = response.status;
  send(res, response);
}

/** A faulted request never reaches the API, so a faulted PUT changes nothing. */
function answerWithFault(
  sim: Simulator,
  res: ServerResponse,
  entry: RequestLogEntry,
  fault: Fault,
  request: { pathname: string; searchParams: URLSearchParams; authorization: string | undefined },
): void {
  switch (fault.kind) {
    case 'apiError': {
      const injected = fault.apiError ?? {
        status: 500,
        errorType: 'Internal Server Error',
        errorData: '',
        errorMessage: 'RUNTIME_EXCEPTION',
      };
      entry.status = injected.status;
      send(res, {
        status: injected.status,
        headers: { 'Content-Type': 'application/xml' },
        body: apiErrorsXml([
          {
            errorType: injected.errorType,
            errorData: injected.errorData,
            errorMessage: injected.errorMessage,
          },
        ]),
      });
      return;
    }
    case 'status429':
      // Finesse documents no throttling (api.md §5); a proxy or load balancer in front of it
      // may answer so. Its body is not Finesse's: plain text, with Retry-After in seconds.
      entry.status = 429;
      send(res, {
        status: 429,
        headers: {
          'Content-Type': 'text/plain;charset=utf-8',
          'Retry-After': String(fault.retryAfterS ?? 2),
        },
        body: 'Too Many Requests',
      });
      return;
    case 'changedMeanwhile':
      // Handled before the request reaches the API (above): the agent's state changes first.
      return;
    case 'status503':
      entry.status = 503;
      send(res, Errors.serviceUnavailable());
      return;
    case 'html500':
      entry.status = 500;
      send(res, {
        status: 500,
        headers: { 'Content-Type': 'text/html;charset=utf-8', 'Content-Language': 'en' },
        body: tomcat500Html(),
      });
      return;
    case 'empty':
      entry.status = 200;
      send(res, { status: 200, headers: { 'Content-Type': 'application/xml' }, body: '' });
      return;
    case 'truncated': {
      // The real answer, cut: what a GET of this resource returns (a GET has no side effects,
      // so a truncated PUT still changes nothing); the User itself for a PUT.
      const whole = handleFinesseApi(sim, {
        method: 'GET',
        pathname: request.pathname,
        searchParams: request.searchParams,
        authorization: request.authorization,
        requestId: undefined,
        body: '',
      });
      entry.status = 200;
      send(res, {
        status: 200,
        headers: { 'Content-Type': 'application/xml' },
        body: truncateXml(whole.body),
      });
      return;
    }
    case 'oversized': {
      // A well-formed reason-code list far longer than Finesse allows (100 global + 100 team
      // Not Ready codes): what a misconfigured or hostile server could send.
      const entries = fault.entries ?? 25_000;
      const category = request.searchParams.get('category') === 'LOGOUT' ? 'LOGOUT' : 'NOT_READY';
      const codes = Array.from({ length: entries }, (_, i) => ({
        id: 100_000 + i,
        category,
        code: 1000 + i,
        label: `Generated reason ${i + 1}`,
        forAll: true,
        systemCode: false,
        teams: [],
      })) satisfies ReasonCode[];
      entry.status = 200;
      send(res, {
        status: 200,
        headers: { 'Content-Type': 'application/xml' },
        body: reasonCodesXml(category, codes),
      });
      return;
    }
    case 'hang': {
      // No answer at all (Tomcat down): hold the socket until the client gives up, or 60 s.
      const timer = sim.schedule(() => res.destroy(), HANG_MS);
      res.on('close', () => sim.cancel(timer));
      return;
    }
  }
}

// ---- /sim control API ------------------------------------------------------------------

type Json = Record<string, unknown>;

async function readJson(req: IncomingMessage): Promise<Json | null> {
  const text = await readBody(req);
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Json)
      : null;
  } catch {
    return null;
  }
}

const optionalNumber = (value: unknown): number | undefined | null =>
  value === undefined
    ? undefined
    : typeof value === 'number' && Number.isFinite(value)
      ? value
      : null;

async function control(
  sim: Simulator,
  xmpp: XmppService | undefined,
  node: NodeName,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname.replace(/\/+$/, '');
  const bad = (message: string) => sendJson(res, 400, { error: message });
  const notFound = (message: string) => sendJson(res, 404, { error: message });
  const route = `${method} ${path}`;

  if (method === 'GET') {
    // The failure controls page (`panel/`): /sim/, /sim/panel, its script and style.
    const asset = await panelAsset(path);
    if (asset) {
      send(res, { status: 200, headers: { 'Content-Type': asset.type }, body: asset.body });
      return;
    }
  }
  if (route === 'GET /sim/health') {
    send(res, { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok' });
    return;
  }
  if (route === 'GET /sim/notifications') {
    const nodePath = url.searchParams.get('node');
    if (!nodePath) return bad('node is required, e.g. /finesse/api/User/1001');
    openEventStream(sim, node, req, res, nodePath);
    return;
  }
  if (route === 'GET /sim/nodes') return sendJson(res, 200, sim.nodes.snapshot());
  if (route === 'GET /sim/state') return sendJson(res, 200, sim.snapshot());
  if (route === 'GET /sim/requests') return sendJson(res, 200, sim.requestLog);
  if (route === 'DELETE /sim/requests') {
    sim.requestLog = [];
    return sendJson(res, 200, { ok: true });
  }
  if (route === 'DELETE /sim/faults') {
    sim.faults = [];
    return sendJson(res, 200, { ok: true });
  }

  const body = method === 'GET' || method === 'DELETE' ? {} : await readJson(req);
  if (body === null) return bad('body must be a JSON object');

  if (path === '/sim/xmpp' || path.startsWith('/sim/xmpp/')) {
    if (!xmpp) return notFound('no XMPP service on this server');
    const answer = xmppControl(xmpp, method, path, body);
    return sendJson(res, answer.status, answer.value);
  }

  if (route === 'POST /sim/reset') {
    const flavour = body.flavour;
    if (flavour !== undefined && flavour !== 'UCCX' && flavour !== 'UCCE') {
      return bad('flavour must be UCCX or UCCE');
    }
    // Both nodes back in service, up and reachable; the pair's switches to their defaults.
    sim.reset(flavour === undefined ? {} : { flavour: flavour as Flavour });
    // XMPP faults too (every node's); connections and subscriptions stay, as event streams do.
    xmpp?.resetFaults();
    sim.nodes.resetServices();
    return sendJson(res, 200, { ok: true, flavour: sim.flavour });
  }
  if (route === 'POST /sim/clock') {
    // The server's clock against this machine's: time in state must follow the server's.
    const offsetMs = optionalNumber(body.offsetMs);
    if (typeof offsetMs !== 'number') return bad('offsetMs (a number) expected');
    sim.clockOffsetMs = offsetMs;
    return sendJson(res, 200, { offsetMs });
  }
  if (route === 'POST /sim/config') {
    const latencyMs = optionalNumber(body.latencyMs);
    const applyDelayMs = optionalNumber(body.applyDelayMs);
    if (latencyMs === null || applyDelayMs === null) return bad('numbers expected');
    const ssoConfig = readSsoConfig(body);
    if (typeof ssoConfig === 'string') return bad(ssoConfig);
    sim.setConfig({ latencyMs, applyDelayMs });
    sim.setSsoConfig(ssoConfig);
    return sendJson(res, 200, { ...sim.config, ...sim.ssoConfig });
  }
  if (route === 'GET /sim/sso') return sendJson(res, 200, sim.ssoSnapshot());
  if (route === 'DELETE /sim/sso/faults') {
    sim.sso.faults = [];
    return sendJson(res, 200, { ok: true, faults: [] });
  }
  if (route === 'POST /sim/sso/faults') {
    const kind = body.kind as SsoFaultKind;
    const times = optionalNumber(body.times);
    if (!SSO_FAULT_KINDS.includes(kind)) {
      return bad(`kind must be one of ${SSO_FAULT_KINDS.join(', ')}`);
    }
    if (times === null || (times !== undefined && (times < 1 || !Number.isInteger(times)))) {
      return bad('times must be an integer ≥ 1');
    }
    sim.sso.faults.push({ kind, remaining: times ?? 1 });
    return sendJson(res, 200, { ok: true, faults: sim.sso.faults });
  }
  if (route === 'POST /sim/sso/expire-refresh') {
    // An action, not a counted fault: every grant that exists now needs a new sign-in.
    sim.sso.expireRefreshTokens(sim.now());
    return sendJson(res, 200, sim.ssoSnapshot());
  }
  if (route === 'POST /sim/faults') {
    const match = (body.match ?? {}) as Json;
    const kind = body.kind as Fault['kind'];
    const times = optionalNumber(body.times);
    if (!FAULT_KINDS.includes(kind)) return bad(`kind must be one of ${FAULT_KINDS.join(', ')}`);
    if (times === null || (times !== undefined && times < 1)) return bad('times must be ≥ 1');
    if (
      typeof match !== 'object' ||
      (match.method !== undefined && typeof match.method !== 'string') ||
      (match.path !== undefined && typeof match.path !== 'string') ||
      (match.pathEquals !== undefined && typeof match.pathEquals !== 'string')
    ) {
      return bad('match is {method?: string, path?: string, pathEquals?: string}');
    }
    let apiError: Fault['apiError'];
    const entries = optionalNumber(body.entries);
    if (entries === null || (entries !== undefined && (entries < 0 || entries > 500_000))) {
      return bad('entries must be 0…500000');
    }
    if (kind === 'apiError') {
      const status = optionalNumber(body.status);
      if (typeof status !== 'number' || status < 400 || status > 599) {
        return bad('apiError needs status 400..599');
      }
      apiError = {
        status,
        errorType: String(body.errorType ?? ''),
        errorData: String(body.errorData ?? ''),
        errorMessage: String(body.errorMessage ?? ''),
      };
    }
    const retryAfterS = optionalNumber(body.retryAfterS);
    if (
      retryAfterS === null ||
      (retryAfterS !== undefined && (retryAfterS < 0 || retryAfterS > 600))
    ) {
      return bad('retryAfterS must be 0…600');
    }
    sim.addFault({
      match: {
        ...(match.method !== undefined ? { method: match.method as string } : {}),
        ...(match.path !== undefined ? { path: match.path as string } : {}),
        ...(match.pathEquals !== undefined ? { pathEquals: match.pathEquals as string } : {}),
      },
      kind,
      ...(apiError ? { apiError } : {}),
      ...(entries !== undefined ? { entries } : {}),
      ...(retryAfterS !== undefined ? { retryAfterS } : {}),
      remaining: times ?? 1,
    });
    return sendJson(res, 200, { ok: true, faults: sim.faults });
  }
  if (route === 'POST /sim/reason-codes') {
    const { category, id, code, label, forAll, systemCode, teams } = body;
    if (category !== 'NOT_READY' && category !== 'LOGOUT') return bad('category');
    if (typeof code !== 'number' || typeof label !== 'string' || typeof forAll !== 'boolean') {
      return bad('code (number), label (string) and forAll (boolean) are required');
    }
    if (id !== undefined && typeof id !== 'number') return bad('id must be a number');
    if (systemCode !== undefined && typeof systemCode !== 'boolean') return bad('systemCode');
    if (
      teams !== undefined &&
      !(Array.isArray(teams) && teams.every((t) => typeof t === 'string'))
    ) {
      return bad('teams must be an array of team ids');
    }
    const result = sim.addReasonCode({
      category: category as Category,
      ...(id !== undefined ? { id } : {}),
      code,
      label,
      forAll,
      ...(systemCode !== undefined ? { systemCode } : {}),
      ...(teams !== undefined ? { teams: teams as string[] } : {}),
    });
    return typeof result === 'string'
      ? sendJson(res, 409, { error: result })
      : sendJson(res, 201, result);
  }
  if (route === 'POST /sim/big-team') {
    const size = body.size;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || size > 20_000) {
      return bad('size must be an integer 0…20000');
    }
    sim.bigTeam(size);
    return sendJson(res, 200, { ok: true, teamId: '40', size });
  }

  const oversized = /^\/sim\/users\/([^/]+)\/oversized-update$/.exec(path);
  if (oversized && method === 'POST') {
    const chars = body.chars ?? 300_000;
    if (typeof chars !== 'number' || !Number.isInteger(chars) || chars < 0 || chars > 50_000_000) {
      return bad('chars must be an integer 0…50000000');
    }
    const error = sim.publishOversized(decodeURIComponent(oversized[1] ?? ''), chars);
    return error ? notFound(error) : sendJson(res, 200, { ok: true });
  }

  if (route === 'POST /sim/pair') {
    const answer = sim.nodes.setPair(body);
    return typeof answer === 'string' ? bad(answer) : sendJson(res, 200, answer);
  }
  const nodeRoute = /^\/sim\/nodes\/([^/]+)$/.exec(path);
  if (nodeRoute && method === 'POST') {
    const name = decodeURIComponent(nodeRoute[1] ?? '');
    if (!isNodeName(name) || !sim.nodes.get(name)) return notFound(`no node ${name}`);
    const answer = sim.nodes.set(name, body);
    if (typeof answer === 'string') return bad(answer);
    return sendJson(
      res,
      200,
      sim.nodes.snapshot().nodes.find((n) => n.name === name),
    );
  }

  let m = /^\/sim\/reason-codes\/(\d+)$/.exec(path);
  if (m && method === 'DELETE') {
    return sim.deleteReasonCode(Number(m[1]))
      ? sendJson(res, 200, { ok: true })
      : notFound(`no reason code ${m[1]}`);
  }
  m = /^\/sim\/users\/([^/]+)\/(call|state|team|sso-token|auth|name)$/.exec(path);
  if (m && method === 'POST') {
    const userId = decodeURIComponent(m[1] ?? '');
    const user = sim.model.users.get(userId);
    if (!user) return notFound(`no user ${userId}`);
    if (m[2] === 'sso-token') return sendJson(res, 200, { token: sim.renewSsoToken(userId) });
    if (m[2] === 'auth') {
      // How the user signs in when the system is HYBRID; `both` is the seed's absent kind.
      const kind = body.kind;
      if (kind !== 'sso' && kind !== 'password' && kind !== 'both') {
        return bad('kind must be sso, password or both');
      }
      if (kind === 'both') delete user.authKind;
      else user.authKind = kind;
      return sendJson(res, 200, { ok: true, loginId: userId, kind });
    }
    if (m[2] === 'call') {
      const action = body.action;
      if (action !== 'start' && action !== 'end' && action !== 'hold') {
        return bad('action must be start, end or hold');
      }
      const result = sim.call(userId, action, body.wrapUp === true);
      return result.ok
        ? sendJson(res, 200, { ok: true, state: result.user.state })
        : bad(result.error);
    }
    if (m[2] === 'state') {
      const reasonCodeId = optionalNumber(body.reasonCodeId);
      if (typeof body.state !== 'string' || reasonCodeId === null) {
        return bad('state (string) and an optional numeric reasonCodeId');
      }
      const failure = sim.systemSetState(userId, body.state, reasonCodeId);
      return failure ? bad(failure) : sendJson(res, 200, { ok: true });
    }
    if (m[2] === 'name') {
      // Any text a directory may hold, e.g. a name a spreadsheet would read as a formula.
      const { firstName, lastName } = body;
      if (typeof firstName !== 'string' || typeof lastName !== 'string') {
        return bad('firstName and lastName (strings) are required');
      }
      sim.rename(userId, firstName, lastName);
      return sendJson(res, 200, { ok: true });
    }
    if (typeof body.teamId !== 'string') return bad('teamId (string) is required');
    const failure = sim.reassignTeam(userId, body.teamId);
    return failure ? notFound(failure) : sendJson(res, 200, { ok: true });
  }
  return notFound(`no control endpoint ${route}`);
}

/** The SSO fields of a `/sim/config` body, checked, or what is wrong with them. */
function readSsoConfig(body: Json): Partial<SsoConfig> | string {
  const { authMode, ssoUserId, systemInfoNeedsAuth } = body;
  const tokenLifetimeS = optionalNumber(body.tokenLifetimeS);
  const refreshLifetimeS = optionalNumber(body.refreshLifetimeS);
  if (authMode !== undefined && !AUTH_MODES.includes(authMode as SsoConfig['authMode'])) {
    return `authMode must be one of ${AUTH_MODES.join(', ')}`;
  }
  if (ssoUserId !== undefined && ssoUserId !== 'loginId' && ssoUserId !== 'loginName') {
    return 'ssoUserId must be loginId or loginName';
  }
  if (systemInfoNeedsAuth !== undefined && typeof systemInfoNeedsAuth !== 'boolean') {
    return 'systemInfoNeedsAuth must be a boolean';
  }
  if (
    tokenLifetimeS === null ||
    refreshLifetimeS === null ||
    (tokenLifetimeS ?? 1) < 1 ||
    (refreshLifetimeS ?? 1) < 1
  ) {
    return 'tokenLifetimeS and refreshLifetimeS are seconds, ≥ 1';
  }
  return {
    ...(authMode !== undefined ? { authMode: authMode as SsoConfig['authMode'] } : {}),
    ...(ssoUserId !== undefined ? { ssoUserId } : {}),
    ...(systemInfoNeedsAuth !== undefined ? { systemInfoNeedsAuth } : {}),
    ...(tokenLifetimeS !== undefined ? { tokenLifetimeS } : {}),
    ...(refreshLifetimeS !== undefined ? { refreshLifetimeS } : {}),
  };
}

/** The desktop double's notification connection (`desktop/desktop.ts`). */
export const DESKTOP_NOTIFICATIONS = '/desktop/notifications';

/**
 * The desktop double's notification connection to its node: Server-Sent Events, one event per
 * Update, `data: {"node": "/finesse/api/…", "xml": "<Update>…"}`, for each `node` asked for
 * (`?node=/finesse/api/User/1001&node=/finesse/api/SystemInfo`). It stands for the desktop's
 * XMPP connection, so it lives and dies with the node's Notification Service: refused (503)
 * while it is down, cut when it goes down or the node becomes unreachable. (`/sim/notifications`
 * is the control plane's and stays up.)
 */
function desktopNotifications(
  sim: Simulator,
  node: NodeName,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) {
  const nodes = url.searchParams.getAll('node');
  if (nodes.length === 0) return sendJson(res, 400, { error: 'node is required' });
  if (sim.nodes.get(node)?.notification === 'down') {
    return send(res, {
      status: 503,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      body: 'Service Unavailable\n',
    });
  }
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write(`: subscribed to ${nodes.join(' ')}\n\n`);
  const host = header(req, 'host');
  const write = (path: string, xml: string) =>
    res.write(`data: ${JSON.stringify({ node: path, xml })}\n\n`);
  const stops = nodes.map((path) =>
    path === SYSTEM_INFO_NODE
      ? () => undefined
      : sim.subscribe(path, (update) => write(path, update)),
  );
  stops.push(
    sim.nodes.onNodeChange((after, before) => {
      if (after.name !== node) return;
      if (after.notification === 'down' || !after.reachable) {
        req.socket.destroy();
        return;
      }
      const statusChanged =
        after.status !== before.status || after.statusReason !== before.statusReason;
      if (statusChanged && nodes.includes(SYSTEM_INFO_NODE)) {
        write(SYSTEM_INFO_NODE, updateXml(SYSTEM_INFO_NODE, '', systemInfoFor(sim, node, host)));
      }
    }),
  );
  const ping = setInterval(() => res.write(': ping\n\n'), SSE_PING_MS);
  const close = () => {
    clearInterval(ping);
    for (const stop of stops.splice(0)) stop();
  };
  req.on('close', close);
  res.on('close', close);
}

/**
 * Server-Sent Events: one `data:` line per Update (the XML is single-line), ping every 15 s.
 * `/finesse/api/SystemInfo` streams this node's SystemInfo Updates (each status change).
 */
function openEventStream(
  sim: Simulator,
  thisNode: NodeName,
  req: IncomingMessage,
  res: ServerResponse,
  node: string,
) {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write(`: subscribed to ${node}\n\n`);
  const write = (update: string) => {
    // SSE forbids raw newlines in a field: one data line per line of the payload.
    res.write(
      `${update
        .split(/\r?\n/)
        .map((line) => `data: ${line}`)
        .join('\n')}\n\n`,
    );
  };
  const host = header(req, 'host');
  const unsubscribe =
    node === SYSTEM_INFO_NODE
      ? sim.nodes.onNodeChange((after, before) => {
          if (after.name !== thisNode) return;
          if (after.status === before.status && after.statusReason === before.statusReason) return;
          write(updateXml(SYSTEM_INFO_NODE, '', systemInfoFor(sim, thisNode, host)));
        })
      : sim.subscribe(node, write);
  const ping = setInterval(() => res.write(': ping\n\n'), SSE_PING_MS);
  const close = () => {
    clearInterval(ping);
    unsubscribe();
  };
  req.on('close', close);
  res.on('close', close);
}
