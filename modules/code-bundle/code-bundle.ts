import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Script } from 'node:vm';

/**
 * A code bundle: compiled modules and the packages they import, as one CommonJS file, with V8's
 * code cache for it. tools/write-bundles.ts writes synth's after `tsc`, and dist/main.js runs it.
 * Loading one file whose functions V8 compiled already, instead of about 840 modules found, read
 * and compiled one by one, saves about 0.3 s of CPU at every synth.
 *
 * A bundle is used only while every file it was made from is as it was (same size, same
 * modification time): a `tsc` run without the bundle step after it, or packages installed again,
 * leave it unused, and the code loads module by module as it would without it.
 */

/** The name of synth's bundle in dist/: synth-app.ts and what it loads, cdktf, the provider classes, zod and the compiler included. */
export const SYNTH_APP_BUNDLE = 'synth-app';

/** The files of the bundle `name` in `dir`. */
export interface BundleFiles {
  /** The modules as one CommonJS file. */
  readonly code: string;
  /** V8's code cache for it, made while the bundle ran on the example organization at build time. */
  readonly codeCache: string;
  /** The files the bundle was made from, with their sizes and modification times; written last. */
  readonly inputs: string;
}

export function bundleFiles(dir: string, name: string): BundleFiles {
  return { code: join(dir, `${name}.bundle.js`), codeCache: join(dir, `${name}.bundle.cache`), inputs: join(dir, `${name}.bundle.inputs.json`) };
}

/** A file a bundle was made from, as it was then. */
export interface BundleInput {
  /** Relative to the bundle's folder. */
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** A bundle run: its exports, its script (V8's code cache is made from it), and whether V8 took the cached code. */
export interface LoadedBundle<Exports> {
  readonly exports: Exports;
  readonly script: Script;
  readonly code: 'bundle with cached code' | 'bundle';
}

/** Whether every file in `inputs` (paths relative to `dir`) still has the size and modification time listed. */
export function inputsUnchanged(dir: string, inputs: readonly BundleInput[]): boolean {
  return inputs.every((input) => {
    const stats = statSync(resolve(dir, input.path), { throwIfNoEntry: false });
    return stats !== undefined && stats.size === input.size && stats.mtimeMs === input.mtimeMs;
  });
}

/** Whether the bundle `name` in `dir` is there, and as current as the files it was made from. */
export function bundleCurrent(dir: string, name: string): boolean {
  const inputs = listedInputs(bundleFiles(dir, name).inputs);
  return inputs !== undefined && inputsUnchanged(dir, inputs);
}

/**
 * Runs the bundle `name` in `dir` and gives its exports, or undefined when it is not current or
 * cannot be read: the caller then loads the same code module by module. V8's code cache is used
 * when it matches this Node.js (V8 refuses one made by another version or with other flags).
 */
export function loadBundle<Exports>(dir: string, name: string): LoadedBundle<Exports> | undefined {
  try {
    if (!bundleCurrent(dir, name)) return undefined;
    const files = bundleFiles(dir, name);
    return runBundle<Exports>(files.code, readIfPresent(files.codeCache));
  } catch {
    // A bundle that cannot be read or compiled costs its speed, nothing else: the modules are there.
    return undefined;
  }
}

/** Runs the bundle `file` as a CommonJS module, with V8's `cachedData` for it when given. */
export function runBundle<Exports>(file: string, cachedData?: Buffer): LoadedBundle<Exports> {
  // The wrapper Node.js puts around a CommonJS module: the code cache is made and used on this same text.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
  const script = new Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as Exports };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script, code: cachedData && !script.cachedDataRejected ? 'bundle with cached code' : 'bundle' };
}

function listedInputs(file: string): BundleInput[] | undefined {
  const text = readIfPresent(file);
  if (text === undefined) return undefined;
  const inputs = (JSON.parse(text.toString('utf8')) as { inputs?: unknown }).inputs;
  return Array.isArray(inputs) ? (inputs as BundleInput[]) : undefined;
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
