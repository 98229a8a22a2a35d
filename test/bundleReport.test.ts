// The bundle report's pure parts: which package a module belongs to, and the printed table.
import { describe, expect, it } from 'vitest';
import { APP_CODE, BUNDLER_RUNTIME, formatReport, packageOf } from '../build/bundleReport.ts';

describe('bundle report', () => {
  it('names the npm package of a module, scoped or not, nested or not', () => {
    expect(packageOf('/w/node_modules/react-dom/cjs/react-dom-client.production.js')).toBe(
      'react-dom',
    );
    expect(packageOf('/w/node_modules/@tanstack/query-core/build/modern/query.js')).toBe(
      '@tanstack/query-core',
    );
    expect(packageOf('/w/node_modules/a/node_modules/strnum/strnum.js')).toBe('strnum');
    expect(packageOf('C:\\w\\node_modules\\react\\index.js')).toBe('react');
  });

  it("counts the project's own files as app code, and virtual modules apart", () => {
    expect(packageOf('/w/src/finesse/xml.ts')).toBe(APP_CODE);
    expect(packageOf('\0rolldown/runtime.js')).toBe(BUNDLER_RUNTIME);
    expect(packageOf('\0trimmed-xml:strnum')).toBe('virtual (trimmed-xml)');
  });

  it('prints each bundle with its budget and every package, largest first as given', () => {
    const text = formatReport([
      {
        build: 'gadget',
        file: 'assets/gadget-x.js',
        bytes: 300_000,
        gzip: 99_500,
        budgetGzip: 105_000,
        packages: [
          { name: 'react-dom', modules: 4, rendered: 500_000, minified: 200_000, gzip: 60_000 },
          { name: APP_CODE, modules: 20, rendered: 80_000, minified: 50_000, gzip: 20_000 },
        ],
      },
    ]);
    expect(text).toContain('assets/gadget-x.js [gadget]: 300.0 kB minified, 99.5 kB gzip');
    expect(text).toContain('(budget 105.0 kB, 5.5 kB left)');
    expect(text).toMatch(/react-dom\s+4\s+500\.0 kB\s+200\.0 kB\s+60\.0 kB\s+75\.0%/);
    expect(text).toMatch(/app code\s+20\s+80\.0 kB\s+50\.0 kB\s+20\.0 kB\s+25\.0%/);
  });
});
