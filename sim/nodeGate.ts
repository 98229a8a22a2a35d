// The pair's second node on the network: node B's own HTTP server, which answers Finesse (its
// own handler and XMPP service) and passes everything else (the page, Vite's assets and HMR
// socket, the gadget's files) to node A over loopback; and the reachability gate both use.
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import type { NodeName } from './pair.ts';
import type { Simulator } from './simulator.ts';
import type { XmppService } from './xmpp/service.ts';

/**
 * Marks a request node B passes on to node A for the page's own files: node A's reachability
 * does not apply to it (each real node serves its own files; here A serves both).
 */
export const PROXY_HEADER = 'x-finesse-sim-proxied-for';

const isControlPath = (url: string | undefined) => /^\/sim(\/|$|\?)/.test(url ?? '/');

/**
 * For a server's `upgrade` event, registered first: a WebSocket upgrade to an unreachable node
 * is cut (the browser sees a network error). Returns true when the socket was cut.
 */
export function cutIfUnreachable(
  sim: Simulator,
  node: NodeName,
  req: IncomingMessage,
  socket: Duplex,
): boolean {
  if (sim.nodes.get(node)?.reachable !== false) return false;
  if (isControlPath(req.url) || req.headers[PROXY_HEADER] !== undefined) return false;
  socket.destroy();
  return true;
}

/** Puts the gate in front of every other `upgrade` listener of `server` (Vite's included). */
export function gateUpgrades(sim: Simulator, node: NodeName, server: Server): void {
  server.prependListener('upgrade', (req: IncomingMessage, socket: Duplex) => {
    cutIfUnreachable(sim, node, req, socket);
  });
}

export interface Target {
  host: string;
  port: number;
}

/** One HTTP request passed to node A, its answer streamed back. */
export function proxyHttp(req: IncomingMessage, res: ServerResponse, target: Target): void {
  const upstream = httpRequest(
    {
      host: target.host,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, [PROXY_HEADER]: 'b' },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) {
      res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Node A did not answer\n');
    } else {
      res.destroy();
    }
  });
  req.pipe(upstream);
}

/** A WebSocket upgrade (other than node B's own XMPP) passed to node A as raw bytes. */
export function proxyUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  target: Target,
): void {
  const upstream = connect(target.port, target.host, () => {
    const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    }
    lines.push(`${PROXY_HEADER}: b`);
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  const cut = () => {
    upstream.destroy();
    socket.destroy();
  };
  upstream.on('error', cut);
  socket.on('error', cut);
  upstream.on('close', () => socket.destroy());
  socket.on('close', () => upstream.destroy());
}

/**
 * Node B's HTTP server (not yet listening): `handle` is node B's sim handler (Finesse, SSO,
 * `/sim/*`); whatever it leaves goes to node A (`target()`, known once A listens). Upgrades:
 * the gate, then node B's XMPP at `/ws/`, then node A (Vite's HMR socket).
 */
export function createNodeBServer(options: {
  sim: Simulator;
  xmpp: XmppService;
  handle: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  target: () => Target;
}): Server {
  const { sim, xmpp, handle, target } = options;
  const server = createServer((req, res) => handle(req, res, () => proxyHttp(req, res, target())));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (cutIfUnreachable(sim, 'b', req, socket)) return;
    if (xmpp.handleUpgrade(req, socket, head)) return;
    proxyUpgrade(req, socket, head, target());
  });
  server.once('close', () => void xmpp.close());
  return server;
}

/** Listens on `port` (0: a free one) on `host`; resolves with the port. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
