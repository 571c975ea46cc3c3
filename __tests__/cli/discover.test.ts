import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ListAccountsForParentCommand, OrganizationsClient, type OrganizationsClientConfig } from '@aws-sdk/client-organizations';
import { runDiscover, type DiscoverOptions } from '../../cli/commands/discover';
import { assignLayerNames, governanceYaml, readOrganization, sanitizeName, type LiveOrganization } from '../../cli/discover';
import { loadConfigFile, MAX_STACK_NAME_LENGTH, parseConfig, stackNameFor, type ResolvedGovernance, type Target } from '../../modules/config';
import type { Progress } from '../../modules/progress';
import {
  addAccount,
  addUnit,
  answer,
  fakeOrganization,
  FULL_AWS_ACCESS,
  largeOrganization,
  mockOrganization,
  type FakeOrganization,
} from '../support/fake-organization';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' };

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly dir: string;
  readonly output: string;
}

/** Runs `discover` in a fresh directory against `client`; `options.output` is relative to that directory. */
async function discover(client: OrganizationsClient, options: Partial<DiscoverOptions> = {}, dir = mkdtempSync(join(tmpdir(), 'discover-'))): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const output = join(dir, options.output ?? 'governance.yaml');
  const code = await runDiscover(
    { force: false, format: 'text', ...options, output, ...(options.check ? { check: join(dir, options.check) } : {}) },
    { client: () => client, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
  );
  return { code, stdout, stderr, dir, output };
}

function newClient(config: Partial<OrganizationsClientConfig> = {}): OrganizationsClient {
  return new OrganizationsClient({ region: 'us-east-1', credentials: CREDENTIALS, ...config });
}

/** The config target of an AWS id. */
function targetWithId(governance: ResolvedGovernance, id: string): Target {
  const found = governance.targets.find((t) => t.id === id);
  if (!found) throw new Error(`no target with id ${id}`);
  return found;
}

function parentIdOf(governance: ResolvedGovernance, target: Target): string {
  const parentLayer = target.lineage[target.lineage.length - 2] ?? 'root';
  return governance.targets.find((t) => t.layer === parentLayer)?.id ?? '';
}

/** What one stage of discover told its progress. */
interface RecordedStage {
  readonly stage: string;
  readonly updates: [number, number][];
  finished: number;
}

function recordedStage(stages: RecordedStage[], stage: string): Progress {
  const recorded: RecordedStage = { stage, updates: [], finished: 0 };
  stages.push(recorded);
  return { update: (done, total) => recorded.updates.push([done, total]), finish: () => (recorded.finished += 1) };
}

