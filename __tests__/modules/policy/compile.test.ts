import { formatProblem, parseConfig } from '../../../modules/config';
import { compileGovernance, type CompiledGovernance, type CompiledTarget } from '../../../modules/policy/compile';
import { PolicyCompileError } from '../../../modules/policy/policy-compile-error';
import { lowerBoundDocuments } from '../../../modules/policy/pack';
import { withExemptionProtection } from '../../../modules/policy/protect-exemptions';
import { layerStatements } from '../../../modules/policy/target-statements';

const BREAK_GLASS = 'arn:aws:iam::*:role/OrgBreakGlass';

interface OrgOptions {
  readonly root?: string;
  readonly fullAwsAccess?: 'attached' | 'replaced';
  readonly scpLimits?: string;
  readonly sandboxExisting?: readonly string[];
}

/** A small organization: root, Sandbox, Workloads/Prod, and one account in Sandbox; then the models section. */
function governanceYaml(models: string, options: OrgOptions = {}): string {
  return [
    'organization:',
    '  managementAccount: "111111111111"',
    `  root: ${options.root ?? 'r-ab12'}`,
    ...(options.fullAwsAccess ? [`  fullAwsAccess: ${options.fullAwsAccess}`] : []),
    ...(options.scpLimits ? [`  scpLimits: ${options.scpLimits}`] : []),
    '  units:',
    `    Sandbox: { id: ou-ab12-11111111${options.sandboxExisting ? `, existingPolicies: [${options.sandboxExisting.join(', ')}]` : ''} }`,
    '    Workloads:',
    '      id: ou-ab12-22222222',
    '      units:',
    '        Prod: { id: ou-ab12-33333333 }',
    '  accounts:',
    '    dev: { id: "222222222222", unit: Sandbox }',
    `breakGlass: [${BREAK_GLASS}]`,
    ...(models ? ['models:', models] : ['models: {}']),
  ].join('\n');
}

async function compile(models: string, options: OrgOptions = {}): Promise<CompiledGovernance> {
  return compileGovernance(parseConfig(governanceYaml(models, options), 'governance.yaml').governance);
}

async function compileError(models: string, options: OrgOptions = {}): Promise<readonly string[]> {
  try {
    await compile(models, options);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyCompileError);
    // As main.ts prints them.
    return (error as PolicyCompileError).problems.map(formatProblem);
  }
  throw new Error('expected a PolicyCompileError');
}

function target(compiled: CompiledGovernance, stackName: string): CompiledTarget {
  const found = compiled.targets.find((t) => t.target.stackName === stackName);
  if (!found) throw new Error(`no target ${stackName} in ${compiled.targets.map((t) => t.target.stackName).join(', ')}`);
  return found;
}

/**
 * `count` distinct short model globs. As a deny-list they make one long, splittable Resource list
 * (the foundation-model ARNs) and one short condition list (the OpenAI-compatible endpoint's).
 */
function globs(count: number, vendor = 'v'): string {
  return `[${Array.from({ length: count }, (_, i) => `"${vendor}${String(i).padStart(3, '0')}.*"`).join(', ')}]`;
}

/** A small SCP size, at which {@link everyRule} needs several documents. */
const SMALL_SCP = 1500;

/**
 * Many statements, none too large for a {@link SMALL_SCP}-character SCP: at that limit they need
 * several documents whatever way a statement would be split.
 */
function everyRule(layer: string, vendor = 'deepseek'): string {
  return [
    `  ${layer}:`,
    `    bedrock:`,
    `      deny: ["${vendor}.*", "meta.llama2*", "mistral.mistral-7b*"]`,
    `      allow: ["anthropic.claude-3-5-sonnet*", "amazon.nova-*"]`,
    `      apiKeys: shortTermOnly`,
    `      viaMcpServers: deny`,
    `      modelAccess: deny`,
    `      requireGuardrail: { guardrails: [arn:aws:bedrock:us-east-1:222222222222:guardrail/abc123] }`,
    `    marketplace: { allow: ["meta-textgeneration-llama-3*"], subscriptions: { allowProductIds: [prod-abc123] } }`,
    `    jumpstart: { publicHub: block, gatedModels: block, registerWithBedrock: block }`,
    `    customModelImport: { deny: true }`,
    `    fineTuning: { deny: true }`,
  ].join('\n');
}

