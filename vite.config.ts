// Vite build and dev/preview servers; the simulated Finesse is mounted on the same origin.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { finesseSim } from './sim/vite-plugin.ts';
import { gadgetXml } from './build/gadgetXml.ts';
import { contentSecurityPolicy } from './build/csp.ts';

export default defineConfig({
  // Relative asset URLs: dist/ works from any folder, e.g. /3rdpartygadget/files/<folder>/.
  base: './',
  // gadgetXml: dist/gadget.xml and its one-file bundle, built after the pages.
  plugins: [react(), gadgetXml(), contentSecurityPolicy(), !process.env.VITEST && finesseSim()],
  // No source maps in the folder to upload; SOURCEMAP=1 npm run build writes them beside it.
  build: { target: 'es2022', sourcemap: process.env.SOURCEMAP === '1' },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'sim/**/*.test.ts', 'test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 15000,
  },
});
