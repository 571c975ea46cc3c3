import { join } from 'node:path';
import { decide, explain, scpChainFor, statementsOf, type Decision, type ScpLevel } from '../../cli/simulate';
import {
  asRole,
  deniesAllButExempted,
  denyStatementsCovering,
  expectDecision,
  synthesizeToTemp,
  verdict,
  verdictLine,
  type DecisionCase,
} from '../support/synthesized-scps';

/**
 * Bedrock foundation models, decided on the synthesized SCPs of the deny-list and allow-list
 * fixtures: every action that runs a model, regional and region-less foundation-model ARNs,
 * inference profiles, and (under an allow-list) the other invocable model kinds.
 */

const FIXTURES = join(__dirname, '..', 'fixtures');

const DEEPSEEK = 'deepseek.r1-v1:0';
const LLAMA_70B = 'meta.llama3-70b-instruct-v1:0';
const LLAMA_8B = 'meta.llama3-8b-instruct-v1:0';
const NOVA = 'amazon.nova-pro-v1:0';
const SONNET_4 = 'anthropic.claude-sonnet-4-20250514-v1:0';

const fm = (model: string, region = 'us-east-1'): string => `arn:aws:bedrock:${region}::foundation-model/${model}`;
/** Global cross-region inference authorizes the model without a region; the simulator refuses it. */
const globalFm = (model: string): string => `arn:aws:bedrock:::foundation-model/${model}`;
const profile = (account: string, id: string): string => `arn:aws:bedrock:us-east-1:${account}:inference-profile/${id}`;
const bedrockArn = (account: string, path: string): string => `arn:aws:bedrock:us-east-1:${account}:${path}`;

function row(name: string, principalArn: string, action: string, resource: string, expected: Decision): DecisionCase {
  return { name, principalArn, action, resource, expected };
}

/**
 * A request IAM authorizes on several resources succeeds only if every one is allowed: a call
 * through an inference profile (the profile, and the foundation model in the destination
 * region), or a batch job (the model, and the job it creates).
 */
async function decideAll(chain: readonly ScpLevel[], principalArn: string, hops: readonly string[], action = 'bedrock:InvokeModel') {
  const results = await Promise.all(hops.map((resource) => decide({ scps: chain, request: { principalArn, action, resource } })));
  const decision = results.every((r) => r.decision === 'Allowed') ? 'Allowed' : 'Denied';
  return `${decision}\n${results.map(explain).join('\n')}`;
}

