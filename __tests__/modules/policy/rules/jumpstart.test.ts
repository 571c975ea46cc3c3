import type { JumpstartRules } from '../../../../modules/config';
import { jumpstartStatements } from '../../../../modules/policy/rules/jumpstart';
import type { RuleContext } from '../../../../modules/policy/rules/rule-context';
import type { PolicyStatement } from '../../../../modules/policy/statement';

const BREAK_GLASS = 'arn:aws:iam::*:role/OrgBreakGlass';
const HUB_CURATOR = 'arn:aws:iam::444444444444:role/MLPlatform';
const CONTEXT: RuleContext = { partition: 'aws', breakGlass: [BREAK_GLASS], layerPath: 'models.root' };
const EXEMPT_BREAK_GLASS = { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS] } };
const EVERY_OPTION: JumpstartRules = { publicHub: 'block', gatedModels: 'block', registerWithBedrock: 'block' };

function statements(rules: JumpstartRules, context: RuleContext = CONTEXT): PolicyStatement[] {
  return jumpstartStatements(rules, context).map((s) => s.statement);
}

describe('jumpstartStatements: which statements each option produces', () => {
  test.each<[string, JumpstartRules, string[]]>([
    ['no options', {}, []],
    ['everything allowed', { publicHub: 'allow', gatedModels: 'allow', registerWithBedrock: 'allow' }, []],
    ['publicHub: block', { publicHub: 'block' }, ['DenySageMakerPublicHub']],
    ['gatedModels: block', { gatedModels: 'block' }, ['DenyJumpStartGatedModels']],
    ['registerWithBedrock: block', { registerWithBedrock: 'block' }, ['DenyRegisterEndpointsWithBedrock']],
    ['networkIsolation: require', { networkIsolation: 'require' }, ['DenySageMakerWithoutNetworkIsolation']],
    ['networkIsolation: allow', { networkIsolation: 'allow' }, []],
    ['every option', EVERY_OPTION, ['DenySageMakerPublicHub', 'DenyJumpStartGatedModels', 'DenyRegisterEndpointsWithBedrock']],
  ])('%s -> %j', (_name, rules, expected) => {
    expect(statements(rules).map((s) => s.Sid)).toEqual(expected);
  });

  test.each<[string, JumpstartRules]>([
    ['models.root.jumpstart.publicHub', { publicHub: 'block' }],
    ['models.root.jumpstart.gatedModels', { gatedModels: 'block' }],
    ['models.root.jumpstart.registerWithBedrock', { registerWithBedrock: 'block' }],
    ['models.root.jumpstart.networkIsolation', { networkIsolation: 'require', except: [HUB_CURATOR] }],
  ])('statements name their rule as %s', (source, rules) => {
    expect(jumpstartStatements(rules, CONTEXT).map((s) => s.source)).toEqual([source]);
  });
});

describe('jumpstart statements', () => {
  test('publicHub: block denies all of SageMaker on the public hub and its content in every region (account "aws", so private hubs are untouched)', () => {
    expect(statements({ publicHub: 'block' })).toEqual([
      {
        Sid: 'DenySageMakerPublicHub',
        Effect: 'Deny',
        Action: ['sagemaker:*'],
        Resource: ['arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/*/*', 'arn:aws:sagemaker:*:aws:hub/SageMakerPublicHub'],
        Condition: EXEMPT_BREAK_GLASS,
      },
    ]);
  });

  test('publicHub: block never emits an S3 statement or a NotResource deny (in an SCP it would deny S3 to the whole organization)', () => {
    const actions = statements(EVERY_OPTION).flatMap((s) => s.Action ?? []);
    expect(actions.filter((a) => a.startsWith('s3:'))).toEqual([]);
    expect(statements(EVERY_OPTION).filter((s) => s.NotResource !== undefined)).toEqual([]);
  });

  test('gatedModels: block denies direct gated-model access on model creation and training', () => {
    expect(statements({ gatedModels: 'block' })).toEqual([
      {
        Sid: 'DenyJumpStartGatedModels',
        Effect: 'Deny',
        Action: ['sagemaker:CreateModel', 'sagemaker:CreateTrainingJob'],
        Resource: ['*'],
        Condition: { ...EXEMPT_BREAK_GLASS, Bool: { 'sagemaker:DirectGatedModelAccess': ['true'] } },
      },
    ]);
  });

  test('registerWithBedrock: block denies registering SageMaker endpoints into Bedrock', () => {
    expect(statements({ registerWithBedrock: 'block' })).toEqual([
      {
        Sid: 'DenyRegisterEndpointsWithBedrock',
        Effect: 'Deny',
        Action: ['bedrock:RegisterMarketplaceModelEndpoint'],
        Resource: ['*'],
        Condition: EXEMPT_BREAK_GLASS,
      },
    ]);
  });

  test('networkIsolation: require denies models, training and tuning jobs whose containers may reach the internet (flag false or left out)', () => {
    expect(statements({ networkIsolation: 'require' })).toEqual([
      {
        Sid: 'DenySageMakerWithoutNetworkIsolation',
        Effect: 'Deny',
        Action: ['sagemaker:CreateHyperParameterTuningJob', 'sagemaker:CreateModel', 'sagemaker:CreateTrainingJob'],
        Resource: ['*'],
        Condition: { ...EXEMPT_BREAK_GLASS, BoolIfExists: { 'sagemaker:NetworkIsolation': ['false'] } },
      },
    ]);
  });
});

describe('exemptions on every deny', () => {
  test.each<[string, readonly string[], string[] | undefined, string[] | undefined]>([
    ['break-glass only', [BREAK_GLASS], undefined, [BREAK_GLASS]],
    ['break-glass and the hub curator', [BREAK_GLASS], [HUB_CURATOR], [BREAK_GLASS, HUB_CURATOR]],
    ['the hub curator only (no break-glass)', [], [HUB_CURATOR], [HUB_CURATOR]],
    ['nobody (breakGlass: [] and no except)', [], undefined, undefined],
  ])('%s', (_name, breakGlass, except, expected) => {
    const all = statements({ ...EVERY_OPTION, ...(except ? { except } : {}) }, { ...CONTEXT, breakGlass });
    expect(all).toHaveLength(3);
    for (const s of all) {
      expect({ sid: s.Sid, exempt: s.Condition?.ArnNotLike?.['aws:PrincipalArn'] }).toEqual({ sid: s.Sid, exempt: expected });
    }
  });
});

describe('partition', () => {
  test.each(['aws', 'aws-cn', 'aws-us-gov'])('the public hub ARNs are in partition %s', (partition) => {
    const [hub] = statements({ publicHub: 'block' }, { ...CONTEXT, partition });
    expect(hub?.Resource).toEqual([
      `arn:${partition}:sagemaker:*:aws:hub-content/SageMakerPublicHub/*/*`,
      `arn:${partition}:sagemaker:*:aws:hub/SageMakerPublicHub`,
    ]);
  });
});
