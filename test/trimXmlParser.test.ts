// @vitest-environment jsdom
// The bundles' parser (fast-xml-parser with build/trimXmlParser.ts's stand-ins; the gadget's, the
// browser's XML parser read by src/finesse/domXmlParser.ts) reads every fixture, and each of a
// list of edge cases, exactly as the whole library does, and refuses what it refuses.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trimXmlParser } from '../build/trimXmlParser.ts';
import * as whole from '../src/finesse/xml.ts';
import { fixture } from './fixtures/fixtures.ts';

type Xml = typeof whole;
// Inside the project (Vitest imports from there), not in git.
mkdirSync(resolve(import.meta.dirname, '../node_modules/.cache'), { recursive: true });
const dir = mkdtempSync(resolve(import.meta.dirname, '../node_modules/.cache/trimmed-xml-'));
const bundles: Record<'page' | 'gadget', Xml | null> = { page: null, gadget: null };

async function bundle(dom: boolean): Promise<Xml> {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [trimXmlParser({ dom })],
    build: {
      write: false,
      minify: false,
      lib: { entry: resolve(import.meta.dirname, '../src/finesse/xml.ts'), formats: ['es'] },
    },
  })) as Rolldown.RolldownOutput[];
  const chunk = output[0]?.output[0];
  if (!chunk || chunk.type !== 'chunk') throw new Error('no bundle');
  const file = join(dir, `xml-${dom ? 'gadget' : 'page'}.mjs`);
  writeFileSync(file, chunk.code);
  return (await import(/* @vite-ignore */ file)) as Xml;
}

beforeAll(async () => {
  bundles.page = await bundle(false);
  bundles.gadget = await bundle(true);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const xmlFixtures = readdirSync(resolve(import.meta.dirname, 'fixtures')).filter((name) =>
  name.endsWith('.xml'),
);
const malformed = [
  '<User><state>READY</User>',
  '<User><state>READY</state>',
  '<a>x & y</a>',
  '<a></a><b></b>',
  '<html><body><p>Service Unavailable<br></body></html>',
  'not xml at all',
];

// Shapes Finesse's bodies may take, and ones they should not (for the same outcome either way).
const edgeCases = [
  '<a> </a>',
  '<a/>',
  '<a>\t</a>',
  '<a x=" 1 "/>',
  '<a x="1">v</a>',
  '<a x="1"> </a>',
  '<a>hello<b>x</b>world</a>',
  '<a> 1 <b/> 2 </a>',
  '<a><b>1</b><b>2</b></a>',
  '<a><b x="1"/><b>2</b></a>',
  '<a><b></b><c>  <d/>  </c></a>',
  '<a><![CDATA[ x ]]></a>',
  '<a>t<![CDATA[c]]>u</a>',
  '<a> x <![CDATA[c]]> y </a>',
  '<a><![CDATA[&amp; &lt;]]></a>',
  '<a><b>x</b><![CDATA[]]></a>',
  '<a><!-- c --><b>1</b></a>',
  '<a>1 <!--c--> 2</a>',
  '<a>1 <?p?> 2</a>',
  '<a><?pi x?><b/></a>',
  '<?xml version="1.0" encoding="UTF-8"?>\n<!-- before -->\n<a>1</a>\n<!-- after -->',
  '<ns:a xmlns:ns="u"><ns:b>1</ns:b></ns:a>',
  '<a x="a&#10;b">\n  line1\r\n  line2\n</a>',
  '<a>&#32;x</a>',
  '<a x="&#32;1"/>',
  '<a>\u00a0x</a>',
  '<a>&amp;<b/>&lt;</a>',
  '<a x="&lt;" y=\'"\'/>',
  '<a><__proto__>x</__proto__></a>',
  '<a><constructor>x</constructor></a>',
  '<prototype/>',
  '<a __proto__="1"/>',
  '<a><hasOwnProperty>1</hasOwnProperty><toString>2</toString><valueOf/></a>',
  '<ReasonCodes/>',
  '<ReasonCodes><ReasonCode><id>1</id></ReasonCode></ReasonCodes>',
  '<x><ReasonCodes><ReasonCode/></ReasonCodes></x>',
  '<Team><users><User><id>1</id></User></users><roles><role>Agent</role></roles></Team>',
  '<ApiErrors><ApiError><ErrorType>X</ErrorType></ApiError></ApiErrors>',
];

describe.each(['page', 'gadget'] as const)('the %s bundle’s parser', (name) => {
  const xml = () => {
    const loaded = bundles[name];
    if (!loaded) throw new Error('not built');
    return loaded;
  };

  it.each(xmlFixtures)('reads %s as the whole library does', (file) => {
    const text = fixture(file);
    let expected: unknown;
    try {
      expected = whole.parseXml(text);
    } catch (error) {
      expected = error;
    }
    if (expected instanceof Error) expect(() => xml().parseXml(text)).toThrow();
    else expect(xml().parseXml(text)).toEqual(expected);
  });

  it('refuses what is not one well-formed document, with the line', () => {
    for (const text of malformed) {
      expect(() => whole.parseXml(text)).toThrow();
      expect(() => xml().parseXml(text), text).toThrow(/Malformed XML \(line \d+\)|root element/);
    }
  });

  it.each(edgeCases)('reads %s as the whole library does', (text) => {
    let expected: unknown;
    try {
      expected = whole.parseXml(text);
    } catch (error) {
      expected = error;
    }
    if (expected instanceof Error) expect(() => xml().parseXml(text)).toThrow(expected.message);
    else expect(xml().parseXml(text)).toStrictEqual(expected);
  });

  it('keeps a reference XML does not define as written, as the whole library does', () => {
    for (const text of ['<User>&nbsp;</User>', '<a>&#0;&lt;</a>']) {
      expect(xml().parseXml(text)).toEqual(whole.parseXml(text));
    }
  });
});

describe("the gadget's parser and its options", () => {
  const configuration = whole.parserOptions;

  it("takes xml.ts's one configuration, refuses any other option and any one missing", async () => {
    const { XMLParser } = await import('../src/finesse/domXmlParser.ts');
    expect(() => new XMLParser(configuration)).not.toThrow();
    expect(() => new XMLParser({ ...configuration, parseTagValue: true } as never)).toThrow(
      /does not do parseTagValue/,
    );
    expect(() => new XMLParser({ ...configuration, stopNodes: ['a'] } as never)).toThrow(
      /does not do stopNodes/,
    );
    const withoutIsArray = Object.fromEntries(
      Object.entries(configuration).filter(([name]) => name !== 'isArray'),
    );
    expect(() => new XMLParser(withoutIsArray)).toThrow(/needs isArray/);
  });
});
