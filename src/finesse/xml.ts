// The one fast-xml-parser configuration for Finesse payloads, the one builder for request bodies, and safe readers for parsed nodes.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

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

const parser = new XMLParser({
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
});

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Escapes &, <, >, quotes in text, so values a user typed cannot change the body's structure.
  processEntities: true,
  suppressEmptyNode: false,
});

/**
 * Parses a Finesse XML body into plain objects. Throws XmlParseError for anything that is not
 * exactly one well-formed XML document (empty, truncated, HTML with unclosed tags, garbage).
 */
export function parseXml(text: string): unknown {
  if (text.trim() === '') throw new XmlParseError('Empty body where XML was expected', '');
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

/** Builds an XML body (no declaration) from plain objects; text values are escaped. */
export function buildXml(obj: Record<string, unknown>): string {
  const built: unknown = builder.build(obj);
  if (typeof built !== 'string') throw new TypeError('XMLBuilder returned a non-string');
  return built;
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
