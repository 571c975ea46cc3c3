import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateOrganization } from '../../bench/generate-org';
import { parseYamlAhead } from '../../modules/config/light';
import { CompileThread, type CompiledOnThread, type CompileThreadReply } from '../../modules/synth-threads';
import { COMPILE_BUNDLE, inputsUnchanged, loadCompileBundle, runCompileBundle, type BundleInput } from '../../stacks/compile-bundle';
import { compileForThread } from '../../stacks/compile-thread-body';
import { PROJECT_ROOT } from '../support/run-app';

// The suites' global setup builds dist/ as `npm run build` does: tsc, then tools/write-compile-bundle.ts.
const DIST_STACKS = join(PROJECT_ROOT, 'dist', 'stacks');
const BUNDLE = join(DIST_STACKS, COMPILE_BUNDLE.code);
const EXAMPLE = join(PROJECT_ROOT, 'examples', 'governance.yaml');

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'modelgate-compile-bundle-'));
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

/** What the compile thread of the dist/ folder under `root` answers for the example. */
async function threadAnswer(root: string): Promise<CompiledOnThread> {
  const thread = new CompileThread({ configBytes: readFileSync(EXAMPLE), configFile: EXAMPLE }, join(root, 'dist', 'stacks', 'compile-worker.js'));
  try {
    return await thread.compiled();
  } finally {
    await thread.stop();
  }
}

describe("the compile thread's bundle (stacks/compile-bundle.ts)", () => {
  test('the built compile thread runs its bundle, with the code V8 cached when the bundle compiled the example', async () => {
    expect((await threadAnswer(PROJECT_ROOT)).code).toBe('bundle with cached code');
  });

  test.each([
    ['the example', EXAMPLE],
    ['a generated organization of 300 accounts', 'generated'],
    ['a config with problems', 'problems'],
  ])('compiles %s as the modules do: the same bytes, warnings and problems', async (_name, config) => {
    let file = config;
    if (config !== EXAMPLE) {
      file = join(freshDir(), 'governance.yaml');
      const example = readFileSync(EXAMPLE, 'utf8');
      writeFileSync(file, config === 'generated' ? generateOrganization({ accounts: 300 }) : example.replace(/id: "\d{12}"/, 'id: "12345"').replace('models:', 'models:\n  NoSuchUnit: {}'));
    }
    const { body } = runCompileBundle(BUNDLE);
    const [bundled, modules] = await Promise.all([answerOf(body.compileForThread, file), answerOf(compileForThread, file)]);
    expect(bundled.kind).toBe(config === 'problems' ? 'config-problems' : 'compiled');
    expect(comparable(bundled)).toEqual(comparable(modules));
  });

  test("V8's code cache is checked: one it refuses leaves the bundle compiled from its text", () => {
    // Each in a process of its own, as each compile thread is: V8 reuses a script it compiled before in the same thread.
    const codeWith = (cache: string): string => {
      const script = `const b = require(${JSON.stringify(join(DIST_STACKS, 'compile-bundle.js'))}); process.stdout.write(b.runCompileBundle(${JSON.stringify(BUNDLE)}, ${cache}).code);`;
      const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(result.stderr);
      return result.stdout;
    };
    expect(codeWith(`require('node:fs').readFileSync(${JSON.stringify(join(DIST_STACKS, COMPILE_BUNDLE.codeCache))})`)).toBe('bundle with cached code');
    expect(codeWith(`Buffer.from('not a code cache')`)).toBe('bundle');
    expect(codeWith('undefined')).toBe('bundle');
  });

  test("zod's translations are left out; its English messages are in", () => {
    const code = readFileSync(BUNDLE, 'utf8');
    expect(code).toMatch(/node_modules\/zod\/v4\/locales\/en\.cjs/);
    expect(code).not.toMatch(/node_modules\/zod\/v4\/locales\/fr\.cjs/);
    expect(statSync(BUNDLE).size).toBeLessThan(1_300_000);
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
      utimesSync(join(dir, 'a.js'), new Date(), new Date(Date.now() + 5000));
      expect(inputsUnchanged(dir, inputs)).toBe(false);
      expect(inputsUnchanged(dir, [inputOf('a.js'), inputOf('b.js')])).toBe(true);
      writeFileSync(join(dir, 'b.js'), 'three');
      expect(inputsUnchanged(dir, [inputOf('a.js'), { ...inputOf('b.js'), size: 3 }])).toBe(false);
      rmSync(join(dir, 'b.js'));
      expect(inputsUnchanged(dir, [inputOf('a.js'), { path: 'b.js', size: 3, mtimeMs: 0 }])).toBe(false);
    });

    test('no list of inputs (the build stopped before writing it): no bundle', () => {
      const dir = freshDir();
      cpSync(BUNDLE, join(dir, COMPILE_BUNDLE.code));
      expect(loadCompileBundle(dir)).toBeUndefined();
    });

    test('a compile thread whose bundle is stale loads its modules, and answers the same', async () => {
      // dist/ copied beside the project's node_modules.
      const root = freshDir();
      cpSync(join(PROJECT_ROOT, 'dist'), join(root, 'dist'), { recursive: true });
      symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'));
      // The list of inputs as the bundle step writes it, for the copies.
      const stacks = join(root, 'dist', 'stacks');
      const { inputs } = JSON.parse(readFileSync(join(stacks, COMPILE_BUNDLE.inputs), 'utf8')) as { inputs: BundleInput[] };
      const copied = inputs.map(({ path }) => ({ path, size: statSync(join(stacks, path)).size, mtimeMs: statSync(join(stacks, path)).mtimeMs }));
      writeFileSync(join(stacks, COMPILE_BUNDLE.inputs), JSON.stringify({ inputs: copied }));
      const current = await threadAnswer(root);
      expect(current.code).toBe('bundle with cached code');
      // One module of the config's checks compiled again by `tsc`, and the bundle step not run after it.
      utimesSync(join(root, 'dist', 'modules', 'config', 'checks.js'), new Date(), new Date(Date.now() + 5000));
      const stale = await threadAnswer(root);
      expect(stale.code).toBe('modules');
      expect(Buffer.from(stale.compiled).equals(Buffer.from(current.compiled))).toBe(true);
      expect(stale.warnings).toEqual(current.warnings);
    });
  });
});
