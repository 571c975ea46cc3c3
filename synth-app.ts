import { join } from 'node:path';
// No stacks/ and no config schema here: the synth threads start before cdktf, the provider classes and zod are loaded (see synthesizeConfig()).
import { ConfigError, defaultConfigFile, formatProblem, readConfigBytes } from './modules/config/light';
import { PolicyCompileError } from './modules/policy/light';
import { progressOnStderr, type Progress } from './modules/progress';
import { limitHeapGrowth, startSynthWorkers, SynthThreadsError } from './modules/synth-threads';
import { reportUnexpectedErrors, unexpectedErrorMessage } from './cli/unexpected-error';
import type { SynthesizeResult } from './stacks';

/** The compiled entry of a synth thread besides this one. */
const SYNTH_WORKER_SCRIPT = join(__dirname, 'stacks', 'synth-worker.js');

/** governance.yaml, or the file MODELGATE_CONFIG names; the example org when neither exists. */
function configFile(): string {
  const { file, isExample } = defaultConfigFile({ exampleWhenAbsent: true });
  if (isExample) process.stdout.write(`modelgate: no governance.yaml here; synthesizing the example organization (${file})\n`);
  return file;
}

/**
 * Synthesizes `file` into `outdir`: starts the synth threads a large config is shared among, then
 * loads cdktf and the code that places stacks, and compiles the config, while they load theirs.
 */
export async function synthesizeConfig(file: string, outdir: string, progress?: Progress): Promise<SynthesizeResult & { readonly stacks: number }> {
  const configBytes = readConfigBytes(file);
  // A large synth keeps V8's heap near what it holds alive (modules/synth-threads/heap-growth.ts).
  limitHeapGrowth(configBytes.length);
  const workers = startSynthWorkers(configBytes.length, SYNTH_WORKER_SCRIPT);
  try {
    const { stackTargets, synthesizeGovernance } = await import('./stacks');
    const result = await synthesizeGovernance({ configFile: file, outdir, ...(progress ? { progress } : {}), started: { configBytes, workers } });
    return { ...result, stacks: stackTargets(result.compiled).length };
  } finally {
    // synth ends them; here too, in case it was never reached.
    await workers.stop();
  }
}

async function main(): Promise<void> {
  // `npm run synth -- --progress` shows progress where stderr is no terminal (CI).
  const progress = progressOnStderr({ label: 'modelgate: stacks placed', forced: process.argv.includes('--progress') });
  const { compiled, warnings, stacks } = await synthesizeConfig(configFile(), process.env.CDKTF_OUTDIR || 'cdktf.out', progress);
  progress.finish();
  for (const warning of warnings) process.stderr.write(`warning: ${formatProblem(warning)}\n`);
  const policies = compiled.targets.reduce((n, t) => n + t.policies.length, 0);
  process.stdout.write(`modelgate: ${stacks} stacks, ${policies} SCPs\n`);
}

/** The line printed for an error the user can fix, or undefined for a bug. */
async function userError(error: unknown): Promise<string | undefined> {
  const { OutputFolderError } = await import('./stacks');
  if (error instanceof ConfigError || error instanceof PolicyCompileError) {
    const { problems } = error;
    return `modelgate: ${problems.length} problem${problems.length > 1 ? 's' : ''}, nothing was written:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`;
  }
  if (error instanceof OutputFolderError || error instanceof SynthThreadsError) return `modelgate: ${error.message}; nothing was written\n`;
  return undefined;
}

/** `cdktf synth`'s app (dist/main.js runs it): synthesizes governance.yaml into cdktf.out and says what it wrote, or what to fix. */
export function run(): void {
  reportUnexpectedErrors('modelgate', 1);
  main().catch(async (error: unknown) => {
    process.stderr.write((await userError(error)) ?? unexpectedErrorMessage('modelgate', error));
    process.exitCode = 1;
  });
}
