// The simulated /finesse/api: authentication, authorisation, validation and answers (api.md §2–§6).
import {
  NO_REASON,
  SUPERVISOR_LOGOUT_ID,
  SUPERVISOR_NOT_READY_ID,
  findUser,
  hasRole,
  isAgentState,
  listedReasonCodes,
  selectableReasonCodes,
  supervises,
  type Category,
  type Model,
  type User,
} from './model.ts';
import { REQUESTABLE_STATES, decideTransition, type RequestedState } from './stateMachine.ts';
import type { NodeName } from './pair.ts';
import type { Simulator } from './simulator.ts';
import {
  apiErrorsXml,
  parseUserBody,
  reasonCodesXml,
  systemInfoXml,
  teamXml,
  xmppDomainOf,
  userXml,
  type ApiError,
} from './xml.ts';

export interface ApiRequest {
  method: string;
  pathname: string;
  searchParams: URLSearchParams;
  authorization: string | undefined;
  requestId: string | undefined;
  body: string;
  /** The node that received the request (default `a`). */
  node?: NodeName;
  /** The request's Host header: SystemInfo names the nodes on the host the client used. */
  host?: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const XML_TYPE = { 'Content-Type': 'application/xml' };

const xml = (status: number, body: string): ApiResponse => ({ status, headers: XML_TYPE, body });
/**
 * Every 401 carries a Basic challenge. Cisco's guide speaks of sending credentials "when
 * challenged"; no source shows the header's exact value, so the safe assumption is that it is
 * there (it is what makes a browser open its own password dialog, which the product must never
 * cause) with a plain realm.
 */
const CHALLENGE = { 'WWW-Authenticate': 'Basic realm="Cisco Finesse"' };
const errors = (status: number, ...list: ApiError[]): ApiResponse => {
  const answer = xml(status, apiErrorsXml(list));
  return status === 401 ? { ...answer, headers: { ...answer.headers, ...CHALLENGE } } : answer;
};
const error = (status: number, errorType: string, errorData: string, errorMessage: string) =>
  errors(status, { errorType, errorData, errorMessage });

// The §5 catalogue, one function per row, so every answer is spelled the same way.
export const Errors = {
  authorizationFailure: (userId: string) =>
    error(401, 'Authorization Failure', userId, 'UNAUTHORIZED'),
  userMismatch: (userId: string) =>
    error(
      401,
      'Invalid Authorization User Specified',
      userId,
      "The user specified in the authentication credentials and the uri don't match",
    ),
  invalidSupervisor: () =>
    error(401, 'Invalid Supervisor', '', 'The supervisor is not authorized for this agent'),
  notFound: (what: string) => error(404, 'Not Found', what, 'User Not Found'),
  resourceNotFound: (what: string) => error(404, 'Not Found', what, 'Resource Not Found'),
  requireReasonCode: () =>
    error(
      400,
      'Parameter Missing',
      'finesse.api.reasoncode.require_reasoncode',
      'The state change requires a valid reason code.',
    ),
  reasonCodeNotValid: () =>
    error(
      400,
      'Invalid Input',
      'finesse.api.reasoncode.not_valid',
      'The Reason Code specified in the request does not exist',
    ),
  reasonCodeNotAllowed: () =>
    error(
      400,
      'Invalid Input',
      'finesse.api.reasoncode.not_allowed',
      'For this operation, Reason Codes are not allowed.',
    ),
  stateMissing: () => error(400, 'Parameter Missing', 'state', 'State Parameter missing'),
  stateInvalid: () => error(400, 'Invalid Input', 'state', 'Invalid State specified for user'),
  // Decision: ErrorData empty (the catalogue has none); the message names the transition.
  invalidState: (from: string, to: string) =>
    error(400, 'Invalid State', '', `Cannot change state from ${from} to ${to}`),
  malformedBody: () =>
    error(400, 'Invalid Input', '', 'The request body is not a well-formed User document'),
  extensionMissing: () =>
    error(400, 'Parameter Missing', 'extension', 'Extension Parameter missing'),
  categoryMissing: () => error(400, 'Parameter Missing', 'category', 'Category Parameter missing'),
  categoryInvalid: () =>
    error(400, 'Invalid Input', 'category', 'Invalid Category specified for reason code'),
  /** RFC 9110 §15.5.6: a 405 must list the methods the resource supports in `Allow`. */
  methodNotAllowed: (allow: string) => {
    const answer = error(
      405,
      'Method Not Allowed',
      '',
      'The method is not allowed for this resource',
    );
    return { ...answer, headers: { ...answer.headers, Allow: allow } };
  },
  serviceUnavailable: () => error(503, 'Service Unavailable', '', 'SERVER_OUT_OF_SERVICE'),
  internal: () => error(500, 'Internal Server Error', '', 'RUNTIME_EXCEPTION'),
};

/**
 * The user named by the Authorization header, or the id to report in ErrorData. Which schemes
 * count depends on the auth mode (`Simulator.allows`): NON_SSO refuses Bearer, SSO refuses
 * Basic, HYBRID decides per user; a refused scheme is the same 401 as wrong credentials.
 */
export function authenticate(
  sim: Simulator,
  authorization: string | undefined,
): { user: User } | { failedId: string } {
  if (!authorization) return { failedId: '' };
  const [scheme, ...rest] = authorization.trim().split(/\s+/);
  const credential = rest.join(' ');
  if (/^basic$/i.test(scheme ?? '')) {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { failedId: '' };
    // The id may be the loginId or the loginName, as Finesse accepts on UCCE.
    const id = decoded.slice(0, colon);
    const user = sim.passwordOwner(id, decoded.slice(colon + 1));
    return user ? { user } : { failedId: id };
  }
  if (/^bearer$/i.test(scheme ?? '')) {
    const user = sim.bearerOwner(credential);
    if (user) return { user };
  }
  return { failedId: '' };
}

/** Who the credentials belong to, for the request log. */
export function authUserOf(sim: Simulator, authorization: string | undefined): string | null {
  const result = authenticate(sim, authorization);
  return 'user' in result ? result.user.loginId : null;
}

/** The Bearer token an Authorization header carries, for the request log. */
export function bearerOf(authorization: string | undefined): string | null {
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}

/** The hostname of a Host header (`localhost:4173` → `localhost`, `[::1]:80` → `[::1]`). */
export function hostnameOf(host: string | undefined): string {
  const value = (host ?? '').trim();
  if (value === '') return '127.0.0.1';
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1) || value;
  const colon = value.lastIndexOf(':');
  return colon < 0 ? value : value.slice(0, colon);
}