describe('discover on an organization of 600 accounts in 50 nested OUs, 20 items a page', () => {
  const org = largeOrganization(600);
  let mock: ReturnType<typeof mockOrganization>;
  let run: Run;
  let governance: ResolvedGovernance;
  const stages: RecordedStage[] = [];
  beforeAll(async () => {
    mock = mockOrganization(org);
    run = await discover(newClient(), { progress: (stage) => recordedStage(stages, stage) });
    governance = loadConfigFile(run.output).governance;
  });
  afterAll(() => mock.restore());

  test('writes governance.yaml and exits 0', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^wrote .*governance\.yaml: organization o-a1b2c3d4e5, 50 OUs, 600 accounts/);
  });

  test('read every page: ListAccountsForParent was called with NextToken wherever a parent has more than 20 accounts', () => {
    const calls = mock.commandCalls(ListAccountsForParentCommand);
    const perParent = new Map<string, number>();
    for (const a of org.accounts) perParent.set(a.parentId, (perParent.get(a.parentId) ?? 0) + 1);
    const expectedPages = [org.rootId, ...org.units.map((u) => u.Id)].reduce((n, id) => n + Math.max(1, Math.ceil((perParent.get(id) ?? 0) / 20)), 0);
    expect(Math.max(...perParent.values())).toBeGreaterThan(20);
    expect(calls).toHaveLength(expectedPages);
    expect(calls.filter((c) => c.args[0].input.NextToken !== undefined).length).toBeGreaterThan(0);
  });

  test('the file loads with the config loader and has every account, with its id, OU and SCPs', () => {
    const accounts = governance.targets.filter((t) => t.kind === 'account');
    expect(accounts).toHaveLength(600);
    for (const account of org.accounts) {
      const target = targetWithId(governance, account.Id);
      expect(target.kind).toBe('account');
      expect(parentIdOf(governance, target)).toBe(account.parentId);
      expect(target.existingPolicies).toEqual((org.policies.get(account.Id) ?? []).filter((p) => p !== FULL_AWS_ACCESS).map((p) => p.Id));
    }
  });

  test('every OU keeps its id, its parent and its SCPs; the root its id and SCPs', () => {
    expect(governance.targets.filter((t) => t.kind === 'unit')).toHaveLength(50);
    for (const unit of org.units) {
      const target = targetWithId(governance, unit.Id);
      expect(parentIdOf(governance, target)).toBe(unit.parentId);
      expect(target.existingPolicies).toEqual((org.policies.get(unit.Id) ?? []).filter((p) => p !== FULL_AWS_ACCESS).map((p) => p.Id));
    }
    expect(targetWithId(governance, 'r-ab12').existingPolicies).toEqual(['p-controltower']);
    expect(governance).toMatchObject({ organizationId: 'o-a1b2c3d4e5', managementAccount: '111111111111', fullAwsAccessAttached: true, partition: 'aws' });
  });

  test('nests OUs by name ("Division 0" becomes Division-0) and puts accounts under their unit path', () => {
    const text = readFileSync(run.output, 'utf8');
    expect(text).toContain('    Division-0:   # "Division 0" in AWS\n      id: ou-ab12-10000000\n');
    expect(targetWithId(governance, 'ou-ab12-10000002').layer).toBe('Division-0/Team-0/Prod');
    expect(text).toMatch(/^ {6}unit: Division-0\/Team-0\/Prod$/m);
  });

  test('says that breakGlass is left for the user, with a choice that loads: none, and its warning', () => {
    const text = readFileSync(run.output, 'utf8');
    expect(text).toMatch(/^breakGlass: none$/m);
    expect(text).toContain('# Nobody is exempted from the model denies until you name your break-glass principals');
    expect(loadConfigFile(run.output).warnings.map((w) => w.path)).toEqual(['breakGlass']);
  });

  test('tells its progress in two stages, each counted up to all of it and finished once', () => {
    expect(stages.map((s) => s.stage)).toEqual(['parents', 'policies']);
    const [parents, policies] = stages as [RecordedStage, RecordedStage];
    // The root and the 50 OUs are listed; the total grows as OUs are found, and never shrinks.
    expect(parents.updates.map(([done]) => done)).toEqual([...Array(52).keys()]);
    expect(parents.updates.at(-1)).toEqual([51, 51]);
    const totals = parents.updates.map(([, total]) => total);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    // The SCPs of the root, 50 OUs and 600 accounts.
    expect(policies.updates).toEqual([...Array(652).keys()].map((done) => [done, 651]));
    expect(stages.map((s) => s.finished)).toEqual([1, 1]);
  });

  test('writes and prints the same with progress as without, and nothing on stderr', async () => {
    const quiet = await discover(newClient());
    expect(quiet.stdout.replaceAll(quiet.output, '')).toBe(run.stdout.replaceAll(run.output, ''));
    expect(readFileSync(quiet.output, 'utf8')).toBe(readFileSync(run.output, 'utf8'));
    expect([quiet.stderr, run.stderr]).toEqual(['', '']);
  });

  test('--format json: what was written, as one document', async () => {
    const json = await discover(newClient(), { format: 'json' });
    expect(JSON.parse(json.stdout)).toEqual({ output: json.output, organization: 'o-a1b2c3d4e5', units: 50, accounts: 600 });
    expect(readFileSync(json.output, 'utf8')).toBe(readFileSync(run.output, 'utf8'));
  });

  test('writes the same file when AWS lists everything in another order', async () => {
    org.reversed = true;
    try {
      const again = await discover(newClient());
      expect(readFileSync(again.output, 'utf8')).toBe(readFileSync(run.output, 'utf8'));
    } finally {
      org.reversed = false;
    }
  });
});

