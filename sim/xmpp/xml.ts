// XMPP XML for the simulated Notification Service: reading one WebSocket frame, writing stanzas.
// Own code on purpose: sim/ never shares XML handling with the gadget (src/).
import { DOMParser } from '@xmldom/xmldom';
import { escapeXml } from '../xml.ts';

export const NS = {
  FRAMING: 'urn:ietf:params:xml:ns:xmpp-framing',
  STREAM: 'http://etherx.jabber.org/streams',
  STREAMS: 'urn:ietf:params:xml:ns:xmpp-streams',
  CLIENT: 'jabber:client',
  SASL: 'urn:ietf:params:xml:ns:xmpp-sasl',
  BIND: 'urn:ietf:params:xml:ns:xmpp-bind',
  SESSION: 'urn:ietf:params:xml:ns:xmpp-session',
  STANZAS: 'urn:ietf:params:xml:ns:xmpp-stanzas',
  PING: 'urn:xmpp:ping',
  ROSTER: 'jabber:iq:roster',
  DISCO_INFO: 'http://jabber.org/protocol/disco#info',
  PUBSUB: 'http://jabber.org/protocol/pubsub',
  PUBSUB_EVENT: 'http://jabber.org/protocol/pubsub#event',
  PUBSUB_ERRORS: 'http://jabber.org/protocol/pubsub#errors',
} as const;

/** A frame we refuse, with the stream error condition to close the stream with. */
export class FrameError extends Error {
  constructor(
    readonly condition: 'not-well-formed' | 'restricted-xml',
    message: string,
  ) {
    super(message);
  }
}

const parser = new DOMParser({
  // Warnings too: a frame that is not plainly well-formed is refused, not repaired.
  onError: (level, message) => {
    throw new FrameError('not-well-formed', `${level}: ${message}`);
  },
  locator: false,
});

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const PROCESSING_INSTRUCTION = 7;
const COMMENT = 8;
const DOCUMENT_TYPE = 10;

/**
 * One WebSocket message = one complete top-level element (RFC 7395 §3.3.3). An XML
 * declaration is tolerated; comments, processing instructions and DTDs are restricted XML
 * (RFC 6120 §11.1).
 */
export function parseFrame(text: string): Element {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new FrameError('restricted-xml', 'DTD in a frame');
  let doc: Document;
  try {
    doc = parser.parseFromString(text, 'text/xml') as unknown as Document;
  } catch (err) {
    if (err instanceof FrameError) throw err;
    throw new FrameError('not-well-formed', err instanceof Error ? err.message : String(err));
  }
  const root = doc.documentElement;
  if (!root) throw new FrameError('not-well-formed', 'no element');
  for (let node = doc.firstChild; node; node = node.nextSibling) {
    if (
      node.nodeType === PROCESSING_INSTRUCTION &&
      (node as ProcessingInstruction).target === 'xml'
    )
      continue;
    if (node.nodeType !== ELEMENT && node.nodeType !== TEXT) {
      throw new FrameError('restricted-xml', `node type ${node.nodeType} outside the element`);
    }
  }
  checkRestricted(root);
  return root as Element;
}

function checkRestricted(node: Node): void {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (
      child.nodeType === COMMENT ||
      child.nodeType === PROCESSING_INSTRUCTION ||
      child.nodeType === DOCUMENT_TYPE
    ) {
      throw new FrameError('restricted-xml', `node type ${child.nodeType} in a stanza`);
    }
    if (child.nodeType === ELEMENT) checkRestricted(child);
  }
}

/** Child elements, optionally only those with this local name and/or namespace. */
export function children(parent: Element, localName?: string, ns?: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== ELEMENT) continue;
    const el = node as Element;
    if (localName !== undefined && el.localName !== localName) continue;
    if (ns !== undefined && el.namespaceURI !== ns) continue;
    found.push(el);
  }
  return found;
}

export const firstChild = (parent: Element, localName?: string, ns?: string): Element | undefined =>
  children(parent, localName, ns)[0];

/** Text content of an element (text and CDATA only). */
export function textOf(el: Element): string {
  let text = '';
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === TEXT || node.nodeType === CDATA) text += node.nodeValue ?? '';
  }
  return text;
}

// ---- writing ---------------------------------------------------------------------------

export type Attrs = Record<string, string | undefined>;

/** An element with escaped attributes; `content` is already-serialised XML (or nothing). */
export function el(name: string, attrs: Attrs = {}, content = ''): string {
  const attributes = Object.entries(attrs)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
  return content === '' ? `<${name}${attributes}/>` : `<${name}${attributes}>${content}</${name}>`;
}

/** Text content, escaped. */
export const text = (value: string): string => escapeXml(value);

export const streamError = (condition: string, description?: string): string =>
  el(
    'stream:error',
    { 'xmlns:stream': NS.STREAM },
    el(condition, { xmlns: NS.STREAMS }) +
      (description ? el('text', { xmlns: NS.STREAMS }, text(description)) : ''),
  );

/**
 * The closing frame. Written exactly as Strophe.js compares it (`<close xmlns="…" />`, with the
 * space) so that it recognises a server-side close as such.
 */
export const CLOSE_FRAME = `<close xmlns="${NS.FRAMING}" />`;

export type ErrorType = 'auth' | 'cancel' | 'continue' | 'modify' | 'wait';

/** A stanza error: `<error type><condition xmlns=stanzas/>[application condition]</error>`. */
export function stanzaError(type: ErrorType, condition: string, application = ''): string {
  return el('error', { type }, el(condition, { xmlns: NS.STANZAS }) + application);
}
