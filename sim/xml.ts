// XML as Finesse writes it (User, Team, ReasonCodes, ApiErrors, Update) and the PUT body reader.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  NO_REASON,
  hasRole,
  teamMembers,
  type Category,
  type Flavour,
  type Model,
  type ReasonCode,
  type User,
} from './model.ts';

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `<name>text</name>`, escaped; an empty value stays `<name></name>` as Finesse sends it. */
const el = (name: string, value: string | number | boolean): string =>
  `<${name}>${escapeXml(String(value))}</${name}>`;

const reasonCodeUri = (id: number): string => `/finesse/api/ReasonCode/${id}`;
export const userUri = (loginId: string): string => `/finesse/api/User/${loginId}`;
export const teamUri = (teamId: string): string => `/finesse/api/Team/${teamId}`;
export const teamUsersNode = (teamId: string): string => `/finesse/api/Team/${teamId}/Users`;

/**
 * The Notification Service's domains, as SystemInfo reports them and the simulated XMPP
 * server (`xmpp/`) serves them: one place for both. On Finesse the XMPP domain is the
 * server's FQDN and the pubsub service is `pubsub.` + that.
 */
export const XMPP_DOMAIN = 'finesse-a.sim.example';
export const XMPP_PUBSUB_DOMAIN = `pubsub.${XMPP_DOMAIN}`;

/** The SystemInfo notification node, to which every user is subscribed (failover.md). */
export const SYSTEM_INFO_NODE = '/finesse/api/SystemInfo';

/** Each node's own Notification Service domain: `finesse-a.sim.example`, `finesse-b.sim.example`. */
export const xmppDomainOf = (node: 'a' | 'b'): string => `finesse-${node}.sim.example`;

/** One entry of a ReasonCodes list. */
export function reasonCodeXml(rc: ReasonCode): string {
  return (
    '<ReasonCode>' +
    el('uri', reasonCodeUri(rc.id)) +
    el('category', rc.category) +
    el('code', rc.code) +
    el('label', rc.label) +
    el('forAll', rc.forAll) +
    el('systemCode', rc.systemCode) +
    '</ReasonCode>'
  );
}

export function reasonCodesXml(category: Category, codes: ReasonCode[]): string {
  return `${XML_DECLARATION}<ReasonCodes category="${category}">${codes.map(reasonCodeXml).join('')}</ReasonCodes>`;
}

/** The reason embedded in a User (GET and notifications): `<ReasonCode>` with `<id>`. */
function userReasonCodeXml(rc: ReasonCode): string {
  return (
    '<ReasonCode>' +
    el('category', rc.category) +
    el('uri', reasonCodeUri(rc.id)) +
    el('code', rc.code) +
    el('label', rc.label) +
    el('forAll', rc.forAll) +
    el('systemCode', rc.systemCode) +
    el('id', rc.id) +
    '</ReasonCode>'
  );
}

/** The reason embedded in a Team member of GET /Team: lower-case `<reasonCode>`. */
function memberReasonCodeXml(rc: ReasonCode): string {
  return (
    '<reasonCode>' +
    el('category', rc.category) +
    el('code', rc.code) +
    el('label', rc.label) +
    el('id', rc.id) +
    el('uri', reasonCodeUri(rc.id)) +
    '</reasonCode>'
  );
}

/** `root` is `User` for GET, `user` inside an Update. */
export function userXml(model: Model, user: User, root: 'User' | 'user' = 'User'): string {
  const reason = model.reasonCodes.get(user.reasonCodeId);
  const team = model.teams.get(user.teamId);
  const supervised = hasRole(user, 'Supervisor')
    ? '<teams>' +
      user.supervisedTeamIds
        .map((id) => model.teams.get(id))
        .filter((t) => t !== undefined)
        .map(
          (t) => `<Team>${el('uri', teamUri(t.id))}${el('id', t.id)}${el('name', t.name)}</Team>`,
        )
        .join('') +
      '</teams>'
    : '';
  return (
    `<${root}>` +
    el('uri', userUri(user.loginId)) +
    `<roles>${user.roles.map((role) => el('role', role)).join('')}</roles>` +
    el('loginId', user.loginId) +
    el('loginName', user.loginName) +
    el('state', user.state) +
    el('stateChangeTime', user.stateChangeTime) +
    el('pendingState', user.pendingState) +
    el('reasonCodeId', user.reasonCodeId) +
    (reason && user.reasonCodeId !== NO_REASON ? userReasonCodeXml(reason) : '') +
    '<settings><wrapUpOnIncoming>OPTIONAL</wrapUpOnIncoming><wrapUpOnOutgoing>NOT_ALLOWED</wrapUpOnOutgoing></settings>' +
    el('extension', user.extension) +
    el('firstName', user.firstName) +
    el('lastName', user.lastName) +
    el('teamId', user.teamId) +
    el('teamName', team?.name ?? '') +
    el('dialogs', `${userUri(user.loginId)}/Dialogs`) +
    supervised +
    `</${root}>`
  );
}

