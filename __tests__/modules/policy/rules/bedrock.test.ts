import type { BedrockRules } from '../../../../modules/config';
import { bedrockStatements, reachesAnthropic } from '../../../../modules/policy/rules/bedrock';
import type { RuleContext } from '../../../../modules/policy/rules/rule-context';
import type { PolicyStatement, RuleStatement } from '../../../../modules/policy/statement';

const BREAK_GLASS = 'arn:aws:iam::*:role/OrgBreakGlass';
const ML_PLATFORM = 'arn:aws:iam::*:role/MLPlatform';
const CONTEXT: RuleContext = { partition: 'aws', breakGlass: [BREAK_GLASS], layerPath: 'models.Sandbox' };
const EXEMPT_BREAK_GLASS = { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS] } };
const GUARDRAIL = 'arn:aws:bedrock:us-east-1:333333333333:guardrail/prodapp01';

/** Written out rather than imported, so that a change to the gated actions shows up here. */
const MODEL_USE = [
  'bedrock:CountTokens',
  'bedrock:CreateAdvancedPromptOptimizationJob',
  'bedrock:CreateCustomModelDeployment',
  'bedrock:CreateEvaluationJob',
  'bedrock:CreateModelCustomizationJob',
  'bedrock:CreateModelEvaluationJob',
  'bedrock:CreateModelInvocationJob',
  'bedrock:CreatePromptRouter',
  'bedrock:CreateProvisionedModelThroughput',
  'bedrock:InvokeModel',
  'bedrock:InvokeModelWithResponseStream',
  'bedrock:UpdateCustomModelDeployment',
  'bedrock:UpdateProvisionedModelThroughput',
];
const MANTLE_MODEL_USE = ['bedrock-mantle:CountTokens', 'bedrock-mantle:CreateFineTuningJob', 'bedrock-mantle:CreateInference'];

/** Every option of the bedrock rules at once, to check what holds for all statements. */
const EVERY_OPTION: BedrockRules = {
  deny: ['deepseek.*'],
  allow: ['anthropic.claude-3-5-sonnet*', 'amazon.nova-*'],
  alsoAllow: ['importedModels', 'customModels', 'marketplaceModels', 'applicationInferenceProfiles', 'promptRouters'],
  apiKeys: 'deny',
  openAiCompatibleEndpoint: 'deny',
  claudePlatform: 'deny',
  modelAccess: 'deny',
  viaMcpServers: 'deny',
  requireGuardrail: { guardrails: [GUARDRAIL] },
};

function build(rules: BedrockRules, context: RuleContext = CONTEXT): RuleStatement[] {
  return bedrockStatements(rules, context);
}

function sids(rules: BedrockRules): string[] {
  return build(rules).map((s) => s.statement.Sid);
}

function statement(rules: BedrockRules, sid: string, context: RuleContext = CONTEXT): PolicyStatement {
  const found = build(rules, context).find((s) => s.statement.Sid === sid);
  if (!found) throw new Error(`no statement ${sid} in ${JSON.stringify(build(rules, context).map((s) => s.statement.Sid))}`);
  return found.statement;
}

