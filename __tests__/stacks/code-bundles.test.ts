import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { generateOrganization } from '../../bench/generate-org';
import { BUNDLES, bundleFiles, inputsUnchanged, loadBundle, runBundle, type BundleInput } from '../../modules/code-bundle';
import { parseYamlAhead } from '../../modules/config/light';
import { CompileThread, type CompiledOnThread, type CompileThreadReply } from '../../modules/synth-threads';
import type * as CompileThreadBody from '../../stacks/compile-thread-body';
import { compileForThread } from '../../stacks/compile-thread-body';
import { PROJECT_ROOT } from '../support/run-app';

// The suites' global setup builds dist/ as `npm run build` does: tsc, then tools/write-bundles.ts.
const DIST = join(PROJECT_ROOT, 'dist');
const EXAMPLE = join(PROJECT_ROOT, 'examples', 'governance.yaml');
const COMPILE_THREAD = bundleFiles(join(DIST, BUNDLES.compileThread.folder), BUNDLES.compileThread.name);
const SYNTH_APP = bundleFiles(join(DIST, BUNDLES.synthApp.folder), BUNDLES.synthApp.name);

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
 * A copy of dist/ under a fresh project folder, beside the project's node_modules, with the bundles'
 * lists of inputs rewritten for the copies (what the bundle step writes after a build there).
 */
function copiedProject(): string {
  const root = freshDir();
  cpSync(DIST, join(root, 'dist'), { recursive: true });
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'));
  for (const { folder, name } of Object.values(BUNDLES)) {
    const dir = join(root, 'dist', folder);
    const list = bundleFiles(dir, name).inputs;
    const { inputs } = JSON.parse(readFileSync(list, 'utf8')) as { inputs: BundleInput[] };
    // The example and the bundle step are inputs too: they are outside dist/ and stay the project's.
    const copied = inputs.map(({ path }) => {
      const file = join(dir, path).startsWith(join(root, 'dist')) ? join(dir, path) : join(PROJECT_ROOT, 'dist', folder, path);
      return { path: relative(dir, file), size: statSync(file).size, mtimeMs: statSync(file).mtimeMs };
    });
    writeFileSync(list, JSON.stringify({ inputs: copied }));
  }
  return root;
}

/** Makes a compiled module look emitted again by `tsc` after the bundle step: same size, later time. */
function touched(file: string): void {
  utimesSync(file, new Date(), new Date(Date.now() + 5000));
}

/** Runs the dist/main.js of `root` on `config`: the files it wrote, and whether its main thread loaded cdktf (or CDK Terrain, in its install) from node_modules. */
function synth(root: string, config: string): { files: Map<string, string>; cdktfFromNodeModules: boolean } {
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
  if (run.status !== 0) throw new Error(run.stderr);
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else files.set(relative(outdir, join(dir, entry.name)), readFileSync(join(dir, entry.name), 'utf8'));
    }
  };
  walk(outdir);
  rmSync(outdir, { recursive: true, force: true });
  return { files, cdktfFromNodeModules: !/^cdktf modules: 0$/m.test(run.stderr) };
}

function writeProbe(code: string): string {
  const file = join(freshDir(), 'probe.js');
  writeFileSync(file, code);
  return file;
}

/** What the compile thread of the dist/ under `root` answers for `config`. */
async function threadAnswer(root: string, config = EXAMPLE): Promise<CompiledOnThread> {
  const thread = new CompileThread({ configBytes: readFileSync(config), configFile: config }, join(root, 'dist', 'stacks', 'compile-worker.js'));
  try {
    return await thread.compiled();
  } finally {
    await thread.stop();
  }
}

/** The compile thread's answer for `file`, computed by `compile` (the bundle's or the modules' compileForThread). */
function answerOf(compile: typeof compileForThread, file: string): Promise<CompileThreadReply> {
  const configBytes = readFileSync(file);
  return compile({ configBytes, configFile: file }, Promise.resolve({ yaml: parseYamlAhead(configBytes, file) }), 'modules');
}

/** The answer with its bytes as text, so that two answers compare as values. */
function comparable(reply: CompileThreadReply): unknown {
  return reply.kind === 'compiled' ? { ...reply, compiled: Buffer.from(reply.compiled).toString('base64') } : reply;
}

