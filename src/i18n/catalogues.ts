// Loads one language's catalogue on demand: each is a JSON file of its own beside the bundle, so
// the gadget does not grow with every language (English is built in: src/i18n/en.ts).
import type { Catalogue, MessageId } from './en.ts';
import { englishCatalogue } from './english.ts';
import type { LanguageTag } from './locales.ts';

// The build emits each catalogue as a hashed asset and gives its URL. `eager` makes the URLs
// plain strings computed when the bundle starts: in the gadget's classic script that is while
// `document.currentScript` still names it, so they resolve beside the script wherever Shindig
// serves it from, not against the gadget iframe's own URL.
const urls = import.meta.glob<string>('./catalogues/*.json', {
  query: '?url&no-inline',
  import: 'default',
  eager: true,
});

let scriptUrl: string | null = null;

/**
 * The gadget's entry records its own script URL while it runs (`document.currentScript`). Shindig
 * may serve gadget scripts through its proxy (`/gadgets/proxy?…&url=<the script's own URL>`,
 * when the container rewrites content); a URL resolved against the proxy's would miss the file.
 * No Cisco source says whether the Finesse desktop does this, so both are tried.
 */
export function recordScriptUrl(url: string | null | undefined): void {
  scriptUrl = url ?? null;
}

/** Where a catalogue may be, most likely first: beside the script as loaded, then unproxied. */
export function catalogueUrls(tag: LanguageTag, script: string | null = scriptUrl): string[] {
  const url = urls[`./catalogues/${tag}.json`];
  if (!url) return [];
  const candidates = [url];
  if (script) {
    try {
      const inner = new URL(script).searchParams.get('url');
      const file = url.split(/[?#]/)[0]?.split('/').pop();
      if (inner && file) candidates.push(new URL(file, new URL(inner, script)).href);
    } catch {
      // Not a URL: the first candidate stands alone.
    }
  }
  return [...new Set(candidates)];
}

export class CatalogueLoadError extends Error {
  constructor(
    readonly tag: LanguageTag,
    reason: string,
  ) {
    super(`catalogue ${tag}: ${reason}`);
  }
}

/**
 * A fetched catalogue is unknown until checked: only string messages for known ids are taken,
 * and an id it lacks falls back to English (the completeness test keeps that from happening).
 */
export function readCatalogue(tag: LanguageTag, data: unknown): Catalogue {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new CatalogueLoadError(tag, 'not an object of messages');
  }
  const record = data as Record<string, unknown>;
  const english = englishCatalogue();
  const out = { ...english };
  for (const id of Object.keys(english) as MessageId[]) {
    const text = record[id];
    if (typeof text === 'string' && text.trim() !== '') out[id] = text;
  }
  return out;
}

export async function loadCatalogue(tag: LanguageTag): Promise<Catalogue> {
  if (tag === 'en') return englishCatalogue();
  const candidates = catalogueUrls(tag);
  if (candidates.length === 0) throw new CatalogueLoadError(tag, 'not in this build');
  let problem = '';
  for (const url of candidates) {
    try {
      // Same origin as the bundle; no credentials are needed or sent for a static file.
      const response = await fetch(url, { credentials: 'omit' });
      if (!response.ok) {
        problem = `HTTP ${response.status} from ${url}`;
        continue;
      }
      return readCatalogue(tag, await response.json());
    } catch (error) {
      if (error instanceof CatalogueLoadError) throw error;
      problem = `${String(error)} from ${url}`;
    }
  }
  throw new CatalogueLoadError(tag, problem);
}