/** IAM resource matching: `*` is any run of characters (including none), `?` is one. */
function globMatches(glob: string, arn: string): boolean {
  const regex = glob
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${regex}$`).test(arn);
}

function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}

describe('bedrockStatements: which statements each option produces', () => {
  test.each<[string, BedrockRules, string[]]>([
    ['no options', {}, []],
    ['a deny-list of non-Anthropic models', { deny: ['deepseek.*'] }, ['DenyBedrockModels', 'DenyBedrockMantleModels']],
    ['deny: all', { deny: 'all' }, ['DenyAllBedrockModels', 'DenyAllBedrockMantleModels', 'DenyClaudePlatformOnAws']],
    ['an allow-list', { allow: ['amazon.nova-*'] }, ['DenyBedrockModelsNotAllowed', 'DenyBedrockMantleModelsNotAllowed', 'DenyClaudePlatformOnAws']],
    [
      'a deny-list and an allow-list',
      { deny: ['deepseek.*'], allow: ['amazon.nova-*'] },
      ['DenyBedrockModels', 'DenyBedrockMantleModels', 'DenyBedrockModelsNotAllowed', 'DenyBedrockMantleModelsNotAllowed', 'DenyClaudePlatformOnAws'],
    ],
    ['apiKeys: allow', { apiKeys: 'allow' }, []],
    ['apiKeys: deny', { apiKeys: 'deny' }, ['DenyBedrockApiKeyCreation', 'DenyBedrockApiKeys']],
    ['apiKeys: shortTermOnly', { apiKeys: 'shortTermOnly' }, ['DenyBedrockApiKeyCreation', 'DenyBedrockMantleLongTermApiKeys', 'DenyBedrockLongTermApiKeys']],
    ['openAiCompatibleEndpoint: allow', { openAiCompatibleEndpoint: 'allow' }, []],
    ['openAiCompatibleEndpoint: deny', { openAiCompatibleEndpoint: 'deny' }, ['DenyBedrockMantle']],
    ['claudePlatform: allow', { claudePlatform: 'allow' }, []],
    ['claudePlatform: deny', { claudePlatform: 'deny' }, ['DenyClaudePlatformOnAws']],
    ['modelAccess: allow', { modelAccess: 'allow' }, []],
    ['modelAccess: deny', { modelAccess: 'deny' }, ['DenyBedrockModelAccessChanges']],
    ['viaMcpServers: allow', { viaMcpServers: 'allow' }, []],
    ['viaMcpServers: deny', { viaMcpServers: 'deny' }, ['DenyBedrockViaMcpServers']],
    ['requireGuardrail', { requireGuardrail: { guardrails: [GUARDRAIL] } }, ['DenyBedrockInvokeWithoutGuardrail', 'DenyBedrockModelUseWithoutGuardrail']],
    [
      'requireGuardrail letting every kind through',
      {
        requireGuardrail: {
          guardrails: [GUARDRAIL],
          allowWithoutGuardrail: ['batchInference', 'evaluation', 'modelCustomization', 'openAiCompatibleEndpoint', 'promptOptimization'],
        },
      },
      ['DenyBedrockInvokeWithoutGuardrail'],
    ],
  ])('%s -> %j', (_name, rules, expected) => {
    expect(sids(rules)).toEqual(expected);
  });

  test.each<[string, string, BedrockRules]>([
    ['deny-list', 'models.Sandbox.bedrock.deny', { deny: ['deepseek.*'] }],
    ['deny: all', 'models.Sandbox.bedrock.deny', { deny: 'all', claudePlatform: 'allow' }],
    ['allow-list', 'models.Sandbox.bedrock.allow', { allow: ['amazon.nova-*'], claudePlatform: 'allow' }],
    ['claudePlatform', 'models.Sandbox.bedrock.claudePlatform', { claudePlatform: 'deny' }],
    ['apiKeys', 'models.Sandbox.bedrock.apiKeys', { apiKeys: 'deny' }],
    ['openAiCompatibleEndpoint', 'models.Sandbox.bedrock.openAiCompatibleEndpoint', { openAiCompatibleEndpoint: 'deny' }],
    ['modelAccess', 'models.Sandbox.bedrock.modelAccess', { modelAccess: 'deny' }],
    ['viaMcpServers', 'models.Sandbox.bedrock.viaMcpServers', { viaMcpServers: 'deny' }],
    ['requireGuardrail', 'models.Sandbox.bedrock.requireGuardrail', { requireGuardrail: { guardrails: [GUARDRAIL] } }],
  ])('%s statements name their rule as %s', (_name, source, rules) => {
    const statements = build(rules);
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) expect(s.source).toBe(source);
  });
});

describe('bedrock deny-list', () => {
  test('denies every model-running action on the listed foundation models (in every region and in none) and on their system inference profiles', () => {
    expect(statement({ deny: ['deepseek.*'] }, 'DenyBedrockModels')).toEqual({
      Sid: 'DenyBedrockModels',
      Effect: 'Deny',
      Action: MODEL_USE,
      Resource: ['arn:aws:bedrock:*:*:inference-profile/*.deepseek.*', 'arn:aws:bedrock:*::foundation-model/deepseek.*'],
      Condition: EXEMPT_BREAK_GLASS,
    });
  });

  test.each<[string, string]>([
    ['us.deepseek.r1-v1:0', 'a geographic profile'],
    ['global.deepseek.r1-v1:0', 'the global profile'],
    ['apac.deepseek.v3-v1:0', 'another geography and model of the family'],
  ])('the profile ARN of %s (%s) is in the deny-list, in any account and region', (profileId) => {
    const resources = statement({ deny: ['deepseek.*'] }, 'DenyBedrockModels').Resource ?? [];
    const arn = `arn:aws:bedrock:eu-west-1:222222222222:inference-profile/${profileId}`;
    expect(resources.filter((pattern) => globMatches(pattern, arn))).toEqual(['arn:aws:bedrock:*:*:inference-profile/*.deepseek.*']);
  });

  test('the profile pattern does not reach the profiles of other models', () => {
    const resources = statement({ deny: ['deepseek.*'] }, 'DenyBedrockModels').Resource ?? [];
    const arn = 'arn:aws:bedrock:us-east-1:222222222222:inference-profile/us.amazon.nova-pro-v1:0';
    expect(resources.filter((pattern) => globMatches(pattern, arn))).toEqual([]);
  });

  test('denies the same models on the OpenAI-compatible endpoint by bedrock-mantle:Model', () => {
    expect(statement({ deny: ['deepseek.*'] }, 'DenyBedrockMantleModels')).toEqual({
      Sid: 'DenyBedrockMantleModels',
      Effect: 'Deny',
      Action: MANTLE_MODEL_USE,
      Resource: ['*'],
      Condition: { ...EXEMPT_BREAK_GLASS, StringLike: { 'bedrock-mantle:Model': ['deepseek.*'] } },
    });
  });

  test.each<[string, string[], string[]]>([
    ['sorted', ['meta.llama3*', 'deepseek.*'], ['deepseek.*', 'meta.llama3*']],
    ['de-duplicated', ['deepseek.*', 'deepseek.*'], ['deepseek.*']],
    ['collapsed to * when one glob is *', ['deepseek.*', '*'], ['*']],
  ])('model globs are %s', (_name, globs, expected) => {
    expect(statement({ deny: globs }, 'DenyBedrockModels').Resource).toEqual(
      [...expected.map((g) => `arn:aws:bedrock:*:*:inference-profile/*.${g}`), ...expected.map((g) => `arn:aws:bedrock:*::foundation-model/${g}`)].sort(),
    );
    expect(statement({ deny: globs }, 'DenyBedrockMantleModels').Condition?.StringLike).toEqual({ 'bedrock-mantle:Model': expected });
  });

  test('deny: all denies every model-running action on every resource, on both APIs', () => {
    const statements = build({ deny: 'all' }).map((s) => s.statement);
    expect(statements).toEqual([
      { Sid: 'DenyAllBedrockModels', Effect: 'Deny', Action: MODEL_USE, Resource: ['*'], Condition: EXEMPT_BREAK_GLASS },
      { Sid: 'DenyAllBedrockMantleModels', Effect: 'Deny', Action: MANTLE_MODEL_USE, Resource: ['*'], Condition: EXEMPT_BREAK_GLASS },
      { Sid: 'DenyClaudePlatformOnAws', Effect: 'Deny', Action: ['aws-external-anthropic:*'], Resource: ['*'], Condition: EXEMPT_BREAK_GLASS },
    ]);
  });
});

describe('bedrock allow-list', () => {
  const ALLOWED = ['anthropic.claude-3-5-sonnet*', 'amazon.nova-*'];
  /** What an allow-list keeps open with no alsoAllow: the models, their profiles, and the companions of a model request. */
  const BASE_NOT_RESOURCE = [
    // Bedrock User Guide, Advanced Prompt Optimization prerequisites: the action is authorized on the job ARN.
    'arn:aws:bedrock:*:*:advanced-prompt-optimization-job/*',
    'arn:aws:bedrock:*:*:async-invoke/*',
    'arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-*',
    'arn:aws:bedrock:*:*:inference-profile/*.anthropic.claude-3-5-sonnet*',
    // Batch inference is authorized on the job ARN as well as on the model (Bedrock user guide, batch
    // inference prerequisites; the IAM catalog lists model-invocation-job for CreateModelInvocationJob).
    'arn:aws:bedrock:*:*:model-invocation-job/*',
    // Stateful invocations are also authorized on their project; system tools (web grounding) on the tool.
    'arn:aws:bedrock:*:*:project/*',
    'arn:aws:bedrock:*:*:system-tool/*',
    'arn:aws:bedrock:*::foundation-model/amazon.nova-*',
    'arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet*',
  ];

  function notResource(rules: BedrockRules): readonly string[] {
    return statement(rules, 'DenyBedrockModelsNotAllowed').NotResource ?? [];
  }

  test('is a Deny with NotResource = the allowed models, their inference profiles and the companion resources', () => {
    expect(statement({ allow: ALLOWED }, 'DenyBedrockModelsNotAllowed')).toEqual({
      Sid: 'DenyBedrockModelsNotAllowed',
      Effect: 'Deny',
      Action: MODEL_USE,
      NotResource: BASE_NOT_RESOURCE,
      Condition: EXEMPT_BREAK_GLASS,
    });
  });

  test('on the OpenAI-compatible endpoint, denies any model not matching (StringNotLike, also true when absent)', () => {
    expect(statement({ allow: ALLOWED }, 'DenyBedrockMantleModelsNotAllowed')).toEqual({
      Sid: 'DenyBedrockMantleModelsNotAllowed',
      Effect: 'Deny',
      Action: MANTLE_MODEL_USE,
      Resource: ['*'],
      Condition: { ...EXEMPT_BREAK_GLASS, StringNotLike: { 'bedrock-mantle:Model': ['amazon.nova-*', 'anthropic.claude-3-5-sonnet*'] } },
    });
  });

  test.each<[NonNullable<BedrockRules['alsoAllow']>, string[]]>([
    [[], []],
    [['importedModels'], ['arn:aws:bedrock:*:*:imported-model/*']],
    [['customModels'], ['arn:aws:bedrock:*:*:custom-model-deployment/*', 'arn:aws:bedrock:*:*:custom-model/*', 'arn:aws:bedrock:*:*:provisioned-model/*']],
    [['applicationInferenceProfiles'], ['arn:aws:bedrock:*:*:application-inference-profile/*']],
    [['promptRouters'], ['arn:aws:bedrock:*:*:default-prompt-router/*', 'arn:aws:bedrock:*:*:prompt-router/*']],
    [['marketplaceModels'], ['arn:aws:bedrock:*:*:marketplace/model-endpoint/all-access']],
    [
      ['importedModels', 'customModels', 'marketplaceModels', 'applicationInferenceProfiles', 'promptRouters'],
      [
        'arn:aws:bedrock:*:*:application-inference-profile/*',
        'arn:aws:bedrock:*:*:custom-model-deployment/*',
        'arn:aws:bedrock:*:*:custom-model/*',
        'arn:aws:bedrock:*:*:default-prompt-router/*',
        'arn:aws:bedrock:*:*:imported-model/*',
        'arn:aws:bedrock:*:*:marketplace/model-endpoint/all-access',
        'arn:aws:bedrock:*:*:prompt-router/*',
        'arn:aws:bedrock:*:*:provisioned-model/*',
      ],
    ],
  ])('alsoAllow %j keeps exactly these other model kinds open: %j', (alsoAllow, extra) => {
    const without = notResource({ allow: ALLOWED });
    const withAlso = notResource({ allow: ALLOWED, alsoAllow });
    expect(withAlso.filter((arn) => !without.includes(arn))).toEqual(extra);
    expect(without.filter((arn) => !withAlso.includes(arn))).toEqual([]);
    expect([...withAlso]).toEqual([...withAlso].sort());
  });

  test('a * allow-list keeps every foundation model and every system inference profile open, with no narrower pattern', () => {
    const models = notResource({ allow: ['anthropic.*', '*'] }).filter((arn) => /foundation-model|inference-profile/.test(arn));
    expect(models).toEqual(['arn:aws:bedrock:*:*:inference-profile/*.*', 'arn:aws:bedrock:*::foundation-model/*']);
  });
});

