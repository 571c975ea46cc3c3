import { join } from 'node:path';
import { scpChainFor, type ScpLevel } from '../../cli/simulate';
import { asRole, expectDecision, synthesizeToTemp, type DecisionCase, row } from '../support/synthesized-scps';

/**
 * examples/governance.yaml, the organization `npm run synth` uses by default, read aloud:
 * - root: deepseek.* denied everywhere, only short-term API keys, Marketplace deepseek* denied,
 *   public hub, gated models and registering endpoints into Bedrock blocked except for
 *   shared-services' MLPlatform role;
 * - Sandbox: only claude-3-5-sonnet* and nova, Custom Model Import only for MLPlatform, no fine-tuning;
 * - Workloads/Prod: only claude-3-5-sonnet* (plus application inference profiles), no API keys, no
 *   OpenAI-compatible endpoint, no Marketplace models or subscriptions, no import or fine-tuning;
 * - prod-app: every invocation must name guardrail prodapp01.
 */

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'governance.yaml');

const SANDBOX_DEV = '222222222222';
const PROD_APP = '333333333333';
const SHARED = '444444444444';
const PATHS: Readonly<Record<string, readonly string[]>> = {
  [SANDBOX_DEV]: ['r-ab12', 'ou-ab12-11111111', SANDBOX_DEV],
  [PROD_APP]: ['r-ab12', 'ou-ab12-22222222', 'ou-ab12-33333333', PROD_APP],
  [SHARED]: ['r-ab12', 'ou-ab12-22222222', SHARED],
};

const SONNET = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const NOVA = 'amazon.nova-lite-v1:0';
const DEEPSEEK = 'deepseek.r1-v1:0';
const LLAMA = 'meta.llama3-8b-instruct-v1:0';
const GUARDRAIL = { 'bedrock:GuardrailIdentifier': `arn:aws:bedrock:us-east-1:${PROD_APP}:guardrail/prodapp01:1` };
const fm = (model: string): string => `arn:aws:bedrock:us-east-1::foundation-model/${model}`;
const role = (account: string, name = 'Developer'): string => `arn:aws:iam::${account}:role/${name}`;
const hubTag = (model: string): Record<string, string> => ({
  'aws:RequestTag/sagemaker-studio:hub-content-arn': `arn:aws:sagemaker:us-east-1:aws:hub-content/SageMakerPublicHub/Model/${model}/1.0.0`,
});


const sandbox: DecisionCase[] = [
  row('InvokeModel on claude-3-5-sonnet', role(SANDBOX_DEV), 'bedrock:InvokeModel', fm(SONNET), undefined, 'Allowed'),
  row('InvokeModelWithResponseStream on nova lite', role(SANDBOX_DEV), 'bedrock:InvokeModelWithResponseStream', fm(NOVA), undefined, 'Allowed'),
  row('InvokeModel through the us. profile of claude-3-5-sonnet', role(SANDBOX_DEV), 'bedrock:InvokeModel', `arn:aws:bedrock:us-east-1:${SANDBOX_DEV}:inference-profile/us.${SONNET}`, undefined, 'Allowed'),
  row('InvokeModel on deepseek (root)', role(SANDBOX_DEV), 'bedrock:InvokeModel', fm(DEEPSEEK), undefined, 'Denied'),
  row('InvokeModel on llama (Sandbox allow-list)', role(SANDBOX_DEV), 'bedrock:InvokeModel', fm(LLAMA), undefined, 'Denied'),
  row('Claude Platform on AWS (closed by the allow-list)', role(SANDBOX_DEV), 'aws-external-anthropic:CreateInference', `arn:aws:aws-external-anthropic:us-east-1:${SANDBOX_DEV}:workspace/default`, undefined, 'Denied'),
  row('CreateModelImportJob', role(SANDBOX_DEV), 'bedrock:CreateModelImportJob', '*', undefined, 'Denied'),
  row('MLPlatform: CreateModelImportJob', role(SANDBOX_DEV, 'MLPlatform'), 'bedrock:CreateModelImportJob', '*', undefined, 'Allowed'),
  // MLPlatform is exempted from Custom Model Import only, not from fine-tuning.
  row('MLPlatform: CreateModelCustomizationJob on nova', role(SANDBOX_DEV, 'MLPlatform'), 'bedrock:CreateModelCustomizationJob', fm(NOVA), undefined, 'Denied'),
  // The JumpStart exception names shared-services' MLPlatform, not a role of that name anywhere.
  row('MLPlatform: DescribeHub on the public hub', role(SANDBOX_DEV, 'MLPlatform'), 'sagemaker:DescribeHub', 'arn:aws:sagemaker:us-east-1:aws:hub/SageMakerPublicHub', undefined, 'Denied'),
];

