// Vite plugin: the built index.html carries a strict Content-Security-Policy (scripts, styles,
// workers and connections from its own origin only; no inline script or style, no eval). Only
// in the build: Vite's dev server injects inline scripts of its own. `frame-ancestors` cannot be
// set from a meta tag: docs/deploy.md gives the response headers for the server.
import type { Plugin } from 'vite';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  // REST on /finesse/api and Finesse's Notification Service on /ws/ (ws:/wss: on this host).
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}