describe('deny-list (decisions-deny-list.yaml: root denies deepseek.* and meta.llama3-70b*)', () => {
  // platform-tools sits in the Platform OU (which adds mistral.*), so the chain has three levels.
  const ACCOUNT = '444444444444';
  const DEV = `arn:aws:iam::${ACCOUNT}:role/Developer`;
  const ML_PLATFORM = `arn:aws:iam::${ACCOUNT}:role/MLPlatform`;
  let chain: ScpLevel[];

  beforeAll(async () => {
    const { outdir } = await synthesizeToTemp(join(FIXTURES, 'decisions-deny-list.yaml'));
    chain = scpChainFor(outdir, ['r-d3n1', 'ou-d3n1-bbbbbbbb', ACCOUNT]);
  });

  const denied: DecisionCase[] = [
    row('InvokeModel (and Converse) on deepseek', DEV, 'bedrock:InvokeModel', fm(DEEPSEEK), 'Denied'),
    row('InvokeModelWithResponseStream (and ConverseStream) on deepseek', DEV, 'bedrock:InvokeModelWithResponseStream', fm(DEEPSEEK), 'Denied'),
    row('InvokeModel on deepseek in eu-west-1', DEV, 'bedrock:InvokeModel', fm(DEEPSEEK, 'eu-west-1'), 'Denied'),
    row('CreateModelInvocationJob (batch) on llama3-70b', DEV, 'bedrock:CreateModelInvocationJob', fm(LLAMA_70B), 'Denied'),
    row('CreateProvisionedModelThroughput on deepseek', DEV, 'bedrock:CreateProvisionedModelThroughput', fm(DEEPSEEK), 'Denied'),
    // MLPlatform is exempted from the fine-tuning rule, not from the model deny-list.
    row('CreateModelCustomizationJob by MLPlatform on the denied base model llama3-70b', ML_PLATFORM, 'bedrock:CreateModelCustomizationJob', fm(LLAMA_70B), 'Denied'),
  ];
  const allowed: DecisionCase[] = [
    row('InvokeModel on nova', DEV, 'bedrock:InvokeModel', fm(NOVA), 'Allowed'),
    row('InvokeModelWithResponseStream on claude sonnet 4', DEV, 'bedrock:InvokeModelWithResponseStream', fm(SONNET_4), 'Allowed'),
    row('InvokeModel on llama3-8b (only 70b is denied)', DEV, 'bedrock:InvokeModel', fm(LLAMA_8B, 'eu-west-1'), 'Allowed'),
    row('CreateModelInvocationJob (batch) on nova', DEV, 'bedrock:CreateModelInvocationJob', fm(NOVA), 'Allowed'),
    row('CreateModelCustomizationJob by MLPlatform on nova', ML_PLATFORM, 'bedrock:CreateModelCustomizationJob', fm(NOVA), 'Allowed'),
  ];

  test.each([...denied, ...allowed])('$name -> $expected', async (c) => {
    await expectDecision(chain, c);
  });

  test.each(asRole(denied, 'OrgBreakGlass'))('$name -> $expected', async (c) => {
    await expectDecision(chain, c);
  });

  test.each([
    { name: 'us. profile of deepseek, served in us-west-2', hops: [profile(ACCOUNT, `us.${DEEPSEEK}`), fm(DEEPSEEK, 'us-west-2')], expected: 'Denied' },
    { name: 'eu. profile of llama3-70b, served in eu-central-1', hops: [profile(ACCOUNT, `eu.${LLAMA_70B}`), fm(LLAMA_70B, 'eu-central-1')], expected: 'Denied' },
    { name: 'us. profile of nova, served in us-east-2', hops: [profile(ACCOUNT, `us.${NOVA}`), fm(NOVA, 'us-east-2')], expected: 'Allowed' },
  ])('a call through the $name -> $expected', async ({ hops, expected }) => {
    expect(await decideAll(chain, DEV, hops)).toMatch(new RegExp(`^${expected}\\n`));
  });

  // Defence in depth: the profile hop alone is denied too, so the decision does not rest on AWS
  // authorizing the foundation-model hop as well.
  test.each([`us.${DEEPSEEK}`, `global.${DEEPSEEK}`, `eu.${LLAMA_70B}`])('the deny-list denies the profile ARN %s itself', async (id) => {
    const profileHop = await decide({ scps: chain, request: { principalArn: DEV, action: 'bedrock:InvokeModel', resource: profile(ACCOUNT, id) } });
    expect(verdict(profileHop)).toMatch(verdictLine('Denied'));
  });

  test('the profile ARN of a model the deny-list does not name is allowed', async () => {
    const profileHop = await decide({ scps: chain, request: { principalArn: DEV, action: 'bedrock:InvokeModel', resource: profile(ACCOUNT, `us.${NOVA}`) } });
    expect(verdict(profileHop)).toMatch(verdictLine('Allowed'));
  });

  test('the simulator refuses the region-less foundation-model ARN of global inference', async () => {
    await expect(decide({ scps: chain, request: { principalArn: DEV, action: 'bedrock:InvokeModel', resource: globalFm(DEEPSEEK) } })).rejects.toThrow(
      /region-less/,
    );
  });

  test.each([
    { model: DEEPSEEK, coveredBy: ['DenyBedrockModels'] },
    { model: LLAMA_70B, coveredBy: ['DenyBedrockModels'] },
    { model: NOVA, coveredBy: [] },
  ])('global inference: the region-less ARN of $model is covered by $coveredBy', ({ model, coveredBy }) => {
    const statements = statementsOf(chain);
    for (const action of ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']) {
      // Only denies conditioned on nothing but the break-glass exemption count: the MCP-only deny
      // also covers every ARN, but not every call.
      const covering = denyStatementsCovering(statements, action, globalFm(model)).filter(deniesAllButExempted);
      expect(covering.map((s) => s.Sid)).toEqual(coveredBy);
    }
  });

  test('a call through a global. profile: both the profile hop and the region-less model hop are denied', async () => {
    const profileHop = await decide({ scps: chain, request: { principalArn: DEV, action: 'bedrock:InvokeModel', resource: profile(ACCOUNT, `global.${DEEPSEEK}`) } });
    expect(verdict(profileHop)).toMatch(verdictLine('Denied'));
    expect(denyStatementsCovering(statementsOf(chain), 'bedrock:InvokeModel', globalFm(DEEPSEEK)).filter(deniesAllButExempted)).not.toHaveLength(0);
  });
});

