import { join } from 'node:path';
import { readSynthesizedPolicies, scpChainFor, type Decision, type ScpLevel } from '../../cli/simulate';
import {
  asRole,
  expectDecision,
  synthesizeToTemp,
  type DecisionCase,
  type SynthesizedOrg,
} from '../support/synthesized-scps';

/**
 * Custom Model Import and fine-tuning on both Bedrock APIs, with their `except` principals; the
 * break-glass principal (in role and assumed-role session form); and the management account,
 * which SCPs never restrict.
 */

const FIXTURES = join(__dirname, '..', 'fixtures');
const NOVA = 'amazon.nova-micro-v1:0';
const fm = (model: string): string => `arn:aws:bedrock:us-east-1::foundation-model/${model}`;

/** The doors to bringing your own weights or tuning a model, as a normal role in `account` sees them. */
function capabilityCases(account: string): DecisionCase[] {
  const dev = `arn:aws:iam::${account}:role/Developer`;
  const denied = (name: string, action: string, resource: string, context?: Record<string, string>): DecisionCase => ({
    name,
    principalArn: dev,
    action,
    resource,
    ...(context ? { context } : {}),
    expected: 'Denied' as Decision,
  });
  return [
    denied('bedrock:CreateModelImportJob (Custom Model Import)', 'bedrock:CreateModelImportJob', '*'),
    denied('bedrock:CreateCustomModel (custom model from weights)', 'bedrock:CreateCustomModel', '*'),
    denied('bedrock-mantle:CreateCustomizedModel (weights through the OpenAI-compatible API)', 'bedrock-mantle:CreateCustomizedModel', `arn:aws:bedrock-mantle:us-east-1:${account}:customized-model/mine`),
    denied('bedrock:CreateModelCustomizationJob on an allowed base model', 'bedrock:CreateModelCustomizationJob', fm(NOVA)),
    denied('bedrock-mantle:CreateFineTuningJob with an allowed model', 'bedrock-mantle:CreateFineTuningJob', `arn:aws:bedrock-mantle:us-east-1:${account}:project/default`, {
      'bedrock-mantle:Model': NOVA,
    }),
  ];
}

describe.each([
  { fixture: 'decisions-deny-list.yaml', layer: 'root', ids: ['r-d3n1', 'ou-d3n1-bbbbbbbb', '444444444444'] },
  { fixture: 'decisions-allow-list.yaml', layer: 'OU Strict', ids: ['r-a110', 'ou-a110-11111111', '555555555555'] },
])('Custom Model Import and fine-tuning denied at the $layer of $fixture, except MLPlatform', ({ fixture, ids }) => {
  const account = ids[ids.length - 1] ?? '';
  const cases = capabilityCases(account);
  let chain: ScpLevel[];

  beforeAll(async () => {
    const { outdir } = await synthesizeToTemp(join(FIXTURES, fixture));
    chain = scpChainFor(outdir, ids);
  });

  test.each(cases)('Developer: $name -> $expected', async (c) => {
    await expectDecision(chain, c);
  });

  test.each(asRole(cases, 'MLPlatform'))('$name -> $expected', async (c) => {
    await expectDecision(chain, c);
  });

  test.each(asRole(cases, 'OrgBreakGlass'))('$name -> $expected', async (c) => {
    await expectDecision(chain, c);
  });
});

describe('the break-glass principal (decisions-deny-list.yaml)', () => {
  const ACCOUNT = '333333333333';
  let chain: ScpLevel[];

  beforeAll(async () => {
    const { outdir } = await synthesizeToTemp(join(FIXTURES, 'decisions-deny-list.yaml'));
    chain = scpChainFor(outdir, ['r-d3n1', 'ou-d3n1-bbbbbbbb', 'ou-d3n1-cccccccc', ACCOUNT]);
  });

  // AWS puts the role ARN, not the session ARN, into aws:PrincipalArn: sessions of the role are exempt too.
  const session = (role: string): string => `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/incident-4711`;
  test.each([
    { principal: session('OrgBreakGlass'), expected: 'Allowed' },
    { principal: session('OrgBreakGlassReadOnly'), expected: 'Denied' },
    { principal: session('Developer'), expected: 'Denied' },
  ])('a session of $principal invoking deepseek through four SCP levels -> $expected', async ({ principal, expected }) => {
    await expectDecision(chain, {
      name: 'session',
      principalArn: principal,
      action: 'bedrock:InvokeModel',
      resource: fm('deepseek.r1-v1:0'),
      expected: expected as Decision,
    });
  });
});

describe('the management account (decisions-deny-list.yaml lists it with "bedrock: { deny: all }")', () => {
  // SCPs never restrict the management account, so there is nothing to decide for it: rules
  // written for it are a mistake the loader reports, and nothing should be attached to it.
  const MANAGEMENT = '111111111111';
  let org: SynthesizedOrg;

  beforeAll(async () => {
    org = await synthesizeToTemp(join(FIXTURES, 'decisions-deny-list.yaml'));
  });

  test('the loader warns that rules for the management account have no effect', () => {
    expect(org.warnings.filter((w) => w.path === 'models.management')).toEqual([
      expect.objectContaining({ path: 'models.management', message: expect.stringMatching(/management account: SCPs never restrict it/) }),
    ]);
  });

  test('no synthesized SCP is attached to the management account', () => {
    const targets = [...readSynthesizedPolicies(org.outdir).keys()];
    expect(targets).not.toContain(MANAGEMENT);
    expect(targets.sort()).toEqual(['333333333333', 'ou-d3n1-aaaaaaaa', 'ou-d3n1-bbbbbbbb', 'ou-d3n1-cccccccc', 'r-d3n1'].sort());
  });

  test('the example organization attaches nothing to its management account either', async () => {
    const example = await synthesizeToTemp(join(__dirname, '..', '..', 'examples', 'governance.yaml'));
    expect(example.warnings).toEqual([]);
    expect([...readSynthesizedPolicies(example.outdir).keys()]).not.toContain(example.compiled.governance.managementAccount);
  });
});