const FINE_TUNING_EVERYWHERE = [
  '  root: { fineTuning: { deny: true } }',
  '  Sandbox: { fineTuning: { deny: true } }',
  '  Workloads/Prod: { fineTuning: { deny: true } }',
  '  dev: { fineTuning: { deny: true } }',
].join('\n');

const FINE_TUNING_CONTENT =
  '{"Version":"2012-10-17","Statement":[{"Sid":"DenyFineTuning","Effect":"Deny","Action":["bedrock-mantle:CreateFineTuningJob","bedrock:CreateModelCustomizationJob"],' +
  `"Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"${BREAK_GLASS}"}}}]}`;

describe('compileGovernance: policies per target', () => {
  test.each<[string, string[]]>([
    ['root', ['modelgate-root-1']],
    ['ou-sandbox', ['modelgate-ou-sandbox-1']],
    ['ou-workloads', []],
    ['ou-workloads-prod', ['modelgate-ou-workloads-prod-1']],
    ['account-dev', ['modelgate-account-dev-1']],
  ])('target %s gets the policies %j', async (stackName, names) => {
    const compiled = await compile(FINE_TUNING_EVERYWHERE);
    expect(target(compiled, stackName).policies.map((p) => p.name)).toEqual(names);
  });

  test('targets come root first, then OUs depth-first, then accounts', async () => {
    const compiled = await compile(FINE_TUNING_EVERYWHERE);
    expect(compiled.targets.map((t) => t.target.stackName)).toEqual(['root', 'ou-sandbox', 'ou-workloads', 'ou-workloads-prod', 'account-dev']);
  });

  test('a one-statement policy is exactly its minified JSON, and characters is its length', async () => {
    const sandbox = target(await compile(FINE_TUNING_EVERYWHERE), 'ou-sandbox');
    expect(sandbox.policies.map((p) => p.content)).toEqual([FINE_TUNING_CONTENT]);
    expect(sandbox.characters).toBe(FINE_TUNING_CONTENT.length);
    expect(sandbox.lowerBound).toBe(1);
    expect(sandbox.policies[0]?.description).toBe('modelgate: AI model governance for OU Sandbox (1 of 1)');
  });

  test('several documents are numbered 1..n, each within the limit, characters is their sum', async () => {
    const compiled = await compile(everyRule('Sandbox'), { scpLimits: `{ maxCharacters: ${SMALL_SCP}, maxPoliciesPerTarget: 10 }` });
    const sandbox = target(compiled, 'ou-sandbox');
    const count = sandbox.policies.length;
    expect(count).toBeGreaterThan(2);
    expect(sandbox.policies.map((p) => p.name)).toEqual(Array.from({ length: count }, (_, i) => `modelgate-ou-sandbox-${i + 1}`));
    expect(sandbox.policies.map((p) => p.description)).toEqual(
      Array.from({ length: count }, (_, i) => `modelgate: AI model governance for OU Sandbox (${i + 1} of ${count})`),
    );
    for (const policy of sandbox.policies) expect(policy.content.length).toBeLessThanOrEqual(SMALL_SCP);
    expect(sandbox.characters).toBe(sandbox.policies.reduce((sum, p) => sum + p.content.length, 0));
  });

  test('lowerBound is the packer\'s lower bound for the target\'s statements, and never above the documents used', async () => {
    const compiled = await compile(everyRule('Sandbox'), { scpLimits: `{ maxCharacters: ${SMALL_SCP}, maxPoliciesPerTarget: 10 }` });
    const sandbox = target(compiled, 'ou-sandbox');
    const rules = layerStatements(sandbox.target.rules ?? {}, { partition: 'aws', breakGlass: [BREAK_GLASS], rulesPath: sandbox.target.rulesPath });
    const statements = withExemptionProtection(rules, new Set(), compiled.governance).statements.map((s) => s.statement);
    expect(statements.map((s) => s.Sid)).toContain('ProtectExemptRoles');
    expect(sandbox.lowerBound).toBe(lowerBoundDocuments(statements, SMALL_SCP));
    expect(sandbox.lowerBound).toBeGreaterThan(1);
    expect(sandbox.lowerBound).toBeLessThanOrEqual(sandbox.policies.length);
    expect(sandbox.policies.length).toBeLessThanOrEqual(2 * sandbox.lowerBound);
  });

  test.each<[string, string]>([
    ['an OU with no rules', ''],
    ['an OU whose rules all allow', '  Workloads: { bedrock: { apiKeys: allow, claudePlatform: allow }, fineTuning: { deny: false }, jumpstart: { publicHub: allow } }'],
  ])('%s gets zero policies', async (_name, models) => {
    const workloads = target(await compile(models), 'ou-workloads');
    expect(workloads.policies).toEqual([]);
    expect({ characters: workloads.characters, lowerBound: workloads.lowerBound, modelgate: workloads.slots.modelgate }).toEqual({
      characters: 0,
      lowerBound: 0,
      modelgate: 0,
    });
  });
});