function mediaState(user: User): string {
  return ['TALKING', 'HOLD', 'RESERVED', 'RESERVED_OUTBOUND', 'RESERVED_OUTBOUND_PREVIEW'].includes(
    user.state,
  )
    ? 'BUSY'
    : 'IDLE';
}

function teamMemberXml(model: Model, user: User): string {
  const reason = model.reasonCodes.get(user.reasonCodeId);
  return (
    '<User>' +
    el('uri', `${userUri(user.loginId)}/`) +
    el('loginId', user.loginId) +
    el('firstName', user.firstName) +
    el('lastName', user.lastName) +
    el('dialogs', `${userUri(user.loginId)}/Dialogs`) +
    el('extension', user.extension) +
    el('pendingState', user.pendingState) +
    el('state', user.state) +
    (reason && user.reasonCodeId !== NO_REASON ? memberReasonCodeXml(reason) : '') +
    el('stateChangeTime', user.stateChangeTime) +
    (model.flavour === 'UCCX' ? el('mediaState', mediaState(user)) : '') +
    '</User>'
  );
}

export function teamXml(model: Model, teamId: string, includeLoggedOut: boolean): string {
  const team = model.teams.get(teamId);
  if (!team) throw new Error(`no team ${teamId}`);
  const members = teamMembers(model, teamId).filter(
    (user) => includeLoggedOut || user.state !== 'LOGOUT',
  );
  return (
    '<Team>' +
    el('uri', teamUri(team.id)) +
    el('id', team.id) +
    el('name', team.name) +
    `<users>${members.map((user) => teamMemberXml(model, user)).join('')}</users>` +
    '</Team>'
  );
}

export interface ApiError {
  errorType: string;
  errorData: string;
  errorMessage: string;
}

/** The synchronous error body: PascalCase. */
export function apiErrorsXml(errors: ApiError[]): string {
  return (
    '<ApiErrors>' +
    errors
      .map(
        (e) =>
          `<ApiError>${el('ErrorType', e.errorType)}${el('ErrorData', e.errorData)}${el('ErrorMessage', e.errorMessage)}</ApiError>`,
      )
      .join('') +
    '</ApiErrors>'
  );
}

/** The asynchronous error inside an Update: camelCase. */
export function asyncApiErrorsXml(errors: ApiError[]): string {
  return (
    '<apiErrors>' +
    errors
      .map(
        (e) =>
          `<apiError>${el('errorType', e.errorType)}${el('errorData', e.errorData)}${el('errorMessage', e.errorMessage)}</apiError>`,
      )
      .join('') +
    '</apiErrors>'
  );
}

/** An XMPP pubsub payload; `data` is already-serialised XML. */
export function updateXml(source: string, requestId: string, data: string): string {
  return `<Update>${el('event', 'PUT')}${el('requestId', requestId)}${el('source', source)}<data>${data}</data></Update>`;
}

/** The node-specific part of SystemInfo (`finesseApi.ts` `systemInfoFor` fills it in). */
export interface SystemInfoNode {
  status: string;
  statusReason: string;
  xmppDomain: string;
  /** `primaryNode/host`; see `systemInfoFor` for why it carries a port here. */
  primaryHost: string;
  /** `secondaryNode/host`; absent on a single-node deployment (failover.md "SystemInfo"). */
  secondaryHost?: string;
}

const SINGLE_NODE_DEFAULT: SystemInfoNode = {
  status: 'IN_SERVICE',
  statusReason: '',
  xmppDomain: XMPP_DOMAIN,
  primaryHost: XMPP_DOMAIN,
};