describe('allow-list (decisions-allow-list.yaml: OU Strict allows only anthropic.claude-sonnet-4* and amazon.nova-*)', () => {
  const STRICT = '555555555555';
  const BUILDERS = '666666666666';
  const DEV = `arn:aws:iam::${STRICT}:role/Developer`;
  const ML_PLATFORM = `arn:aws:iam::${STRICT}:role/MLPlatform`;
  const BUILDER = `arn:aws:iam::${BUILDERS}:role/Developer`;
  const chains: Record<string, ScpLevel[]> = {};

  beforeAll(async () => {
    const { outdir } = await synthesizeToTemp(join(FIXTURES, 'decisions-allow-list.yaml'));
    chains[STRICT] = scpChainFor(outdir, ['r-a110', 'ou-a110-11111111', STRICT]);
    chains[BUILDERS] = scpChainFor(outdir, ['r-a110', 'ou-a110-22222222', BUILDERS]);
  });
  const chainFor = (account: string): ScpLevel[] => {
    const chain = chains[account];
    if (!chain) throw new Error(`no SCP chain for account ${account}`);
    return chain;
  };
  const chainOf = (c: DecisionCase): ScpLevel[] => chainFor(c.principalArn.split(':')[4] ?? '');

  const models: DecisionCase[] = [
    row('InvokeModel on claude sonnet 4', DEV, 'bedrock:InvokeModel', fm(SONNET_4), 'Allowed'),
    row('InvokeModelWithResponseStream on nova in eu-west-1', DEV, 'bedrock:InvokeModelWithResponseStream', fm(NOVA, 'eu-west-1'), 'Allowed'),
    row('CreateModelInvocationJob (batch) on claude sonnet 4', DEV, 'bedrock:CreateModelInvocationJob', fm(SONNET_4), 'Allowed'),
    row('CreateProvisionedModelThroughput on nova', DEV, 'bedrock:CreateProvisionedModelThroughput', fm(NOVA), 'Allowed'),
    row('CreateModelCustomizationJob by MLPlatform on nova', ML_PLATFORM, 'bedrock:CreateModelCustomizationJob', fm(NOVA), 'Allowed'),
    // StartAsyncInvoke is authorized as InvokeModel; the job ARN is let through, the model decides.
    row('async invocation: InvokeModel on the async-invoke job', DEV, 'bedrock:InvokeModel', bedrockArn(STRICT, 'async-invoke/a1b2c3d4e5f6'), 'Allowed'),
    row('InvokeModel on llama3-8b', DEV, 'bedrock:InvokeModel', fm(LLAMA_8B), 'Denied'),
    row('InvokeModelWithResponseStream on llama3-8b', DEV, 'bedrock:InvokeModelWithResponseStream', fm(LLAMA_8B), 'Denied'),
    row('CreateModelInvocationJob (batch) on deepseek', DEV, 'bedrock:CreateModelInvocationJob', fm(DEEPSEEK), 'Denied'),
    row('CreateProvisionedModelThroughput on llama3-8b', DEV, 'bedrock:CreateProvisionedModelThroughput', fm(LLAMA_8B), 'Denied'),
    row('CreateModelCustomizationJob by MLPlatform on the denied base model llama3-8b', ML_PLATFORM, 'bedrock:CreateModelCustomizationJob', fm(LLAMA_8B), 'Denied'),
    row('InvokeModel on an older claude (claude-3-haiku)', DEV, 'bedrock:InvokeModel', fm('anthropic.claude-3-haiku-20240307-v1:0'), 'Denied'),
  ];

  // Strict has no alsoAllow: every other invocable kind is closed. Builders keeps them all open.
  const otherKinds: DecisionCase[] = [
    row('Strict: InvokeModel on an imported model', DEV, 'bedrock:InvokeModel', bedrockArn(STRICT, 'imported-model/k2a8f0example'), 'Denied'),
    row('Strict: CreateProvisionedModelThroughput on a custom model', DEV, 'bedrock:CreateProvisionedModelThroughput', bedrockArn(STRICT, 'custom-model/tuned-nova'), 'Denied'),
    row('Strict: InvokeModel on a custom model deployment', DEV, 'bedrock:InvokeModel', bedrockArn(STRICT, 'custom-model-deployment/d1example'), 'Denied'),
    row('Strict: InvokeModel on a provisioned model', DEV, 'bedrock:InvokeModel', bedrockArn(STRICT, 'provisioned-model/p1example'), 'Denied'),
    row('Strict: InvokeModel on the Marketplace endpoint', DEV, 'bedrock:InvokeModel', bedrockArn(STRICT, 'marketplace/model-endpoint/all-access'), 'Denied'),
    row('Strict: InvokeModel on an application inference profile', DEV, 'bedrock:InvokeModel', bedrockArn(STRICT, 'application-inference-profile/a1example'), 'Denied'),
    row('Strict: InvokeModel on a prompt router', DEV, 'bedrock:InvokeModel', bedrockArn(STRICT, 'prompt-router/r1example'), 'Denied'),
    row('Builders (importedModels): InvokeModel on an imported model', BUILDER, 'bedrock:InvokeModel', bedrockArn(BUILDERS, 'imported-model/k2a8f0example'), 'Allowed'),
    row('Builders (customModels): CreateProvisionedModelThroughput on a custom model', BUILDER, 'bedrock:CreateProvisionedModelThroughput', bedrockArn(BUILDERS, 'custom-model/tuned-nova'), 'Allowed'),
    row('Builders (customModels): InvokeModel on a provisioned model', BUILDER, 'bedrock:InvokeModel', bedrockArn(BUILDERS, 'provisioned-model/p1example'), 'Allowed'),
    row('Builders (marketplaceModels): InvokeModel on the Marketplace endpoint', BUILDER, 'bedrock:InvokeModel', bedrockArn(BUILDERS, 'marketplace/model-endpoint/all-access'), 'Allowed'),
    row('Builders (applicationInferenceProfiles): InvokeModel on an application inference profile', BUILDER, 'bedrock:InvokeModel', bedrockArn(BUILDERS, 'application-inference-profile/a1example'), 'Allowed'),
    row('Builders (promptRouters): InvokeModel on a prompt router', BUILDER, 'bedrock:InvokeModel', bedrockArn(BUILDERS, 'prompt-router/r1example'), 'Allowed'),
    // alsoAllow opens other kinds, it does not widen the foundation-model allow-list.
    row('Builders: InvokeModel on nova (not on its allow-list)', BUILDER, 'bedrock:InvokeModel', fm(NOVA), 'Denied'),
  ];

  test.each(models)('$name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });

  test.each(otherKinds)('$name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });

  test.each(asRole([...models, ...otherKinds].filter((c) => c.expected === 'Denied'), 'OrgBreakGlass'))('$name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });

  test.each([
    { name: 'us. profile of claude sonnet 4, served in us-west-2', hops: [profile(STRICT, `us.${SONNET_4}`), fm(SONNET_4, 'us-west-2')], expected: 'Allowed' },
    { name: 'eu. profile of nova, served in eu-west-3', hops: [profile(STRICT, `eu.${NOVA}`), fm(NOVA, 'eu-west-3')], expected: 'Allowed' },
    { name: 'apac. profile of claude sonnet 4, served in ap-northeast-1', hops: [profile(STRICT, `apac.${SONNET_4}`), fm(SONNET_4, 'ap-northeast-1')], expected: 'Allowed' },
    { name: 'us. profile of llama3-8b, served in us-west-2', hops: [profile(STRICT, `us.${LLAMA_8B}`), fm(LLAMA_8B, 'us-west-2')], expected: 'Denied' },
  ])('a call through the $name -> $expected', async ({ hops, expected }) => {
    expect(await decideAll(chainFor(STRICT), DEV, hops)).toMatch(new RegExp(`^${expected}\\n`));
  });

  // A call through an application inference profile is also authorized on the model it wraps:
  // alsoAllow opens the profile, the foundation-model allow-list still decides the model.
  test.each([
    { model: SONNET_4, expected: 'Allowed' },
    { model: NOVA, expected: 'Denied' },
  ])('Builders: a call through an application inference profile wrapping $model -> $expected', async ({ model, expected }) => {
    const hops = [bedrockArn(BUILDERS, 'application-inference-profile/a1example'), fm(model, 'us-west-2')];
    expect(await decideAll(chainFor(BUILDERS), BUILDER, hops)).toMatch(new RegExp(`^${expected}\\n`));
  });

  // The IAM catalog lists model-invocation-job as a required resource type of
  // CreateModelInvocationJob, and the Bedrock user guide says "Batch inference jobs use the
  // foundation-model, custom-model, and model-invocation-job resource types": the request is also
  // authorized on the new job's ARN. Like async-invoke jobs, that ARN must pass the allow-list
  // and leave the decision to the model.
  test.each([
    { model: SONNET_4, expected: 'Allowed' },
    { model: LLAMA_8B, expected: 'Denied' },
  ])('CreateModelInvocationJob (batch) on $model, authorized on the model and on the new job -> $expected', async ({ model, expected }) => {
    const hops = [fm(model), bedrockArn(STRICT, 'model-invocation-job/nightly-batch')];
    expect(await decideAll(chainFor(STRICT), DEV, hops, 'bedrock:CreateModelInvocationJob')).toMatch(new RegExp(`^${expected}\\n`));
  });

  test.each([
    { name: `global.${SONNET_4}`, expected: 'Allowed' },
    { name: `global.${LLAMA_8B}`, expected: 'Denied' },
  ])('the $name profile ARN itself -> $expected (the allow-list must name profiles, or allowed models break)', async ({ name, expected }) => {
    const result = await decide({ scps: chainFor(STRICT), request: { principalArn: DEV, action: 'bedrock:InvokeModel', resource: profile(STRICT, name) } });
    expect(verdict(result)).toMatch(verdictLine(expected as Decision));
  });

  test.each([
    { model: SONNET_4, coveredBy: [] },
    { model: NOVA, coveredBy: [] },
    { model: LLAMA_8B, coveredBy: ['DenyBedrockModelsNotAllowed'] },
    { model: DEEPSEEK, coveredBy: ['DenyBedrockModelsNotAllowed'] },
  ])('global inference: the region-less ARN of $model is denied by $coveredBy (the NotResource exceptions match an empty region)', ({ model, coveredBy }) => {
    const statements = statementsOf(chainFor(STRICT));
    for (const action of ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']) {
      expect(denyStatementsCovering(statements, action, globalFm(model)).filter(deniesAllButExempted).map((s) => s.Sid)).toEqual(coveredBy);
    }
  });
});
