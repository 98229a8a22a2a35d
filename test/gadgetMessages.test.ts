// The gadget's bundle carries only the shared English (src/i18n/en.ts); the tab's own text is
// added by the tab's entry. So every message the gadget's code can show must be a shared one,
// or the gadget would show a message id. Walks the gadget entry's imports and checks each use.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en.ts';
import { enTab } from '../src/i18n/enTab.ts';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

function reachable(entry: string): string[] {
  const seen = new Set<string>();
  const queue = [path.join(root, entry)];
  while (queue.length > 0) {
    const file = queue.pop();
    if (!file || seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
      const target = match[1];
      if (target && /\.tsx?$/.test(target)) queue.push(path.resolve(path.dirname(file), target));
    }
  }
  return [...seen];
}

/** Message ids used as literals, and id families used as template prefixes (`stateName.${…}`). */
function messagesUsed(file: string): { ids: string[]; prefixes: string[] } {
  const source = readFileSync(file, 'utf8');
  const ids = [...source.matchAll(/\bt\(\s*'([\w.]+)'/g)].map((m) => m[1] ?? '');
  const prefixes = [...source.matchAll(/\bt\(\s*`([\w.]+)\$\{/g)].map((m) => m[1] ?? '');
  return { ids, prefixes };
}

describe("the gadget's messages", () => {
  const files = reachable('src/gadget.tsx');

  it('walks the whole gadget (sanity: the state control and the error panel are in it)', () => {
    const names = files.map((file) => path.relative(root, file));
    expect(names).toContain(path.join('src', 'app', 'state', 'StateControl.tsx'));
    expect(names).toContain(path.join('src', 'app', 'common', 'ErrorPanel.tsx'));
    expect(names).not.toContain(path.join('src', 'app', 'BrowserApp.tsx'));
  });

  it('uses only shared English messages, never tab-only ones', () => {
    const shared = new Set(Object.keys(en));
    const wrong: string[] = [];
    for (const file of files) {
      const { ids, prefixes } = messagesUsed(file);
      for (const id of ids) {
        if (!shared.has(id)) wrong.push(`${path.relative(root, file)}: ${id}`);
      }
      for (const prefix of prefixes) {
        if (![...shared].some((id) => id.startsWith(prefix))) {
          wrong.push(`${path.relative(root, file)}: ${prefix}…`);
        }
        if (Object.keys(enTab).some((id) => id.startsWith(prefix))) {
          wrong.push(`${path.relative(root, file)}: ${prefix}… (a tab-only family)`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
