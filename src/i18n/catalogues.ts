// Loads one language's catalogue on demand: each is a JSON file of its own beside the bundle, so
// the gadget does not grow with every language (English is built in: src/i18n/en.ts).
import { en, type Catalogue, type MessageId } from './en.ts';
import { PSEUDO_TAG, type LanguageTag } from './locales.ts';

// The build emits each catalogue as a hashed asset and gives its URL. `eager` makes the URLs
// plain strings computed when the bundle starts: in the gadget's classic script that is while
// `document.currentScript` still names it, so they resolve beside the script wherever Shindig
// serves it from, not against the gadget iframe's own URL.
const urls = import.meta.glob<string>('./catalogues/*.json', {
  query: '?url&no-inline',
  import: 'default',
  eager: true,
});

export function catalogueUrl(tag: LanguageTag): string | null {
  return urls[`./catalogues/${tag}.json`] ?? null;
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
  const out = { ...en } as Record<MessageId, string>;
  for (const id of Object.keys(en) as MessageId[]) {
    const text = record[id];
    if (typeof text === 'string' && text.trim() !== '') out[id] = text;
  }
  return out;
}

export async function loadCatalogue(
  tag: LanguageTag,
  fetchImpl: typeof fetch = fetch,
): Promise<Catalogue> {
  if (tag === 'en') return en;
  if (tag === PSEUDO_TAG) return (await import('./pseudo.ts')).pseudoCatalogue();
  const url = catalogueUrl(tag);
  if (url === null) throw new CatalogueLoadError(tag, 'not in this build');
  let response: Response;
  try {
    // Same origin as the bundle; no credentials are needed or sent for a static file.
    response = await fetchImpl(url, { credentials: 'omit' });
  } catch (error) {
    throw new CatalogueLoadError(tag, String(error));
  }
  if (!response.ok) throw new CatalogueLoadError(tag, `HTTP ${response.status}`);
  let data: unknown;
  try {
    data = await response.json();
  } catch {
    throw new CatalogueLoadError(tag, 'not JSON');
  }
  return readCatalogue(tag, data);
}
