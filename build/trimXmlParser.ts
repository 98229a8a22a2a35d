// Vite plugin: leaves out of every bundle the parts of fast-xml-parser that the one parser
// configuration (src/finesse/xml.ts) can never reach, about 12 kB gzip of the gadget's budget.
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
// - path-expression-matcher's Expression compiles `stopNodes`, which the configuration has none
//   of. Its Matcher (the jPath that `isArray` reads) and ExpressionSet are the package's own files.
// The rest of fast-xml-parser (parser, validator, options) is used as is.
// The stand-ins apply to the bundles only (the page, its worker, the gadget), whose parser is the
// one in src/finesse/xml.ts: the Chromium tests run them. Vitest loads fast-xml-parser whole, as
// the simulator (sim/xml.ts, its own configuration) and the unit tests use it too.
import { dirname } from 'node:path';
import type { Plugin } from 'vite';

const PARSER = /[\\/]node_modules[\\/]fast-xml-parser[\\/]src[\\/]xmlparser[\\/][\w]+\.js$/;
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
  // MATCHER_DIR: the package's own folder, found by resolving it from the parser.
  'path-expression-matcher': `
export { default as Matcher } from 'MATCHER_DIR/Matcher.js';
export { default as ExpressionSet } from 'MATCHER_DIR/ExpressionSet.js';
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

export function trimXmlParser(): Plugin {
  let matcherDir = '';
  return {
    name: 'trim-xml-parser',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || !PARSER.test(importer) || !Object.hasOwn(STAND_INS, source)) return null;
      if (source === 'path-expression-matcher' && matcherDir === '') {
        const entry = await this.resolve(source, importer, { skipSelf: true });
        if (!entry) return null;
        matcherDir = dirname(entry.id);
      }
      return `${PREFIX}${source}`;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const code = STAND_INS[id.slice(PREFIX.length)];
      return code?.replaceAll('MATCHER_DIR', matcherDir.replaceAll('\\', '/')) ?? null;
    },
  };
}
