// The failure controls page: /sim/ (and /sim/panel), its script and style. The script is
// TypeScript transpiled on request (as the desktop double's), with Vite's transformer loaded
// only then, so a simulator that never serves the page never loads Vite.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

const ASSETS: Record<string, { file: string; type: string }> = {
  '/sim': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/sim/panel': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/sim/panel.js': { file: 'panel.ts', type: 'text/javascript; charset=utf-8' },
  '/sim/panel.css': { file: 'panel.css', type: 'text/css; charset=utf-8' },
};

/** The page's file for a (trailing-slash-free) path, or null when the path is not the page's. */
export async function panelAsset(path: string): Promise<{ type: string; body: string } | null> {
  const asset = ASSETS[path];
  if (!asset) return null;
  const source = await readFile(join(here, asset.file), 'utf8');
  if (!asset.file.endsWith('.ts')) return { type: asset.type, body: source };
  const { transformWithOxc } = await import('vite');
  const { code } = await transformWithOxc(source, asset.file, { lang: 'ts' });
  return { type: asset.type, body: code };
}
