import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateOrganization } from '../../bench/generate-org';
import { synthesizeGovernance } from '../../stacks/synthesize';
import { SynthWorkers } from '../../modules/synth-threads';
import { PROJECT_ROOT } from '../support/run-app';
import { filesUnder } from '../support/synth-fixture';

const EXAMPLE = join(PROJECT_ROOT, 'examples', 'governance.yaml');
const APP = join(PROJECT_ROOT, 'dist', 'main.js');
const WORKERS = join(PROJECT_ROOT, '__tests__', 'fixtures', 'synth-workers');
const freshDir = (): string => mkdtempSync(join(tmpdir(), 'modelgate-threads-'));

/** Runs the compiled app on `configFile` with MODELGATE_SYNTH_THREADS set to `threads`. */
function synthWith(configFile: string, threads: string, outdir = join(freshDir(), 'cdktf.out')): { status: number | null; stdout: string; stderr: string; outdir: string } {
  const run = spawnSync(process.execPath, [APP], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, MODELGATE_CONFIG: configFile, CDKTF_OUTDIR: outdir, MODELGATE_SYNTH_THREADS: threads },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, outdir };
}

/** The scripts of the worker threads the compiled app starts with MODELGATE_SYNTH_THREADS set to `threads`, in order. */
function workerScripts(threads: string): string[] {
  const run = spawnSync(process.execPath, ['-r', join(WORKERS, 'announce-workers.js'), APP], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, MODELGATE_CONFIG: EXAMPLE, CDKTF_OUTDIR: join(freshDir(), 'cdktf.out'), MODELGATE_SYNTH_THREADS: threads },
  });
  expect(run.status).toBe(0);
  return run.stderr.split('\n').filter((line) => line !== '').map((line) => line.replace(/^worker thread: /, ''));
}

const SYNTH_WORKER = join(PROJECT_ROOT, 'dist', 'stacks', 'synth-worker.js');
const twoCores = availableParallelism() >= 2;

describe('synth on several threads (the compiled app)', () => {
  test('by default a small config is compiled and written by the main thread alone', () => {
    expect(workerScripts('')).toEqual([]);
  });

  test('asked for two threads, it writes on a second one', () => {
    expect(workerScripts('2')).toEqual(twoCores ? [SYNTH_WORKER] : []);
  });

  test('asked for one thread, it starts none', () => {
    expect(workerScripts('1')).toEqual([]);
  });

  test.each([
    ['the example (a hub account that depends on the root stack, monitoring, roles)', EXAMPLE],
    ['a generated organization of 300 accounts', 'generated'],
  ])('%s: the default, and two threads writing, give byte for byte what one thread writes, manifest and dependencies included', (_name, config) => {
    const configFile = config === 'generated' ? join(freshDir(), 'governance.yaml') : config;
    if (config === 'generated') writeFileSync(configFile, generateOrganization({ accounts: 300 }));
    const one = synthWith(configFile, '1');
    const chosen = synthWith(configFile, '');
    const two = synthWith(configFile, '2');
    for (const run of [one, chosen, two]) expect([run.status, run.stderr]).toEqual([0, '']);
    expect(chosen.stdout).toBe(one.stdout);
    expect(two.stdout).toBe(one.stdout);
    expect(filesUnder(chosen.outdir)).toEqual(filesUnder(one.outdir));
    expect(filesUnder(two.outdir)).toEqual(filesUnder(one.outdir));
  });

  test('a MODELGATE_SYNTH_THREADS that is no number of threads is refused, and nothing is written', () => {
    const run = synthWith(EXAMPLE, 'many');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'modelgate: MODELGATE_SYNTH_THREADS=many is not a number of threads: set a whole number from 1 to 4, or unset it to let synth choose; nothing was written\n',
    );
    expect(existsSync(run.outdir)).toBe(false);
  });
});

describe('a synth thread that fails', () => {
  test.each([
    ['reports an error', 'fails.js', 'synth thread 1 failed: TypeError: a bug in a synth thread'],
    ['ends without an answer', 'exits.js', 'synth thread 1 failed: it ended (exit code 3) before it wrote its stacks'],
  ])('fails synth when it %s, and leaves no output, not even a staging folder', async (_name, script, message) => {
    const parent = freshDir();
    const outdir = join(parent, 'cdktf.out');
    const configBytes = readFileSync(EXAMPLE);
    const workers = new SynthWorkers(2, join(WORKERS, script));
    expect(workers.threads).toBe(2);
    await expect(synthesizeGovernance({ configFile: EXAMPLE, outdir, started: { configBytes, workers } })).rejects.toThrow(message);
    expect(readdirSync(parent)).toEqual([]);
  });
});