describe('Claude Platform on AWS (cannot be limited per model)', () => {
  test.each<[string, boolean, BedrockRules]>([
    ['a deny-list of deepseek.*', false, { deny: ['deepseek.*'] }],
    ['a deny-list of other vendors only', false, { deny: ['amazon.*', 'meta.llama3*'] }],
    ['a deny-list of anthropic.*', true, { deny: ['anthropic.*'] }],
    ['a deny-list of one Claude family', true, { deny: ['anthropic.claude-3-5-sonnet*'] }],
    ['a deny-list glob whose literal prefix could still become "anthropic."', true, { deny: ['anth*'] }],
    ['a deny-list glob with ? before the vendor', true, { deny: ['a?thropic.claude*'] }],
    ['a deny-list of *', true, { deny: ['*'] }],
    ['a deny-list naming the exact id "anthropic" (no wildcard, not an anthropic. model)', false, { deny: ['anthropic'] }],
    ['deny: all', true, { deny: 'all' }],
    ['an allow-list without Anthropic (it denies every Claude model)', true, { allow: ['amazon.nova-*'] }],
    ['an allow-list of Claude models', true, { allow: ['anthropic.claude-3-5-sonnet*'] }],
    ['only apiKeys', false, { apiKeys: 'deny' }],
  ])('%s -> reachesAnthropic %s, and Claude Platform is denied by default iff so', (_name, reaches, rules) => {
    expect(reachesAnthropic(rules)).toBe(reaches);
    expect(sids(rules).includes('DenyClaudePlatformOnAws')).toBe(reaches);
  });

  test.each<[string, BedrockRules, boolean]>([
    ['claudePlatform: deny with a non-Anthropic deny-list', { deny: ['deepseek.*'], claudePlatform: 'deny' }, true],
    ['claudePlatform: allow with an allow-list', { allow: ['amazon.nova-*'], claudePlatform: 'allow' }, false],
    ['claudePlatform: allow with deny: all', { deny: 'all', claudePlatform: 'allow' }, false],
  ])('an explicit setting wins over the default: %s', (_name, rules, denied) => {
    expect(sids(rules).includes('DenyClaudePlatformOnAws')).toBe(denied);
  });

  test('the deny covers the whole aws-external-anthropic service', () => {
    expect(statement({ deny: ['anthropic.*'] }, 'DenyClaudePlatformOnAws')).toEqual({
      Sid: 'DenyClaudePlatformOnAws',
      Effect: 'Deny',
      Action: ['aws-external-anthropic:*'],
      Resource: ['*'],
      Condition: EXEMPT_BREAK_GLASS,
    });
  });
});

