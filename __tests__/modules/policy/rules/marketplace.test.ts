import type { MarketplaceRules } from '../../../../modules/config';
import { marketplaceStatements } from '../../../../modules/policy/rules/marketplace';
import type { RuleContext } from '../../../../modules/policy/rules/rule-context';
import type { PolicyStatement, RuleStatement } from '../../../../modules/policy/statement';

const BREAK_GLASS = 'arn:aws:iam::*:role/OrgBreakGlass';
const ML_PLATFORM = 'arn:aws:iam::*:role/MLPlatform';
const CONTEXT: RuleContext = { partition: 'aws', breakGlass: [BREAK_GLASS], layerPath: 'models.root' };
const EXEMPT_BREAK_GLASS = { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS] } };

const REQUEST_TAG = 'aws:RequestTag/sagemaker-studio:hub-content-arn';
const RESOURCE_TAG = 'aws:ResourceTag/sagemaker-studio:hub-content-arn';
const ANY_PUBLIC_HUB_MODEL = 'arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/Model/*/*';

/** Calls that create the endpoint, endpoint config and model: the tag is in the request. */
const CREATE_ACTIONS = ['sagemaker:CreateEndpoint', 'sagemaker:CreateEndpointConfig', 'sagemaker:CreateInferenceComponent', 'sagemaker:CreateModel'];
/** Calls on a deployment that exists: the tag is on the resource. */
const USE_ACTIONS = [
  'sagemaker:CreateEndpoint',
  'sagemaker:CreateInferenceComponent',
  'sagemaker:InvokeEndpoint',
  'sagemaker:InvokeEndpointAsync',
  'sagemaker:InvokeEndpointWithResponseStream',
  'sagemaker:UpdateEndpoint',
  'sagemaker:UpdateEndpointWeightsAndCapacities',
];

const EVERY_OPTION: MarketplaceRules = {
  deny: ['deepseek*'],
  allow: ['meta-textgeneration-llama-3*', 'huggingface-llm-mistral*'],
  subscriptions: { allowProductIds: ['prod-abc123'] },
};

function build(rules: MarketplaceRules, context: RuleContext = CONTEXT): RuleStatement[] {
  return marketplaceStatements(rules, context);
}

function statements(rules: MarketplaceRules, context: RuleContext = CONTEXT): PolicyStatement[] {
  return build(rules, context).map((s) => s.statement);
}

function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}

describe('marketplaceStatements: which statements each option produces', () => {
  test.each<[string, MarketplaceRules, string[]]>([
    ['no options', {}, []],
    ['a deny-list', { deny: ['deepseek*'] }, ['DenyMarketplaceModelsOnCreate', 'DenyMarketplaceModelsInUse']],
    ['an allow-list', { allow: ['meta-textgeneration-llama-3*'] }, ['DenyMarketplaceModelsNotAllowedOnCreate', 'DenyMarketplaceModelsNotAllowedInUse']],
    [
      'deny: all',
      { deny: 'all' },
      ['DenyAllMarketplaceModelsOnCreate', 'DenyAllMarketplaceModelsInUse', 'DenyBedrockMarketplaceEndpoints', 'DenyBedrockMarketplaceInvoke'],
    ],
    ['subscriptions: deny', { subscriptions: 'deny' }, ['DenyMarketplaceSubscriptions']],
    [
      'subscriptions: allowProductIds',
      { subscriptions: { allowProductIds: ['prod-abc123'] } },
      ['DenyMarketplaceSubscriptionsNotAllowed', 'DenyMarketplaceSubscriptionsWithoutProductId'],
    ],
    [
      'every option',
      EVERY_OPTION,
      [
        'DenyMarketplaceModelsOnCreate',
        'DenyMarketplaceModelsInUse',
        'DenyMarketplaceModelsNotAllowedOnCreate',
        'DenyMarketplaceModelsNotAllowedInUse',
        'DenyMarketplaceSubscriptionsNotAllowed',
        'DenyMarketplaceSubscriptionsWithoutProductId',
      ],
    ],
  ])('%s -> %j', (_name, rules, expected) => {
    expect(statements(rules).map((s) => s.Sid)).toEqual(expected);
  });

  test.each<[string, string, MarketplaceRules]>([
    ['deny-list', 'models.root.marketplace.deny', { deny: ['deepseek*'] }],
    ['deny: all', 'models.root.marketplace.deny', { deny: 'all' }],
    ['allow-list', 'models.root.marketplace.allow', { allow: ['x*'] }],
    ['subscriptions', 'models.root.marketplace.subscriptions', { subscriptions: 'deny' }],
  ])('%s statements name their rule as %s', (_name, source, rules) => {
    for (const s of build(rules)) expect(s.source).toBe(source);
  });
});