describe('names in the written file', () => {
  test.each([
    ['Shared Services', 'Shared-Services'],
    ['Café Ops', 'Cafe-Ops'],
    ['prod (EU)', 'prod-EU'],
    ['--legacy--', 'legacy'],
    ['日本', 'fallback'],
    ['dev_01.eu', 'dev_01.eu'],
  ])('%j becomes %j', (name, expected) => {
    expect(sanitizeName(name, 'fallback')).toBe(expected);
  });

  test('duplicates get their id, accounts are never named root or like an OU, and the file loads', () => {
    const org = fakeOrganization();
    const sandbox = addUnit(org, { Id: 'ou-ab12-11111111', Name: 'Sandbox', parentId: org.rootId });
    addUnit(org, { Id: 'ou-ab12-22222222', Name: 'sand box', parentId: org.rootId });
    addUnit(org, { Id: 'ou-ab12-33333333', Name: 'SANDBOX', parentId: org.rootId });
    addAccount(org, { Id: '222222222222', Name: 'Dev', parentId: sandbox.Id });
    addAccount(org, { Id: '333333333333', Name: 'dev', parentId: sandbox.Id });
    addAccount(org, { Id: '444444444444', Name: 'root', parentId: org.rootId });
    addAccount(org, { Id: '555555555555', Name: 'Sandbox', parentId: org.rootId });
    addAccount(org, { Id: '666666666666', Name: 'true', parentId: org.rootId, State: 'SUSPENDED' });
    const live = liveOf(org);
    const names = assignLayerNames(live);
    expect(Object.fromEntries(names.unitPath)).toEqual({
      'ou-ab12-33333333': 'SANDBOX',
      'ou-ab12-11111111': 'Sandbox-11111111',
      'ou-ab12-22222222': 'sand-box',
    });
    expect(Object.fromEntries(names.accountName)).toEqual({
      '222222222222': 'Dev',
      '333333333333': 'dev-333333333333',
      '111111111111': 'Management',
      '444444444444': 'root-444444444444',
      '555555555555': 'Sandbox',
      '666666666666': 'true',
    });
    const text = governanceYaml(live);
    expect(text).toContain('    "true":   # SUSPENDED\n      id: "666666666666"\n');
    const { governance } = parseConfig(text, 'governance.yaml');
    expect(governance.targets.map((t) => `${t.layer}=${t.id}`)).toEqual([
      'root=r-ab12',
      'SANDBOX=ou-ab12-33333333',
      'Sandbox-11111111=ou-ab12-11111111',
      'sand-box=ou-ab12-22222222',
      // Accounts in AWS name order: capitals first.
      'Dev=222222222222',
      'Management=111111111111',
      'Sandbox=555555555555',
      'dev-333333333333=333333333333',
      'root-444444444444=444444444444',
      'true=666666666666',
    ]);
  });

  test('names the loader reserves get their id, long names are cut to keep stack names valid, and hidden characters in AWS names become escapes', () => {
    const org = fakeOrganization();
    const reserved = addUnit(org, { Id: 'ou-ab12-11111111', Name: 'constructor', parentId: org.rootId });
    let parent = reserved;
    for (let level = 1; level < 5; level++) {
      parent = addUnit(org, { Id: `ou-ab12-${level}0000000`, Name: `Level ${level} ${'of a deep organization '.repeat(3)}`, parentId: parent.Id });
    }
    addAccount(org, { Id: '222222222222', Name: 'toString', parentId: parent.Id });
    addAccount(org, { Id: '333333333333', Name: `Payments ${'x'.repeat(140)}`, parentId: org.rootId });
    addAccount(org, { Id: '444444444444', Name: 'Ops\u202Eevil', parentId: org.rootId });
    const live = liveOf(org);
    const names = assignLayerNames(live);
    expect(names.unitName.get('ou-ab12-11111111')).toBe('constructor-11111111');
    expect(names.accountName.get('222222222222')).toBe('toString-222222222222');
    expect(names.accountName.get('333333333333')).toMatch(/^Payments-x+-33333333$/);
    expect(stackNameFor('account', names.accountName.get('333333333333') ?? '').length).toBeLessThanOrEqual(MAX_STACK_NAME_LENGTH);
    for (const path of names.unitPath.values()) expect(stackNameFor('unit', path).length).toBeLessThanOrEqual(MAX_STACK_NAME_LENGTH);
    const text = governanceYaml(live);
    expect(text).toContain('# "Ops\\u{202E}evil" in AWS');
    const { governance } = parseConfig(text, 'governance.yaml');
    expect(governance.targets).toHaveLength(1 + 5 + 4);
  });
});

