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
// The rest of fast-xml-parser (parser, options) is used as is.
// In the gadget's bundle (`dom`), src/finesse/xml.ts gets src/finesse/domXmlParser.ts in place of
// fast-xml-parser: the browser's own XML parser, read into the same objects. The gadget runs on a
// page's main thread, where it parses natively what fast-xml-parser would parse in JavaScript
// (≈ 28 ms of its first screen on a 4× slower CPU). The page keeps fast-xml-parser: its team
// reads run in a worker, which has no DOMParser.
// The stand-ins apply to the bundles only (the page, its worker, the gadget), whose parser is the
// one in src/finesse/xml.ts: the Chromium tests run them. Vitest loads fast-xml-parser whole, as
// the simulator (sim/xml.ts, its own configuration) and the unit tests use it too.
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const PARSER = /[\\/]node_modules[\\/]fast-xml-parser[\\/]src[\\/]xmlparser[\\/][\w]+\.js$/;
const DOM_PARSER = resolve(import.meta.dirname, '../src/finesse/domXmlParser.ts');
const XML_MODULE = /[\\/]src[\\/]finesse[\\/]xml\.ts$/;
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
  strnum: `
export default function toNumber() {
  throw new Error('Number parsing is left out of this build (build/trimXmlParser.ts)');
}`,
};

export function trimXmlParser(options: { dom?: boolean } = {}): Plugin {
  return {
    name: 'trim-xml-parser',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (options.dom && source === 'fast-xml-parser' && importer && XML_MODULE.test(importer)) {
        return DOM_PARSER;
      }
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