describe('marketplace deny-list: both the request-tag (create) and resource-tag (in use) forms', () => {
  test('denies creating a deployment of a listed model, by the hub-content tag in the request', () => {
    expect(statements({ deny: ['deepseek*'] })[0]).toEqual({
      Sid: 'DenyMarketplaceModelsOnCreate',
      Effect: 'Deny',
      Action: CREATE_ACTIONS,
      Resource: ['*'],
      Condition: { ...EXEMPT_BREAK_GLASS, StringLike: { [REQUEST_TAG]: ['arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/Model/deepseek*/*'] } },
    });
  });

  test('denies using an existing deployment of a listed model, by the hub-content tag on the resource', () => {
    expect(statements({ deny: ['deepseek*'] })[1]).toEqual({
      Sid: 'DenyMarketplaceModelsInUse',
      Effect: 'Deny',
      Action: USE_ACTIONS,
      Resource: ['*'],
      Condition: { ...EXEMPT_BREAK_GLASS, StringLike: { [RESOURCE_TAG]: ['arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/Model/deepseek*/*'] } },
    });
  });

  test('several globs become sorted, de-duplicated hub-content patterns, the same in both forms', () => {
    const [create, inUse] = statements({ deny: ['mistral*', 'deepseek*', 'mistral*'] });
    const expected = [
      'arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/Model/deepseek*/*',
      'arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/Model/mistral*/*',
    ];
    expect(create?.Condition?.StringLike).toEqual({ [REQUEST_TAG]: expected });
    expect(inUse?.Condition?.StringLike).toEqual({ [RESOURCE_TAG]: expected });
  });
});

describe('marketplace allow-list', () => {
  test.each<[string, string]>([
    ['OnCreate', REQUEST_TAG],
    ['InUse', RESOURCE_TAG],
  ])('%s: denies public hub content (tag present) that matches none of the approved models, by %s', (suffix, tag) => {
    const statement = statements({ allow: ['meta-textgeneration-llama-3*', 'huggingface-llm-mistral*'] }).find(
      (s) => s.Sid === `DenyMarketplaceModelsNotAllowed${suffix}`,
    );
    expect(statement).toEqual({
      Sid: `DenyMarketplaceModelsNotAllowed${suffix}`,
      Effect: 'Deny',
      Action: suffix === 'OnCreate' ? CREATE_ACTIONS : USE_ACTIONS,
      Resource: ['*'],
      Condition: {
        ...EXEMPT_BREAK_GLASS,
        // Only deployments tagged with public hub content are in scope: private hubs and untagged work are left alone.
        StringLike: { [tag]: [ANY_PUBLIC_HUB_MODEL] },
        StringNotLike: {
          [tag]: [
            'arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/Model/huggingface-llm-mistral*/*',
            'arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/Model/meta-textgeneration-llama-3*/*',
          ],
        },
      },
    });
  });
});

describe('marketplace deny: all', () => {
  test('denies every public hub model in both tag forms, Bedrock marketplace endpoints, and invoking them through Bedrock', () => {
    expect(statements({ deny: 'all' })).toEqual([
      {
        Sid: 'DenyAllMarketplaceModelsOnCreate',
        Effect: 'Deny',
        Action: CREATE_ACTIONS,
        Resource: ['*'],
        Condition: { ...EXEMPT_BREAK_GLASS, StringLike: { [REQUEST_TAG]: [ANY_PUBLIC_HUB_MODEL] } },
      },
      {
        Sid: 'DenyAllMarketplaceModelsInUse',
        Effect: 'Deny',
        Action: USE_ACTIONS,
        Resource: ['*'],
        Condition: { ...EXEMPT_BREAK_GLASS, StringLike: { [RESOURCE_TAG]: [ANY_PUBLIC_HUB_MODEL] } },
      },
      {
        Sid: 'DenyBedrockMarketplaceEndpoints',
        Effect: 'Deny',
        Action: ['bedrock:CreateMarketplaceModelEndpoint', 'bedrock:RegisterMarketplaceModelEndpoint', 'bedrock:UpdateMarketplaceModelEndpoint'],
        Resource: ['*'],
        Condition: EXEMPT_BREAK_GLASS,
      },
      {
        Sid: 'DenyBedrockMarketplaceInvoke',
        Effect: 'Deny',
        Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        Resource: ['arn:aws:bedrock:*:*:marketplace/model-endpoint/all-access'],
        Condition: EXEMPT_BREAK_GLASS,
      },
    ]);
  });
});

