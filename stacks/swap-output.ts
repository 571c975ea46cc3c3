import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** What Terraform keeps in a stack folder between runs: providers and modules, and the lock file. */
export const TERRAFORM_WORKING_FILES = ['.terraform', '.terraform.lock.hcl'];

/**
 * The steps of one swap, written before the first move so that an interrupted swap is finished or
 * undone by the next run: `kept` lists the stack folders whose Terraform working files were moved
 * into the new generation.
 */
interface SwapJournal {
  readonly outdir: string;
  readonly staging: string;
  readonly previous: string;
  readonly kept: readonly string[];
}

export function swapJournalFile(outdir: string): string {
  return join(dirname(outdir), `.${basename(outdir)}.swap.json`);
}

export interface SwapOptions {
  /**
   * Stack folders the new generation no longer has are carried over for someone else to delete:
   * cdktf-cli lists the stack folders before it runs the app and removes those the app did not
   * synthesize with fs.rmSync without `force` (cli-core/src/lib/synth-stack.ts, v0.21.0), which
   * fails when they are gone already.
   */
  readonly leaveRemovedStacks: boolean;
}

/**
 * Puts a complete new generation (`staging`) in place of `outdir`: the Terraform working files of
 * every stack that still exists move into the new generation, then two renames swap the folders,
 * so the output is the old one or the new one as a whole, never a mix.
 */
export function swapIntoPlace(staging: string, outdir: string, options: SwapOptions): void {
  if (!existsSync(outdir)) {
    renameSync(staging, outdir);
    return;
  }
  const previous = join(dirname(outdir), `.${basename(outdir)}.previous-${process.pid}`);
  const newStacks = new Set(stackFolders(staging));
  const kept = stackFolders(outdir).filter((stack) => newStacks.has(stack));
  const journal: SwapJournal = { outdir, staging, previous, kept };
  writeFileSync(swapJournalFile(outdir), `${JSON.stringify(journal)}\n`);
  for (const stack of kept) moveWorkingFiles(join(outdir, 'stacks', stack), join(staging, 'stacks', stack));
  if (options.leaveRemovedStacks) {
    for (const stack of stackFolders(outdir).filter((s) => !newStacks.has(s))) renameSync(join(outdir, 'stacks', stack), join(staging, 'stacks', stack));
  }
  renameSync(outdir, previous);
  renameSync(staging, outdir);
  rmSync(previous, { recursive: true, force: true });
  rmSync(swapJournalFile(outdir), { force: true });
}

/**
 * Finishes or undoes a swap that was interrupted (the process killed between its steps): before
 * the renames, the moved working files go back and the new generation is dropped; between them,
 * the new generation is put in place; after them, only the previous generation is left to delete.
 * Returns what it did, or undefined when there was nothing to recover.
 */
export function recoverInterruptedSwap(outdir: string): 'rolled back' | 'completed' | undefined {
  const file = swapJournalFile(outdir);
  if (!existsSync(file)) return undefined;
  const journal = JSON.parse(readFileSync(file, 'utf8')) as SwapJournal;
  let outcome: 'rolled back' | 'completed';
  if (existsSync(journal.outdir) && existsSync(journal.staging)) {
    for (const stack of journal.kept) moveWorkingFiles(join(journal.staging, 'stacks', stack), join(journal.outdir, 'stacks', stack));
    rmSync(journal.staging, { recursive: true, force: true });
    outcome = 'rolled back';
  } else {
    if (!existsSync(journal.outdir) && existsSync(journal.staging)) renameSync(journal.staging, journal.outdir);
    rmSync(journal.previous, { recursive: true, force: true });
    outcome = 'completed';
  }
  rmSync(file, { force: true });
  return outcome;
}

function stackFolders(outdir: string): string[] {
  const dir = join(outdir, 'stacks');
  return existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name) : [];
}

/** Moves the Terraform working files that exist in `from` (and are not in `to` yet) to `to`. */
function moveWorkingFiles(from: string, to: string): void {
  for (const name of TERRAFORM_WORKING_FILES) {
    if (existsSync(join(from, name)) && existsSync(to) && !existsSync(join(to, name))) renameSync(join(from, name), join(to, name));
  }
}
