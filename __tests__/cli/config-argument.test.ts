import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CommanderError, type Command } from 'commander';
import { discoverCommand } from '../../cli/commands/discover';
import { reportCommand } from '../../cli/commands/report';
import { validateCommand } from '../../cli/commands/validate';
import { PROJECT_ROOT } from '../support/run-app';
import { captureProcessOutput } from '../support/process-output';

/**
 * Every command that reads a governance file takes it as an argument, as linters do
 * (`modelgate validate governance.yaml`), or with its option; naming two different files is a
 * usage error (exit 2), since the command would have to guess.
 */
const EXAMPLE = join(PROJECT_ROOT, 'examples', 'governance.yaml');

const output = captureProcessOutput();
let savedConfig: string | undefined;
beforeEach(() => {
  savedConfig = process.env.MODELGATE_CONFIG;
});
afterEach(() => {
  if (savedConfig === undefined) delete process.env.MODELGATE_CONFIG;
  else process.env.MODELGATE_CONFIG = savedConfig;
});

/** Runs one command in-process; usage errors reject with commander's error instead of exiting. */
const run = (command: Command, ...args: string[]): Promise<unknown> => command.exitOverride().parseAsync(args, { from: 'user' });

/** A config with two errors, to show which file a command read. */
function badConfig(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'modelgate-arg-')), 'bad.yaml');
  writeFileSync(file, 'organization:\n  managementAccount: "1"\n  root: r-ab12\n');
  return file;
}

const usageError = (code: string, message: string): CommanderError => expect.objectContaining({ exitCode: 2, code, message }) as unknown as CommanderError;

describe('validate', () => {
  test('reads the file given as its argument', async () => {
    await run(validateCommand(), EXAMPLE);
    expect(process.exitCode).toBe(0);
    expect(output.stdout).toMatch(new RegExp(`^${EXAMPLE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: valid; 7 targets`));
  });

  test('the same file as argument and --config, however written, is fine', async () => {
    await run(validateCommand(), EXAMPLE, '--config', relative(process.cwd(), EXAMPLE));
    expect(process.exitCode).toBe(0);
  });

  test('two different files: usage error, nothing read', async () => {
    const bad = badConfig();
    const message = `error: two governance files given, "${EXAMPLE}" and --config "${bad}"; name one`;
    await expect(run(validateCommand(), EXAMPLE, '--config', bad)).rejects.toEqual(usageError('modelgate.twoConfigFiles', message));
    expect(output.stderr).toBe(`${message}\n`);
    expect(output.stdout).toBe('');
  });
});

describe('report', () => {
  test('reads the file given as its argument', async () => {
    const bad = badConfig();
    await run(reportCommand(), bad, '--out', join(bad, '..', 'cdktf.out'));
    expect(process.exitCode).toBe(1);
    expect(output.stderr).toContain(`modelgate report: 2 problems in the config:\n  ${bad}:1:1 breakGlass: missing;`);
  });

  test('two different files: usage error', async () => {
    const bad = badConfig();
    await expect(run(reportCommand(), EXAMPLE, '--config', bad)).rejects.toEqual(
      usageError('modelgate.twoConfigFiles', `error: two governance files given, "${EXAMPLE}" and --config "${bad}"; name one`),
    );
  });
});

describe('discover', () => {
  const missing = (file: string): string =>
    `modelgate discover: ${file}:1:1 no such file; name an existing governance file after --check or set MODELGATE_CONFIG, or write a starting one from your organization with "modelgate discover"\n`;

  test('--check reads the file given as the argument, before any AWS call', async () => {
    await run(discoverCommand(), '--check', '--format', 'json', 'nowhere.yaml');
    expect(process.exitCode).toBe(1);
    expect(output.stderr).toBe(missing('nowhere.yaml'));
  });

  test('--check without a file reads the default governance file', async () => {
    process.env.MODELGATE_CONFIG = 'from-env.yaml';
    await run(discoverCommand(), '--check');
    expect(output.stderr).toBe(missing('from-env.yaml'));
  });

  test('--check with one file and an argument naming another: usage error', async () => {
    await expect(run(discoverCommand(), '--check', 'a.yaml', 'b.yaml')).rejects.toEqual(
      usageError('modelgate.twoConfigFiles', 'error: two governance files given, "b.yaml" and --check "a.yaml"; name one'),
    );
  });

  test('an argument without --check: usage error that says how to write or check a file', async () => {
    await expect(run(discoverCommand(), 'governance.yaml')).rejects.toEqual(
      usageError(
        'modelgate.configWithoutCheck',
        'error: discover reads a governance file only with --check ("modelgate discover --check governance.yaml"); to write a starting one, name it with --output',
      ),
    );
  });
});

describe('the built command', () => {
  const modelgate = (args: readonly string[]): { status: number | null; stdout: string; stderr: string } => {
    const cwd = mkdtempSync(join(tmpdir(), 'modelgate-arg-'));
    writeFileSync(join(cwd, 'governance.yaml'), readFileSync(EXAMPLE, 'utf8'));
    return spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist', 'cli', 'main.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, MODELGATE_CONFIG: '' } });
  };

  test('modelgate validate governance.yaml: exit 0', () => {
    const result = modelgate(['validate', 'governance.yaml']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^governance\.yaml: valid; 7 targets/);
  });

  test('two arguments: exit 2, too many arguments', () => {
    const result = modelgate(['validate', 'governance.yaml', 'governance.yaml']);
    expect(result).toMatchObject({ status: 2, stderr: "error: too many arguments for 'validate'. Expected 1 argument but got 2.\n" });
  });

  test('two different files: exit 2 and one line saying so', () => {
    const result = modelgate(['validate', 'governance.yaml', '--config', 'other.yaml']);
    expect(result).toMatchObject({ status: 2, stdout: '', stderr: 'error: two governance files given, "governance.yaml" and --config "other.yaml"; name one\n' });
  });
});
