import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import { loadConfigFile, type ConfigProblem } from '../modules/config';
import { compileGovernance, intentDigest, type CompiledGovernance } from '../modules/policy';
import type { Progress } from '../modules/progress';
import { deployOrder, sha256, writeSynthRecord } from '../modules/synth-record';
import { addGovernanceStacks } from './governance-stacks';
import { monitoringModule } from './lazy-placement';
import { assertReplaceableOutput, replaceOutputFolder } from './output-folder';

export interface SynthesizeOptions {
  /** governance.yaml to read. */
  readonly configFile: string;
  /** Where cdktf.out goes. */
  readonly outdir: string;
  /** Told how many stacks are placed. @default no progress */
  readonly progress?: Progress;
}

export interface SynthesizeResult {
  readonly compiled: CompiledGovernance;
  readonly warnings: readonly ConfigProblem[];
}

/**
 * governance.yaml -> cdktf.out. The output folder is checked, and everything validated and
 * compiled, before the first file is written; the output is written beside the target and moved
 * into place, so a failure never leaves a partial cdktf.out.
 */
export async function synthesizeGovernance(options: SynthesizeOptions): Promise<SynthesizeResult> {
  assertReplaceableOutput(options.outdir);
  const { governance, warnings } = loadConfigFile(options.configFile);
  const compiled = await compileGovernance(governance);
  await synthesizeCompiled(compiled, options.outdir, readFileSync(options.configFile), options.progress);
  return { compiled, warnings };
}

/**
 * Writes the stacks and query files of compiled governance into `outdir`, replacing it, with the
 * record of what they were synthesized from (the config's bytes, when given, and the intent).
 */
export async function synthesizeCompiled(compiled: CompiledGovernance, outdir: string, configBytes: Buffer | string = '', progress?: Progress): Promise<void> {
  await replaceOutputFolder(outdir, (staging) => {
    const app = new App({ outdir: staging, stackTraces: false });
    addGovernanceStacks(app, compiled, progress);
    app.synth();
    writeQueryFiles(staging, compiled);
    writeSynthRecord(staging, { configSha256: sha256(configBytes), intentSha256: intentDigest(compiled), deployOrder: deployOrder(manifestDependencies(staging)) });
  }, { leaveRemovedStacks: launchedByCdktfCli() });
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
