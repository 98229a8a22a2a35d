// The one fast-xml-parser configuration for Finesse payloads, the one builder for request bodies, and safe readers for parsed nodes.
import { XMLParser, XMLValidator, type X2jOptions } from 'fast-xml-parser';

/** Thrown when a body is not well-formed XML, or is XML of an unexpected shape. */
export class XmlParseError extends Error {
  override readonly name = 'XmlParseError';
  constructor(
    message: string,
    /** First characters of the offending text, whitespace collapsed; for logs and error details. */
    readonly excerpt: string,
  ) {
    super(message);
  }
}

export const EXCERPT_LENGTH = 200;

/** Collapses whitespace and cuts to ~200 characters so an HTML page or broken body can be shown or logged. */
export function excerptOf(text: string, max = EXCERPT_LENGTH): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return collapsed.length > max ? `${collapsed.slice(0, max)}…` : collapsed;
}

// Finesse sends one element for a one-entry list and nothing for an empty one; forcing these
// paths to arrays keeps list handling uniform. Readers below still accept either shape.
const LIST_PATHS = [
  'ReasonCodes.ReasonCode',
  'users.User',
  'teams.Team',
  'roles.role',
  'ApiErrors.ApiError',
  'apiErrors.apiError',
];
const LIST_TAGS = new Set(LIST_PATHS.map((p) => p.slice(p.lastIndexOf('.') + 1)));

// Finesse's bodies use the five entities XML predefines and, at most, character references
// (XML 1.0 §4.1, §4.6). Decoded here, through the parser's own `entityDecoder` option, rather
// than by fast-xml-parser's default decoder (@nodable/entities: HTML entity tables and expansion
// limits for entities a DOCTYPE declares, never accepted here), which the bundles leave out
// (build/trimXmlParser.ts).
// Unlike that default, character references are decoded, as XML requires; one that names no XML
// character, and any other entity, is left as written.
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([\da-fA-F]{1,6}));/g;

function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(ENTITY, (reference, name?: string, decimal?: string, hex?: string) => {
    if (name) return PREDEFINED[name] ?? reference;
    const codePoint = decimal ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
    return isXmlChar(codePoint) ? String.fromCodePoint(codePoint) : reference;
  });
}

const entityDecoder = {
  decode: decodeEntities,
  reset() {},
  setXmlVersion() {},
  // Entities declared by a DOCTYPE or added by name are never expanded.
  setExternalEntities() {},
  addInputEntities() {},
};

/** The one configuration (exported for the test of the gadget's parser, which takes only this). */
export const parserOptions = {
  entityDecoder,
  // Ids, codes and extensions must stay strings: '007' is not 7, and ids are never arithmetic.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Called for every element: a set lookup on the tag name first keeps a 1,000-member Team cheap.
  isArray: (tagName, jPath, _isLeaf, isAttribute) =>
    !isAttribute &&
    LIST_TAGS.has(tagName) &&
    typeof jPath === 'string' &&
    LIST_PATHS.some((p) => jPath === p || jPath.endsWith(`.${p}`)),
} satisfies X2jOptions;

const parser = new XMLParser(parserOptions);

/**
 * Parses a Finesse XML body into plain objects. Throws XmlParseError for anything that is not
 * exactly one well-formed XML document (empty, truncated, HTML with unclosed tags, garbage).
 */
export function parseXml(text: string): unknown {
  if (text.trim() === '') throw new XmlParseError('Empty body where XML was expected', '');
  // Finesse never sends a DOCTYPE, and what one declares (entities that expand) is the classic
  // attack on XML parsers; the bundles leave the parser's DOCTYPE reader out (build/trimXmlParser.ts).
  if (text.includes('<!DOCTYPE')) {
    throw new XmlParseError('A DOCTYPE is not accepted in a Finesse body', excerptOf(text));
  }
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { msg, line } = validation.err;
    throw new XmlParseError(`Malformed XML (line ${line}): ${msg}`, excerptOf(text));
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (cause) {
    // The parser refuses some well-formed input (e.g. prototype-polluting names); same outcome.
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new XmlParseError(`Unreadable XML: ${reason}`, excerptOf(text));
  }
  if (!isRecord(parsed) || Object.keys(parsed).length !== 1) {
    // The validator accepts several top-level elements; Finesse never sends that.
    throw new XmlParseError('Expected exactly one root element', excerptOf(text));
  }
  return parsed;
}

