// The other node of a Finesse pair: which one it is, the same page there, whether it is in service,
// and what a page opened from "Continue on …" carries (the user ID and the way of signing in; never
// credentials).
//
// Facts: SystemInfo gives `primaryNode/host` and `secondaryNode/host`; a single-node deployment has
// no secondaryNode (finesse-10.5.1.js `SystemInfo.isSingleNode`); finesse.js finds the alternate by
// comparing `xmppDomain` with the primary's host (`SystemInfo.getAlternateHost`). Whether the other
// node's SystemInfo can be read from this page depends on its CORS settings (12.6 configurable,
// none before: failover.md "What is unknown").
import { parseSystemInfo, type SystemInfo } from '../finesse/systemInfo.ts';

export interface Here {
  protocol: string;
  /** host:port as the page's URL has it. */
  host: string;
  hostname: string;
  port: string;
  pathname: string;
}

export interface OtherNode {
  /** This node's host as SystemInfo names it (or the page's own host when none matches). */
  thisHost: string;
  otherHost: string;
  /** The other node's origin: its host, with this page's port unless the host carries its own. */
  origin: string;
}

const hasPort = (host: string): boolean => /:\d+$/.test(host) && !/^\[[^\]]*\]$/.test(host);
const bareHost = (host: string): string => (hasPort(host) ? host.replace(/:\d+$/, '') : host);
const sameHost = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The other node, or null for a single node (or a SystemInfo that names none). */
export function otherNodeOf(
  info: Pick<SystemInfo, 'primaryNode' | 'secondaryNode' | 'xmppDomain'>,
  here: Here,
): OtherNode | null {
  const primary = info.primaryNode.trim();
  const secondary = info.secondaryNode.trim();
  if (primary === '' || secondary === '') return null;
  // A host with a port is matched with the page's host:port; an FQDN with its hostname.
  const isHere = (host: string) =>
    hasPort(host) ? sameHost(host, here.host) : sameHost(host, here.hostname);
  let onPrimary: boolean;
  if (isHere(primary)) onPrimary = true;
  else if (isHere(secondary)) onPrimary = false;
  // The page reached Finesse by another name (an alias, an IP): finesse.js's own rule.
  else onPrimary = sameHost(bareHost(primary), info.xmppDomain.trim());
  const thisHost = onPrimary ? primary : secondary;
  const otherHost = onPrimary ? secondary : primary;
  if (sameHost(thisHost, otherHost)) return null;
  const port = hasPort(otherHost) || here.port === '' ? '' : `:${here.port}`;
  return { thisHost, otherHost, origin: `${here.protocol}//${otherHost}${port}` };
}

/** Query parameters a page opened on the other node reads (and then removes from its address). */
const PARAM_USER = 'user';
const PARAM_VIA = 'signin';
const PARAM_FROM = 'from';

/** The same page on the other node, carrying the user ID and the way of signing in; no credentials. */
export function continueUrl(
  node: OtherNode,
  here: Here,
  carry: { userId: string; via: 'password' | 'sso' },
): string {
  const params = new URLSearchParams({
    [PARAM_USER]: carry.userId,
    [PARAM_VIA]: carry.via,
    [PARAM_FROM]: node.thisHost,
  });
  return `${node.origin}${here.pathname}?${params.toString()}`;
}

export interface Arrival {
  userId: string;
  via: 'password' | 'sso';
  from: string;
}

/** What a page opened by "Continue on …" was given; null for any other visit. */
export function arrivalOf(search: string): Arrival | null {
  const params = new URLSearchParams(search);
  const userId = params.get(PARAM_USER)?.trim() ?? '';
  const from = params.get(PARAM_FROM)?.trim() ?? '';
  if (userId === '' || from === '') return null;
  return { userId, via: params.get(PARAM_VIA) === 'sso' ? 'sso' : 'password', from };
}

export type OtherNodeCheck = 'inService' | 'notInService' | 'unchecked';

/**
 * Whether the page's Content-Security-Policy (the meta tag build/csp.ts writes) lets it connect
 * to `origin`: asked first, so a check the policy forbids is not made (the browser would refuse
 * it and report a violation). No policy in the page (the dev server): allowed.
 */
export function policyAllowsConnect(origin: string, doc: Document = document): boolean {
  const policy = doc
    .querySelector('meta[http-equiv="Content-Security-Policy" i]')
    ?.getAttribute('content');
  if (!policy) return true;
  const directives = new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name.toLowerCase(), sources] as const;
    }),
  );
  const sources = directives.get('connect-src') ?? directives.get('default-src');
  if (!sources) return true;
  const scheme = origin.slice(0, origin.indexOf(':') + 1);
  return sources.some((source) => source === '*' || source === scheme || source === origin);
}

/**
 * Reads the other node's SystemInfo without credentials. A browser refusal (no CORS) and a node
 * that is down look alike from here (a TypeError), so both are 'unchecked'.
 */
export async function checkOtherNode(
  origin: string,
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  timeoutMs = 5_000,
): Promise<OtherNodeCheck> {
  if (!policyAllowsConnect(origin)) return 'unchecked';
  let response: Response;
  try {
    response = await fetchImpl(`${origin}/finesse/api/SystemInfo`, {
      credentials: 'omit',
      mode: 'cors',
      headers: { Accept: 'application/xml' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    return 'unchecked';
  }
  if (!response.ok) return response.status === 401 ? 'unchecked' : 'notInService';
  try {
    const status = parseSystemInfo(await response.text()).status.toUpperCase();
    return status === 'IN_SERVICE' ? 'inService' : 'notInService';
  } catch {
    return 'unchecked';
  }
}