export function systemInfoXml(
  flavour: Flavour,
  authMode: string,
  now: number = Date.now(),
  node: SystemInfoNode = SINGLE_NODE_DEFAULT,
): string {
  return (
    '<SystemInfo>' +
    el('currentTimestamp', new Date(now).toISOString()) +
    el('deploymentType', flavour) +
    el('installationType', 'DEVELOPMENT') +
    `<primaryNode>${el('host', node.primaryHost)}</primaryNode>` +
    (node.secondaryHost === undefined
      ? ''
      : `<secondaryNode>${el('host', node.secondaryHost)}</secondaryNode>`) +
    el('status', node.status) +
    // failover.md "SystemInfo": statusReason when not in service.
    (node.status === 'IN_SERVICE' ? '' : el('statusReason', node.statusReason)) +
    el('systemAuthMode', authMode) +
    el('timezoneOffset', 0) +
    el('uri', '/finesse/api/SystemInfo') +
    el('xmppDomain', node.xmppDomain) +
    el('xmppPubSubDomain', `pubsub.${node.xmppDomain}`) +
    '</SystemInfo>'
  );
}

/**
 * The answer cut off inside an element, as when a connection drops mid-body: past the
 * middle, inside the name of an opening tag, so no parser can take it for a whole document.
 */
export function truncateXml(xml: string): string {
  if (xml.length < 8) return xml.slice(0, Math.max(0, xml.length - 1)) || '<User><st';
  const from = Math.floor(xml.length / 2);
  for (let i = from; i < xml.length - 3; i += 1) {
    if (xml[i] === '<' && /[A-Za-z]/.test(xml[i + 1] ?? '')) return xml.slice(0, i + 3);
  }
  return xml.slice(0, from);
}

/** Tomcat's error report page, which is what Finesse shows when the webapp fails. */
export function tomcat500Html(): string {
  return (
    '<!doctype html><html lang="en"><head><title>HTTP Status 500 – Internal Server Error</title>' +
    '<style type="text/css">body {font-family:Tahoma,Arial,sans-serif;} h1 {font-size:22px;}</style></head>' +
    '<body><h1>HTTP Status 500 – Internal Server Error</h1><hr class="line" />' +
    '<p><b>Type</b> Exception Report</p>' +
    '<p><b>Message</b> Request processing failed; nested exception is java.lang.NullPointerException</p>' +
    '<p><b>Description</b> The server encountered an unexpected condition that prevented it from fulfilling the request.</p>' +
    '<hr class="line" /><h3>Apache Tomcat/9.0.73</h3></body></html>'
  );
}

/**
 * What answers when Finesse's Tomcat (web services) is down behind its front end: an
 * Apache-style 503 page, not Finesse's XML (failover.md table: "REST fails"; the exact page is
 * unknown: this is the usual Apache httpd/Tomcat text).
 */
export function serviceUnavailableHtml(): string {
  return (
    '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n' +
    '<title>503 Service Unavailable</title>\n</head><body>\n<h1>Service Unavailable</h1>\n' +
    '<p>The server is temporarily unable to service your\nrequest due to maintenance downtime ' +
    'or capacity\nproblems. Please try again later.</p>\n</body></html>\n'
  );
}

export type UserBody =
  { ok: true; state?: string; reasonCodeId?: string; extension?: string } | { ok: false };

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

/** Reads `<User><state/><reasonCodeId/><extension/></User>`; not well-formed or not a User → not ok. */
export function parseUserBody(body: string): UserBody {
  if (body.trim() === '' || XMLValidator.validate(body) !== true) return { ok: false };
  let doc: unknown;
  try {
    doc = parser.parse(body);
  } catch {
    return { ok: false };
  }
  if (typeof doc !== 'object' || doc === null || !('User' in doc)) return { ok: false };
  const user = (doc as { User: unknown }).User;
  if (user === '') return { ok: true }; // <User/> or <User></User>
  if (typeof user !== 'object' || user === null || Array.isArray(user)) return { ok: false };
  const field = (name: string): string | undefined => {
    const value = (user as Record<string, unknown>)[name];
    if (value === undefined) return undefined;
    // A repeated element or nested markup is not a value Finesse would accept.
    return typeof value === 'string' ? value : '\u0000invalid';
  };
  return {
    ok: true,
    state: field('state'),
    reasonCodeId: field('reasonCodeId'),
    extension: field('extension'),
  };
}