/**
 * SystemInfo as node `node` answers it to a client that used `host` (its Host header): that
 * node's status, statusReason and XMPP domains; `primaryNode` and `secondaryNode` (failover.md
 * "SystemInfo"; finesse.js 10.5(1) SystemInfo reads `primaryNode.host` and `secondaryNode.host`,
 * and a single node is one without `secondaryNode.host`).
 * Decision: real Finesse gives each node's FQDN without a port; the simulated nodes are two
 * ports on one host, so `host` here is `<the Host header's hostname>:<the node's port>`
 * (a page on `localhost:4173` sees `localhost:4174`). The product handles both forms. A single
 * node's `primaryNode/host` is the Host header as sent, and there is no `secondaryNode`.
 */
export function systemInfoFor(sim: Simulator, node: NodeName, host: string | undefined): string {
  const self = sim.nodes.require(node);
  const hostname = hostnameOf(host);
  const a = sim.nodes.require('a');
  const b = sim.nodes.get('b');
  const at = (port: number | null) => (port === null ? hostname : `${hostname}:${port}`);
  return systemInfoXml(sim.model.flavour, sim.authMode, sim.now(), {
    status: self.status,
    statusReason: self.statusReason,
    xmppDomain: xmppDomainOf(node),
    primaryHost: b ? at(a.port) : (host ?? at(a.port)),
    ...(b ? { secondaryHost: at(b.port) } : {}),
  });
}

