import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigFile } from '../../modules/config';
import { compileGovernance, intentDigest, PolicyCompileError } from '../../modules/policy';
import { readSynthRecord, sha256, SYNTH_RECORD_FILE } from '../../modules/synth-record';

/** The synthesized output does not match the config: a report on it would prove old decisions. */
export class StaleOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaleOutputError';
  }
}

/**
 * Refuses a cdktf.out that was not synthesized from `configFile` as it is now. The config's bytes
 * are compared first; when they differ (a comment, a reordered key), the config is compiled and
 * its intent compared, so only a change to what synth would write refuses the output. An output
 * without stacks is left to the report to refuse, saying what is missing.
 */
export async function assertCurrentOutput(configFile: string, outdir: string): Promise<void> {
  if (!existsSync(join(outdir, 'stacks'))) return;
  const rerun = `run "npm run synth" (or "cdktf synth") on ${configFile}, then the report again`;
  const record = readSynthRecord(outdir);
  if (!record) {
    throw new StaleOutputError(`${outdir} has no ${SYNTH_RECORD_FILE}, so nothing says it was synthesized from ${configFile}: ${rerun}`);
  }
  if (sha256(readFileSync(configFile)) === record.configSha256) return;
  let digest: string;
  try {
    digest = intentDigest(await compileGovernance(loadConfigFile(configFile).governance));
  } catch (error) {
    if (error instanceof PolicyCompileError) throw new StaleOutputError(`${configFile} changed since ${outdir} was synthesized, and no longer compiles: run "modelgate validate"`);
    throw error;
  }
  if (digest !== record.intentSha256) {
    throw new StaleOutputError(`${outdir} is older than ${configFile}: the config now compiles to other policies or resources than the synthesized ones, and a report would prove the old decisions; ${rerun}`);
  }
}
