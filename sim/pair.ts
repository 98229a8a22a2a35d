// A Finesse pair: node `a` (primary) and node `b` (secondary) serving one shared Simulator, each
// with its own service status, Tomcat, Notification Service and reachability (failover.md).
// This module holds the nodes' state and tells listeners of changes; the HTTP servers
// (`server.ts`, `vite-plugin.ts`), the handler and the XMPP services act on it.

export type NodeName = 'a' | 'b';
export const NODE_NAMES: readonly NodeName[] = ['a', 'b'];

/** SystemInfo's `status` (failover.md "SystemInfo": the three statuses). */
export const NODE_STATUSES = ['IN_SERVICE', 'OUT_OF_SERVICE', 'PARTIAL_SERVICE'] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

/**
 * The named "CTI lost" fault's `statusReason`. Decision: Cisco does not publish the real texts
 * (failover.md "What is unknown": the exact statusReason texts); this one is ours.
 */
export const CTI_LOST_REASON = 'The CTI server connection is down.';

export interface NodeState {
  name: NodeName;
  /** The node's HTTP port on loopback, once it listens (null before). */
  port: number | null;
  status: NodeStatus;
  /** Only meaningful when not IN_SERVICE (SystemInfo writes it only then). */
  statusReason: string;
  /** Finesse's web services (Tomcat): down answers /finesse/api with an HTML 503. */
  tomcat: 'up' | 'down';
  /** The Notification Service (Openfire): down refuses and cuts XMPP. */
  notification: 'up' | 'down';
  /** false: the node is gone from the network (every socket but /sim/* is destroyed). */
  reachable: boolean;
}

export interface PairConfig {
  /**
   * Whether XMPP clients receive the `finesse` user's presence. Decision: failover.md "What is
   * unknown" — the desktop gets it, a third-party client may not; a switch, default on.
   */
  finessePresence: boolean;
  /**
   * Whether each node lets the other node's origin read its SystemInfo (CORS). Decision:
   * configurable on Finesse 12.6, absent before (failover.md "What is unknown"); default off.
   */
  cors: boolean;
}

export type NodePatch = Partial<
  Pick<NodeState, 'status' | 'statusReason' | 'tomcat' | 'notification' | 'reachable'>
>;

export type NodeListener = (after: NodeState, before: NodeState) => void;
export type PairListener = (after: PairConfig, before: PairConfig) => void;

/** What `/sim/reset` restores on every node's services (the XMPP faults of `/sim/xmpp`). */
export interface ResettableService {
  resetFaults(): void;
}

const PAIR_DEFAULTS: PairConfig = { finessePresence: true, cors: false };

const healthy = (name: NodeName, port: number | null): NodeState => ({
  name,
  port,
  status: 'IN_SERVICE',
  statusReason: '',
  tomcat: 'up',
  notification: 'up',
  reachable: true,
});

export const isNodeName = (value: unknown): value is NodeName => value === 'a' || value === 'b';

/** The nodes of one simulated deployment: `a` only (single node) or `a` and `b` (a pair). */
export class SimNodes {
  private readonly records = new Map<NodeName, NodeState>();
  private readonly nodeListeners = new Set<NodeListener>();
  private readonly pairListeners = new Set<PairListener>();
  private readonly services = new Set<ResettableService>();
  config: PairConfig = { ...PAIR_DEFAULTS };

  constructor() {
    this.records.set('a', healthy('a', null));
  }

  /** Makes this deployment a pair (node `b` appears in SystemInfo and `/sim/nodes`). */
  enablePair(): void {
    if (!this.records.has('b')) this.records.set('b', healthy('b', null));
  }

  get isPair(): boolean {
    return this.records.has('b');
  }

  get(name: NodeName): NodeState | undefined {
    const record = this.records.get(name);
    return record ? { ...record } : undefined;
  }

  /** Node `a`'s state; it always exists. */
  require(name: NodeName): NodeState {
    const record = this.get(name);
    if (!record) throw new Error(`no node ${name}`);
    return record;
  }

  list(): NodeState[] {
    return NODE_NAMES.flatMap((name) => {
      const record = this.get(name);
      return record ? [record] : [];
    });
  }

  /** The other node of the pair, if any. */
  other(name: NodeName): NodeState | undefined {
    return this.get(name === 'a' ? 'b' : 'a');
  }

  setPort(name: NodeName, port: number): void {
    const record = this.records.get(name);
    if (record) record.port = port;
  }

