// The gadget build: the plugin's pure parts, and a real `vite build` whose dist/gadget.xml is read
// the way Finesse reads it.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GADGET_BUDGET_GZIP } from '../build/bundleReport.ts';
import { findEntry, renderGadgetXml } from '../build/gadgetXml.ts';

const root = resolve(import.meta.dirname, '..');
const source = readFileSync(join(root, 'gadget.xml'), 'utf8');

describe('gadget.xml plugin', () => {
  it('finds the one module script of the source gadget.xml', () => {
    expect(findEntry(source).entry).toBe('src/gadget.tsx');
    expect(() => findEntry('<Module/>')).toThrow(/exactly one/);
    const twice = source.replace('</div>', '</div><script type="module" src="x.ts"></script>');
    expect(() => findEntry(twice)).toThrow(/found 2/);
  });

  it('replaces it by the built files, and refuses absolute paths', () => {
    const out = renderGadgetXml(source, {
      script: 'assets/gadget-abc.js',
      stylesheets: ['assets/gadget-abc.css'],
    });
    expect(out).toContain('<link rel="stylesheet" href="assets/gadget-abc.css">');
    expect(out).toContain('<script src="assets/gadget-abc.js"></script>');
    expect(out).not.toContain('type="module"');
    expect(() => renderGadgetXml(source, { script: '/assets/x.js', stylesheets: [] })).toThrow();
    expect(() =>
      renderGadgetXml(source, { script: 'https://cdn/x.js', stylesheets: [] }),
    ).toThrow();
  });
});

describe('npm run build → dist/gadget.xml', () => {
  let outDir = '';
  let xml = '';

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'gadget-build-'));
    // As `npm run build` runs it: vitest's NODE_ENV=test would give React's development build.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    await build({
      root,
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    }).finally(() => {
      process.env.NODE_ENV = nodeEnv;
    });
    xml = readFileSync(join(outDir, 'gadget.xml'), 'utf8');
  }, 60_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('starts with the XML declaration and is well-formed', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('has ModulePrefs title, description and thumbnail, and requires the features it uses', () => {
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name) => name === 'Require' || name === 'Param',
    }).parse(xml) as {
      Module: {
        ModulePrefs: {
          title: string;
          description: string;
          thumbnail: string;
          Require: { feature: string; Param?: { name: string; '#text': unknown }[] }[];
        };
      };
    };
    const prefs = parsed.Module.ModulePrefs;
    expect(prefs.title).toBe('Agent state');
    expect(prefs.description).not.toBe('');
    expect(existsSync(join(outDir, prefs.thumbnail))).toBe(true);
    const features = prefs.Require.map((r) => r.feature);
    expect(features).toEqual(
      expect.arrayContaining([
        'pubsub-2',
        'dynamic-height',
        'settitle',
        'setprefs',
        'loadingindicator',
      ]),
    );
    const loading = prefs.Require.find((r) => r.feature === 'loadingindicator');
    expect(loading?.Param?.find((p) => p.name === 'manual-dismiss')?.['#text']).toBe(true);
  });

  it('refers to content-hashed assets by relative path, and they exist', () => {
    const content = /<!\[CDATA\[([\s\S]*?)\]\]>/.exec(xml)?.[1] ?? '';
    expect(content).toContain('<div id="root"></div>');
    const urls = [...content.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    // The Finesse server's own jQuery then finesse.js first, by absolute path, then ours.
    expect(urls.slice(0, 2)).toEqual([
      '/desktop/assets/js/jquery.min.js',
      '/desktop/assets/js/finesse.js',
    ]);
    const ours = urls.slice(2);
    expect(ours.length).toBeGreaterThan(0);
    expect(content.lastIndexOf('/desktop/assets/js/finesse.js')).toBeLessThan(
      content.indexOf('assets/gadget-'),
    );
    for (const url of ours) {
      expect(url).toMatch(/^assets\/gadget-[\w-]{6,}\.(js|css)$/);
      expect(existsSync(join(outDir, url))).toBe(true);
    }
    expect(content).not.toContain('type="module"');
    expect(content).not.toContain('src/');
  });

  it('bundles the gadget as one self-contained classic script, without finesse.js', () => {
    const script = /<script src="(assets\/[^"]+)"/.exec(xml)?.[1] ?? '';
    const js = readFileSync(join(outDir, script), 'utf8');
    expect(js).not.toMatch(/^\s*(import|export)\s/m);
    expect(js).not.toMatch(/\bimport\s*\(/);
    expect(js).not.toContain('import.meta');
    expect(js).not.toMatch(/finesse\.restservices|ClientServices\.init/);
    // V8's compile hint, on the first line where V8 looks for it (build/gadgetXml.ts).
    expect(js.split('\n')[0]).toBe('//# allFunctionsCalledOnLoad');
    // The browser's XML parser, not fast-xml-parser (build/trimXmlParser.ts `dom`).
    expect(js).toContain('application/xml');
    expect(js).not.toContain('Closing tag '); // one of fast-xml-parser's own messages
  });

  it('keeps the gadget script within its gzip budget, its styles in a linked stylesheet', () => {
    const content = /<!\[CDATA\[([\s\S]*?)\]\]>/.exec(xml)?.[1] ?? '';
    const script = /<script src="(assets\/[^"]+)"/.exec(content)?.[1] ?? '';
    const js = readFileSync(join(outDir, script));
    expect(gzipSync(js).length).toBeLessThanOrEqual(GADGET_BUDGET_GZIP);
    // Only the gadget's own code: the tab's XMPP client and sign-in stay out of it.
    expect(js.toString()).not.toMatch(/Strophe|urn:ietf:params:xml:ns:xmpp/);
    const stylesheet = /<link rel="stylesheet" href="(assets\/gadget-[\w-]+\.css)">/.exec(content);
    expect(stylesheet).not.toBeNull();
    expect(content.indexOf(stylesheet?.[0] ?? '')).toBeLessThan(content.indexOf(script));
    expect(js.toString()).not.toContain('.state-control{');
  });

  it('writes the browser-tab page beside it', () => {
    expect(existsSync(join(outDir, 'index.html'))).toBe(true);
  });
});
