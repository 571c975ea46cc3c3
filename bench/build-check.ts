import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** What an unchanged tree costs before the app runs: the build check, and `npm run synth` against the built app alone. */
export interface BuildCheck {
  /** `node tools/build-if-changed.js tsconfig.build.json dist/main.js` with nothing changed. */
  readonly checkMs: readonly number[];
  /** `npm run synth` on the example. */
  readonly npmSynthMs: readonly number[];
  /** `node dist/main.js` on the example. */
  readonly appMs: readonly number[];
}

/**
 * Times the no-op build and `npm run synth` beside the built app, each `repeat` times, interleaved,
 * after one build check that brings the production build up to date (untimed).
 */
export function measureBuildCheck(projectRoot: string, workDir: string, repeat: number): BuildCheck {
  mkdirSync(workDir, { recursive: true });
  const outdir = join(workDir, 'cdktf.out');
  // Without MODELGATE_CONFIG, and with no governance.yaml in the project, synth reads the example.
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir };
  delete env.MODELGATE_CONFIG;
  const timed = (command: string, args: readonly string[]): number => {
    rmSync(outdir, { recursive: true, force: true });
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: projectRoot, env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const check = ['tools/build-if-changed.js', 'tsconfig.build.json', 'dist/main.js'];
  timed(process.execPath, check);
  const result = { checkMs: [] as number[], npmSynthMs: [] as number[], appMs: [] as number[] };
  for (let i = 0; i < repeat; i++) {
    result.checkMs.push(timed(process.execPath, check));
    result.npmSynthMs.push(timed(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'synth']));
    result.appMs.push(timed(process.execPath, ['dist/main.js']));
  }
  rmSync(workDir, { recursive: true, force: true });
  return result;
}

/** The section of the bench's output. */
export function buildCheckReport(check: BuildCheck): string[] {
  const median = (values: readonly number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  };
  const ms = (value: number): string => `${Math.round(value).toLocaleString('en-US')} ms`;
  const npm = median(check.npmSynthMs);
  const app = median(check.appMs);
  return [
    '## no-op build (unchanged tree, the example organization)',
    `build check ${ms(median(check.checkMs))}; npm run synth ${ms(npm)}; node dist/main.js ${ms(app)}; npm run synth / app ${(npm / app).toFixed(2)}`,
  ];
}
