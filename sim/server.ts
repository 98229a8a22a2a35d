// Entry points of the simulated Finesse: a connect-style handler, and a standalone loopback server.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHandler, type Next } from './handler.ts';
import { Simulator, type SimOptions } from './simulator.ts';
import { XmppService } from './xmpp/service.ts';

export { Simulator } from './simulator.ts';
export type { SimOptions, SimConfig, RequestLogEntry, FaultKind } from './simulator.ts';
export { XmppService } from './xmpp/service.ts';

/**
 * `/finesse/api/*` and `/sim/*` are answered; anything else goes to `next()` (or 404 without).
 * `xmpp` is the Notification Service (XMPP over WebSocket at `/ws/`): `xmpp.attach(server)`
 * puts it on an HTTP server.
 */
export function createSimHandler(options: SimOptions = {}): {
  handle(req: IncomingMessage, res: ServerResponse, next?: Next): void;
  sim: Simulator;
  xmpp: XmppService;
} {
  const sim = new Simulator(options);
  const xmpp = new XmppService(sim);
  return { handle: createHandler(sim, xmpp), sim, xmpp };
}

/** A real HTTP server on loopback. `port: 0` picks a free port. */
export async function startSim(
  options: SimOptions & { port?: number; host?: string } = {},
): Promise<{ url: string; close(): Promise<void>; sim: Simulator; xmpp: XmppService }> {
  const { port = 0, host = '127.0.0.1', ...simOptions } = options;
  const { handle, sim, xmpp } = createSimHandler(simOptions);
  const server = createServer((req, res) => handle(req, res));
  // XMPP over WebSocket at /ws/; other upgrade paths are answered 404.
  xmpp.attach(server, 'reject');
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostInUrl}:${address.port}`,
    sim,
    xmpp,
    close: () =>
      new Promise<void>((resolve) => {
        sim.cancelTimers();
        // WebSocket streams end first: upgraded sockets would keep the server open.
        const streamsClosed = xmpp.close();
        server.close(() => void streamsClosed.then(() => resolve()));
        // Event streams and hanging requests would otherwise keep the server open.
        server.closeAllConnections();
      }),
  };
}