/** Handles one /finesse/api request (pathname already known to start with /finesse/api/). */
export function handleFinesseApi(sim: Simulator, request: ApiRequest): ApiResponse {
  const { model } = sim;
  const segments = request.pathname
    .slice('/finesse/api/'.length)
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);
  const [resource, id, sub, ...extra] = segments;
  const method = request.method.toUpperCase();

  // SystemInfo without credentials (sso.md "Modes": Cisco's SSO procedure reads
  // systemAuthMode before any sign-in); `systemInfoNeedsAuth` is the variant that refuses.
  // Decision: credentials that are sent are still checked, so wrong ones are a 401 here too.
  const openSystemInfo =
    resource === 'SystemInfo' &&
    segments.length === 1 &&
    !request.authorization &&
    !sim.ssoConfig.systemInfoNeedsAuth;
  const auth = openSystemInfo ? null : authenticate(sim, request.authorization);
  if (auth && !('user' in auth)) return Errors.authorizationFailure(auth.failedId);

  if (resource === 'SystemInfo' && segments.length === 1) {
    if (method !== 'GET') return Errors.methodNotAllowed('GET');
    return xml(200, systemInfoFor(sim, request.node ?? 'a', request.host));
  }
  if (!auth) return Errors.authorizationFailure('');
  const actor = auth.user;

  if (resource === 'User' && id !== undefined && extra.length === 0) {
    const target = findUser(model, id);
    // Decision: unknown user → 404 for everyone who is signed in, before any role check.
    if (!target) return Errors.notFound(id);
    if (sub === undefined) {
      if (method === 'GET') return getUser(model, actor, target);
      if (method === 'PUT') return putUser(sim, actor, target, request);
      return Errors.methodNotAllowed('GET, PUT');
    }
    if (sub === 'ReasonCodes') {
      if (method !== 'GET') return Errors.methodNotAllowed('GET');
      return getReasonCodes(model, actor, target, request.searchParams.get('category'));
    }
  }

  if (resource === 'Team' && id !== undefined && sub === undefined) {
    if (method !== 'GET') return Errors.methodNotAllowed('GET');
    return getTeam(model, actor, id, request.searchParams.get('includeLoggedOutAgents'));
  }

  return Errors.resourceNotFound(request.pathname);
}

const isAdmin = (user: User) => hasRole(user, 'Administrator');

/** GET /User/{id}: the user themself or an administrator (api.md §2). */
function getUser(model: Model, actor: User, target: User): ApiResponse {
  if (actor !== target && !isAdmin(actor)) return Errors.userMismatch(actor.loginId);
  return xml(200, userXml(model, target));
}

function getReasonCodes(
  model: Model,
  actor: User,
  target: User,
  category: string | null,
): ApiResponse {
  if (actor !== target && !isAdmin(actor)) return Errors.userMismatch(actor.loginId);
  if (category === null || category === '') return Errors.categoryMissing();
  if (category !== 'NOT_READY' && category !== 'LOGOUT') return Errors.categoryInvalid();
  return xml(200, reasonCodesXml(category, listedReasonCodes(model, target, category)));
}

/**
 * GET /Team/{id}: supervisors of that team and administrators. Decision: a user who is not
 * a supervisor at all gets 401 Authorization Failure (role not allowed); a supervisor of
 * other teams gets 401 Invalid Supervisor. An unknown team is 404 for those allowed to ask.
 */
function getTeam(
  model: Model,
  actor: User,
  teamId: string,
  includeLoggedOut: string | null,
): ApiResponse {
  if (!isAdmin(actor)) {
    if (!hasRole(actor, 'Supervisor')) return Errors.authorizationFailure(actor.loginId);
    if (!actor.supervisedTeamIds.includes(teamId)) return Errors.invalidSupervisor();
  }
  if (!model.teams.has(teamId)) return Errors.resourceNotFound(teamId);
  return xml(200, teamXml(model, teamId, includeLoggedOut?.toLowerCase() === 'true'));
}

