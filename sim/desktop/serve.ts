// Serves the simulated desktop at /desktop/ (its TypeScript transpiled on request, the same in dev
// and preview), and maps /3rdpartygadget/files/<any-folder>/… onto the site root, as Finesse serves
// an uploaded folder: in preview that is dist/, in dev the sources (Vite transforms them).
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformWithOxc } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const THIRD_PARTY = /^\/3rdpartygadget\/files\/[^/]+(\/.*)?$/;
const DESKTOP_FILE = /^\/desktop\/([\w-]+)\.(ts|css|html)$/;
/** The Finesse server's own scripts a gadget loads, played by stand-ins (never Cisco's code). */
const SERVER_SCRIPTS: Record<string, string> = {
  '/desktop/assets/js/jquery.min.js': 'jqueryStandIn',
  '/desktop/assets/js/finesse.js': 'finesseJsStandIn',
};

type Next = (err?: unknown) => void;

const types: Record<string, string> = {
  ts: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

async function desktopFile(name: string, ext: string): Promise<string | null> {
  let source: string;
  try {
    source = await readFile(join(here, `${name}.${ext}`), 'utf8');
  } catch {
    return null;
  }
  if (ext !== 'ts') return source;
  const { code } = await transformWithOxc(source, `${name}.ts`, { lang: 'ts' });
  return code;
}

export function desktopMiddleware() {
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const url = new URL(req.url ?? '/', 'http://desktop.invalid');
    const folder = THIRD_PARTY.exec(url.pathname);
    if (folder) {
      // Any folder name: the upload is the same whatever it is called.
      req.url = `${folder[1] || '/'}${url.search}`;
      next();
      return;
    }
    if (url.pathname === '/desktop') {
      res.writeHead(302, { Location: `/desktop/${url.search}` });
      res.end();
      return;
    }
    const standIn = SERVER_SCRIPTS[url.pathname];
    const match = standIn
      ? ['', standIn, 'ts']
      : url.pathname === '/desktop/'
        ? ['', 'index', 'html']
        : DESKTOP_FILE.exec(url.pathname);
    if (!match || req.method !== 'GET') {
      next();
      return;
    }
    const [, name = '', ext = ''] = match;
    desktopFile(name, ext)
      .then((body) => {
        if (body === null) return next();
        res.writeHead(200, {
          'Content-Type': types[ext] ?? 'text/plain',
          'Cache-Control': 'no-store',
        });
        res.end(body);
      })
      .catch(next);
  };
}
