import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/run-app';

/** The built `modelgate` command (jest's global setup builds dist/), run as a pipeline would. */
interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly cwd: string;
}

function modelgate(args: readonly string[], files: Record<string, string> = {}): CliRun {
  const cwd = mkdtempSync(join(tmpdir(), 'modelgate-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, name), text);
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist', 'cli', 'main.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, MODELGATE_CONFIG: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, cwd };
}

const EXAMPLE = join(PROJECT_ROOT, 'examples', 'governance.yaml');
const example = readFileSync(EXAMPLE, 'utf8');

/** The example with a schema error (line 47) and a cross-reference error, a misspelt unit (line 20). */
const BROKEN = example.replace('apiKeys: deny', 'apiKeys: maybe').replace('unit: Workloads/Prod }', 'unit: Workload/Prod }');
const API_KEYS_LINE = BROKEN.split('\n').findIndex((line) => line.includes('apiKeys: maybe')) + 1;

/** What validate says of the example's audit store: the organization trail, queried with Athena in the audit account. */
const EXAMPLE_AUDIT_STORE =
  'organization trail "modelgate-organization-trail" (management account 111111111111, us-east-1) to s3://modelgate-trail-444444444444-us-east-1 in shared-services (444444444444); ' +
  'Athena workgroup modelgate-audit, table modelgate_audit.cloudtrail_logs';

interface ValidateJson {
  config: string;
  valid: boolean;
  errors: { file: string; line: number; column: number; path: string; message: string }[];
  warnings: { file: string; line: number; column: number; path: string; message: string }[];
  summary: { targets: number; targetsWithScps: number; scps: number };
  auditStores: string[];
  targets: {
    layer: string;
    kind: string;
    id: string;
    stack: string;
    documents: { name: string; characters: number }[];
    characters: number;
    maxCharactersPerScp: number;
    slots: { limit: number; fullAwsAccess: number; existing: number; modelgate: number; free: number };
  }[];
}

describe('modelgate', () => {
  test('--help lists the commands, examples and exit codes', () => {
    const run = modelgate(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: modelgate \[options\] \[command\]/);
    expect(run.stdout).toMatch(/^ {2}validate \[options\] \[config\] +check governance\.yaml/m);
    expect(run.stdout).toMatch(/^ {2}discover \[options\] \[config\] +write a starting governance\.yaml/m);
    expect(run.stdout).toContain('$ modelgate validate examples/governance.yaml --format json');
    expect(run.stdout).toContain('Exit codes: 0 ok, 1 config errors or drift, 2 usage error, 3 warnings with validate --strict, 4 AWS Organizations could not be read, 5 report --plan --fail-on found that change.');
  });

  test.each(['validate', 'discover'])('%s --help describes its options and exit codes', (command) => {
    const run = modelgate([command, '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: modelgate ${command} \\[options\\]`));
    expect(run.stdout).toContain('--format <format>');
    expect(run.stdout).toContain('Exit codes:');
  });

  test('--version prints the version of package.json', () => {
    const run = modelgate(['--version']);
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(run).toMatchObject({ status: 0, stdout: `${pkg.version}\n` });
  });

  test.each([
    [['frobnicate'], "error: unknown command 'frobnicate'"],
    [['validate', '--format', 'xml'], "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, sarif, github."],
    [['validate', '--no-such-option'], "error: unknown option '--no-such-option'"],
    [['discover', '--check', 'a.yaml', '--output', 'b.yaml'], "error: option '--check [file]' cannot be used with option '-o, --output <file>'"],
    [['discover', '--max-attempts', 'many'], "error: option '--max-attempts <n>' argument 'many' is invalid. expected a whole number of at least 1"],
    [[], 'Usage: modelgate [options] [command]'],
  ])('usage error %j: exit 2 and says what is wrong', (args, message) => {
    const run = modelgate(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });

  test('the built file can run as a program: it starts with a shebang', () => {
    expect(readFileSync(join(PROJECT_ROOT, 'dist', 'cli', 'main.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });
});

describe('modelgate validate', () => {
  test('on the example: exit 0, the budget of each target, and nothing written', () => {
    const run = modelgate(['validate', '--config', EXAMPLE]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(`${EXAMPLE}: valid; 7 targets, 4 with modelgate SCPs, 6 SCPs`);
    expect(lines.slice(1).map((l) => l.replace(/: .*/, ''))).toEqual([
      '  root (r-ab12)',
      '  OU Sandbox (ou-ab12-11111111)',
      '  OU Workloads/Prod (ou-ab12-33333333)',
      '  account prod-app (333333333333)',
      'audit store',
      'hashicorp/aws',
      '  stack root',
      '  stack account-shared-services',
    ]);
    expect(lines).toContain(`audit store: ${EXAMPLE_AUDIT_STORE}`);
    expect(lines[1]).toMatch(/^ {2}root \(r-ab12\): 3 SCPs, [\d,]+ characters \(largest [\d,]+ of 10,240\), slots 5 of 10 \(FullAWSAccess 1, existing 1, modelgate 3\)$/);
    expect(readdirSync(run.cwd)).toEqual([]);
  });

  test('stays fast: it never loads cdktf or the AWS provider classes', () => {
    const main = join(PROJECT_ROOT, 'dist', 'cli', 'main.js');
    const script = [
      `process.argv = [process.argv[0], 'modelgate', 'validate', '--config', ${JSON.stringify(EXAMPLE)}];`,
      "process.on('exit', () => process.stderr.write('loaded: ' + Object.keys(require.cache).filter((f) => /node_modules[\\/](cdktf|@cdktf)[\\/]/.test(f)).length + '\\n'));",
      `require(${JSON.stringify(main)});`,
    ].join('\n');
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/valid; 7 targets/);
    expect(result.stderr).toBe('loaded: 0\n');
  });

  test('reads ./governance.yaml by default', () => {
    const run = modelgate(['validate'], { 'governance.yaml': example });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^governance\.yaml: valid; 7 targets/);
  });

  test('on a bad config: exit 1, every problem with file:line:column and config path, nothing written', () => {
    const run = modelgate(['validate'], { 'governance.yaml': BROKEN });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toEqual([
      'modelgate validate: 3 errors in governance.yaml:',
      expect.stringMatching(/^ {2}governance\.yaml:20:\d+ organization\.accounts\.prod-app\.unit: unknown unit "Workload\/Prod"; expected an OU path/),
      `  governance.yaml:${API_KEYS_LINE}:16 models."Workloads/Prod".bedrock.apiKeys: expected one of "allow", "deny", "shortTermOnly"; found "maybe"`,
      // With prod-app moved out of it, Workloads/Prod has no account left for its budget to filter on.
      expect.stringMatching(/^ {2}governance\.yaml:\d+:\d+ monitoring\.budgets\.prod-models\.scope: OU "Workloads\/Prod" has no accounts/),
      '',
    ]);
    expect(readdirSync(run.cwd)).toEqual(['governance.yaml']);
  });

  test('a config that only the compiler rejects (no free SCP slot): located at the rules of that target', () => {
    const full = example.replace('scpLimits: current ', 'scpLimits: { maxCharacters: 10240, maxPoliciesPerTarget: 2 }');
    const run = modelgate(['validate', '--format', 'json'], { 'governance.yaml': full });
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout) as ValidateJson;
    const rootLine = full.split('\n').findIndex((l) => l === '  root:') + 1;
    expect(result.errors).toEqual([
      {
        file: 'governance.yaml',
        line: rootLine + 1,
        column: 5,
        path: 'models.root',
        message: expect.stringMatching(/^the root \(r-ab12\) needs 3 SCPs \([\d,]+ characters\) but only 0 of its 2 slots are free \(FullAWSAccess takes 1, existing policies take 1: p-controltower\)/),
      },
    ]);
  });

  test('a missing config file: exit 1 and a message that says what to do', () => {
    const run = modelgate(['validate', '--config', 'nowhere.yaml']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'modelgate validate: 1 error in nowhere.yaml:\n' +
        '  nowhere.yaml:1:1 no such file; name it as an argument or with --config, set MODELGATE_CONFIG, or write a starting one from your organization with "modelgate discover"\n',
    );
  });

  test('--format json: valid, the problems, and the budget of every target', () => {
    const run = modelgate(['validate', '--config', EXAMPLE, '--format', 'json']);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as ValidateJson;
    expect(Object.keys(result)).toEqual(['config', 'valid', 'errors', 'warnings', 'summary', 'awsProviderVersions', 'auditStores', 'targets']);
    expect(result.auditStores).toEqual([EXAMPLE_AUDIT_STORE]);
    expect(result).toMatchObject({ config: EXAMPLE, valid: true, errors: [], warnings: [], summary: { targets: 7, targetsWithScps: 4, scps: 6 } });
    expect(result.targets.map((t) => `${t.kind} ${t.layer} ${t.id} ${t.stack}`)).toEqual([
      'root root r-ab12 root',
      'unit Sandbox ou-ab12-11111111 ou-sandbox',
      'unit Workloads ou-ab12-22222222 ou-workloads',
      'unit Workloads/Prod ou-ab12-33333333 ou-workloads-prod',
      'account sandbox-dev 222222222222 account-sandbox-dev',
      'account prod-app 333333333333 account-prod-app',
      'account shared-services 444444444444 account-shared-services',
    ]);
    const root = result.targets[0];
    expect(root?.documents.map((d) => d.name)).toEqual(['modelgate-root-1', 'modelgate-root-2', 'modelgate-root-3']);
    expect(root?.documents.reduce((sum, d) => sum + d.characters, 0)).toBe(root?.characters);
    for (const document of root?.documents ?? []) expect(document.characters).toBeLessThanOrEqual(10240);
    expect(root).toMatchObject({ maxCharactersPerScp: 10240, slots: { limit: 10, fullAwsAccess: 1, existing: 1, modelgate: 3, free: 5 } });
    expect(result.targets[2]).toMatchObject({ documents: [], characters: 0, slots: { modelgate: 0, free: 9 } });
  });

  test('--format json on errors: valid false, errors with file, line, column, path and message; no targets', () => {
    const run = modelgate(['validate', '--format', 'json'], { 'governance.yaml': BROKEN });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as ValidateJson;
    expect(result).toMatchObject({ valid: false, targets: [], summary: { targets: 0, scps: 0 } });
    expect(result.errors.map((e) => Object.keys(e))).toEqual([
      ['file', 'line', 'column', 'path', 'message'],
      ['file', 'line', 'column', 'path', 'message'],
      ['file', 'line', 'column', 'path', 'message'],
    ]);
    expect(result.errors[1]).toEqual({
      file: 'governance.yaml',
      line: API_KEYS_LINE,
      column: 16,
      path: 'models."Workloads/Prod".bedrock.apiKeys',
      message: 'expected one of "allow", "deny", "shortTermOnly"; found "maybe"',
    });
  });

  test('warnings: exit 0 and printed on stderr; with --strict exit 3', () => {
    const risky = example.replace('breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]', 'breakGlass: none');
    const lenient = modelgate(['validate'], { 'governance.yaml': risky });
    expect(lenient.status).toBe(0);
    expect(lenient.stdout).toMatch(/^governance\.yaml: valid with 1 warning; /);
    expect(lenient.stderr).toMatch(/^warning: governance\.yaml:\d+:13 breakGlass: no break-glass principal/);
    const strict = modelgate(['validate', '--strict', '--format', 'json'], { 'governance.yaml': risky });
    expect(strict.status).toBe(3);
    expect((JSON.parse(strict.stdout) as ValidateJson).warnings).toEqual([expect.objectContaining({ path: 'breakGlass' })]);
  });
});

describe('modelgate discover', () => {
  test('--check with a missing file fails before touching AWS (no credentials here)', () => {
    const run = modelgate(['discover', '--check', 'nowhere.yaml']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'modelgate discover: nowhere.yaml:1:1 no such file; name an existing governance file after --check or set MODELGATE_CONFIG, or write a starting one from your organization with "modelgate discover"\n',
    );
  });

  test('an existing output is refused before touching AWS', () => {
    const run = modelgate(['discover'], { 'governance.yaml': 'mine\n' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('governance.yaml already exists; pass --force to replace it');
    expect(readFileSync(join(run.cwd, 'governance.yaml'), 'utf8')).toBe('mine\n');
  });
});
