import { join } from 'node:path';
import { accountChains, asRole, type DecisionCase, expectDecision, row } from '../support/synthesized-scps';

/**
 * examples/allow-list-per-environment.yaml: Sandbox allows three families, Prod one model; every other
 * model is denied in each, on every Bedrock route, and Prod also closes API keys, the
 * OpenAI-compatible endpoint and fine-tuning.
 */

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'allow-list-per-environment.yaml');
const SANDBOX_DEV = '222222222222';
const PROD_APP = '333333333333';
const PATHS: Readonly<Record<string, readonly string[]>> = {
  [SANDBOX_DEV]: ['r-ab12', 'ou-ab12-11111111', SANDBOX_DEV],
  [PROD_APP]: ['r-ab12', 'ou-ab12-33333333', PROD_APP],
};

const SONNET = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const NOVA = 'amazon.nova-lite-v1:0';
const LLAMA = 'meta.llama3-8b-instruct-v1:0';
const MISTRAL = 'mistral.mistral-large-2402-v1:0';
const fm = (model: string): string => `arn:aws:bedrock:us-east-1::foundation-model/${model}`;
const role = (account: string): string => `arn:aws:iam::${account}:role/Developer`;
const profile = (account: string, model: string): string => `arn:aws:bedrock:us-east-1:${account}:inference-profile/us.${model}`;
const mantle = (account: string, model: string, expected: 'Allowed' | 'Denied'): DecisionCase =>
  row(`OpenAI-compatible endpoint with ${model}`, role(account), 'bedrock-mantle:CreateInference', `arn:aws:bedrock-mantle:us-east-1:${account}:project/default`, { 'bedrock-mantle:Model': model }, expected);

const sandbox: DecisionCase[] = [
  row('InvokeModel on claude-3-haiku (anthropic.claude-*)', role(SANDBOX_DEV), 'bedrock:InvokeModel', fm(HAIKU), undefined, 'Allowed'),
  row('InvokeModel on nova lite', role(SANDBOX_DEV), 'bedrock:InvokeModel', fm(NOVA), undefined, 'Allowed'),
  row('InvokeModel on llama 3 8b', role(SANDBOX_DEV), 'bedrock:InvokeModel', fm(LLAMA), undefined, 'Allowed'),
  row('InvokeModel through the us. profile of nova lite', role(SANDBOX_DEV), 'bedrock:InvokeModel', profile(SANDBOX_DEV, NOVA), undefined, 'Allowed'),
  mantle(SANDBOX_DEV, NOVA, 'Allowed'),
  row('InvokeModel on mistral large (not listed)', role(SANDBOX_DEV), 'bedrock:InvokeModel', fm(MISTRAL), undefined, 'Denied'),
  mantle(SANDBOX_DEV, MISTRAL, 'Denied'),
  row('InvokeModel on an imported model (not in alsoAllow)', role(SANDBOX_DEV), 'bedrock:InvokeModel', `arn:aws:bedrock:us-east-1:${SANDBOX_DEV}:imported-model/m1`, undefined, 'Denied'),
];

const prod: DecisionCase[] = [
  row('InvokeModel on claude-3-5-sonnet', role(PROD_APP), 'bedrock:InvokeModel', fm(SONNET), undefined, 'Allowed'),
  row('InvokeModel through the us. profile of claude-3-5-sonnet', role(PROD_APP), 'bedrock:InvokeModel', profile(PROD_APP, SONNET), undefined, 'Allowed'),
  row('InvokeModel on claude-3-haiku (allowed in Sandbox only)', role(PROD_APP), 'bedrock:InvokeModel', fm(HAIKU), undefined, 'Denied'),
  row('InvokeModel on nova lite', role(PROD_APP), 'bedrock:InvokeModel', fm(NOVA), undefined, 'Denied'),
  row('batch inference on nova lite', role(PROD_APP), 'bedrock:CreateModelInvocationJob', fm(NOVA), undefined, 'Denied'),
  mantle(PROD_APP, SONNET, 'Denied'),
  row('a short-term API key (apiKeys: deny)', role(PROD_APP), 'bedrock:CallWithBearerToken', '*', { 'bedrock:BearerTokenType': 'SHORT_TERM' }, 'Denied'),
  row('fine-tuning claude-3-5-sonnet', role(PROD_APP), 'bedrock:CreateModelCustomizationJob', fm(SONNET), undefined, 'Denied'),
];

describe('examples/allow-list-per-environment.yaml', () => {
  const { chainOf, synthesized } = accountChains(EXAMPLE, PATHS);

  test('synthesizes without warnings', () => {
    expect(synthesized().warnings).toEqual([]);
  });

  test.each(sandbox)('sandbox-dev (Sandbox): $name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });

  test.each(prod)('prod-app (Prod): $name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });

  test.each(asRole([...sandbox, ...prod].filter((c) => c.expected === 'Denied'), 'OrgBreakGlass'))('$name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });
});