// Request bodies are a few elements of text (`<User><state>…</state></User>`): built here rather
// than with fast-xml-parser's XMLBuilder, which is a second library of its own (fast-xml-builder,
// about 4 kB gzip) in every bundle for these few lines.
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const ELEMENT_NAME = /^[A-Za-z_][\w.-]*$/;

/**
 * Builds an XML body (no declaration) from plain objects whose leaves are text; text is escaped,
 * so values a user typed cannot change the body's structure. Anything else is a programming error.
 */
export function buildXml(obj: Record<string, unknown>): string {
  let xml = '';
  for (const [name, value] of Object.entries(obj)) {
    if (!ELEMENT_NAME.test(name)) throw new TypeError(`Not an element name: ${name}`);
    let content: string;
    if (typeof value === 'string') content = value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
    else if (isRecord(value)) content = buildXml(value);
    else throw new TypeError(`Element <${name}> must hold text or elements`);
    xml += `<${name}>${content}</${name}>`;
  }
  return xml;
}

// ---- Readers for parsed nodes: the network's shape is unknown until checked here. ----

export type XmlNode = Record<string, unknown>;

export function isRecord(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Returns the root element's content when it has one of the given names, otherwise throws.
 * An empty root (`<ReasonCodes/>`) yields an empty node; its attributes are kept.
 */
export function rootNode(doc: unknown, names: readonly string[], text = ''): XmlNode {
  if (isRecord(doc)) {
    for (const name of names) {
      if (Object.hasOwn(doc, name)) {
        const content = doc[name];
        if (isRecord(content)) return content;
        if (content === '') return {};
      }
    }
  }
  const found = isRecord(doc) ? Object.keys(doc).join(', ') : typeof doc;
  throw new XmlParseError(
    `Expected <${names.join('> or <')}> but found <${found}>`,
    excerptOf(text),
  );
}

/** The child value under the first of `names` present; element names are matched exactly first, then case-insensitively. */
export function child(node: unknown, ...names: string[]): unknown {
  if (!isRecord(node)) return undefined;
  for (const name of names) {
    if (Object.hasOwn(node, name)) return node[name];
  }
  const lowered = names.map((n) => n.toLowerCase());
  for (const key of Object.keys(node)) {
    if (!key.startsWith('@_') && lowered.includes(key.toLowerCase())) return node[key];
  }
  return undefined;
}

/** Text content of a child element; '' when absent, empty or not a text element. */
export function text(node: unknown, ...names: string[]): string {
  return textOf(child(node, ...names));
}

/** Text of a parsed element value: a string, or `{ '#text': … }` when the element has attributes. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (isRecord(value) && typeof value['#text'] === 'string') return value['#text'].trim();
  return '';
}

/** A list element's entries as an array, whether the parser gave one entry, many or none. */
export function list(node: unknown, ...names: string[]): unknown[] {
  const value = child(node, ...names);
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

// Names that would reach an object's prototype if copied as keys.
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A JavaScript object standing for an XML document (a JSON notification payload, or finesse.js's
 * own conversion of an XML one, which follows Goessner's xml2json: `@name` attributes, `#text`,
 * `null` for an empty element, arrays for repeated ones) in the shape `parseXml` gives, so one
 * set of readers serves both. Numbers and booleans become text; unsafe keys are dropped.
 */
export function nodeFromObject(value: unknown, depth = 0): unknown {
  if (depth > 64) throw new XmlParseError('Object nested too deeply', '');
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((entry) => nodeFromObject(entry, depth + 1));
  if (typeof value !== 'object') return '';
  const node: XmlNode = {};
  for (const [key, entry] of Object.entries(value)) {
    if (UNSAFE_KEYS.has(key)) continue;
    const name = key.startsWith('@') && !key.startsWith('@_') ? `@_${key.slice(1)}` : key;
    node[name] = nodeFromObject(entry, depth + 1);
  }
  return node;
}

/** An attribute of an element node, '' when absent. */
export function attribute(node: unknown, name: string): string {
  if (!isRecord(node)) return '';
  const value = node[`@_${name}`];
  return typeof value === 'string' ? value.trim() : '';
}

/** The last non-empty path segment of a Finesse uri ('/finesse/api/User/1234/' → '1234'). */
export function lastUriSegment(uri: string): string {
  const segments = uri
    .trim()
    .split('/')
    .filter((s) => s !== '');
  return segments.at(-1) ?? '';
}

/** Parses an ISO-8601 timestamp; empty or invalid → null rather than an Invalid Date. */
export function parseTimestamp(value: string): Date | null {
  if (value === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