describe('compileGovernance: SCP limits', () => {
  // Each glob is a foundation-model ARN, a system inference profile ARN and a bedrock-mantle:Model value.
  const MANY_DENIES = `  Sandbox: { bedrock: { deny: ${globs(50)} } }`;

  test('the same rules fit one 10,240-character SCP under current limits and need 5,120-character SCPs under legacy', async () => {
    const current = target(await compile(MANY_DENIES), 'ou-sandbox');
    const legacy = target(await compile(MANY_DENIES, { scpLimits: 'legacy' }), 'ou-sandbox');
    expect(current.characters).toBeGreaterThan(5120);
    expect(current.policies).toHaveLength(1);
    expect(legacy.policies.length).toBeGreaterThanOrEqual(2);
    for (const policy of legacy.policies) expect(policy.content.length).toBeLessThanOrEqual(5120);
    expect(current.slots.limit).toBe(10);
    expect(legacy.slots.limit).toBe(5);
    expect(legacy.lowerBound).toBe(2);
  });

  test('a 200-model deny-list fits a target under the default limits, in about as many SCPs as its characters need', async () => {
    const models = `[${Array.from({ length: 200 }, (_, i) => `"vendor${i}.model-family-${i}*"`).join(', ')}]`;
    const sandbox = target(await compile(`  Sandbox: { bedrock: { deny: ${models} } }`), 'ou-sandbox');
    // About 20,000 characters: each model is denied by its foundation-model and its inference profile ARN.
    expect(sandbox.lowerBound).toBe(4);
    expect(sandbox.policies.length).toBeLessThanOrEqual(sandbox.lowerBound + 1);
  });

  test.each<[string, OrgOptions, string, { limit: number; fullAwsAccess: number; existing: number; modelgate: number }]>([
    ['FullAWSAccess attached (the default)', {}, 'ou-sandbox', { limit: 10, fullAwsAccess: 1, existing: 0, modelgate: 1 }],
    ['FullAWSAccess replaced', { fullAwsAccess: 'replaced' }, 'ou-sandbox', { limit: 10, fullAwsAccess: 0, existing: 0, modelgate: 1 }],
    ['existing policies on the OU', { sandboxExisting: ['p-controltower', 'p-baseline'] }, 'ou-sandbox', { limit: 10, fullAwsAccess: 1, existing: 2, modelgate: 1 }],
    ['existing policies on the root', { root: '{ id: r-ab12, existingPolicies: [p-controltower] }' }, 'root', { limit: 10, fullAwsAccess: 1, existing: 1, modelgate: 1 }],
    ['legacy limits', { scpLimits: 'legacy' }, 'account-dev', { limit: 5, fullAwsAccess: 1, existing: 0, modelgate: 1 }],
    ['custom limits', { scpLimits: '{ maxCharacters: 4000, maxPoliciesPerTarget: 3 }' }, 'ou-workloads-prod', { limit: 3, fullAwsAccess: 1, existing: 0, modelgate: 1 }],
  ])('slots: %s', async (_name, options, stackName, slots) => {
    expect(target(await compile(FINE_TUNING_EVERYWHERE, options), stackName).slots).toEqual(slots);
  });
});

