// Vite plugin: mounts the simulated Finesse on the dev and preview servers, on the page's origin.
import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { describeSignIns } from './model.ts';
import { DEMO_SSO, idpBaseUrl } from './sso.ts';
import { desktopMiddleware } from './desktop/serve.ts';
import { createSimHandler } from './server.ts';
import type { SimOptions } from './simulator.ts';

export function finesseSim(options: SimOptions = {}): Plugin {
  const mount = (server: ViteDevServer | PreviewServer) => {
    // Browser tests set their own lifetimes with `POST /sim/config`; `/sim/reset` returns here.
    const { handle, sim, xmpp } = createSimHandler({ ...DEMO_SSO, ...options });
    // Registered directly in the hook (not in a returned post-hook), so it runs before
    // Vite's own middlewares; other paths fall through with next().
    server.middlewares.use((req, res, next) => handle(req, res, next));
    // The simulated Finesse desktop at /desktop/, and /3rdpartygadget/files/<folder>/ → the site root.
    server.middlewares.use(desktopMiddleware());
    server.httpServer?.once('listening', () => {
      const address = server.httpServer?.address() as AddressInfo | string | null;
      const url =
        address && typeof address === 'object'
          ? `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`
          : '';
      server.config.logger.info(
        `\n${describeSignIns(url, sim.model, { ...sim.ssoConfig, idp: idpBaseUrl(url) })}\n`,
      );
      server.config.logger.info(
        `Simulated Finesse desktop (the gadget as agents see it): ${url}/desktop/\n`,
      );
      server.config.logger.info(
        `Notifications (XMPP over WebSocket, domain ${xmpp.domain}): ${url.replace(/^http/, 'ws')}/ws/\n`,
      );
    });
    server.httpServer?.once('close', () => sim.cancelTimers());
    // The Notification Service at /ws/ on the page's origin, as on Finesse. Other upgrades
    // (Vite's HMR socket on the dev server) are left to their own listeners.
    if (server.httpServer) xmpp.attach(server.httpServer as Server, 'ignore');
  };
  return {
    name: 'finesse-sim',
    configureServer: mount,
    configurePreviewServer: mount,
  };
}