describe('Bedrock API keys', () => {
  const CREATION: PolicyStatement = {
    Sid: 'DenyBedrockApiKeyCreation',
    Effect: 'Deny',
    Action: ['iam:CreateServiceSpecificCredential'],
    Resource: ['*'],
    Condition: { ...EXEMPT_BREAK_GLASS, StringEquals: { 'iam:ServiceSpecificCredentialServiceName': ['bedrock.amazonaws.com'] } },
  };

  test('deny: no long-term keys can be created, and no bearer token is accepted on either API', () => {
    expect(build({ apiKeys: 'deny' }).map((s) => s.statement)).toEqual([
      CREATION,
      {
        Sid: 'DenyBedrockApiKeys',
        Effect: 'Deny',
        Action: ['bedrock-mantle:CallWithBearerToken', 'bedrock:CallWithBearerToken'],
        Resource: ['*'],
        Condition: EXEMPT_BREAK_GLASS,
      },
    ]);
  });

  test('shortTermOnly: no long-term keys can be created, and only LONG_TERM bearer tokens are refused', () => {
    expect(build({ apiKeys: 'shortTermOnly' }).map((s) => s.statement)).toEqual([
      CREATION,
      {
        Sid: 'DenyBedrockMantleLongTermApiKeys',
        Effect: 'Deny',
        Action: ['bedrock-mantle:CallWithBearerToken'],
        Resource: ['*'],
        Condition: { ...EXEMPT_BREAK_GLASS, StringEquals: { 'bedrock-mantle:BearerTokenType': ['LONG_TERM'] } },
      },
      {
        Sid: 'DenyBedrockLongTermApiKeys',
        Effect: 'Deny',
        Action: ['bedrock:CallWithBearerToken'],
        Resource: ['*'],
        Condition: { ...EXEMPT_BREAK_GLASS, StringEquals: { 'bedrock:BearerTokenType': ['LONG_TERM'] } },
      },
    ]);
  });
});

