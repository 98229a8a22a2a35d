// Vite build and dev/preview servers; the simulated Finesse is mounted on the same origin.
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { finesseSim } from './sim/vite-plugin.ts';
import { gadgetXml } from './build/gadgetXml.ts';
import { contentSecurityPolicy } from './build/csp.ts';
import { bundleReport, GADGET_BUDGET_GZIP } from './build/bundleReport.ts';
import { trimXmlParser } from './build/trimXmlParser.ts';

// Printed by `npm run build` and kept outside dist/ (which is uploaded to Finesse as it is).
const report = bundleReport({
  file: resolve(import.meta.dirname, 'reports/bundle-report.txt'),
  // Unminified (GADGET_MINIFY=0, for profiling) it is over: no budget then.
  budgets: process.env.GADGET_MINIFY === '0' ? {} : { gadget: GADGET_BUDGET_GZIP },
});

export default defineConfig({
  // Relative asset URLs: dist/ works from any folder, e.g. /3rdpartygadget/files/<folder>/.
  base: './',
  // gadgetXml: dist/gadget.xml and its one-file bundle, built after the pages.
  // trimXmlParser: in every bundle (page, worker, gadget); not in Vitest, where the simulator and
  // the tests use fast-xml-parser whole.
  plugins: [
    trimXmlParser(),
    react(),
    gadgetXml({ plugins: [trimXmlParser({ dom: true }), report.plugin('gadget')] }),
    contentSecurityPolicy(),
    report.plugin('page'),
    !process.env.VITEST && finesseSim(),
  ],
  worker: { plugins: () => [trimXmlParser(), report.plugin('worker')] },
  // No source maps in the folder to upload; SOURCEMAP=1 npm run build writes them beside it.
  build: { target: 'es2022', sourcemap: process.env.SOURCEMAP === '1' },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'sim/**/*.test.ts', 'test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 15000,
  },
});
