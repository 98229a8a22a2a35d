// Serves the simulated desktop at /desktop/ (its TypeScript transpiled on request, the same in dev
// and preview), and maps /3rdpartygadget/files/<any-folder>/… onto the site root, as Finesse serves
// an uploaded folder: in preview that is dist/, in dev the sources (Vite transforms them).
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
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

const STATIC_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * An uploaded folder's built scripts, styles and catalogues, compressed once and then served from
 * memory, as a static file server with precompressed files does. Finesse's own serving of
 * /3rdpartygadget/files is not documented (compressed or not); either way the compressing is the
 * server's work, on the server's machine. Vite's preview compresses each response as it sends it,
 * on the machine that runs the browser too: bench:cold would then charge a slow agent PC for the
 * server's work on every gadget load (docs/performance.md, "Cold start").
 */
function precompressed(root: string) {
  const cache = new Map<string, { mtimeMs: number; size: number; body: Promise<Buffer> }>();
  const compress = promisify(gzip);
  /** The file's compressed body, or null when this is not one to serve from here. */
  return async (path: string): Promise<{ type: string; body: Buffer } | null> => {
    const type = STATIC_TYPES[/\.(\w+)$/.exec(path)?.[1] ?? ''];
    if (!type) return null;
    let file: string;
    try {
      file = resolve(root, `.${decodeURIComponent(path)}`);
    } catch {
      return null;
    }
    if (!file.startsWith(root + sep)) return null;
    const found = await stat(file).catch(() => null);
    if (!found?.isFile()) return null;
    let entry = cache.get(file);
    // A rebuilt file (same name, new content) is compressed again.
    if (!entry || entry.mtimeMs !== found.mtimeMs || entry.size !== found.size) {
      const body = readFile(file).then((raw) => compress(raw));
      entry = { mtimeMs: found.mtimeMs, size: found.size, body };
      cache.set(file, entry);
      // A failure is not kept: the next request tries again.
      body.catch(() => cache.get(file)?.body === body && cache.delete(file));
    }
    return { type, body: await entry.body };
  };
}

const acceptsGzip = (req: IncomingMessage) =>
  /\bgzip\b/.test(String(req.headers['accept-encoding']));

/**
 * `builtRoot`: the folder the preview serves (dist/): an uploaded folder's static files are then
 * served precompressed (see `precompressed`); in dev, Vite serves (and transforms) the sources.
 */
export function desktopMiddleware(options: { builtRoot?: string } = {}) {
  const fromMemory = options.builtRoot ? precompressed(resolve(options.builtRoot)) : null;
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const url = new URL(req.url ?? '/', 'http://desktop.invalid');
    const folder = THIRD_PARTY.exec(url.pathname);
    if (folder) {
      // Any folder name: the upload is the same whatever it is called.
      const path = folder[1] || '/';
      req.url = `${path}${url.search}`;
      if (!fromMemory || req.method !== 'GET' || !acceptsGzip(req)) {
        next();
        return;
      }
      fromMemory(path)
        .then((file) => {
          if (!file) return next();
          res.writeHead(200, {
            'Content-Type': file.type,
            'Content-Encoding': 'gzip',
            'Content-Length': file.body.length,
            Vary: 'Accept-Encoding',
            'Cache-Control': 'no-cache',
          });
          res.end(file.body);
        })
        .catch(next);
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
