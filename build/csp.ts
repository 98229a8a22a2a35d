// Vite plugin: the built index.html carries a strict Content-Security-Policy (scripts, styles,
// workers and connections from its own origin only; no inline script or style, no eval). Only
// in the build: Vite's dev server injects inline scripts of its own. `frame-ancestors` cannot be
// set from a meta tag: docs/deploy.md gives the response headers for the server.
import type { Plugin } from 'vite';

/**
 * The other node of a Finesse pair, e.g. `https://finesse-b.example.com:8445`: with
 * FINESSE_PAIR_ORIGINS (space-separated origins) at build time, the tab may read its SystemInfo
 * (if that node allows it: CORS) to say whether it is in service before offering to move there.
 * Without it the tab says it could not check (src/host/otherNode.ts asks the policy first).
 */
export function pairOrigins(value = process.env.FINESSE_PAIR_ORIGINS ?? ''): string[] {
  return value
    .split(/\s+/)
    .filter((entry) => entry !== '')
    .map((entry) => {
      const url = new URL(entry);
      if (!/^https?:$/.test(url.protocol) || url.origin !== entry.replace(/\/$/, '')) {
        throw new Error(`FINESSE_PAIR_ORIGINS: "${entry}" is not an http(s) origin`);
      }
      return url.origin;
    });
}

export const CONTENT_SECURITY_POLICY = policyWith([]);

export function policyWith(otherNodes: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    // REST on /finesse/api and Finesse's Notification Service on /ws/ (ws:/wss: on this host), and
    // the other node's SystemInfo where configured.
    ["connect-src 'self'", ...otherNodes].join(' '),
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

export function contentSecurityPolicy(): Plugin {
  const content = policyWith(pairOrigins());
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}
