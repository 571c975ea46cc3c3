import { join } from 'node:path';
import { arnMatches, decide, FULL_AWS_ACCESS_POLICY, scpChainFor, type ScpLevel } from '../../cli/simulate';
import { synthesizeFile } from '../support/synth-fixture';
import { verdict } from '../support/synthesized-scps';

/**
 * Decisions on the role policies synthesized for the example organization's prod-app account:
 * the Canvas execution role (an allow-all policy stands in for the AWS managed Canvas policies,
 * plus the generated inline policy) and the model-user role (the generated allow policy alone).
 * SCPs are left out: these tests are about what the role policies decide on their own.
 */

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'governance.yaml');
const ACCOUNT = '333333333333';
const CANVAS_ROLE = `arn:aws:iam::${ACCOUNT}:role/modelgate-canvas-analytics`;
const APP_ROLE = `arn:aws:iam::${ACCOUNT}:role/app-invoker`;
const SONNET = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const TAG = 'aws:RequestTag/sagemaker-sdk:jumpstart-model-id';

type Expected = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

interface Case {
  readonly name: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, string>>;
  readonly expected: Expected;
}

let inlinePolicies: Map<string, string>;
let prodAppChain: ScpLevel[];

beforeAll(async () => {
  const synth = await synthesizeFile(EXAMPLE);
  prodAppChain = scpChainFor(synth.outdir, ['r-ab12', 'ou-ab12-22222222', 'ou-ab12-33333333', ACCOUNT]);
  const stack = synth.stack('account-prod-app');
  const roles = stack.resource?.aws_iam_role ?? {};
  inlinePolicies = new Map(
    Object.values(stack.resource?.aws_iam_role_policy ?? {}).map((policy) => {
      const id = /^\$\{aws_iam_role\.([^.]+)\.name\}$/.exec(String(policy.role))?.[1] ?? '';
      return [String(roles[id]?.name), String(policy.policy)];
    }),
  );
});

async function expectCase(principal: string, identityPolicies: readonly string[], c: Case): Promise<void> {
  const result = await decide({
    scps: [],
    identityPolicies,
    request: { principalArn: principal, action: c.action, resource: c.resource, ...(c.context ? { context: c.context } : {}) },
    failOnIgnoredContextKeys: true,
  });
  const line = c.expected === 'Allowed' ? 'Allowed (Allowed)' : `Denied (${c.expected})`;
  expect(verdict(result).split('\n')[0]).toBe(line);
  // A denial names the identity policies; an allowed request names no Deny.
  expect(/\n {2}(explicit|implicit) Deny: identity policies/.test(verdict(result))).toBe(c.expected !== 'Allowed');
}

function policyOf(roleName: string): string {
  const policy = inlinePolicies.get(roleName);
  if (policy === undefined) throw new Error(`no inline policy for role ${roleName}`);
  return policy;
}