/** What readOrganization makes of a fake organization, without a client. */
function liveOf(org: FakeOrganization): LiveOrganization {
  const policies = (id: string): LiveOrganization['root']['policies'] =>
    (org.policies.get(id) ?? []).map((p) => ({ id: p.Id, name: p.Name, awsManaged: p.AwsManaged }));
  const byName = <T extends { Name: string; Id: string }>(list: T[]): T[] => [...list].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : a.Id < b.Id ? -1 : 1));
  const units: LiveOrganization['units'][number][] = [];
  for (let queue = [org.rootId]; queue.length > 0; ) {
    const children = queue.flatMap((parent) => byName(org.units.filter((u) => u.parentId === parent)));
    units.push(...children.map((u) => ({ id: u.Id, name: u.Name, parentId: u.parentId, policies: policies(u.Id) })));
    queue = children.map((u) => u.Id);
  }
  return {
    id: org.id,
    partition: 'aws',
    managementAccountId: org.managementAccountId,
    root: { id: org.rootId, policies: policies(org.rootId), scpsEnabled: true },
    units,
    accounts: byName(org.accounts).map((a) => ({ id: a.Id, name: a.Name, parentId: a.parentId, ...(a.State ? { state: a.State } : {}), policies: policies(a.Id) })),
  };
}