describe('compileGovernance: errors', () => {
  const LIMITS = (slots: number): string => `{ maxCharacters: ${SMALL_SCP}, maxPoliciesPerTarget: ${slots} }`;
  const BIG_SANDBOX = everyRule('Sandbox');
  /** The line of `Sandbox:` under `models:`; a problem about its rules points there or at its first line of value. */
  function sandboxRulesLine(options: OrgOptions): number {
    return governanceYaml(BIG_SANDBOX, options).split('\n').indexOf('  Sandbox:') + 1;
  }

  async function documentsNeeded(): Promise<{ documents: number; characters: number }> {
    const sandbox = target(await compile(BIG_SANDBOX, { scpLimits: LIMITS(10) }), 'ou-sandbox');
    return { documents: sandbox.policies.length, characters: sandbox.characters };
  }

  test('too many documents for the free slots: names the target, the documents and characters needed, the free slots and what fits', async () => {
    const { documents, characters } = await documentsNeeded();
    const options: OrgOptions = { scpLimits: LIMITS(3), sandboxExisting: ['p-controltower'] };
    const problems = await compileError(BIG_SANDBOX, options);
    expect(problems).toHaveLength(1);
    const [problem = ''] = problems;
    const line = sandboxRulesLine(options);
    expect(problem).toMatch(new RegExp(`^governance\\.yaml:(${line}|${line + 1}):\\d+ `));
    expect(problem).toContain(`OU "Sandbox" (ou-ab12-11111111) needs ${documents} SCPs (${characters.toLocaleString('en-US')} characters)`);
    expect(problem).toMatch(/only 1 of its (3 )?slots? (is|are) free/);
    expect(problem).toContain('FullAWSAccess takes 1');
    expect(problem).toContain('existing policies take 1: p-controltower');
    expect(problem).toContain(`remove about ${(characters - SMALL_SCP).toLocaleString('en-US')} characters of rules`);
  });

  test('no free slot at all: says so, and does not suggest a size that would fit', async () => {
    const problems = await compileError(BIG_SANDBOX, { scpLimits: LIMITS(2), sandboxExisting: ['p-controltower'] });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/only 0 of its (2 )?slots? (is|are) free/);
    expect(problems[0]).not.toContain('remove about');
    expect(problems[0]).toContain('detach an existing policy');
  });

  test('replacing FullAWSAccess frees the slot that makes the same rules fit', async () => {
    const { documents } = await documentsNeeded();
    const options = { scpLimits: LIMITS(documents), sandboxExisting: [] as string[] };
    await expect(compile(BIG_SANDBOX, { scpLimits: LIMITS(documents) })).rejects.toThrow(PolicyCompileError);
    const sandbox = target(await compile(BIG_SANDBOX, { ...options, fullAwsAccess: 'replaced' }), 'ou-sandbox');
    expect(sandbox.slots).toEqual({ limit: documents, fullAwsAccess: 0, existing: 0, modelgate: documents });
  });

  test('every target that does not fit is reported, not only the first', async () => {
    const models = [BIG_SANDBOX, everyRule('dev', 'qwen')].join('\n');
    const problems = await compileError(models, { scpLimits: LIMITS(2) });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('OU "Sandbox" (ou-ab12-11111111) needs');
    expect(problems[1]).toContain('account "dev" (222222222222) needs');
  });

  test('an allow-list too long for one SCP names the rule, the statement, the target and the remedy', async () => {
    const models = `  Sandbox: { bedrock: { allow: ${globs(150)} } }`;
    const line = governanceYaml(models).split('\n').indexOf(models) + 1;
    const problems = await compileError(models);
    expect(problems).toHaveLength(1);
    const [problem = ''] = problems;
    expect(problem).toMatch(new RegExp(`^governance\\.yaml:${line}:\\d+ `));
    expect(problem).toContain('models.Sandbox.bedrock.allow');
    expect(problem).toContain('DenyBedrockModelsNotAllowed');
    expect(problem).toContain('10240');
    expect(problem).toContain('OU "Sandbox" (ou-ab12-11111111)');
    expect(problem).toContain('list fewer models');
  });

  test('an allow-list too long for one SCP blames that rule only, not a deny rule of the same layer', async () => {
    // The oversized statement is made of the allow-list's statements; the deny-list is merged elsewhere.
    const models = `  Sandbox: { bedrock: { allow: ${globs(150)}, deny: ["deepseek.*"] } }`;
    const problems = await compileError(models);
    expect(problems).toHaveLength(1);
    const [problem = ''] = problems;
    expect(problem).toContain('models.Sandbox.bedrock.allow');
    expect(problem).not.toContain('models.Sandbox.bedrock.deny');
  });
});