describe("synth's code bundles (modules/code-bundle, tools/write-bundles.ts)", () => {
  describe('the built synth runs them', () => {
    test("the compile thread runs its bundle, with the code V8 cached when the bundle ran on the example", async () => {
      expect((await threadAnswer(PROJECT_ROOT)).code).toBe('bundle with cached code');
    });

    test('dist/main.js runs the app from its bundle: cdktf is loaded from no module file', () => {
      expect(synth(PROJECT_ROOT, EXAMPLE).cdktfFromNodeModules).toBe(false);
    });
  });

  describe('they give what the modules give', () => {
    test.each([
      ['the example', EXAMPLE],
      ['a generated organization of 300 accounts', 'generated'],
      ['a config with problems', 'problems'],
    ])('the compile thread on %s: the same bytes, warnings and problems', async (_name, config) => {
      let file = config;
      if (config === 'generated') file = generated(300);
      if (config === 'problems') {
        file = join(freshDir(), 'governance.yaml');
        writeFileSync(file, readFileSync(EXAMPLE, 'utf8').replace(/id: "\d{12}"/, 'id: "12345"').replace('models:', 'models:\n  NoSuchUnit: {}'));
      }
      const { exports } = runBundle<typeof CompileThreadBody>(COMPILE_THREAD.code);
      const [bundled, modules] = await Promise.all([answerOf(exports.compileForThread, file), answerOf(compileForThread, file)]);
      expect(bundled.kind).toBe(config === 'problems' ? 'config-problems' : 'compiled');
      expect(comparable(bundled)).toEqual(comparable(modules));
    });

    test('stale bundles are not run, and synth writes the same files byte for byte (the example and 300 generated accounts)', async () => {
      const root = copiedProject();
      const config = generated(300);
      const bundled = [synth(root, EXAMPLE), synth(root, config)];
      expect((await threadAnswer(root)).code).toBe('bundle with cached code');
      expect(bundled.map((b) => b.cdktfFromNodeModules)).toEqual([false, false]);
      // One module of the config's checks and one of the stacks compiled again, the bundle step not run after.
      touched(join(root, 'dist', 'modules', 'config', 'checks.js'));
      touched(join(root, 'dist', 'stacks', 'governance-stack.js'));
      const modules = [synth(root, EXAMPLE), synth(root, config)];
      expect((await threadAnswer(root)).code).toBe('modules');
      expect(modules.map((m) => m.cdktfFromNodeModules)).toEqual([true, true]);
      for (const [index, { files }] of modules.entries()) {
        const other = bundled[index]?.files;
        expect(files.size).toBeGreaterThan(3);
        expect([...files.keys()].sort()).toEqual([...(other?.keys() ?? [])].sort());
        for (const [path, text] of files) expect({ path, same: text === other?.get(path) }).toEqual({ path, same: true });
      }
    });
  });

  test("V8's code cache is checked: one it refuses leaves the bundle compiled from its text", () => {
    // Each in a process of its own, as each synth is: V8 reuses a script it compiled before in the same thread.
    const codeWith = (cache: string): string => {
      const script = `const b = require(${JSON.stringify(join(DIST, 'modules', 'code-bundle'))}); process.stdout.write(b.runBundle(${JSON.stringify(COMPILE_THREAD.code)}, ${cache}).code);`;
      const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(result.stderr);
      return result.stdout;
    };
    expect(codeWith(`require('node:fs').readFileSync(${JSON.stringify(COMPILE_THREAD.codeCache)})`)).toBe('bundle with cached code');
    expect(codeWith(`Buffer.from('not a code cache')`)).toBe('bundle');
    expect(codeWith('undefined')).toBe('bundle');
  });

  test('neither bundle holds the AGPL simulator (docs/report.md, "License of the simulator")', () => {
    for (const bundle of [COMPILE_THREAD, SYNTH_APP]) {
      const { inputs } = JSON.parse(readFileSync(bundle.inputs, 'utf8')) as { inputs: BundleInput[] };
      expect(inputs.length).toBeGreaterThan(100);
      expect(inputs.filter(({ path }) => path.includes('iam-simulate'))).toEqual([]);
      expect(readFileSync(bundle.code, 'utf8')).not.toMatch(/iam-simulate/);
    }
  });

  test("zod's translations are left out; its English messages are in", () => {
    for (const bundle of [COMPILE_THREAD, SYNTH_APP]) {
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
      const name = BUNDLES.compileThread.name;
      cpSync(COMPILE_THREAD.code, bundleFiles(dir, name).code);
      expect(loadBundle(dir, name)).toBeUndefined();
      writeFileSync(bundleFiles(dir, name).inputs, '{"inputs": [');
      expect(loadBundle(dir, name)).toBeUndefined();
    });
  });
});
