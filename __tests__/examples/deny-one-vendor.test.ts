import { join } from 'node:path';
import { statementsOf } from '../../cli/simulate';
import { objectArn, weightKeysOf } from '../support/jumpstart-weight-keys';
import { accountChains, asRole, type DecisionCase, denyStatementsCovering, expectDecision, row } from '../support/synthesized-scps';

/**
 * examples/deny-one-vendor.yaml: DeepSeek is denied at the root, so in an account two OUs down it is
 * denied on every path (Bedrock, its inference profiles and global inference, the OpenAI-compatible
 * endpoint, Marketplace deployments, JumpStart weights, imports), and other models are not touched.
 */

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'deny-one-vendor.yaml');
const PROD_APP = '333333333333';
const ML_LAB = '555555555555';
const PATHS: Readonly<Record<string, readonly string[]>> = {
  [PROD_APP]: ['r-ab12', 'ou-ab12-22222222', 'ou-ab12-33333333', PROD_APP],
  [ML_LAB]: ['r-ab12', 'ou-ab12-22222222', ML_LAB],
};

const DEEPSEEK = 'deepseek.r1-v1:0';
const SONNET = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const fm = (model: string, region = 'us-east-1'): string => `arn:aws:bedrock:${region}::foundation-model/${model}`;
const role = (account: string, name = 'Developer'): string => `arn:aws:iam::${account}:role/${name}`;
const hubTag = (model: string): Record<string, string> => ({
  'aws:RequestTag/sagemaker-studio:hub-content-arn': `arn:aws:sagemaker:us-east-1:aws:hub-content/SageMakerPublicHub/Model/${model}/1.0.0`,
});
/** The weights of a JumpStart model in the form `<family>/<version>/infer-<id>.tar.gz`. */
const weights = (model: string): string => objectArn('jumpstart-cache-prod-us-east-1', weightKeysOf(model)[3] ?? '');

const denied: DecisionCase[] = [
  row('InvokeModel on deepseek', role(PROD_APP), 'bedrock:InvokeModel', fm(DEEPSEEK), undefined, 'Denied'),
  row('InvokeModel on deepseek in eu-west-1', role(PROD_APP), 'bedrock:InvokeModel', fm(DEEPSEEK, 'eu-west-1'), undefined, 'Denied'),
  row('InvokeModel through the us. inference profile of deepseek', role(PROD_APP), 'bedrock:InvokeModel', `arn:aws:bedrock:us-east-1:${PROD_APP}:inference-profile/us.${DEEPSEEK}`, undefined, 'Denied'),
  row('batch inference on deepseek', role(PROD_APP), 'bedrock:CreateModelInvocationJob', fm(DEEPSEEK), undefined, 'Denied'),
  row('OpenAI-compatible endpoint with deepseek', role(PROD_APP), 'bedrock-mantle:CreateInference', `arn:aws:bedrock-mantle:us-east-1:${PROD_APP}:project/default`, { 'bedrock-mantle:Model': DEEPSEEK }, 'Denied'),
  row('Marketplace deployment of deepseek-llm-r1 (endpoint config)', role(PROD_APP), 'sagemaker:CreateEndpointConfig', `arn:aws:sagemaker:us-east-1:${PROD_APP}:endpoint-config/ds`, hubTag('deepseek-llm-r1'), 'Denied'),
  row('Marketplace deployment of deepseek-llm-r1 (model)', role(PROD_APP), 'sagemaker:CreateModel', `arn:aws:sagemaker:us-east-1:${PROD_APP}:model/ds`, hubTag('deepseek-llm-r1'), 'Denied'),
  row('reading the JumpStart weights of deepseek-llm-r1', role(PROD_APP, 'SageMakerExecution'), 's3:GetObject', weights('deepseek-llm-r1'), undefined, 'Denied'),
  row('Custom Model Import (imported weights carry no model id)', role(PROD_APP), 'bedrock:CreateModelImportJob', '*', undefined, 'Denied'),
];

const allowed: DecisionCase[] = [
  row('InvokeModel on claude-3-5-sonnet', role(PROD_APP), 'bedrock:InvokeModel', fm(SONNET), undefined, 'Allowed'),
  row('OpenAI-compatible endpoint with claude-3-5-sonnet', role(PROD_APP), 'bedrock-mantle:CreateInference', `arn:aws:bedrock-mantle:us-east-1:${PROD_APP}:project/default`, { 'bedrock-mantle:Model': SONNET }, 'Allowed'),
  row('Marketplace deployment of a llama model', role(PROD_APP), 'sagemaker:CreateEndpointConfig', `arn:aws:sagemaker:us-east-1:${PROD_APP}:endpoint-config/llama`, hubTag('meta-textgeneration-llama-3-8b'), 'Allowed'),
  row('reading the JumpStart weights of a llama model', role(PROD_APP, 'SageMakerExecution'), 's3:GetObject', weights('meta-textgeneration-llama-3-8b'), undefined, 'Allowed'),
  row('ml-lab MLPlatform: Custom Model Import', role(ML_LAB, 'MLPlatform'), 'bedrock:CreateModelImportJob', '*', undefined, 'Allowed'),
];

describe('examples/deny-one-vendor.yaml', () => {
  const { chain, chainOf, synthesized } = accountChains(EXAMPLE, PATHS);

  test('synthesizes without warnings', () => {
    expect(synthesized().warnings).toEqual([]);
  });

  test.each([...denied, ...allowed])('prod-app, two OUs down: $name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });

  test.each(asRole(denied, 'OrgBreakGlass'))('$name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });

  // The simulator refuses the region-less ARN of global cross-region inference: match it directly.
  test('global cross-region inference of deepseek meets a deny; of claude-3-5-sonnet none', () => {
    const statements = statementsOf(chain(PROD_APP));
    expect(denyStatementsCovering(statements, 'bedrock:InvokeModel', `arn:aws:bedrock:::foundation-model/${DEEPSEEK}`).length).toBeGreaterThan(0);
    expect(denyStatementsCovering(statements, 'bedrock:InvokeModel', `arn:aws:bedrock:::foundation-model/${SONNET}`)).toEqual([]);
  });
});