describe('the rules behind each statement', () => {
  test('every statement of a compiled SCP names the config rules it was made of', async () => {
    const compiled = await compile('  Sandbox: { bedrock: { deny: ["deepseek.*"] }, marketplace: { deny: ["deepseek*"] } }');
    const sandbox = target(compiled, 'ou-sandbox');
    const rules = sandbox.policies.flatMap((p) => p.statements.map((s) => p.rules.get(s.Sid) ?? []));
    expect(rules.every((r) => r.length > 0)).toBe(true);
    // The rules written, the marketplace section's own statements, and the break-glass protection added at every layer.
    expect(new Set(rules.flat())).toEqual(new Set(['breakGlass', 'models.Sandbox.bedrock.deny', 'models.Sandbox.marketplace', 'models.Sandbox.marketplace.deny']));
  });
});

describe('targets whose statements are the same', () => {
  // Sandbox and Workloads/Prod have no rules above them: the same rules give them the same statements.
  const SAME_RULES = '{ bedrock: { deny: ["deepseek.*"] }, marketplace: { deny: ["deepseek*"] } }';
  const models = [`  Sandbox: ${SAME_RULES}`, `  Workloads/Prod: ${SAME_RULES}`].join('\n');

  test('get the same SCPs, each naming its own rules', async () => {
    const compiled = await compile(models);
    const sandbox = target(compiled, 'ou-sandbox');
    const prod = target(compiled, 'ou-workloads-prod');
    expect(prod.policies.map((p) => p.content)).toEqual(sandbox.policies.map((p) => p.content));
    const rulesOf = (t: CompiledTarget): string[] => [...new Set(t.policies.flatMap((p) => [...p.rules.values()].flat()))].sort();
    expect(rulesOf(sandbox)).toEqual(['breakGlass', 'models.Sandbox.bedrock.deny', 'models.Sandbox.marketplace', 'models.Sandbox.marketplace.deny']);
    expect(rulesOf(prod)).toEqual(['breakGlass', 'models."Workloads/Prod".bedrock.deny', 'models."Workloads/Prod".marketplace', 'models."Workloads/Prod".marketplace.deny']);
  });

  test('with exempt principals: the protection statements name each layer\'s own rules too', async () => {
    const rules = '{ bedrock: { deny: ["deepseek.*"], except: ["arn:aws:iam::*:role/ModelAdmin"] } }';
    const compiled = await compile([`  Sandbox: ${rules}`, `  Workloads/Prod: ${rules}`].join('\n'));
    const rulesOf = (t: CompiledTarget): string[] => [...new Set(t.policies.flatMap((p) => [...p.rules.values()].flat()))].sort();
    const sandbox = rulesOf(target(compiled, 'ou-sandbox'));
    const prod = rulesOf(target(compiled, 'ou-workloads-prod'));
    expect(sandbox).toContain('models.Sandbox.bedrock.deny');
    expect(prod).toEqual(sandbox.map((rule) => rule.replace(/^models\.Sandbox\./, 'models."Workloads/Prod".')));
    expect(prod.filter((rule) => rule.startsWith('models.Sandbox'))).toEqual([]);
  });

  test('are each checked against their own free slots', async () => {
    // Sandbox is compiled first and has no slot left; Workloads/Prod, with the same statements, fits.
    const problems = await compileError(models, { sandboxExisting: Array.from({ length: 9 }, (_, i) => `p-existing${i}`) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('OU "Sandbox" (ou-ab12-11111111) needs 1 SCPs');
  });
});

describe('the monitoring policies', () => {
  afterEach(() => jest.restoreAllMocks());

  test('are catalog-checked in the same run as the SCPs, so synth and validate refuse the same config', async () => {
    const monitoring = jest.requireActual<typeof import('../../../modules/policy/resource-policies/compile-monitoring-policies')>(
      '../../../modules/policy/resource-policies/compile-monitoring-policies',
    );
    jest
      .spyOn(monitoring, 'compileMonitoringPolicies')
      .mockResolvedValue({ policies: { invocationLogging: new Map() }, problems: [{ path: 'monitoring', message: 'SNS topic policy of the alerts, statement X: unknown action "sns:Publsh"' }] });
    const problems = await compileError('  Sandbox: { bedrock: { deny: ["deepseek.*"] } }');
    // Located in the file like every other problem (the config has no monitoring section: at its start).
    expect(problems).toEqual([expect.stringMatching(/^governance\.yaml:\d+:\d+ monitoring: SNS topic policy of the alerts, statement X: unknown action "sns:Publsh"$/)]);
  });
});
