import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { parseYamlAhead } from '../modules/config/light';
import { COMPILE_BUNDLE, COMPILE_BUNDLE_EXTERNALS, runCompileBundle, type BundleInput } from '../stacks/compile-bundle';

/**
 * The build step after `tsc`: writes the compile thread's bundle into the compiled stacks/ folder
 * (stacks/compile-bundle.ts says what it is for), then V8's code cache for it, made while the
 * bundle compiles the example organization, then the list of the files it was made from. That
 * list is written last: until it is, the compile thread loads its modules one by one.
 *
 * usage: node dist/tools/write-compile-bundle.js
 */

/** The compiled project (dist/). */
const DIST = resolve(__dirname, '..');
/** The project's sources and node_modules. */
const PROJECT_ROOT = resolve(DIST, '..');
/** The config the bundle compiles once, to make V8's code cache of what a compile runs. */
const TRAINING_CONFIG = join(PROJECT_ROOT, 'examples', 'governance.yaml');

async function main(): Promise<void> {
  const dir = join(DIST, 'stacks');
  const files = { code: join(dir, COMPILE_BUNDLE.code), codeCache: join(dir, COMPILE_BUNDLE.codeCache), inputs: join(dir, COMPILE_BUNDLE.inputs) };
  // Without the list, an interrupted step leaves a bundle the compile thread never loads.
  rmSync(files.inputs, { force: true });
  const result = await build({
    entryPoints: [join(dir, 'compile-thread-body.js')],
    outfile: files.code,
    bundle: true,
    platform: 'node',
    // The oldest Node.js that package.json's engines accepts.
    target: 'node20',
    format: 'cjs',
    external: [...COMPILE_BUNDLE_EXTERNALS],
    metafile: true,
    logLevel: 'error',
    plugins: [withoutZodLocales],
  });
  rmSync(files.codeCache, { force: true });
  writeFileAtomically(files.codeCache, await codeCacheOf(files.code));
  const inputs = Object.keys(result.metafile.inputs).map((path) => inputOf(dir, resolve(path)));
  writeFileAtomically(files.inputs, `${JSON.stringify({ inputs }, null, 1)}\n`);
}

/**
 * zod's translations of its messages, a third of the bundle, stay out of it: zod registers its
 * English messages from their own module, and modelgate never asks for another language. Its
 * `z.locales` is then an empty object in the compile thread.
 */
const withoutZodLocales: Plugin = {
  name: 'without-zod-locales',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.cjs$/ }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/**
 * V8's code cache of the bundle, once it has compiled the example: the functions a compile runs are
 * in it, compiled. An example that does not compile (edited, or removed) leaves a smaller cache,
 * with a note: the bundle works the same, its cache just saves less.
 */
async function codeCacheOf(code: string): Promise<Buffer> {
  const { body, script } = runCompileBundle(code);
  const example = relative(PROJECT_ROOT, TRAINING_CONFIG);
  if (!existsSync(TRAINING_CONFIG)) {
    process.stderr.write(`write-compile-bundle: note: ${example} is missing; V8's code cache of the compile thread holds less\n`);
    return script.createCachedData();
  }
  const configBytes = readFileSync(TRAINING_CONFIG);
  const yaml = parseYamlAhead(configBytes, TRAINING_CONFIG);
  const reply = await body.compileForThread({ configBytes, configFile: TRAINING_CONFIG }, Promise.resolve({ yaml }), 'bundle');
  if (reply.kind !== 'compiled') process.stderr.write(`write-compile-bundle: note: ${example} did not compile (${reply.kind}); V8's code cache of the compile thread holds less\n`);
  return script.createCachedData();
}

function inputOf(dir: string, file: string): BundleInput {
  const { size, mtimeMs } = statSync(file);
  return { path: relative(dir, file), size, mtimeMs };
}

function writeFileAtomically(file: string, data: string | Uint8Array): void {
  writeFileSync(`${file}.partial`, data);
  renameSync(`${file}.partial`, file);
}

main().catch((error: unknown) => {
  process.stderr.write(`write-compile-bundle: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
