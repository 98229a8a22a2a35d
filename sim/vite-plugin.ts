// Vite plugin: mounts the simulated Finesse on the dev and preview servers, on the page's origin
// (node `a`), and by default a second node (`b`) on the next port sharing the same simulator
// (`pair.ts`; `SIM_SINGLE_NODE=1` turns it off, `SIM_NODE_B_PORT` moves it).
import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { describeSignIns } from './model.ts';
import { DEMO_SSO, idpBaseUrl } from './sso.ts';
import { desktopMiddleware } from './desktop/serve.ts';
import { createNodeBServer, gateUpgrades, listen } from './nodeGate.ts';
import { nodeBPort, pairWanted } from './pair.ts';
import { createSimHandler, createSimPair } from './server.ts';
import type { SimOptions } from './simulator.ts';
import type { XmppService } from './xmpp/service.ts';

const urlOf = (address: AddressInfo) =>
  `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

export function finesseSim(options: SimOptions & { pair?: boolean } = {}): Plugin {
  const mount = (server: ViteDevServer | PreviewServer, preview: boolean) => {
    const { pair: pairOption, ...simOptions } = options;
    const httpServer = server.httpServer as Server | null;
    // No HTTP server of Vite's own (middleware mode): no second node to pass requests to.
    const pair = (pairOption ?? pairWanted()) && httpServer !== null;
    // Browser tests set their own lifetimes with `POST /sim/config`; `/sim/reset` returns here.
    const sims = pair
      ? createSimPair({ ...DEMO_SSO, ...simOptions })
      : (() => {
          const one = createSimHandler({ ...DEMO_SSO, ...simOptions });
          return { sim: one.sim, a: { handle: one.handle, xmpp: one.xmpp }, b: null };
        })();
    const { sim, a } = sims;
    const b: { handle: typeof a.handle; xmpp: XmppService } | null = sims.b;
    // Registered directly in the hook (not in a returned post-hook), so it runs before
    // Vite's own middlewares; other paths fall through with next().
    server.middlewares.use((req, res, next) => a.handle(req, res, next));
    // The simulated Finesse desktop at /desktop/, and /3rdpartygadget/files/<folder>/ → the site root.
    // In preview the uploaded folder is the build (dist/), its files served precompressed.
    server.middlewares.use(
      desktopMiddleware(
        preview ? { builtRoot: resolve(server.config.root, server.config.build.outDir) } : {},
      ),
    );
    httpServer?.once('listening', () => {
      const address = httpServer.address() as AddressInfo | string | null;
      if (!address || typeof address !== 'object') return;
      sim.nodes.setPort('a', address.port);
      const url = urlOf(address);
      const log = (line: string) => server.config.logger.info(line);
      log(`\n${describeSignIns(url, sim.model, { ...sim.ssoConfig, idp: idpBaseUrl(url) })}\n`);
      log(`Simulated Finesse desktop (the gadget as agents see it): ${url}/desktop/\n`);
      log(
        `Notifications (XMPP over WebSocket, domain ${a.xmpp.domain}): ${url.replace(/^http/, 'ws')}/ws/\n`,
      );
      if (!b) {
        log(`Failure controls (single node: SIM_SINGLE_NODE=1): ${url}/sim/\n`);
        return;
      }
      const serverB = createNodeBServer({
        sim,
        xmpp: b.xmpp,
        handle: (req, res, next) => b.handle(req, res, next),
        target: () => ({ host: address.address, port: address.port }),
      });
      httpServer.once('close', () => {
        serverB.close();
        serverB.closeAllConnections();
      });
      const wanted = nodeBPort(address.port);
      listen(serverB, wanted, address.address).then(
        (portB) => {
          sim.nodes.setPort('b', portB);
          const urlB = urlOf({ ...address, port: portB });
          log(
            `Finesse node B (the pair's secondary, same agents; XMPP domain ${b.xmpp.domain}): ${urlB}/ — desktop ${urlB}/desktop/\n`,
          );
          log(`Failure controls for both nodes (CTI lost, Tomcat down, node down…): ${url}/sim/\n`);
        },
        (err: unknown) => {
          server.config.logger.error(
            `Finesse node B could not listen on port ${wanted}: ${err instanceof Error ? err.message : String(err)} ` +
              '(set SIM_NODE_B_PORT, or SIM_SINGLE_NODE=1 for one node)',
          );
        },
      );
    });
    httpServer?.once('close', () => sim.cancelTimers());
    if (httpServer) {
      // A node gone from the network cuts upgrades too (ahead of Vite's HMR listener).
      gateUpgrades(sim, 'a', httpServer);
      // The Notification Service at /ws/ on the page's origin, as on Finesse. Other upgrades
      // (Vite's HMR socket on the dev server) are left to their own listeners.
      a.xmpp.attach(httpServer, 'ignore');
    }
  };
  return {
    name: 'finesse-sim',
    configureServer: (server) => mount(server, false),
    configurePreviewServer: (server) => mount(server, true),
  };
}
