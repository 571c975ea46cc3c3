import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { generateOrganization } from '../../bench/generate-org';
import { bundleFiles, inputsUnchanged, loadBundle, SYNTH_APP_BUNDLE, type BundleInput } from '../../modules/code-bundle';
import { PROJECT_ROOT } from '../support/run-app';

// The suites' global setup builds dist/ as `npm run build` does: tsc, then tools/write-bundles.ts.
const DIST = join(PROJECT_ROOT, 'dist');
const EXAMPLE = join(PROJECT_ROOT, 'examples', 'governance.yaml');
const SYNTH_APP = bundleFiles(DIST, SYNTH_APP_BUNDLE);

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'modelgate-code-bundles-'));
}

/** A generated organization of `accounts` accounts, as a governance.yaml in a fresh folder. */
function generated(accounts: number): string {
  const file = join(freshDir(), 'governance.yaml');
  writeFileSync(file, generateOrganization({ accounts }));
  return file;
}

/**
 * A copy of dist/ under a fresh project folder, beside the project's node_modules, with the bundle's
 * list of inputs rewritten for the copies (what the bundle step writes after a build there).
 */
function copiedProject(): string {
  const root = freshDir();
  cpSync(DIST, join(root, 'dist'), { recursive: true });
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'));
  const dist = join(root, 'dist');
  const list = bundleFiles(dist, SYNTH_APP_BUNDLE).inputs;
  const { inputs } = JSON.parse(readFileSync(list, 'utf8')) as { inputs: BundleInput[] };
  // The packages and the example are inputs too, outside dist/: those stay the project's.
  const copied = inputs.map(({ path }) => {
    const file = join(dist, path).startsWith(dist) ? join(dist, path) : join(PROJECT_ROOT, 'dist', path);
    return { path: relative(dist, file), size: statSync(file).size, mtimeMs: statSync(file).mtimeMs };
  });
  writeFileSync(list, JSON.stringify({ inputs: copied }));
  return root;
}

/** Makes a compiled module look emitted again by `tsc` after the bundle step: same size, later time. */
function touched(file: string): void {
  utimesSync(file, new Date(), new Date(Date.now() + 5000));
}

/** What a synth by the dist/main.js of `root` on `config` did. */
interface SynthRun {
  readonly status: number | null;
  /** What it printed, its output folder's path made the same for every run. */
  readonly stdout: string;
  readonly stderr: string;
  /** The files it wrote, by path. */
  readonly files: Map<string, string>;
  /** Whether its main thread loaded cdktf (or CDK Terrain, in its install) from node_modules. */
  readonly cdktfFromNodeModules: boolean;
}

function synth(root: string, config: string): SynthRun {
  const outdir = join(freshDir(), 'cdktf.out');
  // Preloaded into every thread: only the main thread's modules count.
  const probe = [
    "if (require('node:worker_threads').isMainThread) process.on('exit', () => process.stderr.write(",
    "'cdktf modules: ' + Object.keys(require.cache).filter((f) => /node_modules[\\\\/](cdktf|cdktn)[\\\\/]/.test(f)).length + '\\n'))",
  ].join('');
  const run = spawnSync(process.execPath, ['-r', writeProbe(probe), join(root, 'dist', 'main.js')], {
    encoding: 'utf8',
    env: { ...process.env, MODELGATE_CONFIG: config, CDKTF_OUTDIR: outdir },
  });
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else files.set(relative(outdir, join(dir, entry.name)), readFileSync(join(dir, entry.name), 'utf8'));
    }
  };
  if (existsSync(outdir)) walk(outdir);
  rmSync(outdir, { recursive: true, force: true });
  const probed = /^cdktf modules: (\d+)$/m.exec(run.stderr);
  return {
    status: run.status,
    stdout: run.stdout.split(outdir).join('<outdir>'),
    stderr: run.stderr.replace(/^cdktf modules: \d+\n/m, ''),
    files,
    cdktfFromNodeModules: probed !== null && probed[1] !== '0',
  };
}

function writeProbe(code: string): string {
  const file = join(freshDir(), 'probe.js');
  writeFileSync(file, code);
  return file;
}

