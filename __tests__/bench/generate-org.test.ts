import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNT_RULES_SHARE, DEFAULT_SEED, generateOrganization, MAX_UNIT_DEPTH } from '../../bench/generate-org';
import { parseConfig, type ResolvedGovernance, type Target } from '../../modules/config';
import { synthesizeGovernance } from '../../stacks/synthesize';
import { PROJECT_ROOT } from '../support/run-app';

function load(accounts: number, units?: number, seed?: number): { text: string; governance: ResolvedGovernance; warnings: readonly unknown[] } {
  const text = generateOrganization({ accounts, ...(units !== undefined ? { units } : {}), ...(seed !== undefined ? { seed } : {}) });
  return { text, ...parseConfig(text, `generated-${accounts}.yaml`) };
}

const ofKind = (governance: ResolvedGovernance, kind: Target['kind']): Target[] => governance.targets.filter((t) => t.kind === kind);
/** The root is depth 0; a top-level OU is depth 1. */
const depthOf = (target: Target): number => target.lineage.length - 1;

describe.each([
  { accounts: 10, units: 10 },
  { accounts: 100, units: 50 },
  { accounts: 1000, units: 50 },
])('generateOrganization: $accounts accounts', ({ accounts, units }) => {
  const { text, governance, warnings } = load(accounts);

  test('is a valid governance.yaml without warnings', () => {
    expect(warnings).toEqual([]);
  });

  test(`declares ${accounts} accounts and ${units} OUs, nested ${MAX_UNIT_DEPTH} levels deep at most`, () => {
    expect(ofKind(governance, 'account')).toHaveLength(accounts);
    expect(ofKind(governance, 'unit')).toHaveLength(units);
    expect(Math.max(...ofKind(governance, 'unit').map(depthOf))).toBe(MAX_UNIT_DEPTH);
  });

  test('uses well-formed ids, each once', () => {
    const ids = governance.targets.map((t) => t.id);
    expect(new Set([...ids, governance.managementAccount]).size).toBe(ids.length + 1);
    const [root] = ofKind(governance, 'root');
    expect(root?.id).toMatch(/^r-[0-9a-z]{4}$/);
    const rootSuffix = root?.id.slice(2);
    for (const unit of ofKind(governance, 'unit')) expect(unit.id).toMatch(new RegExp(`^ou-${rootSuffix}-[0-9a-z]{8}$`));
    for (const account of ofKind(governance, 'account')) expect(account.id).toMatch(/^\d{12}$/);
  });

  test('writes rules for the root, every OU, and a share of the accounts', () => {
    expect(ofKind(governance, 'root')[0]?.rules).toBeDefined();
    expect(ofKind(governance, 'unit').filter((t) => t.rules === undefined)).toEqual([]);
    expect(ofKind(governance, 'account').filter((t) => t.rules !== undefined)).toHaveLength(Math.round(accounts * ACCOUNT_RULES_SHARE));
  });

  test('is deterministic: the same shape and seed give the same text', () => {
    expect(generateOrganization({ accounts })).toBe(text);
    expect(generateOrganization({ accounts, units, seed: DEFAULT_SEED })).toBe(text);
  });
});

