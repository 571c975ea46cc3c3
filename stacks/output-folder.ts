import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { recoverInterruptedSwap, swapIntoPlace, type SwapOptions } from './swap-output';

/** The output folder cannot be used as it is; nothing was written. */
export class OutputFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFolderError';
  }
}

/**
 * Synth replaces its output folder as a whole, so it refuses a folder it did not write: an
 * existing folder must be empty or hold the manifest.json of a cdktf synth (a previous output).
 * A folder that does not exist yet is fine: synth creates it, and its missing parents.
 */
export function assertReplaceableOutput(outdir: string): void {
  const entry = statOf(outdir);
  if (!entry) {
    const parent = nearestExisting(dirname(outdir));
    if (parent && !parent.stats.isDirectory()) throw new OutputFolderError(`cannot create the output folder ${outdir}: ${parent.path} is a file, not a folder`);
    return;
  }
  if (entry.isSymbolicLink()) throw new OutputFolderError(`the output folder ${outdir} is a symbolic link; point CDKTF_OUTDIR at a real folder`);
  if (!entry.isDirectory()) throw new OutputFolderError(`the output folder ${outdir} is a file; remove it, or point CDKTF_OUTDIR at a folder`);
  if (!isEmptyFolder(outdir) && !isSynthOutput(outdir)) {
    throw new OutputFolderError(
      `the output folder ${outdir} is not the output of a previous synth (it has no cdktf manifest.json), and synth would ` +
        'replace it as a whole: point CDKTF_OUTDIR at a new or empty folder, or remove this one yourself',
    );
  }
}

/**
 * Writes a new output folder through `write` into a staging folder beside it, then swaps it into
 * place (swapIntoPlace: each stack's .terraform/ and lock file are kept), so the output is never
 * partial; missing parent folders are created. A swap a killed run left half done is finished or
 * undone first. On SIGINT or SIGTERM the staging folder (and any parent created) is removed, the
 * output folder is left as it was, and the process ends by that signal.
 */
export async function replaceOutputFolder(outdir: string, write: (staging: string) => void | Promise<void>, options: SwapOptions = { leaveRemovedStacks: false }): Promise<void> {
  recoverInterruptedSwap(outdir);
  assertReplaceableOutput(outdir);
  const createdParent = createParent(outdir);
  removeStaleStaging(outdir);
  const staging = stagingFolder(outdir);
  rmSync(staging, { recursive: true, force: true });
  const abandon = (): void => {
    rmSync(staging, { recursive: true, force: true });
    if (createdParent) rmSync(createdParent, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    abandon();
    process.stderr.write(`modelgate: interrupted by ${signal}; nothing was written, ${outdir} was left as it was\n`);
    // Listening until the cleanup is done; then the signal ends the process, as it would have.
    stopListening();
    process.kill(process.pid, signal);
  };
  const stopListening = (): void => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let moved = false;
  try {
    await write(staging);
    await handlePendingSignals();
    // Checked again: someone may have put files there since synth started.
    assertReplaceableOutput(outdir);
    swapIntoPlace(staging, outdir, options);
    moved = true;
  } finally {
    stopListening();
    if (!moved) abandon();
  }
}

/** Whether `dir` holds the manifest.json that cdktf writes at the top of its output. */
export function isSynthOutput(dir: string): boolean {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  } catch {
    return false;
  }
  if (!isRecord(manifest) || typeof manifest.version !== 'string' || !isRecord(manifest.stacks)) return false;
  return Object.values(manifest.stacks).every((stack) => isRecord(stack) && typeof stack.synthesizedStackPath === 'string' && typeof stack.workingDirectory === 'string');
}

/** Where a synth run writes before moving the output into place: beside it, named by the process id. */
export function stagingFolder(outdir: string, pid = process.pid): string {
  return join(dirname(outdir), `.${basename(outdir)}.staging-${pid}`);
}

/**
 * Removes the staging folders of earlier runs for this output folder whose process is gone (killed
 * before it could clean up); the folders of runs still going are left to them.
 */
export function removeStaleStaging(outdir: string): string[] {
  const prefix = `.${basename(outdir)}.staging-`;
  const parent = dirname(outdir);
  const stale = readdirSync(parent)
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .filter((name) => !isRunning(Number(name.slice(prefix.length))))
    .map((name) => join(parent, name));
  for (const folder of stale) rmSync(folder, { recursive: true, force: true });
  return stale;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The entry at `path` itself (a link is not followed), or with `follow` what it points at; undefined when there is none. */
function statOf(path: string, follow = false): Stats | undefined {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch (error) {
    // ENOTDIR: a file stands where a parent folder would be; nearestExisting says which.
    if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw new OutputFolderError(`cannot read the output folder ${path}: ${(error as Error).message}`);
  }
}

function isEmptyFolder(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch (error) {
    throw new OutputFolderError(`cannot read the output folder ${dir}: ${(error as Error).message}`);
  }
}

function nearestExisting(path: string): { path: string; stats: Stats } | undefined {
  for (let at = path; ; at = dirname(at)) {
    const stats = statOf(at, true);
    if (stats) return { path: at, stats };
    if (dirname(at) === at) return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Creates the missing parents of `outdir`; returns the first one created, if any. */
function createParent(outdir: string): string | undefined {
  try {
    return mkdirSync(dirname(outdir), { recursive: true });
  } catch (error) {
    throw new OutputFolderError(`cannot create the parent folder of the output folder ${outdir}: ${(error as Error).message}`);
  }
}

/**
 * A signal that arrives while synchronous code runs waits in the event loop; two turns of the loop
 * (its poll phase comes between two setImmediate callbacks) let its handler run before the output
 * folder is touched.
 */
async function handlePendingSignals(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
}