describe("synth's code bundles (modules/code-bundle, tools/write-bundles.ts)", () => {
  test('the built synth runs the app from its bundle: cdktf is loaded from no module file', () => {
    const run = synth(PROJECT_ROOT, EXAMPLE);
    expect(run.status).toBe(0);
    expect(run.cdktfFromNodeModules).toBe(false);
  });

  test('a stale bundle is not run, and synth does the same from the modules: the same files byte for byte, the same messages', () => {
    const root = copiedProject();
    const problems = join(freshDir(), 'governance.yaml');
    writeFileSync(problems, readFileSync(EXAMPLE, 'utf8').replace(/id: "\d{12}"/, 'id: "12345"'));
    const configs = [EXAMPLE, generated(300), problems];
    const bundled = configs.map((config) => synth(root, config));
    expect(bundled.map((run) => [run.status, run.cdktfFromNodeModules])).toEqual([[0, false], [0, false], [1, false]]);
    // One module of the config's checks and one of the stacks compiled again, the bundle step not run after.
    touched(join(root, 'dist', 'modules', 'config', 'checks.js'));
    touched(join(root, 'dist', 'stacks', 'governance-stack.js'));
    const modules = configs.map((config) => synth(root, config));
    expect(modules.map((run) => [run.status, run.cdktfFromNodeModules])).toEqual([[0, true], [0, true], [1, true]]);
    expect(bundled[2]?.stderr).toMatch(/expected a 12-digit account id/);
    for (const [index, run] of modules.entries()) {
      const other = bundled[index] as SynthRun;
      expect({ stdout: run.stdout, stderr: run.stderr }).toEqual({ stdout: other.stdout, stderr: other.stderr });
      expect([...run.files.keys()].sort()).toEqual([...other.files.keys()].sort());
      for (const [path, text] of run.files) expect({ path, same: text === other.files.get(path) }).toEqual({ path, same: true });
    }
    expect(modules[1]?.files.size).toBeGreaterThan(100);
  });

  test("V8's code cache is checked: one it refuses leaves the bundle compiled from its text", () => {
    // Each in a process of its own, as each synth is: V8 reuses a script it compiled before in the same thread.
    const codeWith = (cache: string): string => {
      const script = `const b = require(${JSON.stringify(join(DIST, 'modules', 'code-bundle'))}); process.stdout.write(b.runBundle(${JSON.stringify(SYNTH_APP.code)}, ${cache}).code);`;
      const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(result.stderr);
      return result.stdout;
    };
    expect(codeWith(`require('node:fs').readFileSync(${JSON.stringify(SYNTH_APP.codeCache)})`)).toBe('bundle with cached code');
    expect(codeWith(`Buffer.from('not a code cache')`)).toBe('bundle');
    expect(codeWith('undefined')).toBe('bundle');
  });

  test('the bundle holds no AGPL simulator (docs/report.md, "License of the simulator")', () => {
    for (const bundle of [SYNTH_APP]) {
      const { inputs } = JSON.parse(readFileSync(bundle.inputs, 'utf8')) as { inputs: BundleInput[] };
      expect(inputs.length).toBeGreaterThan(100);
      expect(inputs.filter(({ path }) => path.includes('iam-simulate'))).toEqual([]);
      expect(readFileSync(bundle.code, 'utf8')).not.toMatch(/iam-simulate/);
    }
  });

  test("zod's translations are left out; its English messages are in", () => {
    for (const bundle of [SYNTH_APP]) {
      const code = readFileSync(bundle.code, 'utf8');
      expect(code).toMatch(/node_modules\/zod\/v4\/locales\/en\.cjs/);
      expect(code).not.toMatch(/node_modules\/zod\/v4\/locales\/fr\.cjs/);
    }
  });

  describe('a bundle older than one of its inputs is never run', () => {
    test('inputsUnchanged: a file rewritten, resized or removed since', () => {
      const dir = freshDir();
      writeFileSync(join(dir, 'a.js'), 'one');
      writeFileSync(join(dir, 'b.js'), 'two');
      const inputOf = (path: string): BundleInput => ({ path, size: statSync(join(dir, path)).size, mtimeMs: statSync(join(dir, path)).mtimeMs });
      const inputs = [inputOf('a.js'), inputOf('b.js')];
      expect(inputsUnchanged(dir, inputs)).toBe(true);
      // The same size, written later: what `tsc` does to a file it emits again.
      touched(join(dir, 'a.js'));
      expect(inputsUnchanged(dir, inputs)).toBe(false);
      expect(inputsUnchanged(dir, [inputOf('a.js'), inputOf('b.js')])).toBe(true);
      writeFileSync(join(dir, 'b.js'), 'three');
      expect(inputsUnchanged(dir, [inputOf('a.js'), { ...inputOf('b.js'), size: 3 }])).toBe(false);
      rmSync(join(dir, 'b.js'));
      expect(inputsUnchanged(dir, [inputOf('a.js'), { path: 'b.js', size: 3, mtimeMs: 0 }])).toBe(false);
    });

    test('no list of inputs (the build stopped before writing it), or one that cannot be read: no bundle', () => {
      const dir = freshDir();
      const name = SYNTH_APP_BUNDLE;
      cpSync(SYNTH_APP.code, bundleFiles(dir, name).code);
      expect(loadBundle(dir, name)).toBeUndefined();
      writeFileSync(bundleFiles(dir, name).inputs, '{"inputs": [');
      expect(loadBundle(dir, name)).toBeUndefined();
    });
  });
});
