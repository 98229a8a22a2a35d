// The gadget's XML parser: the browser's own (DOMParser, native code), read into exactly the
// objects fast-xml-parser makes with src/finesse/xml.ts's one configuration. The gadget's bundle
// takes this module in place of fast-xml-parser (build/trimXmlParser.ts, `dom`); the page, its
// worker (no DOMParser there), the simulator and the unit tests use fast-xml-parser itself.
//
// Why: on a 4× slower CPU the gadget's first four reads cost ≈ 28 ms in fast-xml-parser (its
// validator, then its parser, each compiled on first use), before the gadget is usable; the
// browser parses them natively, and it already had to (the gadget validated with DOMParser). One
// parse per body, and about 6 kB gzip less to download (docs/performance.md, "Cold start").
//
// What the library does with this configuration, and so what this does (test/trimXmlParser.test.ts
// reads every fixture and a list of edge cases both ways and compares):
// - text is cut into runs at elements, CDATA sections and processing instructions, not at
//   comments; each run trimmed, then its references decoded (`entityDecoder`), then the runs
//   joined with nothing between. CDATA is taken as written: neither trimmed nor decoded.
// - an element with neither attributes nor child elements is its text ('' when none); otherwise
//   an object of its child elements (a name seen twice, or one `isArray` names, an array), its
//   text as `#text` when there is any, and its attributes as `@_name`, each trimmed and decoded.
// - element names the library refuses (`__proto__`, `constructor`, `prototype`) throw; those it
//   renames (`toString`, `hasOwnProperty`, …) get its `__` prefix (fast-xml-parser src/util.js
//   DANGEROUS_PROPERTY_NAMES, criticalProperties).
// - references: any `&name;` or `&#…;` is kept as written for the decoder, as the library's own
//   validator accepts any name: escaped before the browser parses, so it never refuses an entity
//   a DTD would have to declare (none is ever declared: parseXml refuses a DOCTYPE first).
// One difference is the browser's by the XML standard: a line break written as such inside an
// attribute value reads as a space (XML 1.0 §3.3.3, attribute-value normalisation); the library
// keeps it. Finesse's attributes carry no line breaks (finesse/samples).