describe('other doors to the same models', () => {
  test('openAiCompatibleEndpoint: deny closes the whole bedrock-mantle service', () => {
    expect(statement({ openAiCompatibleEndpoint: 'deny' }, 'DenyBedrockMantle')).toEqual({
      Sid: 'DenyBedrockMantle',
      Effect: 'Deny',
      Action: ['bedrock-mantle:*'],
      Resource: ['*'],
      Condition: EXEMPT_BREAK_GLASS,
    });
  });

  test('modelAccess: deny refuses agreements, entitlements and use-case submissions', () => {
    expect(statement({ modelAccess: 'deny' }, 'DenyBedrockModelAccessChanges')).toEqual({
      Sid: 'DenyBedrockModelAccessChanges',
      Effect: 'Deny',
      Action: ['bedrock:CreateFoundationModelAgreement', 'bedrock:PutFoundationModelEntitlement', 'bedrock:PutUseCaseForModelAccess'],
      Resource: ['*'],
      Condition: EXEMPT_BREAK_GLASS,
    });
  });

  test('viaMcpServers: deny refuses model use when the call comes through an AWS-managed MCP server', () => {
    expect(statement({ viaMcpServers: 'deny' }, 'DenyBedrockViaMcpServers')).toEqual({
      Sid: 'DenyBedrockViaMcpServers',
      Effect: 'Deny',
      Action: MODEL_USE,
      Resource: ['*'],
      Condition: { ...EXEMPT_BREAK_GLASS, Bool: { 'aws:ViaAWSMCPService': ['true'] } },
    });
  });
});

