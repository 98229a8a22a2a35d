// Entry points of the simulated Finesse: a connect-style handler, and a standalone loopback server.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHandler, type Next } from './handler.ts';
import { Simulator, type SimOptions } from './simulator.ts';

export { Simulator } from './simulator.ts';
export type { SimOptions, SimConfig, RequestLogEntry, FaultKind } from './simulator.ts';

/** `/finesse/api/*` and `/sim/*` are answered; anything else goes to `next()` (or 404 without). */
export function createSimHandler(options: SimOptions = {}): {
  handle(req: IncomingMessage, res: ServerResponse, next?: Next): void;
  sim: Simulator;
} {
  const sim = new Simulator(options);
  return { handle: createHandler(sim), sim };
}

/** A real HTTP server on loopback. `port: 0` picks a free port. */
export async function startSim(
  options: SimOptions & { port?: number; host?: string } = {},
): Promise<{ url: string; close(): Promise<void>; sim: Simulator }> {
  const { port = 0, host = '127.0.0.1', ...simOptions } = options;
  const { handle, sim } = createSimHandler(simOptions);
  const server = createServer((req, res) => handle(req, res));
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
    close: () =>
      new Promise<void>((resolve) => {
        sim.cancelTimers();
        server.close(() => resolve());
        // Event streams and hanging requests would otherwise keep the server open.
        server.closeAllConnections();
      }),
  };
}
