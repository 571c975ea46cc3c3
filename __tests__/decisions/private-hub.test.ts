import { join } from 'node:path';
import { scpChainFor, statementsOf, type ScpLevel } from '../../cli/simulate';
import { denyStatementsCovering, expectDecision, row, synthesizeToTemp, type DecisionCase } from '../support/synthesized-scps';

/**
 * The private hub of examples/governance.yaml under the example's SCPs: the root blocks the public
 * hub, exempting shared-services' hub curator and the role that applies the hub's stack; the
 * private hub and its content stay usable, in shared-services and in Workloads/Prod, which it is
 * shared with.
 */

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'governance.yaml');
const SHARED = '444444444444';
const PROD_APP = '333333333333';
const PATHS: Readonly<Record<string, readonly string[]>> = {
  [SHARED]: ['r-ab12', 'ou-ab12-22222222', SHARED],
  [PROD_APP]: ['r-ab12', 'ou-ab12-22222222', 'ou-ab12-33333333', PROD_APP],
};

const role = (account: string, name: string): string => `arn:aws:iam::${account}:role/${name}`;
const DEPLOYER = role(SHARED, 'OrganizationAccountAccessRole');
const PUBLIC_LLAMA = 'arn:aws:sagemaker:us-east-1:aws:hub-content/SageMakerPublicHub/Model/meta-textgeneration-llama-3-8b';
const PRIVATE_HUB = `arn:aws:sagemaker:us-east-1:${SHARED}:hub/curated-models`;
const PRIVATE_LLAMA = `arn:aws:sagemaker:us-east-1:${SHARED}:hub-content/curated-models/ModelReference/meta-textgeneration-llama-3-8b`;

const cases: DecisionCase[] = [
  row('the stack role references a public model into the hub (public content)', DEPLOYER, 'sagemaker:CreateHubContentReference', PUBLIC_LLAMA, undefined, 'Allowed'),
  row('the stack role references a public model into the hub (private hub)', DEPLOYER, 'sagemaker:CreateHubContentReference', PRIVATE_HUB, undefined, 'Allowed'),
  row('another role of shared-services cannot reference public content', role(SHARED, 'Developer'), 'sagemaker:CreateHubContentReference', PUBLIC_LLAMA, undefined, 'Denied'),
  row('the stack role of prod-app is not exempted from the public hub block', role(PROD_APP, 'OrganizationAccountAccessRole'), 'sagemaker:DescribeHubContent', PUBLIC_LLAMA, undefined, 'Denied'),
  row('a shared-services developer describes the private hub', role(SHARED, 'Developer'), 'sagemaker:DescribeHub', PRIVATE_HUB, undefined, 'Allowed'),
  row('a shared-services developer reads an approved model in the private hub', role(SHARED, 'Developer'), 'sagemaker:DescribeHubContent', PRIVATE_LLAMA, undefined, 'Allowed'),
  row('a prod-app developer reads the same model in the public hub', role(PROD_APP, 'Developer'), 'sagemaker:DescribeHubContent', PUBLIC_LLAMA, undefined, 'Denied'),
];

describe('the private hub of examples/governance.yaml', () => {
  const chains: Record<string, ScpLevel[]> = {};
  beforeAll(async () => {
    const { outdir } = await synthesizeToTemp(EXAMPLE);
    for (const [account, ids] of Object.entries(PATHS)) chains[account] = scpChainFor(outdir, ids);
  });

  // Cross-account access comes from the RAM share (a resource policy the simulator is not given):
  // what the SCPs decide is that none of their denies reaches the private hub from prod-app.
  test.each([
    ['sagemaker:DescribeHub', PRIVATE_HUB, 0],
    ['sagemaker:DescribeHubContent', PRIVATE_LLAMA, 0],
    ['sagemaker:DescribeHubContent', PUBLIC_LLAMA, 1],
  ])('from prod-app, %s on %s meets %d SCP denies', (action, resource, denies) => {
    expect(denyStatementsCovering(statementsOf(chains[PROD_APP] ?? []), action, resource)).toHaveLength(denies);
  });

  test.each(cases)('$name -> $expected', async (c) => {
    const chain = chains[c.principalArn.split(':')[4] ?? ''];
    if (!chain) throw new Error(`no chain for ${c.principalArn}`);
    await expectDecision(chain, c);
  });
});
