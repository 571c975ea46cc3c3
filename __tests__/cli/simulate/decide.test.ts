import { arnMatches, decide, explain, type Decision, type DecisionInput, type DecisionRequest, type ScpLevel } from '../../../cli/simulate';

const ACCOUNT = '222222222222';
const DEV = `arn:aws:iam::${ACCOUNT}:role/Dev`;
const BREAK_GLASS = `arn:aws:iam::${ACCOUNT}:role/BreakGlass`;
const CLAUDE = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0';
const DEEPSEEK = 'arn:aws:bedrock:us-east-1::foundation-model/deepseek.r1-v1:0';
const ENDPOINT = `arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/chat`;

type Statement = Readonly<Record<string, unknown>>;
type ContextCase = { readonly name: string; readonly context: Readonly<Record<string, string>>; readonly expected: Decision };

/** Builds a policy document string from statements, as the product code emits JSON strings. */
function policy(...statements: readonly Statement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

function level(id: string, ...policies: ReadonlyArray<readonly [name: string, content: string]>): ScpLevel {
  return { id, policies: policies.map(([name, content]) => ({ name, content })) };
}

function invoke(resource: string, principalArn = DEV): DecisionRequest {
  return { principalArn, action: 'bedrock:InvokeModel', resource };
}

const denyAllBedrock = policy({ Sid: 'DenyBedrock', Effect: 'Deny', Action: 'bedrock:*', Resource: '*' });

async function decisionOf(input: DecisionInput): Promise<Decision> {
  return (await decide(input)).decision;
}

describe('decide: SCP hierarchy', () => {
  test.each([
    ['root only', [level('r-root')]],
    ['root + OU', [level('r-root'), level('ou-ml')]],
    ['root + OU + account', [level('r-root'), level('ou-ml'), level(ACCOUNT)]],
  ])('allows via the automatically attached FullAWSAccess (%s)', async (_name, scps) => {
    const result = await decide({ scps, request: invoke(CLAUDE) });
    expect(result.decision).toBe('Allowed');
    expect(result.detail.denyReasons).toEqual([]);
  });

  test('an explicit Deny in the root SCP wins over Allows at every level', async () => {
    const result = await decide({
      scps: [level('r-root', ['deny-bedrock', denyAllBedrock]), level('ou-ml'), level(ACCOUNT)],
      request: invoke(CLAUDE),
    });
    expect(result.decision).toBe('Denied');
    expect(result.detail.evaluation).toBe('ExplicitlyDenied');
    expect(result.detail.denyReasons).toEqual([
      { kind: 'Explicit', policyType: 'scp', level: 'r-root', policyName: 'deny-bedrock', sid: 'DenyBedrock', statementIndex: 1 },
    ]);
  });

  test.each([
    { name: 'with', scps: [level('r-root'), level('ou-ml'), level(ACCOUNT, ['deny-bedrock', denyAllBedrock])], expected: 'Denied' },
    { name: 'without', scps: [level('r-root'), level('ou-ml'), level(ACCOUNT)], expected: 'Allowed' },
  ])('$name a Deny at the account level only -> $expected', async ({ scps, expected }) => {
    const result = await decide({ scps, request: invoke(CLAUDE) });
    expect(result.decision).toBe(expected);
    if (expected === 'Denied') expect(result.detail.denyReasons.map((r) => r.level)).toEqual([ACCOUNT]);
  });

  test('a level without FullAWSAccess (fullAwsAccess: false) implicitly denies', async () => {
    const full = policy({ Effect: 'Allow', Action: '*', Resource: '*' });
    const result = await decide({
      scps: [level('r-root', ['FullAWSAccess', full]), level('ou-ml', ['s3-only', policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' })])],
      request: invoke(CLAUDE),
      fullAwsAccess: false,
    });
    expect(result.decision).toBe('Denied');
    expect(result.detail.evaluation).toBe('ImplicitlyDenied');
    expect(result.detail.denyReasons).toEqual([{ kind: 'Implicit', policyType: 'scp', level: 'ou-ml' }]);
  });

  test('a level that already has a policy named FullAWSAccess gets no second one', async () => {
    const narrowedFullAccess = policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
    const scps = [level('r-root'), level('ou-ml', ['FullAWSAccess', narrowedFullAccess])];
    expect(await decisionOf({ scps, request: invoke(CLAUDE) })).toBe('Denied');
  });

  test('custom identity policies replace the default allow-all one', async () => {
    const s3Only = policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
    const result = await decide({ scps: [level('r-root')], identityPolicies: [s3Only], request: invoke(CLAUDE) });
    expect(result.decision).toBe('Denied');
    expect(result.detail.denyReasons).toEqual([{ kind: 'Implicit', policyType: 'identity' }]);
  });
});

describe('decide: principal context keys', () => {
  const breakGlassExempt = level(
    'r-root',
    ['deny-bedrock-except-break-glass', policy({
      Sid: 'DenyUnlessBreakGlass',
      Effect: 'Deny',
      Action: 'bedrock:*',
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/BreakGlass' } },
    })],
  );

  test.each([
    [BREAK_GLASS, 'Allowed'],
    [`arn:aws:sts::${ACCOUNT}:assumed-role/BreakGlass/incident-42`, 'Allowed'],
    [DEV, 'Denied'],
    [`arn:aws:iam::${ACCOUNT}:role/BreakGlassNot`, 'Denied'],
  ])('ArnNotLike aws:PrincipalArn exemption: %s -> %s', async (principalArn, expected) => {
    expect(await decisionOf({ scps: [breakGlassExempt], request: invoke(DEEPSEEK, principalArn) })).toBe(expected);
  });

  test('fills aws:PrincipalArn and aws:PrincipalAccount into the context it sends', async () => {
    const result = await decide({ scps: [breakGlassExempt], request: invoke(DEEPSEEK) });
    expect(result.detail.request.context).toEqual({ 'aws:PrincipalArn': DEV, 'aws:PrincipalAccount': ACCOUNT });
  });

  test('an explicitly passed aws:PrincipalArn (any case) is not overwritten', async () => {
    const request = { ...invoke(DEEPSEEK), context: { 'aws:principalarn': BREAK_GLASS } };
    const result = await decide({ scps: [breakGlassExempt], request });
    expect(result.decision).toBe('Allowed');
    expect(result.detail.request.context['aws:PrincipalArn']).toBeUndefined();
  });

  test.each([
    [ACCOUNT, 'Allowed'],
    ['333333333333', 'Denied'],
  ])('aws:PrincipalAccount comes from the principal ARN (account %s -> %s)', async (account, expected) => {
    const onlyOurAccount = policy({
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:PrincipalAccount': ACCOUNT } },
    });
    const request = invoke(CLAUDE, `arn:aws:iam::${account}:role/Dev`);
    expect(await decisionOf({ scps: [level('r-root', ['only-ours', onlyOurAccount])], request })).toBe(expected);
  });
});

describe('decide: Bedrock and SageMaker conditions', () => {
  const modelAllowList = level('r-root', ['model-allow-list', policy({
    Sid: 'DenyUnlistedModels',
    Effect: 'Deny',
    Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
    NotResource: ['arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0'],
  })]);

  test.each([
    [CLAUDE, 'Allowed'],
    [DEEPSEEK, 'Denied'],
  ])('NotResource allow-list: %s -> %s', async (resource, expected) => {
    const result = await decide({ scps: [modelAllowList], request: invoke(resource) });
    expect(result.decision).toBe(expected);
    expect(result.detail.resourceType).toBe('foundation-model');
  });

  const requireCostCenter = level('r-root', ['require-cost-center', policy({
    Sid: 'RequireCostCenter',
    Effect: 'Deny',
    Action: 'sagemaker:CreateEndpoint',
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:RequestTag/cost-center': ['ml-1', 'ml-2'] } },
  })]);

  test.each<ContextCase>([
    { name: 'no tag', context: {}, expected: 'Denied' },
    { name: 'an allowed value', context: { 'aws:RequestTag/cost-center': 'ml-1' }, expected: 'Allowed' },
    { name: 'another value', context: { 'aws:RequestTag/cost-center': 'marketing' }, expected: 'Denied' },
  ])('aws:RequestTag condition on sagemaker:CreateEndpoint with $name -> $expected', async ({ context, expected }) => {
    const request = { principalArn: DEV, action: 'sagemaker:CreateEndpoint', resource: ENDPOINT, context };
    expect(await decisionOf({ scps: [requireCostCenter], request })).toBe(expected);
  });

  const requireOwnerTag = level('r-root', ['require-owner', policy({
    Sid: 'DenyWithoutOwner',
    Effect: 'Deny',
    Action: 'sagemaker:CreateEndpoint',
    Resource: '*',
    Condition: { Null: { 'aws:RequestTag/owner': 'true' } },
  })]);

  test.each<ContextCase>([
    { name: 'missing', context: {}, expected: 'Denied' },
    { name: 'present', context: { 'aws:RequestTag/owner': 'alice' }, expected: 'Allowed' },
  ])('Null condition: owner tag $name -> $expected', async ({ context, expected }) => {
    const request = { principalArn: DEV, action: 'sagemaker:CreateEndpoint', resource: ENDPOINT, context };
    expect(await decisionOf({ scps: [requireOwnerTag], request })).toBe(expected);
  });

  test('reports context keys the catalog does not list for the action', async () => {
    const request = {
      principalArn: DEV,
      action: 'sagemaker:CreateEndpoint',
      resource: ENDPOINT,
      context: { 'aws:RequestTag/owner': 'alice', 'sagemaker:InstanceTypes': ['ml.g5.xlarge'] },
    };
    const result = await decide({ scps: [requireOwnerTag], request });
    expect(result.detail.ignoredContextKeys).toEqual(['sagemaker:InstanceTypes']);
    expect(explain(result)).toContain('IGNORED context keys (not in the catalog for this action, treated as absent): sagemaker:InstanceTypes');
    await expect(decide({ scps: [requireOwnerTag], request, failOnIgnoredContextKeys: true })).rejects.toThrow(
      /ignored context keys sagemaker:InstanceTypes/,
    );
  });
});

describe('decide: wildcard-only actions', () => {
  const denyImportAndBearer = level('r-root', ['deny-import', policy({
    Sid: 'DenyImportAndBearerTokens',
    Effect: 'Deny',
    Action: ['bedrock:CreateModelImportJob', 'bedrock:CallWithBearerToken'],
    Resource: '*',
  })]);

  test.each([
    { action: 'bedrock:CreateModelImportJob', scps: [denyImportAndBearer], policies: 'a Deny', expected: 'Denied' },
    { action: 'bedrock:CallWithBearerToken', scps: [denyImportAndBearer], policies: 'a Deny', expected: 'Denied' },
    { action: 'bedrock:CreateModelImportJob', scps: [level('r-root')], policies: 'FullAWSAccess only', expected: 'Allowed' },
    { action: 'bedrock:CallWithBearerToken', scps: [level('r-root')], policies: 'FullAWSAccess only', expected: 'Allowed' },
  ])('$action on "*" with $policies -> $expected', async ({ action, scps, expected }) => {
    expect(await decisionOf({ scps, request: { principalArn: DEV, action, resource: '*' } })).toBe(expected);
  });

  test('a specific ARN for a wildcard-only action throws', async () => {
    const request = { principalArn: DEV, action: 'bedrock:CreateModelImportJob', resource: `arn:aws:bedrock:us-east-1:${ACCOUNT}:model-import-job/x` };
    await expect(decide({ scps: [level('r-root')], request })).rejects.toThrow(/must\.use\.wildcard.*resource "\*"/);
  });
});

describe('decide: requests the simulator cannot decide throw', () => {
  test('a region-less foundation-model ARN', async () => {
    const request = invoke('arn:aws:bedrock:::foundation-model/deepseek.r1-v1:0');
    await expect(decide({ scps: [level('r-root')], request })).rejects.toThrow(/no\.resource\.types.*arnMatches/);
  });

  test('a wildcard resource for an action that is not wildcard-only', async () => {
    // Would otherwise come back Allowed despite the Deny, because the simulator asks
    // whether *some* matching resource is allowed.
    const denyDeepseek = policy({ Effect: 'Deny', Action: 'bedrock:InvokeModel', NotResource: CLAUDE });
    await expect(decide({ scps: [level('r-root', ['d', denyDeepseek])], request: invoke('*') })).rejects.toThrow(
      /not a wildcard-only action/,
    );
  });

  test.each([
    ['an invalid policy', policy({ Effect: 'Maybe', Action: '*', Resource: '*' }), /policy\.errors[\s\S]*Effect must be present/],
    ['a policy that is not JSON', '{"Version":', /SCP level "r-root", policy "broken" is not valid JSON/],
  ])('%s', async (_name, content, message) => {
    await expect(decide({ scps: [level('r-root', ['broken', content])], request: invoke(CLAUDE) })).rejects.toThrow(message);
  });

  test.each([
    ['an unknown action', invoke(CLAUDE), 'bedrock:InvokeModelz', /invalid\.action/],
    ['a malformed principal', invoke(CLAUDE, 'Dev'), 'bedrock:InvokeModel', /principalArn must be/],
  ])('%s', async (_name, base, action, message) => {
    await expect(decide({ scps: [level('r-root')], request: { ...base, action } })).rejects.toThrow(message);
  });
});

describe('explain', () => {
  test('names the level, policy and statement that denied', async () => {
    const result = await decide({ scps: [level('r-root'), level('ou-ml', ['deny-bedrock', denyAllBedrock])], request: invoke(DEEPSEEK) });
    expect(explain(result)).toBe(
      [
        `Denied (ExplicitlyDenied): ${DEV} -> bedrock:InvokeModel on ${DEEPSEEK}`,
        '  explicit Deny: SCP level "ou-ml", policy "deny-bedrock", statement "DenyBedrock" (#1)',
        `  context sent: {"aws:PrincipalArn":"${DEV}","aws:PrincipalAccount":"${ACCOUNT}"}`,
      ].join('\n'),
    );
  });

  test('says which level lacks an Allow', async () => {
    const result = await decide({ scps: [level('r-root'), level('ou-ml')], request: invoke(CLAUDE), fullAwsAccess: false });
    expect(explain(result)).toContain('implicit Deny: SCP level "r-root" has no Allow matching this request');
  });
});

describe('arnMatches', () => {
  const deepseekAnyRegion = 'arn:aws:bedrock:*::foundation-model/deepseek.*';

  test.each([
    [deepseekAnyRegion, 'arn:aws:bedrock:::foundation-model/deepseek.r1-v1:0', true],
    [deepseekAnyRegion, DEEPSEEK, true],
    [deepseekAnyRegion, CLAUDE, false],
    [deepseekAnyRegion, 'arn:aws:bedrock:us-east-1::foundation-model/DeepSeek.r1-v1:0', false],
    // '*' spans ':' (unlike IAM's per-segment ArnLike): it covers region and account here.
    ['arn:aws:bedrock:*:foundation-model/*', `arn:aws:bedrock:us-east-1:${ACCOUNT}:foundation-model/x`, true],
    ['arn:aws:bedrock:us-east-?::foundation-model/x', 'arn:aws:bedrock:us-east-1::foundation-model/x', true],
    ['arn:aws:bedrock:us-east-?::foundation-model/x', 'arn:aws:bedrock:us-east-10::foundation-model/x', false],
    ['arn:aws:bedrock:*::foundation-model/deepseek.r1', `${DEEPSEEK}`, false],
    ['arn:aws:bedrock:*::foundation-model/a+b(c)', 'arn:aws:bedrock:::foundation-model/a+b(c)', true],
    ['arn:aws:bedrock:*::foundation-model/a.b', 'arn:aws:bedrock:::foundation-model/axb', false],
  ])('%s vs %s -> %s', (pattern, arn, expected) => {
    expect(arnMatches(pattern, arn)).toBe(expected);
  });
});
