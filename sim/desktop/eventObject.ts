// The `object` half of a hub publication: the desktop's own JavaScript conversion of an XML event,
// as finesse.js makes it (finesse-10.5.1.js `Utilities.xml2JsObj`, Goessner's xml2json): the root
// element by name, text-only elements as strings, empty ones as null, repeated ones as arrays,
// attributes as `@name`. Written here from that description, not copied.

type Converted = string | null | { [key: string]: Converted | Converted[] };

function convert(element: Element): Converted {
  const children = [...element.children];
  const textContent = [...element.childNodes]
    .filter((n) => n.nodeType === 3 || n.nodeType === 4)
    .map((n) => n.nodeValue ?? '')
    .join('');
  const hasText = textContent.trim() !== '';
  if (children.length === 0 && element.attributes.length === 0) {
    return hasText ? textContent : null;
  }
  const out: { [key: string]: Converted | Converted[] } = {};
  for (const attribute of [...element.attributes]) out[`@${attribute.name}`] = attribute.value;
  if (hasText) out['#text'] = textContent.trim();
  for (const child of children) {
    const value = convert(child);
    const existing = out[child.nodeName];
    if (existing === undefined) out[child.nodeName] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[child.nodeName] = [existing, value];
  }
  return out;
}

/** `{ Update: { event, requestId, source, data: { user: {…} } } }` for an Update document. */
export function eventObject(xml: string): Record<string, Converted> | null {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const root = doc.documentElement;
  if (!root || doc.getElementsByTagName('parsererror').length > 0) return null;
  return { [root.nodeName]: convert(root) };
}
