import { join } from 'node:path';
import { statementsOf } from '../../cli/simulate';
import { objectArn, weightKeysOf } from '../support/jumpstart-weight-keys';
import { accountChains, asRole, type DecisionCase, denyStatementsCovering, expectDecision, row } from '../support/synthesized-scps';

/**
 * examples/curated-jumpstart-hub.yaml: a private hub in shared-services, shared with the whole
 * organization through AWS RAM; the public hub, gated models and Marketplace deployments blocked at
 * the root for everyone but the hub's curator and the role that applies its stack.
 */

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'curated-jumpstart-hub.yaml');
const SHARED = '444444444444';
const TEAM_A = '666666666666';
const PATHS: Readonly<Record<string, readonly string[]>> = {
  [SHARED]: ['r-ab12', 'ou-ab12-22222222', SHARED],
  [TEAM_A]: ['r-ab12', 'ou-ab12-22222222', TEAM_A],
};

const role = (account: string, name = 'Developer'): string => `arn:aws:iam::${account}:role/${name}`;
const PUBLIC_HUB = 'arn:aws:sagemaker:us-east-1:aws:hub/SageMakerPublicHub';
const PUBLIC_LLAMA = 'arn:aws:sagemaker:us-east-1:aws:hub-content/SageMakerPublicHub/Model/meta-textgeneration-llama-3-8b';
const PRIVATE_HUB = `arn:aws:sagemaker:us-east-1:${SHARED}:hub/approved-models`;
const PRIVATE_LLAMA = `arn:aws:sagemaker:us-east-1:${SHARED}:hub-content/approved-models/ModelReference/meta-textgeneration-llama-3-8b`;
const tagged = (contentArn: string): Record<string, string> => ({ 'aws:RequestTag/sagemaker-studio:hub-content-arn': `${contentArn}/1.0.0` });
const weights = (model: string): string => objectArn('jumpstart-cache-prod-us-east-1', weightKeysOf(model)[3] ?? '');

const teamA: DecisionCase[] = [
  row('DescribeHub on the public hub', role(TEAM_A), 'sagemaker:DescribeHub', PUBLIC_HUB, undefined, 'Denied'),
  row('DescribeHubContent of a public model', role(TEAM_A), 'sagemaker:DescribeHubContent', PUBLIC_LLAMA, undefined, 'Denied'),
  row('an endpoint config of the private hub model', role(TEAM_A), 'sagemaker:CreateEndpointConfig', `arn:aws:sagemaker:us-east-1:${TEAM_A}:endpoint-config/llama`, tagged(PRIVATE_LLAMA), 'Allowed'),
  row('an endpoint config of the same model from the public hub (Marketplace)', role(TEAM_A), 'sagemaker:CreateEndpointConfig', `arn:aws:sagemaker:us-east-1:${TEAM_A}:endpoint-config/llama`, tagged(PUBLIC_LLAMA), 'Denied'),
  row('reading the weights of an approved model', role(TEAM_A, 'SageMakerExecution'), 's3:GetObject', weights('huggingface-llm-mistral-7b-instruct'), undefined, 'Allowed'),
  row('reading the weights of a model the hub does not hold', role(TEAM_A, 'SageMakerExecution'), 's3:GetObject', weights('huggingface-llm-falcon-180b-bf16'), undefined, 'Denied'),
  row('the curator role name in another account', role(TEAM_A, 'MLPlatform'), 'sagemaker:DescribeHub', PUBLIC_HUB, undefined, 'Denied'),
];

const sharedServices: DecisionCase[] = [
  row('the curator reads the public hub', role(SHARED, 'MLPlatform'), 'sagemaker:DescribeHubContent', PUBLIC_LLAMA, undefined, 'Allowed'),
  row('the stack role references a public model into the hub', role(SHARED, 'OrganizationAccountAccessRole'), 'sagemaker:CreateHubContentReference', PUBLIC_LLAMA, undefined, 'Allowed'),
  row('another role of shared-services reads the public hub', role(SHARED), 'sagemaker:DescribeHub', PUBLIC_HUB, undefined, 'Denied'),
];

describe('examples/curated-jumpstart-hub.yaml', () => {
  const { chain, chainOf, synthesized } = accountChains(EXAMPLE, PATHS);

  test('synthesizes without warnings, into the root stack and the hub account stack', () => {
    expect(synthesized().warnings).toEqual([]);
    expect(synthesized().stacks).toEqual(['account-shared-services', 'root']);
  });

  test('the hub references the two approved models and is shared with the organization only', () => {
    const hubStack = synthesized().stack('account-shared-services').resource ?? {};
    const references = Object.values(hubStack.aws_sagemaker_hub_content_reference ?? {}).map((r) => r.hub_content_name);
    expect(references.sort()).toEqual(['huggingface-llm-mistral-7b-instruct', 'meta-textgeneration-llama-3-8b']);
    const shares = Object.values(hubStack.aws_ram_resource_share ?? {});
    expect(shares.map((s) => s.allow_external_principals)).toEqual([false]);
    const principals = Object.values(hubStack.aws_ram_principal_association ?? {}).map((p) => p.principal);
    expect(principals).toEqual(['arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5']);
    expect(Object.keys(synthesized().stack('root').resource?.aws_ram_sharing_with_organization ?? {})).toHaveLength(1);
  });

  // Reading the hub from team-a is cross-account: the RAM share grants it (a resource policy the
  // simulator is not given). What the SCPs decide is that none of their denies reaches it.
  test.each([
    ['sagemaker:DescribeHub', PRIVATE_HUB, 0],
    ['sagemaker:DescribeHubContent', PRIVATE_LLAMA, 0],
    ['sagemaker:DescribeHubContent', PUBLIC_LLAMA, 1],
  ])('from team-a, %s on %s meets %d SCP denies', (action, resource, denies) => {
    expect(denyStatementsCovering(statementsOf(chain(TEAM_A)), action, resource)).toHaveLength(denies);
  });

  test.each(teamA)('team-a: $name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });

  test.each(sharedServices)('shared-services: $name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });

  test.each(asRole(teamA.filter((c) => c.expected === 'Denied'), 'OrgBreakGlass'))('$name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });
});