describe('marketplace subscriptions', () => {
  test('deny refuses every AWS Marketplace subscription', () => {
    expect(statements({ subscriptions: 'deny' })).toEqual([
      { Sid: 'DenyMarketplaceSubscriptions', Effect: 'Deny', Action: ['aws-marketplace:Subscribe'], Resource: ['*'], Condition: EXEMPT_BREAK_GLASS },
    ]);
  });

  test('allowProductIds refuses subscriptions to any other product, and subscriptions that name no product', () => {
    expect(statements({ subscriptions: { allowProductIds: ['prod-zzz', 'prod-abc123'] } })).toEqual([
      {
        Sid: 'DenyMarketplaceSubscriptionsNotAllowed',
        Effect: 'Deny',
        Action: ['aws-marketplace:Subscribe'],
        Resource: ['*'],
        // aws-marketplace:ProductId is multi-valued: any requested product outside the list denies.
        Condition: { ...EXEMPT_BREAK_GLASS, 'ForAnyValue:StringNotEquals': { 'aws-marketplace:ProductId': ['prod-abc123', 'prod-zzz'] } },
      },
      {
        Sid: 'DenyMarketplaceSubscriptionsWithoutProductId',
        Effect: 'Deny',
        Action: ['aws-marketplace:Subscribe'],
        Resource: ['*'],
        // ForAnyValue is false when the key is absent, so the absent key needs its own deny.
        Condition: { ...EXEMPT_BREAK_GLASS, Null: { 'aws-marketplace:ProductId': ['true'] } },
      },
    ]);
  });
});

describe('exemptions on every deny', () => {
  test.each<[string, readonly string[], string[] | undefined, string[]]>([
    ['break-glass only', [BREAK_GLASS], undefined, [BREAK_GLASS]],
    ['break-glass and the rule except', [BREAK_GLASS], [ML_PLATFORM], [ML_PLATFORM, BREAK_GLASS]],
    ['no break-glass, the rule except only', [], [ML_PLATFORM], [ML_PLATFORM]],
  ])('%s', (_name, breakGlass, except, expected) => {
    for (const rules of [EVERY_OPTION, { deny: 'all', subscriptions: 'deny' } as MarketplaceRules]) {
      const all = statements({ ...rules, ...(except ? { except } : {}) }, { ...CONTEXT, breakGlass });
      expect(all.length).toBeGreaterThanOrEqual(5);
      for (const s of all) {
        expect(s.Effect).toBe('Deny');
        expect({ sid: s.Sid, exempt: s.Condition?.ArnNotLike?.['aws:PrincipalArn'] }).toEqual({ sid: s.Sid, exempt: expected });
      }
    }
  });

  test('breakGlass: [] and no except: no ArnNotLike anywhere, and no empty Condition', () => {
    const all = statements({ deny: 'all', subscriptions: 'deny' }, { ...CONTEXT, breakGlass: [] });
    for (const s of all) expect(s.Condition?.ArnNotLike).toBeUndefined();
    expect(all.find((s) => s.Sid === 'DenyMarketplaceSubscriptions')).not.toHaveProperty('Condition');
  });
});

describe('partition', () => {
  test.each(['aws', 'aws-cn', 'aws-us-gov'])('every ARN is in partition %s', (partition) => {
    const context = { ...CONTEXT, partition, breakGlass: [`arn:${partition}:iam::*:role/OrgBreakGlass`] };
    const all = [...statements(EVERY_OPTION, context), ...statements({ deny: 'all' }, context)];
    const arns = all.flatMap(allStrings).filter((v) => v.startsWith('arn:'));
    expect(arns.length).toBeGreaterThan(10);
    expect(arns.filter((arn) => !arn.startsWith(`arn:${partition}:`))).toEqual([]);
    expect(all.find((s) => s.Sid === 'DenyBedrockMarketplaceInvoke')?.Resource).toEqual([`arn:${partition}:bedrock:*:*:marketplace/model-endpoint/all-access`]);
  });
});