describe('requireGuardrail', () => {
  test.each<[string, string[], string[]]>([
    ['a guardrail without version accepts the ARN alone and every version of it', [GUARDRAIL], [GUARDRAIL, `${GUARDRAIL}:*`]],
    ['a guardrail with a version accepts only that version', [`${GUARDRAIL}:3`], [`${GUARDRAIL}:3`]],
    [
      'several guardrails are listed together, sorted',
      ['arn:aws:bedrock:eu-west-1:333333333333:guardrail/eu01:2', GUARDRAIL],
      ['arn:aws:bedrock:eu-west-1:333333333333:guardrail/eu01:2', GUARDRAIL, `${GUARDRAIL}:*`],
    ],
  ])('%s', (_name, guardrails, accepted) => {
    expect(statement({ requireGuardrail: { guardrails } }, 'DenyBedrockInvokeWithoutGuardrail')).toEqual({
      Sid: 'DenyBedrockInvokeWithoutGuardrail',
      Effect: 'Deny',
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      Resource: ['*'],
      // Both keys under one ArnNotLike: IAM ANDs them, so only a non-exempt principal without an approved guardrail is denied.
      Condition: { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS], 'bedrock:GuardrailIdentifier': accepted } },
    });
  });

  test('its own except adds to the bedrock except and the break-glass principals', () => {
    const rules: BedrockRules = {
      except: [ML_PLATFORM],
      requireGuardrail: { guardrails: [GUARDRAIL], except: ['arn:aws:iam::*:role/GuardrailTesting'] },
    };
    expect(statement(rules, 'DenyBedrockInvokeWithoutGuardrail').Condition?.ArnNotLike?.['aws:PrincipalArn']).toEqual([
      'arn:aws:iam::*:role/GuardrailTesting',
      ML_PLATFORM,
      BREAK_GLASS,
    ]);
  });

  const WITHOUT_GUARDRAIL = {
    batchInference: ['bedrock:CreateModelInvocationJob'],
    evaluation: ['bedrock:CreateEvaluationJob', 'bedrock:CreateModelEvaluationJob'],
    modelCustomization: ['bedrock-mantle:CreateFineTuningJob', 'bedrock:CreateModelCustomizationJob'],
    openAiCompatibleEndpoint: ['bedrock-mantle:CreateInference'],
    promptOptimization: ['bedrock:CreateAdvancedPromptOptimizationJob'],
  } as const;
  type Kind = keyof typeof WITHOUT_GUARDRAIL;
  const KINDS = Object.keys(WITHOUT_GUARDRAIL) as Kind[];

  test('the model use that cannot name a guardrail is denied outright, with the same exemptions', () => {
    const rules: BedrockRules = { except: [ML_PLATFORM], requireGuardrail: { guardrails: [GUARDRAIL], except: ['arn:aws:iam::*:role/GuardrailTesting'] } };
    expect(statement(rules, 'DenyBedrockModelUseWithoutGuardrail')).toEqual({
      Sid: 'DenyBedrockModelUseWithoutGuardrail',
      Effect: 'Deny',
      Action: KINDS.flatMap((kind) => WITHOUT_GUARDRAIL[kind]).sort(),
      Resource: ['*'],
      Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/GuardrailTesting', ML_PLATFORM, BREAK_GLASS] } },
    });
  });

  test.each(KINDS)('allowWithoutGuardrail: [%s] lets exactly its actions through', (kind) => {
    const denied = statement({ requireGuardrail: { guardrails: [GUARDRAIL], allowWithoutGuardrail: [kind] } }, 'DenyBedrockModelUseWithoutGuardrail').Action;
    const expected = KINDS.filter((k) => k !== kind).flatMap((k) => WITHOUT_GUARDRAIL[k]).sort();
    expect(denied).toEqual(expected);
  });

  test('allowWithoutGuardrail leaves the guardrail requirement on InvokeModel as it is', () => {
    const rules: BedrockRules = { requireGuardrail: { guardrails: [GUARDRAIL], allowWithoutGuardrail: [...KINDS] } };
    expect(statement(rules, 'DenyBedrockInvokeWithoutGuardrail').Action).toEqual(['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']);
  });

  test('its own except does not leak into the other bedrock statements', () => {
    const rules: BedrockRules = { deny: ['deepseek.*'], requireGuardrail: { guardrails: [GUARDRAIL], except: ['arn:aws:iam::*:role/GuardrailTesting'] } };
    expect(statement(rules, 'DenyBedrockModels').Condition?.ArnNotLike?.['aws:PrincipalArn']).toEqual([BREAK_GLASS]);
  });
});

