// Vite/rolldown plugin: what each bundle is made of (every npm package and the app's own code, raw
// and gzip), printed by `npm run build` and kept in reports/, and a gzip budget per entry that
// fails the build when a bundle outgrows it.
//
// Why reports/ and not dist/: dist/ is uploaded to the Finesse server as it is, and a report
// there would be served to anyone who asks. reports/ is ignored by git: rebuild to see it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { minifySync, type Plugin, type ResolvedConfig, type Rolldown } from 'vite';

/** The share of one package (or of the app's own code) in one bundle. */
export interface PackageShare {
  name: string;
  modules: number;
  /** Bytes as bundled, before minification (tree-shaken: only what the bundle keeps). */
  rendered: number;
  /** Bytes after minifying this package's code on its own. */
  minified: number;
  /** Bytes of that minified code gzipped on its own. */
  gzip: number;
}

export interface BundleSize {
  build: string;
  file: string;
  /** The file as written: minified bytes and their gzip (zlib's default level, as servers send). */
  bytes: number;
  gzip: number;
  budgetGzip?: number;
  packages: PackageShare[];
}

export const APP_CODE = 'app code';
export const BUNDLER_RUNTIME = 'bundler runtime';

/**
 * The gadget's budget: 105 kB gzip (issue 11), with kB = 1,000 bytes as Vite prints it. Room
 * is left under it on purpose for the message catalogues' loader and a virtualized team table.
 */
export const GADGET_BUDGET_GZIP = 105_000;