  /** Applies a checked patch; the new state, or what is wrong with the patch. */
  set(name: NodeName, patch: Record<string, unknown>): NodeState | string {
    const record = this.records.get(name);
    if (!record) return `no node ${name}`;
    const problem = checkPatch(patch);
    if (problem) return problem;
    const before = { ...record };
    const p = patch as NodePatch;
    if (p.status !== undefined) {
      record.status = p.status;
      // Back in service: no reason. Out of service without one given: the previous reason
      // stays only while the status is unchanged.
      if (p.status === 'IN_SERVICE') record.statusReason = '';
      else if (p.statusReason === undefined && before.status !== p.status) record.statusReason = '';
    }
    if (p.statusReason !== undefined && record.status !== 'IN_SERVICE') {
      record.statusReason = p.statusReason;
    }
    if (p.tomcat !== undefined) record.tomcat = p.tomcat;
    if (p.notification !== undefined) record.notification = p.notification;
    if (p.reachable !== undefined) record.reachable = p.reachable;
    this.emitNode({ ...record }, before);
    return { ...record };
  }

  /** Changes the pair's switches; the new config, or what is wrong. */
  setPair(patch: Record<string, unknown>): PairConfig | string {
    for (const key of Object.keys(patch)) {
      if (key !== 'finessePresence' && key !== 'cors') return `unknown field ${key}`;
      if (typeof patch[key] !== 'boolean') return `${key} must be a boolean`;
    }
    const before = { ...this.config };
    this.config = { ...this.config, ...(patch as Partial<PairConfig>) };
    this.emitPair({ ...this.config }, before);
    return { ...this.config };
  }

  /** Every node healthy, the switches at their defaults; listeners hear each change. */
  reset(): void {
    for (const record of this.records.values()) {
      const before = { ...record };
      Object.assign(record, healthy(record.name, record.port));
      this.emitNode({ ...record }, before);
    }
    const before = { ...this.config };
    this.config = { ...PAIR_DEFAULTS };
    this.emitPair({ ...this.config }, before);
  }

  /** `/sim/reset`: every node's registered service lifts its own faults (`/sim/xmpp`'s). */
  resetServices(): void {
    for (const service of this.services) service.resetFaults();
  }

  onNodeChange(listener: NodeListener): () => void {
    this.nodeListeners.add(listener);
    return () => this.nodeListeners.delete(listener);
  }

  onPairChange(listener: PairListener): () => void {
    this.pairListeners.add(listener);
    return () => this.pairListeners.delete(listener);
  }

  /** A node's service whose own faults `resetServices()` lifts (each node's XMPP service). */
  registerService(service: ResettableService): () => void {
    this.services.add(service);
    return () => this.services.delete(service);
  }

  private emitNode(after: NodeState, before: NodeState): void {
    for (const listener of [...this.nodeListeners]) {
      try {
        listener(after, before);
      } catch {
        // One failing listener must not stop the others.
      }
    }
  }

  private emitPair(after: PairConfig, before: PairConfig): void {
    for (const listener of [...this.pairListeners]) {
      try {
        listener(after, before);
      } catch {
        // As above.
      }
    }
  }

  /** `GET /sim/nodes`. */
  snapshot() {
    return {
      nodes: this.list().map((n) => ({
        name: n.name,
        url: n.port === null ? null : `http://127.0.0.1:${n.port}`,
        status: n.status,
        statusReason: n.statusReason,
        tomcat: n.tomcat,
        notification: n.notification,
        reachable: n.reachable,
      })),
      ...this.config,
    };
  }
}

function checkPatch(patch: Record<string, unknown>): string | null {
  for (const [key, value] of Object.entries(patch)) {
    switch (key) {
      case 'status':
        if (!NODE_STATUSES.includes(value as NodeStatus)) {
          return `status must be one of ${NODE_STATUSES.join(', ')}`;
        }
        break;
      case 'statusReason':
        if (typeof value !== 'string') return 'statusReason must be a string';
        break;
      case 'tomcat':
      case 'notification':
        if (value !== 'up' && value !== 'down') return `${key} must be up or down`;
        break;
      case 'reachable':
        if (typeof value !== 'boolean') return 'reachable must be a boolean';
        break;
      default:
        return `unknown field ${key}`;
    }
  }
  return null;
}

/**
 * Node B's port: `SIM_NODE_B_PORT` if set, else node A's + 1 (5173 → 5174, 4173 → 4174,
 * E2E_PORT 4273 → 4274); 0 stays 0 (a free port, for tests).
 */
export function nodeBPort(portA: number, env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = env.SIM_NODE_B_PORT;
  if (fromEnv !== undefined && fromEnv !== '') {
    const port = Number(fromEnv);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`SIM_NODE_B_PORT must be a port number, not ${fromEnv}`);
    }
    return port;
  }
  return portA === 0 ? 0 : portA + 1;
}

/** Whether the pair is on: by default, unless `SIM_SINGLE_NODE=1`. */
export const pairWanted = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.SIM_SINGLE_NODE !== '1';

/** A hostname that is this machine (the simulated nodes are all on loopback). */
export const isLoopbackHost = (hostname: string): boolean =>
  hostname === 'localhost' ||
  hostname === '[::1]' ||
  hostname === '::1' ||
  /^127(\.\d{1,3}){3}$/.test(hostname);