describe('exemptions on every deny', () => {
  test.each<[string, readonly string[], readonly string[] | undefined, string[]]>([
    ['break-glass only', [BREAK_GLASS], undefined, [BREAK_GLASS]],
    ['break-glass and the rule except', [BREAK_GLASS], [ML_PLATFORM], [ML_PLATFORM, BREAK_GLASS]],
    [
      'two break-glass principals and the rule except',
      [BREAK_GLASS, 'arn:aws:iam::111111111111:user/Recovery'],
      [ML_PLATFORM],
      ['arn:aws:iam::*:role/MLPlatform', BREAK_GLASS, 'arn:aws:iam::111111111111:user/Recovery'],
    ],
    ['no break-glass, the rule except only', [], [ML_PLATFORM], [ML_PLATFORM]],
  ])('%s: every statement of every option exempts exactly them', (_name, breakGlass, except, expected) => {
    const rules: BedrockRules = { ...EVERY_OPTION, ...(except ? { except: [...except] } : {}) };
    const statements = build(rules, { ...CONTEXT, breakGlass });
    expect(statements).toHaveLength(12);
    for (const { statement: s } of statements) {
      expect(s.Effect).toBe('Deny');
      expect({ sid: s.Sid, exempt: s.Condition?.ArnNotLike?.['aws:PrincipalArn'] }).toEqual({ sid: s.Sid, exempt: expected });
    }
  });

  test('breakGlass: [] and no except: no statement carries an aws:PrincipalArn condition', () => {
    const statements = build(EVERY_OPTION, { ...CONTEXT, breakGlass: [] });
    for (const { statement: s } of statements) expect(s.Condition?.ArnNotLike?.['aws:PrincipalArn']).toBeUndefined();
    // Statements with no other condition have no Condition at all.
    expect(statements.find((s) => s.statement.Sid === 'DenyBedrockModels')?.statement).not.toHaveProperty('Condition');
    expect(statements.find((s) => s.statement.Sid === 'DenyBedrockMantle')?.statement).not.toHaveProperty('Condition');
    // requireGuardrail keeps its guardrail condition.
    expect(statements.find((s) => s.statement.Sid === 'DenyBedrockInvokeWithoutGuardrail')?.statement.Condition).toEqual({
      ArnNotLike: { 'bedrock:GuardrailIdentifier': [GUARDRAIL, `${GUARDRAIL}:*`] },
    });
  });
});

describe('partition', () => {
  test.each(['aws', 'aws-cn', 'aws-us-gov'])('every ARN the rules produce is in partition %s', (partition) => {
    const statements = build(
      { ...EVERY_OPTION, requireGuardrail: { guardrails: [`arn:${partition}:bedrock:us-east-1:333333333333:guardrail/prodapp01`] } },
      { ...CONTEXT, partition, breakGlass: [`arn:${partition}:iam::*:role/OrgBreakGlass`] },
    );
    const arns = statements.flatMap((s) => allStrings(s.statement)).filter((v) => v.startsWith('arn:'));
    expect(arns.length).toBeGreaterThan(15);
    expect(arns.filter((arn) => !arn.startsWith(`arn:${partition}:`))).toEqual([]);
    expect(statement({ deny: ['deepseek.*'] }, 'DenyBedrockModels', { ...CONTEXT, partition }).Resource).toEqual([
      `arn:${partition}:bedrock:*:*:inference-profile/*.deepseek.*`,
      `arn:${partition}:bedrock:*::foundation-model/deepseek.*`,
    ]);
  });
});
