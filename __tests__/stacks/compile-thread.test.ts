import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseConfig } from '../../modules/config';
import { compileGovernance, PolicyCompileError, type CompiledGovernance } from '../../modules/policy';
import { CompileThread, compilesOnOwnThread, type CompiledOnThread } from '../../modules/synth-threads';
import { compiledForThreads, compiledFromBytes } from '../../stacks/compiled-transfer';
import { PROJECT_ROOT } from '../support/run-app';

const SCRIPT = join(PROJECT_ROOT, 'dist', 'stacks', 'compile-worker.js');
const WORKERS = join(PROJECT_ROOT, '__tests__', 'fixtures', 'synth-workers');
const EXAMPLE = join(PROJECT_ROOT, 'examples', 'governance.yaml');
const example = readFileSync(EXAMPLE, 'utf8');

/** `text` written as governance.yaml in a fresh folder. */
function configFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'modelgate-compile-thread-')), 'governance.yaml');
  writeFileSync(file, text);
  return file;
}

/** What the compile thread answers for `file`, running `script`; the thread is ended either way. */
async function compiledOnThread(file: string, script = SCRIPT, configBytes: Uint8Array = readFileSync(file)): Promise<CompiledOnThread> {
  const thread = new CompileThread({ configBytes, configFile: file }, script);
  try {
    return await thread.compiled();
  } finally {
    await thread.stop();
  }
}

/** What `run` throws, or a failure when it throws nothing. */
async function thrownBy(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** The bytes another thread receives, as text: the same config compiled anywhere gives the same text. */
function sent(compiled: CompiledGovernance): string {
  return Buffer.from(compiledForThreads(compiled)).toString('base64');
}

describe('compilesOnOwnThread', () => {
  test.each([
    [undefined, 2, true],
    ['', 2, true],
    ['2', 2, true],
    ['4', 8, true],
    ['1', 2, false],
    [undefined, 1, false],
    ['2', 1, false],
  ])('MODELGATE_SYNTH_THREADS=%p on %p cores: %p', (setting, cores, expected) => {
    expect(compilesOnOwnThread(setting, cores)).toBe(expected);
  });

  test('a setting that is no number of threads is refused, as the synth threads refuse it', () => {
    expect(() => compilesOnOwnThread('many', 2)).toThrow('MODELGATE_SYNTH_THREADS=many is not a number of threads');
  });
});

describe('the compile thread (the compiled stacks/compile-worker.js)', () => {
  test('answers with what this thread compiles from the same bytes, and the same warnings', async () => {
    // A deny-list with a typo: a warning, and still a config that synthesizes.
    const text = [
      'organization:',
      '  managementAccount: "111111111111"',
      '  root: r-ab12',
      '  units:',
      '    Sandbox: { id: ou-ab12-11111111 }',
      '  accounts:',
      '    sandbox-dev: { id: "222222222222", unit: Sandbox }',
      'breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]',
      'models:',
      '  Sandbox:',
      '    bedrock:',
      '      deny: ["deepsek.*"]',
      '',
    ].join('\n');
    const file = configFile(text);
    const here = parseConfig(text, file);
    expect(here.warnings.length).toBeGreaterThan(0);
    const answer = await compiledOnThread(file);
    expect(answer.warnings).toEqual(here.warnings);
    expect(Buffer.from(answer.compiled).toString('base64')).toBe(sent(await compileGovernance(here.governance)));
    expect(compiledFromBytes(answer.compiled).targets.map((t) => t.target.stackName)).toEqual(here.governance.targets.map((t) => t.stackName));
  });

  test('a config with more problems than are listed: the ConfigError this thread would throw, the count of the others included', async () => {
    const accounts = Array.from({ length: 150 }, (_, i) => `    bad-${i}: { id: "not-an-id", unit: Sandbox }`).join('\n');
    const text = example.replace(/^ {2}accounts:\n/m, `  accounts:\n${accounts}\n`);
    const file = configFile(text);
    const here = (await thrownBy(async () => parseConfig(text, file))) as ConfigError;
    expect(here).toBeInstanceOf(ConfigError);
    expect(here.unlisted).toBeGreaterThan(0);
    const there = await thrownBy(() => compiledOnThread(file));
    expect(there).toBeInstanceOf(ConfigError);
    expect((there as ConfigError).problems).toEqual(here.problems);
    expect((there as ConfigError).unlisted).toBe(here.unlisted);
    expect((there as Error).message).toBe(here.message);
  });

  test('rules that cannot become policies: the PolicyCompileError this thread would throw', async () => {
    const text = example.replace(/^ {2}scpLimits: .*$/m, '  scpLimits: { maxCharacters: 1500, maxPoliciesPerTarget: 2 }');
    const file = configFile(text);
    const here = (await thrownBy(() => compileGovernance(parseConfig(text, file).governance))) as PolicyCompileError;
    expect(here).toBeInstanceOf(PolicyCompileError);
    const there = await thrownBy(() => compiledOnThread(file));
    expect(there).toBeInstanceOf(PolicyCompileError);
    expect((there as PolicyCompileError).problems).toEqual(here.problems);
  });

  test('a bug on the thread fails with what went wrong there', async () => {
    const error = await thrownBy(() => compiledOnThread(EXAMPLE, SCRIPT, 'no bytes' as unknown as Uint8Array));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^the compile thread failed: TypeError: /);
  });

  test('a thread that ends without an answer fails with its exit code', async () => {
    await expect(compiledOnThread(EXAMPLE, join(WORKERS, 'exits-at-once.js'))).rejects.toThrow('the compile thread ended (exit code 3) before it compiled the config');
  });
});