const sharedServices: DecisionCase[] = [
  row('InvokeModel on llama (no Workloads rules)', role(SHARED), 'bedrock:InvokeModel', fm(LLAMA), undefined, 'Allowed'),
  row('InvokeModel on deepseek in eu-west-1 (root)', role(SHARED), 'bedrock:InvokeModel', 'arn:aws:bedrock:eu-west-1::foundation-model/deepseek.v3-v1:0', undefined, 'Denied'),
  row('bedrock:CallWithBearerToken with a long-term key', role(SHARED), 'bedrock:CallWithBearerToken', '*', { 'bedrock:BearerTokenType': 'LONG_TERM' }, 'Denied'),
  row('bedrock:CallWithBearerToken with a short-term key', role(SHARED), 'bedrock:CallWithBearerToken', '*', { 'bedrock:BearerTokenType': 'SHORT_TERM' }, 'Allowed'),
  row('CreateServiceSpecificCredential for bedrock', role(SHARED), 'iam:CreateServiceSpecificCredential', `arn:aws:iam::${SHARED}:user/ci`, { 'iam:ServiceSpecificCredentialServiceName': 'bedrock.amazonaws.com' }, 'Denied'),
  row('DescribeHub on the public hub', role(SHARED), 'sagemaker:DescribeHub', 'arn:aws:sagemaker:us-west-2:aws:hub/SageMakerPublicHub', undefined, 'Denied'),
  row('MLPlatform: DescribeHub on the public hub (curates the private hub)', role(SHARED, 'MLPlatform'), 'sagemaker:DescribeHub', 'arn:aws:sagemaker:us-west-2:aws:hub/SageMakerPublicHub', undefined, 'Allowed'),
  row('CreateEndpointConfig of Marketplace deepseek', role(SHARED), 'sagemaker:CreateEndpointConfig', `arn:aws:sagemaker:us-east-1:${SHARED}:endpoint-config/ds`, hubTag('deepseek-llm-r1'), 'Denied'),
  row('CreateEndpointConfig of Marketplace llama (the root denies Marketplace models outright)', role(SHARED), 'sagemaker:CreateEndpointConfig', `arn:aws:sagemaker:us-east-1:${SHARED}:endpoint-config/llama`, hubTag('meta-textgeneration-llama-3-8b'), 'Denied'),
  row('CreateModelImportJob (the root denies it; only sandbox-dev\'s MLPlatform may import)', role(SHARED, 'MLPlatform'), 'bedrock:CreateModelImportJob', '*', undefined, 'Denied'),
  row('CreateEndpointConfig without a hub-content tag', role(SHARED), 'sagemaker:CreateEndpointConfig', `arn:aws:sagemaker:us-east-1:${SHARED}:endpoint-config/churn`, undefined, 'Allowed'),
];