const REFERENCE = /&(?=#?[\w.-]+;)/g;
const ESCAPED_REFERENCE = /&amp;(?=#?[\w.-]+;)/g;

const REFUSED_NAMES = ['__proto__', 'constructor', 'prototype'];
const RENAMED_NAMES = [
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
];

interface Options {
  entityDecoder: { decode(value: string): string };
  parseTagValue: false;
  parseAttributeValue: false;
  trimValues: boolean;
  ignoreAttributes: false;
  attributeNamePrefix: string;
  ignoreDeclaration: true;
  ignorePiTags: true;
  isArray: (tagName: string, jPath: string, isLeafNode: boolean, isAttribute: boolean) => boolean;
}

const SUPPORTED: Record<keyof Options, (value: unknown) => boolean> = {
  entityDecoder: (value) => typeof value === 'object' && value !== null,
  parseTagValue: (value) => value === false,
  parseAttributeValue: (value) => value === false,
  trimValues: (value) => typeof value === 'boolean',
  ignoreAttributes: (value) => value === false,
  attributeNamePrefix: (value) => typeof value === 'string' && value !== '',
  ignoreDeclaration: (value) => value === true,
  ignorePiTags: (value) => value === true,
  isArray: (value) => typeof value === 'function',
};

// The last body parsed: parseXml validates, then parses the same text; the browser reads it once.
let last: { text: string; doc: Document } | null = null;

function documentOf(text: string): Document {
  if (last?.text === text) return last.doc;
  const doc = new DOMParser().parseFromString(text.replace(REFERENCE, '&amp;'), 'application/xml');
  last = { text, doc };
  return doc;
}

/**
 * A body the browser cannot parse holds a <parsererror> in a namespace (XHTML in Chromium,
 * Mozilla's own in Firefox); an element of that name in a Finesse body would have none.
 */
function problemIn(doc: Document): { msg: string; line: number } | null {
  for (const error of doc.getElementsByTagName('parsererror')) {
    if (error.namespaceURI === null) continue;
    const text = (error.querySelector('div') ?? error).textContent.replace(/\s+/g, ' ').trim();
    const line = Number((/line (\d+)/i.exec(text) ?? [])[1]) || 1;
    return { msg: text || 'not well-formed XML', line };
  }
  return null;
}

/** fast-xml-parser's `XMLValidator.validate` contract: true, or `{ err: { code, msg, line, col } }`. */
export const XMLValidator = {
  validate(text: string): true | { err: { code: string; msg: string; line: number; col: number } } {
    const problem = problemIn(documentOf(text));
    return problem ? { err: { code: 'InvalidXml', ...problem, col: 0 } } : true;
  },
};

function elementName(name: string): string {
  if (REFUSED_NAMES.includes(name)) {
    throw new Error(
      `[SECURITY] Invalid name: "${name}" is a reserved JavaScript keyword that could cause prototype pollution`,
    );
  }
  return RENAMED_NAMES.includes(name) ? `__${name}` : name;
}

export class XMLParser {
  private readonly options: Options;

  constructor(options: Partial<Options>) {
    for (const [name, value] of Object.entries(options)) {
      const supported = SUPPORTED[name as keyof Options] as ((v: unknown) => boolean) | undefined;
      if (!supported?.(value)) {
        throw new Error(`The gadget's XML parser does not do ${name}: ${String(value)}`);
      }
    }
    for (const name of Object.keys(SUPPORTED)) {
      if (!Object.hasOwn(options, name)) throw new Error(`The gadget's XML parser needs ${name}`);
    }
    this.options = options as Options;
  }

  parse(text: string): Record<string, unknown> {
    const doc = documentOf(text);
    last = null;
    const problem = problemIn(doc);
    if (problem) throw new Error(problem.msg);
    const root = doc.documentElement;
    const name = elementName(root.tagName);
    const value = this.element(root, name);
    return { [name]: this.options.isArray(name, name, false, false) ? [value] : value };
  }

  private element(element: Element, path: string): unknown {
    const { trimValues, entityDecoder, isArray, attributeNamePrefix } = this.options;
    const children = new Map<string, unknown[]>();
    const forced = new Set<string>();
    let text = '';
    let run = '';
    const endRun = () => {
      const trimmed = trimValues ? run.trim() : run;
      if (trimmed.length > 0) text += entityDecoder.decode(trimmed);
      run = '';
    };
    for (const node of element.childNodes) {
      switch (node.nodeType) {
        case Node.TEXT_NODE:
          run += (node as Text).data;
          break;
        case Node.CDATA_SECTION_NODE:
          endRun();
          text += (node as CDATASection).data.replace(ESCAPED_REFERENCE, '&');
          break;
        case Node.ELEMENT_NODE: {
          endRun();
          const child = node as Element;
          const name = elementName(child.tagName);
          const childPath = `${path}.${name}`;
          const value = this.element(child, childPath);
          const values = children.get(name);
          if (values) values.push(value);
          else {
            children.set(name, [value]);
            if (isArray(name, childPath, child.children.length === 0, false)) forced.add(name);
          }
          break;
        }
        case Node.PROCESSING_INSTRUCTION_NODE:
          endRun();
          break;
        default:
          // Comments: they do not end a run of text (the library reads on across them).
          break;
      }
    }
    endRun();
    if (children.size === 0 && element.attributes.length === 0) return text;
    const object: Record<string, unknown> = {};
    for (const [name, values] of children) {
      object[name] = values.length > 1 || forced.has(name) ? values : values[0];
    }
    if (text !== '') object['#text'] = text;
    for (const attribute of element.attributes) {
      const value = trimValues ? attribute.value.trim() : attribute.value;
      object[`${attributeNamePrefix}${attribute.name}`] = entityDecoder.decode(value);
    }
    return object;
  }
}
