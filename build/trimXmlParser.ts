// Vite plugin: leaves out of every bundle the parts of fast-xml-parser that the one parser
// configuration (src/finesse/xml.ts) can never reach, about 16 kB gzip of the gadget’s budget.
//
// fast-xml-parser imports them at the top of its parser, so no bundler can tell they are unused:
// - DocTypeReader (with xml-naming) reads a `<!DOCTYPE …>` and the entities it declares. parseXml
//   refuses a body with a DOCTYPE before parsing (Finesse never sends one; refusing it is the
//   usual defence against entity expansion). Its stand-in throws, should one ever reach it.
// - is-unsafe judges the values of DOCTYPE-declared entities, so it is reached only through the
//   reader above. Its stand-in says "unsafe" to everything, should it ever be reached.
// - strnum (with anynum) turns text into numbers, only with parseTagValue/parseAttributeValue,
//   both off here: ids and codes stay strings ('007' is not 7). It throws if an option changes.
// - @nodable/entities is the default entity decoder (HTML entity tables, expansion limits for
//   DOCTYPE entities). src/finesse/xml.ts passes its own decoder for XML's own entities through
//   the parser's `entityDecoder` option; the default is then never built. Its stand-in throws if
//   it is, and keeps only what the option defaults read.
// - path-expression-matcher tracks the path of the element being parsed, with attribute values,
//   sibling counters and path expressions; this configuration reads only the path as a string
//   (the jPath `isArray` gets) and has no `stopNodes`. Its stand-in is a small path stack.
// - validator (XMLValidator), in the gadget's bundle only (`domValidator`): the gadget runs on a
//   page's main thread, where the browser's own XML parser checks well-formedness natively, in
//   place of about 2 kB gzip of JavaScript. The page keeps fast-xml-parser's validator: its team
//   reads run in a worker, which has no DOMParser.
// The rest of fast-xml-parser (parser, options) is used as is.
// The stand-ins apply to the bundles only (the page, its worker, the gadget), whose parser is the
// one in src/finesse/xml.ts: the Chromium tests run them. Vitest loads fast-xml-parser whole, as
// the simulator (sim/xml.ts, its own configuration) and the unit tests use it too.
import type { Plugin } from 'vite';

const PARSER = /[\\/]node_modules[\\/]fast-xml-parser[\\/]src[\\/]xmlparser[\\/][\w]+\.js$/;
const ENTRY = /[\\/]node_modules[\\/]fast-xml-parser[\\/]src[\\/]fxp\.js$/;
const DOM_VALIDATOR = 'dom-validator';
const PREFIX = '\0trimmed-xml:';

const STAND_INS: Record<string, string> = {
  './DocTypeReader.js': `
export default class DocTypeReader {
  setXmlVersion() {}
  readDocType() {
    throw new Error('A DOCTYPE is not accepted: Finesse never sends one');
  }
}`,
  'is-unsafe': `
export const HTML = [];
export const XML = [];
export function isUnsafe() {
  return true;
}`,
  '@nodable/entities': `
export const XML = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
export const COMMON_HTML = {};
export const CURRENCY = {};
export const ENTITY_ACTION = { ALLOW: 'allow', BLOCK: 'block', THROW: 'throw' };
export class EntityDecoder {
  constructor() {
    throw new Error('The default entity decoder is left out: pass entityDecoder (src/finesse/xml.ts)');
  }
}`,
  // The parser's path tracker, reduced to what it calls (push, pop, updateCurrent, reset,
  // getCurrentTag, toString, readOnly, matchesAny; OrderedObjParser.js, node2json.js): the path
  // as a string is all this configuration reads (the jPath `isArray` gets). Attribute values,
  // sibling counters and expressions (for stopNodes, none here) are left out. Our own code, not
  // the package's: its Matcher and ExpressionSet are about 2 kB gzip.
  'path-expression-matcher': `
export class Matcher {
  constructor() {
    this.tags = [];
    this.names = [];
  }
  push(tag, values, namespace) {
    this.tags.push(tag);
    this.names.push(namespace ? namespace + ':' + tag : tag);
  }
  pop() {
    this.names.pop();
    return this.tags.pop();
  }
  updateCurrent() {}
  reset() {
    this.tags = [];
    this.names = [];
  }
  getCurrentTag() {
    return this.tags[this.tags.length - 1];
  }
  toString() {
    return this.names.join('.');
  }
  readOnly() {
    return this;
  }
  matchesAny() {
    return false;
  }
}
export class ExpressionSet {
  constructor() {
    this.size = 0;
  }
  add() {
    throw new Error('stopNodes are left out of this build (build/trimXmlParser.ts)');
  }
  seal() {}
}
export class Expression {
  constructor() {
    throw new Error('stopNodes are left out of this build (build/trimXmlParser.ts)');
  }
}`,
  // XMLValidator.validate's contract: true, or { err: { code, msg, line, col } }. A document the
  // browser cannot parse holds a <parsererror> in a namespace (XHTML in Chromium, Mozilla's own in
  // Firefox); an element of that name in a Finesse body would have none. Entity and character
  // references are judged as the library's validator does (any name, kept as written later by
  // src/finesse/xml.ts): escaped first, so only the document's structure is checked here.
  [DOM_VALIDATOR]: `
export function validate(xml) {
  const structure = xml.replace(/&(?=#?[\\w.-]+;)/g, '&amp;');
  const doc = new DOMParser().parseFromString(structure, 'application/xml');
  for (const error of doc.getElementsByTagName('parsererror')) {
    if (error.namespaceURI === null) continue;
    const text = (error.querySelector('div') || error).textContent.replace(/\\s+/g, ' ').trim();
    const line = Number((/line (\\d+)/i.exec(text) || [])[1]) || 1;
    return { err: { code: 'InvalidXml', msg: text || 'not well-formed XML', line, col: 0 } };
  }
  return true;
}`,
  strnum: `
export default function toNumber() {
  throw new Error('Number parsing is left out of this build (build/trimXmlParser.ts)');
}`,
};

export function trimXmlParser(options: { domValidator?: boolean } = {}): Plugin {
  return {
    name: 'trim-xml-parser',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      // Imported by the entry (XMLValidator) and by the parser (its own `validationOption`).
      const validator =
        (source === './validator.js' && importer && ENTRY.test(importer)) ||
        (source === '../validator.js' && importer && PARSER.test(importer));
      if (options.domValidator && validator) return `${PREFIX}${DOM_VALIDATOR}`;
      if (!importer || !PARSER.test(importer) || !Object.hasOwn(STAND_INS, source)) return null;
      return `${PREFIX}${source}`;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const code = STAND_INS[id.slice(PREFIX.length)];
      return code ?? null;
    },
  };
}
