// @ts-check
/**
 * Builds a TypeScript project only when one of its inputs changed since its last build, so that
 * `npm run synth` on an unchanged tree costs a few directory listings instead of a type-check.
 *
 * The inputs are the files the tsconfig's `include` patterns name (TypeScript, and the JSON files
 * `resolveJsonModule` lets the code import), the tsconfig files it extends, and package-lock.json
 * (a dependency's types can change the build). Their paths, sizes and modification times make a
 * fingerprint, kept beside the output; the build runs `tsc -p` (itself incremental), then the
 * steps that follow it (POST_BUILD), when the fingerprint differs or the output is missing.
 *
 * usage: node tools/build-if-changed.js <tsconfig.json> <a file the build writes>
 */
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { basename, dirname, join, resolve } = require('node:path');

const PROJECT_ROOT = resolve(__dirname, '..');

/**
 * What runs after `tsc`, from the output folder, as `npm run build` runs it: synth's code
 * bundles (tools/write-bundles.ts).
 */
const POST_BUILD = ['tools/write-bundles.js'];

/**
 * The tsconfig and those it extends, root first, each parsed.
 * @param {string} file
 * @returns {{ file: string, config: { extends?: string, include?: string[], compilerOptions?: { outDir?: string } } }[]}
 */
function configChain(file) {
  const config = JSON.parse(readFileSync(file, 'utf8'));
  const parent = typeof config.extends === 'string' ? configChain(resolve(dirname(file), config.extends)) : [];
  return [...parent, { file, config }];
}

/**
 * The files an include pattern stands for: `dir/**\/*.ts` (every .ts and .json below dir),
 * `dir/*.ts` (the .ts files in dir), or a file.
 * @param {string} pattern
 * @returns {string[]}
 */
function filesOf(pattern) {
  const recursive = /^(.*)\/\*\*\/\*\.ts$/.exec(pattern);
  const flat = /^(.*)\/\*\.ts$/.exec(pattern);
  if (recursive) return walk(join(PROJECT_ROOT, recursive[1] ?? ''), true);
  if (flat) return walk(join(PROJECT_ROOT, flat[1] ?? ''), false);
  const file = join(PROJECT_ROOT, pattern);
  return existsSync(file) ? [file] : [];
}

/**
 * @param {string} dir
 * @param {boolean} deep
 * @returns {string[]}
 */
function walk(dir, deep) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return deep && entry.name !== 'node_modules' && !entry.name.startsWith('.') ? walk(path, true) : [];
    return /\.ts$/.test(entry.name) || (deep && /\.json$/.test(entry.name)) ? [path] : [];
  });
}

/**
 * @param {string[]} files
 * @returns {string}
 */
function fingerprint(files) {
  const hash = createHash('sha256');
  for (const file of [...new Set(files)].sort()) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${file}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function main() {
  const [tsconfig, output] = process.argv.slice(2);
  if (tsconfig === undefined || output === undefined) {
    process.stderr.write('usage: node tools/build-if-changed.js <tsconfig.json> <a file the build writes>\n');
    process.exit(2);
  }
  const chain = configChain(resolve(PROJECT_ROOT, tsconfig));
  const include = [...chain].reverse().find((c) => c.config.include !== undefined)?.config.include ?? [];
  const outDir = resolve(PROJECT_ROOT, [...chain].reverse().find((c) => c.config.compilerOptions?.outDir)?.config.compilerOptions?.outDir ?? 'dist');
  const inputs = [...include.flatMap(filesOf), ...chain.map((c) => c.file), join(PROJECT_ROOT, 'package-lock.json')].filter((f) => existsSync(f));
  const stampFile = join(outDir, `.inputs-${basename(tsconfig, '.json')}`);
  const current = fingerprint(inputs);
  const built = existsSync(stampFile) && existsSync(resolve(PROJECT_ROOT, output)) && readFileSync(stampFile, 'utf8') === current;
  if (built) return;
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', tsconfig], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  for (const step of POST_BUILD) execFileSync(process.execPath, [join(outDir, step)], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(stampFile, current);
}

main();
