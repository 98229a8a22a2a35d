// @vitest-environment jsdom
// The bundles' parser (fast-xml-parser with build/trimXmlParser.ts's stand-ins, the gadget's with
// the browser's XML parser as validator) reads every fixture exactly as the whole library does,
// and refuses what it refuses.
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

async function bundle(domValidator: boolean): Promise<Xml> {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [trimXmlParser({ domValidator })],
    build: {
      write: false,
      minify: false,
      lib: { entry: resolve(import.meta.dirname, '../src/finesse/xml.ts'), formats: ['es'] },
    },
  })) as Rolldown.RolldownOutput[];
  const chunk = output[0]?.output[0];
  if (!chunk || chunk.type !== 'chunk') throw new Error('no bundle');
  const file = join(dir, `xml-${domValidator ? 'gadget' : 'page'}.mjs`);
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

  it('keeps a reference XML does not define as written, as the whole library does', () => {
    for (const text of ['<User>&nbsp;</User>', '<a>&#0;&lt;</a>']) {
      expect(xml().parseXml(text)).toEqual(whole.parseXml(text));
    }
  });
});