describe('API errors: a clear message, exit code 4, nothing written', () => {
  let org: FakeOrganization;
  let mock: ReturnType<typeof mockOrganization>;
  beforeEach(() => {
    org = largeOrganization(60, 2);
    mock = mockOrganization(org);
  });
  afterEach(() => mock.restore());

  const failing = (operation: string, error: string, message: string, onlyFor?: string): void => {
    const original = answer;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- re-stubbing one command of the mock
    (mock.on(commandFor(operation) as any) as any).callsFake((input: Record<string, unknown>) => {
      if (onlyFor === undefined || input.TargetId === onlyFor) {
        const e = new Error(message);
        e.name = error;
        throw e;
      }
      const result = original(org, operation, input);
      if ('error' in result) throw new Error(result.message);
      return result.output;
    });
  };

  test('AWSOrganizationsNotInUseException: the account is not in an organization', async () => {
    failing('DescribeOrganization', 'AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
    const run = await discover(newClient());
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('modelgate discover: DescribeOrganization failed: the account of these credentials is not in an organization; use credentials of the management account');
    expect(run.stderr).toContain('AWS said: AWSOrganizationsNotInUseException: Your account is not a member of an organization.');
    expect(run.stderr).toMatch(/nothing was written\n$/);
    expect(readdirSync(run.dir)).toEqual([]);
  });

  test('AccessDeniedException on one account, after most of the organization was read: names the permissions', async () => {
    failing('ListPoliciesForTarget', 'AccessDeniedException', 'You don\'t have permissions to access this resource.', org.accounts[40]?.Id);
    const run = await discover(newClient());
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(`ListPoliciesForTarget ${org.accounts[40]?.Id} failed: access denied. discover needs organizations:DescribeOrganization, ListRoots, ListOrganizationalUnitsForParent, ListAccountsForParent and ListPoliciesForTarget`);
    expect(readdirSync(run.dir)).toEqual([]);
  });

  test('an existing output file is refused before any AWS call, and kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'discover-'));
    writeFileSync(join(dir, 'governance.yaml'), 'mine\n');
    const run = await discover(newClient(), {}, dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('governance.yaml already exists; pass --force to replace it');
    expect(mock.calls()).toHaveLength(0);
    expect(readFileSync(run.output, 'utf8')).toBe('mine\n');
  });

  test('--force replaces it, and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'discover-'));
    writeFileSync(join(dir, 'governance.yaml'), 'mine\n');
    const run = await discover(newClient(), { force: true }, dir);
    expect(run.code).toBe(0);
    expect(readFileSync(run.output, 'utf8')).toMatch(/^# yaml-language-server/);
    expect(readdirSync(dir)).toEqual(['governance.yaml']);
  });
});

function commandFor(operation: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the command class by its operation name
  return (require('@aws-sdk/client-organizations') as Record<string, unknown>)[`${operation}Command`];
}

/**
 * The real client over a fake HTTP handler: requests are serialized, signed, answered as AWS
 * answers (JSON 1.1), and the SDK's own retry strategy decides what to retry. aws-sdk-client-mock
 * replaces `send`, which would skip the retry strategy this test is about.
 */
function clientOverHttp(org: FakeOrganization, throttled: (operation: string, call: number) => boolean, config: Partial<OrganizationsClientConfig>) {
  const requests: string[] = [];
  const requestHandler = {
    handle: async (request: { headers: Record<string, string>; body?: string | Uint8Array }) => {
      const operation = (request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      requests.push(operation);
      const call = requests.filter((r) => r === operation).length;
      const result = throttled(operation, call)
        ? { error: 'TooManyRequestsException', message: 'AWS Organizations can\'t complete your request because another request is already in progress.' }
        : answer(org, operation, JSON.parse(bodyText(request.body)) as Record<string, unknown>);
      const body = 'error' in result ? { __type: result.error, Message: result.message, Type: 'Throttling' } : result.output;
      return {
        response: {
          statusCode: 'error' in result ? 400 : 200,
          headers: { 'content-type': 'application/x-amz-json-1.1', ...('error' in result ? { 'x-amzn-errortype': result.error } : {}) },
          body: Readable.from([Buffer.from(JSON.stringify(body))]),
        },
      };
    },
  };
  const client = newClient({ retryMode: 'adaptive', ...config, requestHandler: requestHandler as unknown as OrganizationsClientConfig['requestHandler'] });
  return { client, requests };
}

function bodyText(body: string | Uint8Array | undefined): string {
  if (body === undefined) return '{}';
  return typeof body === 'string' ? body : new TextDecoder().decode(body);
}

describe('throttling, handled by the client retry settings', () => {
  test('TooManyRequestsException on two calls: the SDK retries them, discover succeeds with every account and SCP', async () => {
    const org = largeOrganization(12, 1);
    const targets = 1 + org.units.length + org.accounts.length;
    // The last two requests are throttled: adaptive mode then slows every later request down, which would only make the test slow.
    const { client, requests } = clientOverHttp(org, (operation, call) => operation === 'ListPoliciesForTarget' && call >= targets - 1 && call <= targets, { maxAttempts: 3 });
    const live = await readOrganization({ client });
    expect(live.accounts.map((a) => a.id).sort()).toEqual(org.accounts.map((a) => a.Id).sort());
    expect([live.root, ...live.units, ...live.accounts].every((t) => t.policies.some((p) => p.id === 'p-FullAWSAccess'))).toBe(true);
    // One request per target, plus the two that were throttled.
    expect(requests.filter((r) => r === 'ListPoliciesForTarget')).toHaveLength(targets + 2);
  });

  test('still throttled after maxAttempts: exit code 4, a message that says so, nothing written', async () => {
    const org = largeOrganization(10, 1);
    const { client, requests } = clientOverHttp(org, (operation) => operation === 'ListOrganizationalUnitsForParent', { maxAttempts: 2 });
    const run = await discover(client);
    expect(requests.filter((r) => r === 'ListOrganizationalUnitsForParent')).toHaveLength(2);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('ListOrganizationalUnitsForParent failed: AWS Organizations kept throttling the requests after every retry; run again later, or raise --max-attempts');
    expect(existsSync(run.output)).toBe(false);
  });
});

describe('discover --check: compares a config with the live organization', () => {
  const PROD_BASELINE = { Id: 'p-prodbaseline', Name: 'prod baseline', AwsManaged: false };
  /** Sandbox, Workloads/Prod, two empty OUs (Legacy, Retired), four accounts; prod-app has an SCP of another tool. */
  const organization = (): FakeOrganization => {
    const org = fakeOrganization();
    addUnit(org, { Id: 'ou-ab12-11111111', Name: 'Sandbox', parentId: org.rootId });
    addUnit(org, { Id: 'ou-ab12-22222222', Name: 'Workloads', parentId: org.rootId });
    addUnit(org, { Id: 'ou-ab12-33333333', Name: 'Prod', parentId: 'ou-ab12-22222222' });
    addUnit(org, { Id: 'ou-ab12-44444444', Name: 'Legacy', parentId: org.rootId });
    addUnit(org, { Id: 'ou-ab12-55555555', Name: 'Retired', parentId: org.rootId });
    addAccount(org, { Id: '222222222222', Name: 'sandbox-dev', parentId: 'ou-ab12-11111111' });
    addAccount(org, { Id: '333333333333', Name: 'prod-app', parentId: 'ou-ab12-33333333' }, [PROD_BASELINE]);
    addAccount(org, { Id: '444444444444', Name: 'shared-services', parentId: 'ou-ab12-22222222' });
    return org;
  };
  let configText: string;
  beforeAll(async () => {
    const mock = mockOrganization(organization());
    try {
      configText = readFileSync((await discover(newClient())).output, 'utf8');
    } finally {
      mock.restore();
    }
  });

  /** Runs --check of the discovered config against the organization after `change`. */
  async function check(change: (org: FakeOrganization) => void, options: Partial<DiscoverOptions> = {}, config = configText): Promise<Run> {
    const org = organization();
    change(org);
    const mock = mockOrganization(org);
    try {
      const dir = mkdtempSync(join(tmpdir(), 'check-'));
      writeFileSync(join(dir, 'governance.yaml'), config);
      return await discover(newClient(), { check: 'governance.yaml', ...options }, dir);
    } finally {
      mock.restore();
    }
  }
  const unit = (org: FakeOrganization, id: string): FakeOrganization['units'][number] => org.units.find((u) => u.Id === id) ?? fail(`no OU ${id}`);
  const account = (org: FakeOrganization, id: string): FakeOrganization['accounts'][number] => org.accounts.find((a) => a.Id === id) ?? fail(`no account ${id}`);
  const fail = (message: string): never => {
    throw new Error(message);
  };

  test('in sync: exit 0, and says so', async () => {
    const run = await check(() => undefined);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${join(run.dir, 'governance.yaml')} matches organization o-a1b2c3d4e5 (5 OUs, 4 accounts)\n`);
  });

  test.each<[string, string, (org: FakeOrganization) => void, RegExp]>([
    ['an account the config does not know', 'organization.accounts', (org) => void addAccount(org, { Id: '777777777777', Name: 'new team', parentId: 'ou-ab12-11111111' }), /account "new team" \(777777777777\) in OU "Sandbox" \(ou-ab12-11111111\) is not in the config/],
    ['an account that left', 'organization.accounts.shared-services.id', (org) => void (org.accounts = org.accounts.filter((a) => a.Id !== '444444444444')), /account "shared-services" \(444444444444\) is not in the organization/],
    ['an account moved to another OU', 'organization.accounts.sandbox-dev.unit', (org) => void (account(org, '222222222222').parentId = 'ou-ab12-22222222'), /is in OU "Workloads" \(ou-ab12-22222222\), the config says OU "Sandbox" \(ou-ab12-11111111\)/],
    ['an account moved to the root', 'organization.accounts.prod-app.unit', (org) => void (account(org, '333333333333').parentId = org.rootId), /is in the root, the config says OU "Workloads\/Prod"/],
    ['an OU recreated with another id', 'organization.units.Legacy.id', (org) => void (unit(org, 'ou-ab12-44444444').Id = 'ou-ab12-99999999'), /OU "Legacy" has id ou-ab12-99999999 in the organization, the config says ou-ab12-44444444/],
    ['an OU that is gone', 'organization.units.Retired.id', (org) => void (org.units = org.units.filter((u) => u.Id !== 'ou-ab12-55555555')), /OU "Retired" \(ou-ab12-55555555\) is not in the organization/],
    ['an OU moved', 'organization.units.Workloads.units.Prod', (org) => void (unit(org, 'ou-ab12-33333333').parentId = org.rootId), /OU "Workloads\/Prod" \(ou-ab12-33333333\) is under the root in the organization, the config puts it under OU "Workloads"/],
    ['an OU the config does not know', 'organization.units', (org) => void addUnit(org, { Id: 'ou-ab12-66666666', Name: 'Research', parentId: 'ou-ab12-22222222' }), /OU "Workloads\/Research" \(ou-ab12-66666666\) under OU "Workloads" \(ou-ab12-22222222\) is not in the config/],
    ['a slot taken by an SCP not declared', 'organization.units.Sandbox', (org) => void org.policies.get('ou-ab12-11111111')?.push({ Id: 'p-newguardrail', Name: 'new guardrail', AwsManaged: false }), /SCP p-newguardrail \("new guardrail"\) is attached to OU "Sandbox" \(ou-ab12-11111111\) and takes a slot; add it to existingPolicies/],
    ['a declared SCP no longer attached', 'organization.accounts.prod-app.existingPolicies', (org) => void org.policies.set('333333333333', [FULL_AWS_ACCESS]), /existing policy "p-prodbaseline" is not attached to account "prod-app" \(333333333333\)/],
    ['another management account', 'organization.managementAccount', (org) => void (org.managementAccountId = '999999999999'), /the management account is 999999999999, the config says 111111111111/],
  ])('finds %s: exit 1, located at %s', async (_name, path, change, message) => {
    const run = await check(change, { format: 'json' });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as { inSync: boolean; drift: { path: string; message: string; line: number }[] };
    expect(result.inSync).toBe(false);
    expect(result.drift).toEqual([expect.objectContaining({ path, message: expect.stringMatching(message) })]);
    const line = configText.split('\n').findIndex((l) => l.includes(path.split('.').pop() ?? '')) + 1;
    expect(result.drift[0]?.line).toBeGreaterThanOrEqual(line);
  });

  test('modelgate\'s own SCPs are not drift; FullAWSAccess is, when the config says it was replaced', async () => {
    const own = { Id: 'p-abcdefgh', Name: 'modelgate-ou-sandbox-1', AwsManaged: false };
    const run = await check(
      (org) => void org.policies.get('ou-ab12-11111111')?.push(own),
      {},
      configText.replace('fullAwsAccess: attached', 'fullAwsAccess: replaced'),
    );
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n').slice(1);
    // Root, 5 OUs and 4 accounts all have FullAWSAccess attached.
    expect(lines).toHaveLength(10);
    expect(lines.every((l) => /organization\.fullAwsAccess: \[undeclaredPolicy\] FullAWSAccess is attached to .* but the config says fullAwsAccess: replaced$/.test(l))).toBe(true);
  });

  test('text output: one located line per difference, with its kind', async () => {
    const run = await check((org) => {
      account(org, '222222222222').parentId = 'ou-ab12-22222222';
      addAccount(org, { Id: '777777777777', Name: 'new team', parentId: org.rootId });
    });
    const file = join(run.dir, 'governance.yaml');
    const unitLine = configText.split('\n').findIndex((l) => l.trim() === 'unit: Sandbox') + 1;
    expect(run.stdout.split('\n')).toEqual([
      `${file} differs from organization o-a1b2c3d4e5 (5 OUs, 5 accounts) in 2 places:`,
      expect.stringMatching(new RegExp(`^  ${file}:\\d+:\\d+ organization\\.accounts: \\[unknownAccount\\] account "new team"`)),
      expect.stringMatching(new RegExp(`^  ${file}:${unitLine}:13 organization\\.accounts\\.sandbox-dev\\.unit: \\[movedAccount\\] `)),
      '',
    ]);
  });

  test('a config with errors, or no config, is reported before any AWS call', async () => {
    const broken = await check(() => undefined, {}, configText.replace('unit: Sandbox', 'unit: Sandbx'));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/governance\.yaml:\d+:\d+ organization\.accounts\.sandbox-dev\.unit: unknown unit "Sandbx"/);
    const mock = mockOrganization(organization());
    try {
      const missing = await discover(newClient(), { check: 'nothing-here.yaml' });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('nothing-here.yaml:1:1 no such file; name an existing governance file after --check or set MODELGATE_CONFIG, or write a starting one');
      expect(mock.calls()).toHaveLength(0);
    } finally {
      mock.restore();
    }
  });
});