const prodApp: DecisionCase[] = [
  row('InvokeModel on claude-3-5-sonnet with guardrail prodapp01', role(PROD_APP), 'bedrock:InvokeModel', fm(SONNET), GUARDRAIL, 'Allowed'),
  row('InvokeModel on claude-3-5-sonnet without a guardrail', role(PROD_APP), 'bedrock:InvokeModel', fm(SONNET), undefined, 'Denied'),
  row('InvokeModel on nova with guardrail prodapp01 (not on the Prod allow-list)', role(PROD_APP), 'bedrock:InvokeModel', fm(NOVA), GUARDRAIL, 'Denied'),
  row('InvokeModel on an application inference profile with guardrail prodapp01', role(PROD_APP), 'bedrock:InvokeModel', `arn:aws:bedrock:us-east-1:${PROD_APP}:application-inference-profile/app1`, GUARDRAIL, 'Allowed'),
  row('InvokeModel on an imported model with guardrail prodapp01', role(PROD_APP), 'bedrock:InvokeModel', `arn:aws:bedrock:us-east-1:${PROD_APP}:imported-model/m1`, GUARDRAIL, 'Denied'),
  row('InvokeModel on the Bedrock Marketplace endpoint with guardrail prodapp01', role(PROD_APP), 'bedrock:InvokeModel', `arn:aws:bedrock:us-east-1:${PROD_APP}:marketplace/model-endpoint/all-access`, GUARDRAIL, 'Denied'),
  row('bedrock:CallWithBearerToken with a short-term key (apiKeys: deny)', role(PROD_APP), 'bedrock:CallWithBearerToken', '*', { 'bedrock:BearerTokenType': 'SHORT_TERM' }, 'Denied'),
  row('OpenAI-compatible CreateInference with claude-3-5-sonnet (endpoint denied)', role(PROD_APP), 'bedrock-mantle:CreateInference', `arn:aws:bedrock-mantle:us-east-1:${PROD_APP}:project/default`, { 'bedrock-mantle:Model': SONNET }, 'Denied'),
  row('CreateEndpointConfig of Marketplace llama (marketplace deny: all at the root)', role(PROD_APP), 'sagemaker:CreateEndpointConfig', `arn:aws:sagemaker:us-east-1:${PROD_APP}:endpoint-config/llama`, hubTag('meta-textgeneration-llama-3-8b'), 'Denied'),
  row('CreateEndpointConfig without a hub-content tag', role(PROD_APP), 'sagemaker:CreateEndpointConfig', `arn:aws:sagemaker:us-east-1:${PROD_APP}:endpoint-config/churn`, undefined, 'Allowed'),
  row('aws-marketplace:Subscribe (subscriptions: deny)', role(PROD_APP), 'aws-marketplace:Subscribe', '*', undefined, 'Denied'),
  row('CreateModelCustomizationJob on claude-3-5-sonnet', role(PROD_APP), 'bedrock:CreateModelCustomizationJob', fm(SONNET), undefined, 'Denied'),
];

describe('examples/governance.yaml', () => {
  const chains: Record<string, ScpLevel[]> = {};

  beforeAll(async () => {
    const { outdir } = await synthesizeToTemp(EXAMPLE);
    for (const [account, ids] of Object.entries(PATHS)) chains[account] = scpChainFor(outdir, ids);
  });
  const chainOf = (c: DecisionCase): ScpLevel[] => {
    const chain = chains[c.principalArn.split(':')[4] ?? ''];
    if (!chain) throw new Error(`no chain for ${c.principalArn}`);
    return chain;
  };

  describe.each([
    { account: 'sandbox-dev (Sandbox)', cases: sandbox },
    { account: 'shared-services (Workloads)', cases: sharedServices },
    { account: 'prod-app (Workloads/Prod)', cases: prodApp },
  ])('$account', ({ cases }) => {
    test.each(cases)('$name -> $expected', async (c) => {
      await expectDecision(chainOf(c), c);
    });

    test.each(asRole(cases.filter((c) => c.expected === 'Denied'), 'OrgBreakGlass'))('$name -> $expected', async (c) => {
      await expectDecision(chainOf(c), c);
    });
  });
});