const canvasCases: readonly Case[] = [
  { name: 'an approved Bedrock model', action: 'bedrock:InvokeModel', resource: `arn:aws:bedrock:us-east-1::foundation-model/${SONNET}`, expected: 'Allowed' },
  { name: 'an approved model, streaming (ConverseStream)', action: 'bedrock:InvokeModelWithResponseStream', resource: `arn:aws:bedrock:eu-west-1::foundation-model/${SONNET}`, expected: 'Allowed' },
  { name: 'an approved model through its inference profile', action: 'bedrock:InvokeModel', resource: `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET}`, expected: 'Allowed' },
  { name: 'a model outside the Prod allow-list', action: 'bedrock:InvokeModel', resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0', expected: 'ExplicitlyDenied' },
  { name: 'a model denied at the root', action: 'bedrock:InvokeModelWithResponseStream', resource: 'arn:aws:bedrock:us-east-1::foundation-model/deepseek.r1-v1:0', expected: 'ExplicitlyDenied' },
  { name: 'the profile of a non-approved model', action: 'bedrock:InvokeModel', resource: `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.amazon.nova-pro-v1:0`, expected: 'ExplicitlyDenied' },
  ...(['sagemaker:CreateEndpointConfig', 'sagemaker:CreateEndpoint'] as const).flatMap((action) => {
    const type = action === 'sagemaker:CreateEndpoint' ? 'endpoint' : 'endpoint-config';
    const resource = `arn:aws:sagemaker:us-east-1:${ACCOUNT}:${type}/canvas-llm`;
    return [
      { name: `${action} with an approved JumpStart model id tag`, action, resource, context: { [TAG]: 'huggingface-llm-mistral-7b-instruct' }, expected: 'Allowed' as const },
      { name: `${action} with a non-approved JumpStart model id tag`, action, resource, context: { [TAG]: 'meta-textgeneration-llama-3-8b' }, expected: 'ExplicitlyDenied' as const },
      { name: `${action} without a JumpStart model id tag (a Canvas-trained model)`, action, resource, expected: 'Allowed' as const },
    ];
  }),
  { name: 'a JumpStart notebook from the public cache', action: 's3:GetObject', resource: 'arn:aws:s3:::jumpstart-cache-prod-us-east-1/notebooks/llama.ipynb', expected: 'Allowed' },
  { name: 'model artifacts from the public JumpStart cache', action: 's3:GetObject', resource: 'arn:aws:s3:::jumpstart-cache-prod-us-east-1/meta-textgeneration/model.tar.gz', expected: 'ExplicitlyDenied' },
  { name: 'its data bucket', action: 's3:GetObject', resource: 'arn:aws:s3:::acme-analytics-data/sales.csv', expected: 'Allowed' },
  { name: 'the SageMaker default bucket', action: 's3:GetObject', resource: `arn:aws:s3:::sagemaker-us-east-1-${ACCOUNT}/Canvas/model.tar.gz`, expected: 'Allowed' },
  { name: 'another bucket', action: 's3:GetObject', resource: 'arn:aws:s3:::someone-elses-bucket/data.csv', expected: 'ExplicitlyDenied' },
  { name: 'writing to its data bucket (only reads are limited)', action: 's3:PutObject', resource: 'arn:aws:s3:::acme-analytics-data/out.csv', expected: 'Allowed' },
  {
    name: 'passing the Bedrock role to Bedrock',
    action: 'iam:PassRole',
    resource: `arn:aws:iam::${ACCOUNT}:role/modelgate-canvas-analytics-bedrock`,
    context: { 'iam:PassedToService': 'bedrock.amazonaws.com' },
    expected: 'Allowed',
  },
];

describe('the Canvas execution role of prod-app (allow-all standing in for the managed policies)', () => {
  test.each(canvasCases)('$name: $expected', async (c) => {
    await expectCase(CANVAS_ROLE, [FULL_AWS_ACCESS_POLICY, policyOf('modelgate-canvas-analytics')], c);
  });

  test('the user profile role carries the same policy', () => {
    expect(policyOf('modelgate-canvas-analytics-data-analyst')).toBe(policyOf('modelgate-canvas-analytics'));
  });

  test('the region-less ARN of global inference is covered by the same deny (IAM * matches an empty region)', () => {
    const statement = (JSON.parse(policyOf('modelgate-canvas-analytics')).Statement as { Sid: string; NotResource?: string[] }[]).find(
      (s) => s.Sid === 'DenyBedrockModelsNotAllowedWorkloadsProd',
    );
    const arn = 'arn:aws:bedrock:::foundation-model/amazon.nova-pro-v1:0';
    expect(statement?.NotResource?.some((pattern) => arnMatches(pattern, arn))).toBe(false);
    expect(statement?.NotResource?.some((pattern) => arnMatches(pattern, `arn:aws:bedrock:::foundation-model/${SONNET}`))).toBe(true);
  });
});

const modelUserCases: readonly Case[] = [
  { name: 'an allowed model', action: 'bedrock:InvokeModel', resource: `arn:aws:bedrock:us-east-1::foundation-model/${SONNET}`, expected: 'Allowed' },
  { name: 'an allowed model, streaming', action: 'bedrock:InvokeModelWithResponseStream', resource: `arn:aws:bedrock:us-west-2::foundation-model/${SONNET}`, expected: 'Allowed' },
  { name: 'an allowed inference profile', action: 'bedrock:InvokeModel', resource: `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET}`, expected: 'Allowed' },
  { name: 'an inference profile in another account', action: 'bedrock:InvokeModel', resource: `arn:aws:bedrock:us-east-1:444444444444:inference-profile/us.${SONNET}`, expected: 'ImplicitlyDenied' },
  { name: 'a denied model', action: 'bedrock:InvokeModel', resource: 'arn:aws:bedrock:us-east-1::foundation-model/deepseek.r1-v1:0', expected: 'ImplicitlyDenied' },
  { name: 'a model it does not list', action: 'bedrock:InvokeModel', resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0', expected: 'ImplicitlyDenied' },
  { name: 'other Bedrock actions', action: 'bedrock:CreateModelCustomizationJob', resource: `arn:aws:bedrock:us-east-1::foundation-model/${SONNET}`, expected: 'ImplicitlyDenied' },
  // The SCP of prod-app requires guardrail prodapp01 on every call; a call that names it also needs ApplyGuardrail on it.
  { name: 'applying the guardrail its SCPs require', action: 'bedrock:ApplyGuardrail', resource: `arn:aws:bedrock:us-east-1:${ACCOUNT}:guardrail/prodapp01`, expected: 'Allowed' },
  { name: 'applying another guardrail', action: 'bedrock:ApplyGuardrail', resource: `arn:aws:bedrock:us-east-1:${ACCOUNT}:guardrail/other01`, expected: 'ImplicitlyDenied' },
  { name: 'S3 list under the prefix', action: 's3:ListBucket', resource: 'arn:aws:s3:::acme-prompts', context: { 's3:prefix': 'prompts/team-a/' }, expected: 'Allowed' },
  { name: 'S3 list outside the prefix', action: 's3:ListBucket', resource: 'arn:aws:s3:::acme-prompts', context: { 's3:prefix': 'secrets/' }, expected: 'ImplicitlyDenied' },
  { name: 'S3 list of another bucket', action: 's3:ListBucket', resource: 'arn:aws:s3:::acme-other', context: { 's3:prefix': 'prompts/' }, expected: 'ImplicitlyDenied' },
  { name: 'S3 get under the prefix', action: 's3:GetObject', resource: 'arn:aws:s3:::acme-prompts/prompts/system.txt', expected: 'Allowed' },
  { name: 'S3 get outside the prefix', action: 's3:GetObject', resource: 'arn:aws:s3:::acme-prompts/secrets/key.txt', expected: 'ImplicitlyDenied' },
  { name: 'S3 get in another bucket', action: 's3:GetObject', resource: 'arn:aws:s3:::acme-other/prompts/system.txt', expected: 'ImplicitlyDenied' },
  { name: 'S3 put with read access', action: 's3:PutObject', resource: 'arn:aws:s3:::acme-prompts/prompts/new.txt', expected: 'ImplicitlyDenied' },
];

describe('the model-user role app-invoker of prod-app (its generated allow policy alone)', () => {
  test.each(modelUserCases)('$name: $expected', async (c) => {
    await expectCase(APP_ROLE, [policyOf('app-invoker')], c);
  });
});

describe('the role policies and the SCPs of prod-app agree on every model', () => {
  // The SCP of prod-app also requires its guardrail: name it, so that only the model decides.
  const guardrail = { 'bedrock:GuardrailIdentifier': `arn:aws:bedrock:us-east-1:${ACCOUNT}:guardrail/prodapp01:1` };
  const models = [SONNET, 'anthropic.claude-3-5-sonnet-20241022-v2:0', 'anthropic.claude-3-haiku-20240307-v1:0', 'amazon.nova-pro-v1:0', 'deepseek.r1-v1:0', 'meta.llama3-70b-instruct-v1:0'];
  const resources = models.flatMap((model) => [
    `arn:aws:bedrock:us-east-1::foundation-model/${model}`,
    `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${model}`,
  ]);

  async function decision(principal: string, identityPolicies: readonly string[], scps: readonly ScpLevel[], resource: string): Promise<string> {
    const result = await decide({
      scps,
      identityPolicies,
      request: { principalArn: principal, action: 'bedrock:InvokeModel', resource, context: guardrail },
      failOnIgnoredContextKeys: true,
    });
    return result.decision;
  }

  // The model user lists only "anthropic.claude-3-5-sonnet*": of these models, the two Claude 3.5 Sonnet ids.
  const APP_MODELS = [SONNET, 'anthropic.claude-3-5-sonnet-20241022-v2:0'];

  test('the SCPs of prod-app let a role apply the guardrail they require', async () => {
    const result = await decide({
      scps: prodAppChain,
      identityPolicies: [FULL_AWS_ACCESS_POLICY],
      request: { principalArn: APP_ROLE, action: 'bedrock:ApplyGuardrail', resource: `arn:aws:bedrock:us-east-1:${ACCOUNT}:guardrail/prodapp01` },
      failOnIgnoredContextKeys: true,
    });
    expect(result.decision).toBe('Allowed');
  });

  test.each(resources)('%s', async (resource) => {
    const bySCPs = await decision(`arn:aws:iam::${ACCOUNT}:role/Developer`, [FULL_AWS_ACCESS_POLICY], prodAppChain, resource);
    expect(await decision(CANVAS_ROLE, [FULL_AWS_ACCESS_POLICY, policyOf('modelgate-canvas-analytics')], [], resource)).toBe(bySCPs);
    // The model user may use exactly its listed models, and what it may use, the SCPs allow too.
    const listed = APP_MODELS.some((model) => resource.endsWith(`/${model}`) || resource.endsWith(`/us.${model}`));
    const byModelUser = await decision(APP_ROLE, [policyOf('app-invoker')], [], resource);
    expect([byModelUser, bySCPs]).toEqual(listed ? ['Allowed', 'Allowed'] : ['Denied', bySCPs]);
  });
});