/** The npm package a module comes from (`@scope/name` or `name`), or the app's own code. */
export function packageOf(moduleId: string): string {
  const path = moduleId.replaceAll('\\', '/');
  const at = path.lastIndexOf('/node_modules/');
  if (at >= 0) {
    const [first = '', second = ''] = path.slice(at + '/node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  // Virtual modules: rolldown's runtime, or a plugin's own (`\0trimmed-xml:…` → its name).
  const plugin = /^\0([\w-]+):/.exec(path)?.[1];
  if (plugin) return `virtual (${plugin})`;
  if (path.startsWith('\0') || /^[a-z-]+:/.test(path)) return BUNDLER_RUNTIME;
  return APP_CODE;
}

/**
 * Minified size of one module's bundled code, minified alone as a script (so that nothing it
 * declares at the top is dropped as unused: the other modules of the chunk use it). The chunk as
 * a whole minifies a little better (names shared across modules), so the parts add up to slightly
 * more than the file; the file's own figures are measured, not summed.
 */
function minifiedLength(id: string, code: string): string {
  try {
    const result = minifySync(`${id}.js`, code, { module: false, compress: true, mangle: true });
    return result.errors.length === 0 ? result.code : code;
  } catch {
    return code;
  }
}

export function measureChunk(build: string, chunk: Rolldown.OutputChunk): BundleSize {
  const byPackage = new Map<string, { modules: number; rendered: number; code: string[] }>();
  for (const [id, module] of Object.entries(chunk.modules)) {
    const code = module.code ?? '';
    if (code.trim() === '') continue;
    const name = packageOf(id);
    const entry = byPackage.get(name) ?? { modules: 0, rendered: 0, code: [] };
    entry.modules += 1;
    entry.rendered += Buffer.byteLength(code);
    entry.code.push(minifiedLength(id, code));
    byPackage.set(name, entry);
  }
  const packages = [...byPackage].map(([name, entry]): PackageShare => {
    const minified = entry.code.join('\n');
    return {
      name,
      modules: entry.modules,
      rendered: entry.rendered,
      minified: Buffer.byteLength(minified),
      gzip: gzipSync(minified).length,
    };
  });
  packages.sort((a, b) => b.gzip - a.gzip);
  return {
    build,
    file: chunk.fileName,
    bytes: Buffer.byteLength(chunk.code),
    gzip: gzipSync(chunk.code).length,
    packages,
  };
}

/** A stylesheet: its size only (no packages in it worth telling apart). */
export function measureStylesheet(
  build: string,
  file: string,
  source: string | Uint8Array,
): BundleSize {
  const bytes = typeof source === 'string' ? Buffer.from(source) : Buffer.from(source);
  return { build, file, bytes: bytes.length, gzip: gzipSync(bytes).length, packages: [] };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

export function formatReport(sizes: BundleSize[]): string {
  const lines: string[] = [];
  for (const size of sizes) {
    const budget =
      size.budgetGzip === undefined
        ? ''
        : ` (budget ${kB(size.budgetGzip)}, ${kB(size.budgetGzip - size.gzip)} left)`;
    lines.push(
      `${size.file} [${size.build}]: ${kB(size.bytes)} minified, ${kB(size.gzip)} gzip${budget}`,
    );
    if (size.packages.length === 0) continue;
    const sumGzip = size.packages.reduce((sum, p) => sum + p.gzip, 0);
    lines.push(
      `  ${'package'.padEnd(28)}${'modules'.padStart(8)}${'bundled'.padStart(11)}` +
        `${'minified'.padStart(11)}${'gzip'.padStart(10)}${'share'.padStart(8)}`,
    );
    for (const p of size.packages) {
      const share = sumGzip > 0 ? `${((100 * p.gzip) / sumGzip).toFixed(1)}%` : '-';
      lines.push(
        `  ${p.name.padEnd(28)}${String(p.modules).padStart(8)}${kB(p.rendered).padStart(11)}` +
          `${kB(p.minified).padStart(11)}${kB(p.gzip).padStart(10)}${share.padStart(8)}`,
      );
    }
  }
  lines.push(
    'Per package: its code minified and gzipped alone (shares of the sum; the file compresses ' +
      'a little better as a whole).',
  );
  return lines.join('\n');
}

export interface BundleReportOptions {
  /** Where the report is written (text, and the same as JSON beside it). */
  file: string;
  /** Gzip budget in bytes per entry chunk name, e.g. `{ gadget: GADGET_BUDGET_GZIP }`. */
  budgets?: Record<string, number>;
}

/**
 * One report over several builds (the page, its worker, the gadget): `plugin(name)` goes into
 * each build's plugins; each build adds its chunks and the report is printed and rewritten.
 */
export function bundleReport({ file, budgets = {} }: BundleReportOptions) {
  const sizes = new Map<string, BundleSize>();
  return {
    plugin(build: string): Plugin {
      let logger: ResolvedConfig['logger'] | undefined;
      return {
        name: `bundle-report:${build}`,
        apply: 'build',
        configResolved(config) {
          logger = config.logger;
        },
        // Last, once Vite's CSS plugin has added the stylesheets to the bundle.
        generateBundle: {
          order: 'post',
          handler(_options, bundle) {
            const measured: BundleSize[] = [];
            for (const output of Object.values(bundle)) {
              if (output.type === 'asset' && output.fileName.endsWith('.css')) {
                measured.push(measureStylesheet(build, output.fileName, output.source));
                continue;
              }
              if (output.type !== 'chunk') continue;
              const size = measureChunk(build, output);
              const budget = output.isEntry ? budgets[output.name] : undefined;
              if (budget !== undefined) size.budgetGzip = budget;
              measured.push(size);
            }
            for (const size of measured) sizes.set(`${build}:${size.file}`, size);
            const text = formatReport(measured);
            logger?.info(`\nbundle report (${build})\n${text}`);
            mkdirSync(dirname(file), { recursive: true });
            const all = [...sizes.values()];
            writeFileSync(file, `${formatReport(all)}\n`);
            writeFileSync(file.replace(/(\.txt)?$/, '.json'), `${JSON.stringify(all, null, 2)}\n`);
            for (const size of measured) {
              if (size.budgetGzip !== undefined && size.gzip > size.budgetGzip) {
                this.error(
                  `${size.file} is ${kB(size.gzip)} gzip, over its budget of ${kB(size.budgetGzip)}: ` +
                    `see ${resolve(file)} for what it is made of`,
                );
              }
            }
          },
        },
      };
    },
  };
}
