// Entry points of the simulated Finesse: a connect-style handler, and standalone loopback servers
// (one node, or a pair of nodes sharing one simulator: `pair.ts`).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHandler, type Next } from './handler.ts';
import { createNodeBServer, gateUpgrades, listen } from './nodeGate.ts';
import { Simulator, type SimOptions } from './simulator.ts';
import { XmppService } from './xmpp/service.ts';

export { Simulator } from './simulator.ts';
export type { SimOptions, SimConfig, RequestLogEntry, FaultKind } from './simulator.ts';
export { XmppService } from './xmpp/service.ts';
export { SimNodes, CTI_LOST_REASON, NODE_STATUSES, nodeBPort, pairWanted } from './pair.ts';
export type { NodeName, NodeState, NodeStatus, NodePatch, PairConfig } from './pair.ts';
export { SYSTEM_INFO_NODE, xmppDomainOf } from './xml.ts';

type Handle = (req: IncomingMessage, res: ServerResponse, next?: Next) => void;

/**
 * `/finesse/api/*` and `/sim/*` are answered; anything else goes to `next()` (or 404 without).
 * `xmpp` is the Notification Service (XMPP over WebSocket at `/ws/`): `xmpp.attach(server)`
 * puts it on an HTTP server. One node (`a`): SystemInfo has no secondaryNode.
 */
export function createSimHandler(options: SimOptions = {}): {
  handle: Handle;
  sim: Simulator;
  xmpp: XmppService;
} {
  const sim = new Simulator(options);
  const xmpp = new XmppService(sim);
  return { handle: createHandler(sim, xmpp), sim, xmpp };
}

/**
 * A pair without servers: one Simulator, node `a`'s and node `b`'s handlers and XMPP services.
 * Node ports are unknown until set (`sim.nodes.setPort`); `startSim({pair: true})` and the Vite
 * plugin do that once they listen.
 */
export function createSimPair(options: SimOptions = {}): {
  sim: Simulator;
  a: { handle: Handle; xmpp: XmppService };
  b: { handle: Handle; xmpp: XmppService };
} {
  const sim = new Simulator(options);
  sim.nodes.enablePair();
  const xmppA = new XmppService(sim, { node: 'a' });
  const xmppB = new XmppService(sim, { node: 'b' });
  return {
    sim,
    a: { handle: createHandler(sim, xmppA, 'a'), xmpp: xmppA },
    b: { handle: createHandler(sim, xmppB, 'b'), xmpp: xmppB },
  };
}

export interface RunningSim {
  /** Node `a`. */
  url: string;
  /** Node `b`, with `pair: true`. */
  urlB?: string;
  sim: Simulator;
  /** Node `a`'s Notification Service. */
  xmpp: XmppService;
  /** Node `b`'s, with `pair: true`. */
  xmppB?: XmppService;
  close(): Promise<void>;
}

const urlOf = (server: Server): string => {
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
};

function closeServer(server: Server, xmpp: XmppService): Promise<void> {
  return new Promise<void>((resolve) => {
    // WebSocket streams end first: upgraded sockets would keep the server open.
    const streamsClosed = xmpp.close();
    server.close(() => void streamsClosed.then(() => resolve()));
    // Event streams and hanging requests would otherwise keep the server open.
    server.closeAllConnections();
  });
}

/**
 * Real HTTP servers on loopback. `port: 0` picks a free port. `pair: true` adds node `b` on
 * `portB` (default: a free port when `port` is 0, else `port + 1`), sharing the simulator.
 */
export async function startSim(
  options: SimOptions & { port?: number; host?: string; pair?: boolean; portB?: number } = {},
): Promise<RunningSim> {
  const { port = 0, host = '127.0.0.1', pair = false, portB, ...simOptions } = options;
  if (!pair) {
    const { handle, sim, xmpp } = createSimHandler(simOptions);
    const server = createServer((req, res) => handle(req, res));
    gateUpgrades(sim, 'a', server);
    // XMPP over WebSocket at /ws/; other upgrade paths are answered 404.
    xmpp.attach(server, 'reject');
    sim.nodes.setPort('a', await listen(server, port, host));
    return {
      url: urlOf(server),
      sim,
      xmpp,
      close: () => {
        sim.cancelTimers();
        return closeServer(server, xmpp);
      },
    };
  }
  const { sim, a, b } = createSimPair(simOptions);
  const serverA = createServer((req, res) => a.handle(req, res));
  gateUpgrades(sim, 'a', serverA);
  a.xmpp.attach(serverA, 'reject');
  const portA = await listen(serverA, port, host);
  sim.nodes.setPort('a', portA);
  const serverB = createNodeBServer({
    sim,
    xmpp: b.xmpp,
    handle: (req, res, next) => b.handle(req, res, next),
    target: () => ({ host, port: portA }),
  });
  let portOfB: number;
  try {
    portOfB = await listen(serverB, portB ?? (port === 0 ? 0 : portA + 1), host);
  } catch (err) {
    await closeServer(serverA, a.xmpp);
    throw err;
  }
  sim.nodes.setPort('b', portOfB);
  return {
    url: urlOf(serverA),
    urlB: urlOf(serverB),
    sim,
    xmpp: a.xmpp,
    xmppB: b.xmpp,
    close: async () => {
      sim.cancelTimers();
      await Promise.all([closeServer(serverA, a.xmpp), closeServer(serverB, b.xmpp)]);
    },
  };
}
