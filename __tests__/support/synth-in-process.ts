import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, formatProblem } from '../../modules/config';
import { PolicyCompileError } from '../../modules/policy';
import { stackTargets } from '../../stacks';
import { synthesizeGovernance } from '../../stacks/synthesize';
import type { AppRun } from './run-app';

/**
 * Runs synth in this process on `yaml`, as `node dist/main.js` does in a fresh directory, and
 * returns what the app would have printed: the bad-input suites assert on it without paying for a
 * child process per case (a few cases per suite still run the real app, see run-app.ts). Only the
 * two errors the app reports as problems give status 1; any other error is thrown, and fails the
 * test with its stack, as it would crash the app.
 */
export async function synthInProcess(yaml: string | Uint8Array): Promise<AppRun> {
  const cwd = mkdtempSync(join(tmpdir(), 'modelgate-'));
  const outdir = join(cwd, 'cdktf.out');
  writeFileSync(join(cwd, 'governance.yaml'), yaml);
  // The app runs in the directory of governance.yaml and names it relative to it.
  const relative = (text: string): string => text.split(`${cwd}/`).join('');
  try {
    const { compiled, warnings } = await synthesizeGovernance({ configFile: join(cwd, 'governance.yaml'), outdir });
    const policies = compiled.targets.reduce((n, t) => n + t.policies.length, 0);
    return {
      status: 0,
      stdout: `modelgate: ${stackTargets(compiled).length} stacks, ${policies} SCPs\n`,
      stderr: relative(warnings.map((w) => `warning: ${formatProblem(w)}\n`).join('')),
      cwd,
      outdir,
    };
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof PolicyCompileError)) throw error;
    // As main.ts prints them.
    const problems = error.problems.map(formatProblem);
    const stderr = `modelgate: ${problems.length} problem${problems.length > 1 ? 's' : ''}, nothing was written:\n${problems.map((p) => `  ${p}`).join('\n')}\n`;
    return { status: 1, stdout: '', stderr: relative(stderr), cwd, outdir };
  }
}