describe('generateOrganization: rules at every layer', () => {
  const { governance } = load(100);
  const rules = (kind: Target['kind']) => ofKind(governance, kind).flatMap((t) => (t.rules ? [t.rules] : []));

  test('the root denies listed models on Bedrock and Marketplace, Custom Model Import and the JumpStart routes, with the ML platform exempted', () => {
    const [root] = rules('root');
    expect(root?.bedrock?.deny).toEqual(expect.arrayContaining(['deepseek.*']));
    expect(root?.marketplace?.deny).toEqual(expect.arrayContaining(['deepseek*']));
    expect(root?.jumpstart).toMatchObject({ gatedModels: 'block', registerWithBedrock: 'block', except: [expect.stringMatching(/role\/MLPlatform$/)] });
    expect(root?.customModelImport).toMatchObject({ deny: true, except: [expect.stringMatching(/role\/MLPlatform$/)] });
  });

  test.each([
    ['a Bedrock allow-list with alsoAllow', (r: Target['rules']) => (r?.bedrock?.allow?.length ?? 0) > 0 && (r?.bedrock?.alsoAllow?.length ?? 0) > 0],
    ['a Bedrock allow-list of 36 exact model versions or more', (r: Target['rules']) => (r?.bedrock?.allow?.length ?? 0) >= 36],
    ['a Bedrock deny-list', (r: Target['rules']) => Array.isArray(r?.bedrock?.deny)],
    ['a Marketplace allow-list', (r: Target['rules']) => (r?.marketplace?.allow?.length ?? 0) > 0],
    ['"deny: all" on Marketplace', (r: Target['rules']) => r?.marketplace?.deny === 'all'],
    ['API keys denied', (r: Target['rules']) => r?.bedrock?.apiKeys === 'deny'],
    ['short-term API keys only', (r: Target['rules']) => r?.bedrock?.apiKeys === 'shortTermOnly'],
    ['the OpenAI-compatible endpoint denied', (r: Target['rules']) => r?.bedrock?.openAiCompatibleEndpoint === 'deny'],
    ['Custom Model Import denied with exemptions', (r: Target['rules']) => r?.customModelImport?.deny === true && (r.customModelImport.except?.length ?? 0) > 0],
    ['fine-tuning denied with exemptions', (r: Target['rules']) => r?.fineTuning?.deny === true && (r.fineTuning.except?.length ?? 0) > 0],
  ])('some OU has %s', (_name, matches) => {
    expect(rules('unit').some(matches)).toBe(true);
  });

  test.each([
    ['a required guardrail', (r: Target['rules']) => r?.bedrock?.requireGuardrail !== undefined],
    ['a small deny-list', (r: Target['rules']) => Array.isArray(r?.bedrock?.deny) && (r?.bedrock?.deny.length ?? 0) <= 2],
    ['fine-tuning denied', (r: Target['rules']) => r?.fineTuning?.deny === true],
  ])('some account has %s', (_name, matches) => {
    expect(rules('account').some(matches)).toBe(true);
  });

  test('exempts break-glass principals', () => {
    expect(governance.breakGlass).toEqual(['arn:aws:iam::*:role/OrgBreakGlass', `arn:aws:iam::${governance.managementAccount}:role/SecurityIncidentResponse`]);
  });
});

describe('generateOrganization: shape options', () => {
  test.each([
    { accounts: 100, units: 12, depth: 5 },
    { accounts: 100, units: 3, depth: 3 },
    { accounts: 5, units: 0, depth: 0 },
  ])('$units OUs for $accounts accounts nest $depth levels deep', ({ accounts, units, depth }) => {
    const { governance } = load(accounts, units);
    const declared = ofKind(governance, 'unit');
    expect(declared).toHaveLength(units);
    expect(Math.max(0, ...declared.map(depthOf))).toBe(depth);
  });

  test('another seed gives another organization of the same shape', () => {
    const first = load(100, undefined, 1);
    const second = load(100, undefined, 2);
    expect(second.text).not.toBe(first.text);
    expect(ofKind(second.governance, 'account')).toHaveLength(100);
    expect(ofKind(second.governance, 'unit')).toHaveLength(50);
  });

  test.each([0, -1, 2.5])('rejects %p accounts', (accounts) => {
    expect(() => generateOrganization({ accounts })).toThrow(RangeError);
  });
});

describe('generate-org CLI', () => {
  test('prints the same organization as the function', () => {
    const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist', 'bench', 'generate-org.js'), '100', '--units', '20', '--seed', '7'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(generateOrganization({ accounts: 100, units: 20, seed: 7 }));
  });

  test('explains its usage when the account count is missing', () => {
    const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist', 'bench', 'generate-org.js')], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^usage: node dist\/bench\/generate-org\.js <accounts>/);
  });
});

describe.each([10, 100])('synthesizing the generated %i-account organization', (accounts) => {
  const { text, governance } = load(accounts);
  const expectedStacks = [...ofKind(governance, 'root'), ...ofKind(governance, 'unit'), ...ofKind(governance, 'account').filter((t) => t.rules)].map((t) => t.stackName);
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'modelgate-bench-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('writes one stack for the root, each OU and each account with rules', async () => {
    const configFile = join(dir, 'governance.yaml');
    writeFileSync(configFile, text);
    const outdir = join(dir, 'cdktf.out');
    const { compiled } = await synthesizeGovernance({ configFile, outdir });
    expect(readdirSync(join(outdir, 'stacks')).sort()).toEqual([...expectedStacks].sort());
    expect(compiled.targets).toHaveLength(governance.targets.length);
  });
});