/**
 * PUT /User/{id}. Checks run in this order (decision; each is a §5 row):
 *  1. agent (no Supervisor/Administrator role) acting on another user → 401 Invalid
 *     Authorization User Specified; a user without the Agent role acting on themself
 *     (an administrator) → 401 Authorization Failure: the role has no state.
 *  2. body not well-formed, or not a `<User>` → 400 Invalid Input.
 *  3. `<state>` missing → Parameter Missing/state; not a Finesse state → Invalid Input/state;
 *     a Finesse state users cannot request (TALKING…) → 400 Invalid State.
 *  4. reasons. `<reasonCodeId>` empty or -1 counts as absent (decision: it is how Finesse
 *     writes "no reason"). Someone else's user: any reason → not_allowed (before the team
 *     check: the body is wrong whoever the target is), then not a member → Invalid
 *     Supervisor (an administrator supervises no team). Self: READY with a reason →
 *     not_allowed (decision, api.md §9); NOT_READY/LOGOUT: absent → require_reasoncode when
 *     the user has selectable codes of that category, else -1; present → must be one of
 *     the user's selectable codes of that category, else not_valid (a code of the other
 *     category, a system code, another team's code, or a `code` instead of an id).
 *     LOGIN needs `<extension>` (reason ignored).
 *  5. transition not allowed from the current state → 400 Invalid State.
 * Then 202, empty body, `requestId` echoed; the change is applied after applyDelayMs.
 * Decision: without a requestId header none is invented; the Update then has an empty one.
 */
function putUser(sim: Simulator, actor: User, target: User, request: ApiRequest): ApiResponse {
  const { model } = sim;
  const bySelf = actor === target;
  if (bySelf && !hasRole(actor, 'Agent')) return Errors.authorizationFailure(actor.loginId);
  if (!bySelf && !hasRole(actor, 'Supervisor') && !isAdmin(actor)) {
    return Errors.userMismatch(actor.loginId);
  }

  const body = parseUserBody(request.body);
  if (!body.ok) return Errors.malformedBody();
  if (body.state === undefined || body.state === '') return Errors.stateMissing();
  const requested = body.state;
  if (requested !== 'LOGIN' && !isAgentState(requested)) return Errors.stateInvalid();
  if (!(REQUESTABLE_STATES as readonly string[]).includes(requested)) {
    return Errors.invalidState(target.state, requested);
  }
  const state = requested as RequestedState;

  const rawReason = body.reasonCodeId?.trim() ?? '';
  const hasReason = rawReason !== '' && rawReason !== String(NO_REASON);
  let reasonCodeId = NO_REASON;

  if (!bySelf) {
    if (hasReason) return Errors.reasonCodeNotAllowed();
    if (!supervises(actor, target)) return Errors.invalidSupervisor();
    // Finesse stamps the system code itself (UCCX 33/22, UCCE 999).
    if (state === 'NOT_READY') reasonCodeId = SUPERVISOR_NOT_READY_ID;
    if (state === 'LOGOUT') reasonCodeId = SUPERVISOR_LOGOUT_ID;
  } else if (state === 'READY') {
    if (hasReason) return Errors.reasonCodeNotAllowed();
  } else if (state === 'LOGIN') {
    if (!body.extension) return Errors.extensionMissing();
  } else {
    const category: Category = state;
    const selectable = selectableReasonCodes(model, target, category);
    if (!hasReason) {
      if (selectable.length > 0) return Errors.requireReasonCode();
    } else {
      const match = /^\d+$/.test(rawReason)
        ? selectable.find((rc) => rc.id === Number(rawReason))
        : undefined;
      if (!match) return Errors.reasonCodeNotValid();
      reasonCodeId = match.id;
    }
  }

  const change = { state, reasonCodeId, by: bySelf ? ('self' as const) : ('supervisor' as const) };
  if (decideTransition(model.flavour, target, change).kind === 'invalidState') {
    return Errors.invalidState(target.state, state);
  }
  const requestId = request.requestId ?? '';
  sim.acceptChange(
    actor.loginId,
    target.loginId,
    { ...change, extension: body.extension },
    requestId,
  );
  return {
    status: 202,
    headers: request.requestId !== undefined ? { requestId: request.requestId } : {},
    body: '',
  };
}
