import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { App } from 'cdktf';
import { loadConfigFile, type ConfigProblem } from '../modules/config';
import { storedQueries } from '../modules/monitoring';
import { compileGovernance, type CompiledGovernance } from '../modules/policy';
import { addGovernanceStacks } from './index';

export interface SynthesizeOptions {
  /** governance.yaml to read. */
  readonly configFile: string;
  /** Where cdktf.out goes. */
  readonly outdir: string;
}

export interface SynthesizeResult {
  readonly compiled: CompiledGovernance;
  readonly warnings: readonly ConfigProblem[];
}

/**
 * governance.yaml -> cdktf.out. Everything is validated and compiled before the first file is
 * written, and the output is written beside the target and moved into place, so a failure never
 * leaves a partial cdktf.out.
 */
export async function synthesizeGovernance(options: SynthesizeOptions): Promise<SynthesizeResult> {
  const { governance, warnings } = loadConfigFile(options.configFile);
  const compiled = await compileGovernance(governance);
  const staging = join(dirname(options.outdir), `.${basename(options.outdir)}.staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    const app = new App({ outdir: staging, stackTraces: false });
    addGovernanceStacks(app, compiled);
    app.synth();
    writeQueryFiles(staging, compiled);
    rmSync(options.outdir, { recursive: true, force: true });
    renameSync(staging, options.outdir);
  } finally {
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
  }
  return { compiled, warnings };
}

/** The stored CloudTrail Lake queries as files, next to the stacks: cdktf.out/queries/<name>.sql. */
function writeQueryFiles(outdir: string, compiled: CompiledGovernance): void {
  const monitoring = compiled.governance.monitoring;
  if (!monitoring?.eventDataStore) return;
  const dir = join(outdir, 'queries');
  mkdirSync(dir, { recursive: true });
  for (const query of storedQueries(monitoring)) writeFileSync(join(dir, `${query.name}.sql`), `-- ${query.description}\n${query.sql}\n`);
}
