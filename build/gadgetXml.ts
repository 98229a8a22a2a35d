// Vite plugin: after the page build, bundles the gadget entry that gadget.xml names into ONE classic
// script (+ one stylesheet), content-hashed, and writes dist/gadget.xml referring to them by
// relative path, so the folder can be uploaded under any name.
//
// Why one classic script and not ES modules with shared chunks: Shindig may rewrite or proxy the
// script and stylesheet URLs of gadget content (content-rewrite), and a module's relative imports
// would then resolve against the proxy's URL. A self-contained file works however it is fetched.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build, type Plugin, type ResolvedConfig } from 'vite';

const MODULE_SCRIPT = /<script\s+type="module"\s+src="([^"]+)"\s*>\s*<\/script>/g;

/** The source gadget.xml's one `<script type="module" src="…">`: the gadget's entry, from source in dev. */
export function findEntry(xml: string): { entry: string; tag: string } {
  const matches = [...xml.matchAll(MODULE_SCRIPT)];
  if (matches.length !== 1 || !matches[0]?.[1]) {
    throw new Error(
      `gadget.xml must contain exactly one <script type="module" src="…"></script> (found ${matches.length})`,
    );
  }
  return { entry: matches[0][1], tag: matches[0][0] };
}

export interface GadgetAssets {
  /** Paths relative to gadget.xml, e.g. `assets/gadget-3f2a9c.js`. */
  script: string;
  stylesheets: string[];
}

/** gadget.xml with its module script replaced by the built stylesheet(s) and classic script. */
export function renderGadgetXml(source: string, assets: GadgetAssets): string {
  const { tag } = findEntry(source);
  for (const path of [assets.script, ...assets.stylesheets]) {
    if (/^([a-z]+:|\/)/i.test(path) || path.includes('"') || path.includes(']]>')) {
      throw new Error(`gadget asset path must be relative and plain: ${path}`);
    }
  }
  const built = [
    ...assets.stylesheets.map((href) => `<link rel="stylesheet" href="${href}">`),
    // A classic script at the end of the content: #root exists when it runs, and it sets
    // gadgets.HubSettings.onConnect before the container connects the hub.
    `<script src="${assets.script}"></script>`,
  ].join('\n');
  return source.replace(tag, () => built);
}

/** Inner-build plugin: emits gadget.xml next to the bundle it just produced. */
function emitGadgetXml(source: string): Plugin {
  return {
    name: 'gadget-xml:emit',
    // After Vite's CSS plugin has added the stylesheet to the bundle.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const entries = Object.values(bundle).filter(
          (file) => file.type === 'chunk' && file.isEntry,
        );
        const entry = entries[0];
        if (entries.length !== 1 || entry?.type !== 'chunk') {
          this.error(`expected one gadget entry chunk, found ${entries.length}`);
        }
        const stylesheets = Object.values(bundle)
          .filter((file) => file.type === 'asset' && file.fileName.endsWith('.css'))
          .map((file) => file.fileName);
        this.emitFile({
          type: 'asset',
          fileName: 'gadget.xml',
          source: renderGadgetXml(source, { script: entry.fileName, stylesheets }),
        });
      },
    },
  };
}

export interface GadgetXmlOptions {
  source?: string;
  /** More plugins for the gadget's own build (the bundle report). */
  plugins?: Plugin[];
}

export function gadgetXml(options: GadgetXmlOptions = {}): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'gadget-xml',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    // After the page build has written its output (and emptied outDir first).
    async writeBundle() {
      const sourcePath = resolve(config.root, options.source ?? 'gadget.xml');
      const source = readFileSync(sourcePath, 'utf8');
      const { entry } = findEntry(source);
      await build({
        configFile: false,
        root: config.root,
        base: './',
        mode: config.mode,
        logLevel: config.logLevel,
        publicDir: false,
        plugins: [react(), emitGadgetXml(source), ...(options.plugins ?? [])],
        build: {
          outDir: resolve(config.root, config.build.outDir),
          emptyOutDir: false,
          target: config.build.target,
          sourcemap: config.build.sourcemap,
          // GADGET_MINIFY=0: names kept, for reading a profile (bench/cold.ts BENCH_PROFILE).
          minify: process.env.GADGET_MINIFY === '0' ? false : undefined,
          // The styles as their own file, linked from gadget.xml, rather than a string in the
          // script that injects a <style> element when it runs: that is JavaScript to download
          // and run for nothing, and an inline style a Content-Security-Policy would refuse.
          cssCodeSplit: false,
          rolldownOptions: {
            input: resolve(config.root, entry),
            output: {
              format: 'iife',
              // V8's explicit compile hint (Chrome 136+; v8.dev/blog/explicit-compile-hints): compile
              // every function of this file eagerly, on the background thread that parses the
              // script while it downloads, instead of each on the main thread at its first call.
              // All of this file is the gadget's start-up, so most of it is called at once: at 4×
              // CPU, usable ≈ 16 % sooner and ≈ 20 % less main-thread work, for ≈ 0.27 MB more
              // heap (bytecode of functions never called); docs/performance.md "Cold start".
              // After minification: the first line of the file, where V8 looks for it.
              postBanner: '//# allFunctionsCalledOnLoad',
              entryFileNames: 'assets/gadget-[hash].js',
              assetFileNames: 'assets/gadget-[hash][extname]',
            },
          },
        },
      });
    },
  };
}
