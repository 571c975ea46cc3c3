import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import { loadConfigBytes, readConfigBytes, type ConfigProblem } from '../modules/config';
import { compileGovernance, intentDigest, type CompiledGovernance, type CompiledTarget } from '../modules/policy';
import type { Progress } from '../modules/progress';
import { deployOrder, sha256, writeSynthRecord } from '../modules/synth-record';
import type { SynthWorkers } from '../modules/synth-threads';
import { compiledForThreads } from './compiled-transfer';
import { addGovernanceStacks, stackTargets } from './governance-stacks';
import { monitoringModule } from './lazy-placement';
import { assertReplaceableOutput, replaceOutputFolder } from './output-folder';
import { synthShares } from './synth-shares';

export interface SynthesizeOptions {
  /** governance.yaml to read. */
  readonly configFile: string;
  /** Where cdktf.out goes. */
  readonly outdir: string;
  /** Told how many stacks are placed. @default no progress */
  readonly progress?: Progress;
  /**
   * The config's bytes, read already, and the synth threads started on them (startSynthWorkers
   * with stacks/synth-worker.js), which share the stacks and which synth ends when it is done.
   * @default the config read here, and every stack written on this thread
   */
  readonly started?: { readonly configBytes: Uint8Array; readonly workers: SynthWorkers };
}

export interface SynthesizeResult {
  readonly compiled: CompiledGovernance;
  readonly warnings: readonly ConfigProblem[];
}

/**
 * governance.yaml -> cdktf.out. The output folder is checked, and everything validated and
 * compiled, before the first file is written; the output is written beside the target and moved
 * into place, so a failure never leaves a partial cdktf.out. A large config is written by several
 * threads (modules/synth-threads), which synth-app.ts starts before the config is read.
 */
export async function synthesizeGovernance(options: SynthesizeOptions): Promise<SynthesizeResult> {
  const { started } = options;
  try {
    assertReplaceableOutput(options.outdir);
    const bytes = started?.configBytes ?? readConfigBytes(options.configFile);
    const { governance, warnings } = loadConfigBytes(bytes, options.configFile);
    const compiled = await compileGovernance(governance);
    await writeOutput(compiled, options.outdir, bytes, options.progress, started?.workers);
    return { compiled, warnings };
  } finally {
    await started?.workers.stop();
  }
}

/**
 * Writes the stacks and query files of compiled governance into `outdir`, replacing it, with the
 * record of what they were synthesized from (the config's bytes, when given, and the intent).
 */
export async function synthesizeCompiled(compiled: CompiledGovernance, outdir: string, configBytes: Uint8Array | string = '', progress?: Progress): Promise<void> {
  await writeOutput(compiled, outdir, configBytes, progress);
}

/** synthesizeCompiled, with the stacks shared among `workers` and this thread. */
async function writeOutput(compiled: CompiledGovernance, outdir: string, configBytes: Uint8Array | string, progress?: Progress, workers?: SynthWorkers): Promise<void> {
  await replaceOutputFolder(outdir, async (staging) => {
    const app = new App({ outdir: staging, stackTraces: false });
    const threads = workers?.threads ?? 1;
    const targets = stackTargets(compiled);
    const shares = synthShares(compiled.governance, targets, threads);
    // The app made the folders the other threads write into; they place and write their shares meanwhile.
    const written = threads > 1 ? workers?.write(compiledForThreads(compiled), staging, stackNamesByThread(targets, shares, threads)) : undefined;
    addGovernanceStacks(app, compiled, progress, (index) => shares[index] === 0);
    app.synth();
    if (written) {
      // Each thread's app wrote a manifest of its own stacks: this one lists them all.
      Object.assign(app.manifest.stacks, await written);
      app.manifest.writeToFile();
    }
    writeQueryFiles(staging, compiled);
    writeSynthRecord(staging, { configSha256: sha256(configBytes), intentSha256: intentDigest(compiled), deployOrder: deployOrder(manifestDependencies(staging)) });
  }, { leaveRemovedStacks: launchedByCdktfCli() });
}

/** The names of the stacks each thread writes, in order. */
function stackNamesByThread(targets: readonly CompiledTarget[], shares: readonly number[], threads: number): string[][] {
  const names: string[][] = Array.from({ length: threads }, () => []);
  targets.forEach((t, i) => names[shares[i] ?? 0]?.push(t.target.stackName));
  return names;
}

/** cdktf-cli (and the CDK Terrain CLI, its fork) sets SYNTH_HCL_OUTPUT for the app it runs, and removes the stack folders the app no longer writes itself. */
function launchedByCdktfCli(): boolean {
  return process.env.SYNTH_HCL_OUTPUT !== undefined;
}

/** Stack -> the stacks it depends on, as cdktf's manifest.json lists them. */
function manifestDependencies(outdir: string): Record<string, string[]> {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { dependencies?: string[] }> };
  return Object.fromEntries(Object.entries(manifest.stacks).map(([name, stack]) => [name, stack.dependencies ?? []]));
}

/** The stored CloudTrail Lake queries as files, next to the stacks: cdktf.out/queries/<name>.sql. */
function writeQueryFiles(outdir: string, compiled: CompiledGovernance): void {
  const monitoring = compiled.governance.monitoring;
  if (!monitoring?.eventDataStore) return;
  const dir = join(outdir, 'queries');
  mkdirSync(dir, { recursive: true });
  for (const query of monitoringModule().storedQueries(monitoring)) writeFileSync(join(dir, `${query.name}.sql`), `-- ${query.description}\n${query.sql}\n`);
}
