// The desktop double's automatic failover: when its notification connection cannot be
// re-established, it moves to the other node of the pair (Cisco, "Failure Scenarios": "If the
// XMPP connection cannot be re-established, the Finesse Desktop triggers a failover to the
// alternate Finesse server"; failover.md "Inside the desktop": the page reloads on the other
// node, gadgets hear `failing`, then `recovered` there; desktop.md: `failing` is down and only
// `recovered` is up again). Pure parts, unit-tested in desktop.test.ts.

/** Time between two attempts to reopen the notification connection. */
export const RECONNECT_MS = 1000;
/**
 * Decision: after this many failed attempts in a row the desktop fails over (Cisco gives no
 * number; three attempts a second apart is quick enough to watch and to test).
 */
export const FAILOVER_AFTER_FAILURES = 3;
/**
 * On the new node, `recovered` waits until the gadget listens (its ConnectionInfoReq) so it
 * sees the change; at most this long after the connection is up.
 */
export const GADGET_WAIT_MS = 5000;

/** One node as `GET /sim/nodes` lists it. */
export interface SimNodeInfo {
  name: string;
  url: string | null;
  status: string;
  tomcat: string;
  notification: string;
  reachable: boolean;
}

const portOf = (url: string | null): string => (url ? new URL(url).port : '');

/** The node serving a page on `port`, and the other one of the pair (if any). */
export function pairOf(
  nodes: SimNodeInfo[],
  port: string,
): { self: SimNodeInfo | undefined; other: SimNodeInfo | undefined } {
  const self = nodes.find((n) => portOf(n.url) === port);
  const other = self ? nodes.find((n) => n !== self && n.url !== null) : undefined;
  return { self, other };
}

/**
 * Whether the desktop would move to this node. Decision: like a client's recovery check
 * (failover.md "Recovery"), the node must be reachable, its Notification Service and Tomcat
 * up and its SystemInfo IN_SERVICE; the double reads that from `/sim/nodes` (the real desktop
 * asks the node itself).
 */
export const canTake = (node: SimNodeInfo): boolean =>
  node.reachable &&
  node.notification === 'up' &&
  node.tomcat === 'up' &&
  node.status === 'IN_SERVICE';

/**
 * The same desktop page on the other node, signing the same agent in again with the same
 * choices, started in an automatic failover (`failover=auto`). The hostname stays the page's
 * (`localhost` stays `localhost`); only the port is the other node's.
 */
export function failoverUrl(
  page: { protocol: string; hostname: string },
  other: SimNodeInfo,
  params: Record<string, string>,
): string | null {
  const port = portOf(other.url);
  if (!port) return null;
  const url = new URL(`${page.protocol}//${page.hostname}:${port}/desktop/`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  url.searchParams.set('failover', 'auto');
  return url.toString();
}

/**
 * Counts failed attempts to (re)open the notification connection: `failed()` says whether to
 * try again here or fail over; an open connection starts the count again.
 */
export class ReconnectCounter {
  private failures = 0;

  constructor(private readonly limit = FAILOVER_AFTER_FAILURES) {}

  get count(): number {
    return this.failures;
  }

  opened(): void {
    this.failures = 0;
  }

  failed(): 'retry' | 'failover' {
    this.failures += 1;
    return this.failures >= this.limit ? 'failover' : 'retry';
  }
}
