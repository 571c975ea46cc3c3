import { join } from 'node:path';
import { scpChainFor, statementsOf, type ScpLevel } from '../../cli/simulate';
import {
  actionMatches,
  asRole,
  expectDecision,
  synthesizeToTemp,
  type DecisionCase,
  row,
} from '../support/synthesized-scps';

/**
 * Bedrock Marketplace models (selected on the SageMaker side by the hub-content tag of the
 * endpoint, endpoint config and model) and SageMaker JumpStart (public hub, gated models,
 * registering endpoints into Bedrock).
 */

const FIXTURES = join(__dirname, '..', 'fixtures');

const TAG = 'sagemaker-studio:hub-content-arn';
const DEEPSEEK_CONTENT = 'arn:aws:sagemaker:us-east-1:aws:hub-content/SageMakerPublicHub/Model/deepseek-llm-r1/1.0.0';
const LLAMA_CONTENT = 'arn:aws:sagemaker:us-east-1:aws:hub-content/SageMakerPublicHub/Model/meta-textgeneration-llama-3-8b/2.0.0';
const sagemaker = (account: string, path: string, region = 'us-east-1'): string => `arn:aws:sagemaker:${region}:${account}:${path}`;
const requestTag = (value: string): Record<string, string> => ({ [`aws:RequestTag/${TAG}`]: value });
const resourceTag = (value: string): Record<string, string> => ({ [`aws:ResourceTag/${TAG}`]: value });
const publicHub = (region: string): string => `arn:aws:sagemaker:${region}:aws:hub/SageMakerPublicHub`;
const publicContent = (region: string, name: string): string => `arn:aws:sagemaker:${region}:aws:hub-content/SageMakerPublicHub/Model/${name}`;


/** Marketplace deployments of a deny-list and an allow-list of models behave the same way for these requests. */
function marketplaceCases(account: string, principalArn: string): DecisionCase[] {
  return [
    row('CreateEndpointConfig tagged with deepseek', principalArn, 'sagemaker:CreateEndpointConfig', sagemaker(account, 'endpoint-config/ds'), requestTag(DEEPSEEK_CONTENT), 'Denied'),
    row('CreateModel tagged with deepseek', principalArn, 'sagemaker:CreateModel', sagemaker(account, 'model/ds'), requestTag(DEEPSEEK_CONTENT), 'Denied'),
    row('CreateEndpoint tagged with deepseek', principalArn, 'sagemaker:CreateEndpoint', sagemaker(account, 'endpoint/ds'), requestTag(DEEPSEEK_CONTENT), 'Denied'),
    row('CreateEndpoint from an existing deepseek endpoint config', principalArn, 'sagemaker:CreateEndpoint', sagemaker(account, 'endpoint-config/ds'), resourceTag(DEEPSEEK_CONTENT), 'Denied'),
    row('InvokeEndpoint on an existing deepseek deployment', principalArn, 'sagemaker:InvokeEndpoint', sagemaker(account, 'endpoint/ds'), resourceTag(DEEPSEEK_CONTENT), 'Denied'),
    row('CreateEndpointConfig tagged with llama', principalArn, 'sagemaker:CreateEndpointConfig', sagemaker(account, 'endpoint-config/llama'), requestTag(LLAMA_CONTENT), 'Allowed'),
    row('CreateModel tagged with llama', principalArn, 'sagemaker:CreateModel', sagemaker(account, 'model/llama'), requestTag(LLAMA_CONTENT), 'Allowed'),
    row('CreateEndpoint tagged with llama', principalArn, 'sagemaker:CreateEndpoint', sagemaker(account, 'endpoint/llama'), requestTag(LLAMA_CONTENT), 'Allowed'),
    row('InvokeEndpoint on an existing llama deployment', principalArn, 'sagemaker:InvokeEndpoint', sagemaker(account, 'endpoint/llama'), resourceTag(LLAMA_CONTENT), 'Allowed'),
    // Ordinary ML work carries no hub-content tag and is none of the Marketplace rules' business.
    row('InvokeEndpoint on an untagged endpoint', principalArn, 'sagemaker:InvokeEndpoint', sagemaker(account, 'endpoint/churn-model'), undefined, 'Allowed'),
    row('CreateModel without a hub-content tag', principalArn, 'sagemaker:CreateModel', sagemaker(account, 'model/churn-model'), undefined, 'Allowed'),
  ];
}

describe('deny-list (decisions-deny-list.yaml: marketplace deny deepseek*, JumpStart blocks except HubCurator)', () => {
  const ACCOUNT = '444444444444';
  const DEV = `arn:aws:iam::${ACCOUNT}:role/Developer`;
  let chain: ScpLevel[];

  beforeAll(async () => {
    const { outdir } = await synthesizeToTemp(join(FIXTURES, 'decisions-deny-list.yaml'));
    chain = scpChainFor(outdir, ['r-d3n1', 'ou-d3n1-bbbbbbbb', ACCOUNT]);
  });

  const marketplace = marketplaceCases(ACCOUNT, DEV);
  const jumpstart: DecisionCase[] = [
    row('DescribeHub on the public hub in us-east-1', DEV, 'sagemaker:DescribeHub', publicHub('us-east-1'), undefined, 'Denied'),
    row('DescribeHub on the public hub in eu-west-1', DEV, 'sagemaker:DescribeHub', publicHub('eu-west-1'), undefined, 'Denied'),
    row('ListHubContents of the public hub in ap-southeast-2', DEV, 'sagemaker:ListHubContents', publicHub('ap-southeast-2'), undefined, 'Denied'),
    row('DescribeHubContent on public hub content in us-east-1', DEV, 'sagemaker:DescribeHubContent', publicContent('us-east-1', 'meta-textgeneration-llama-3-8b'), undefined, 'Denied'),
    row('DescribeHubContent on public hub content in eu-west-1', DEV, 'sagemaker:DescribeHubContent', publicContent('eu-west-1', 'huggingface-llm-falcon-7b'), undefined, 'Denied'),
    row('CreateHubContentReference to public hub content', DEV, 'sagemaker:CreateHubContentReference', publicContent('us-east-1', 'meta-textgeneration-llama-3-8b'), undefined, 'Denied'),
    row('CreateModel of a gated model (DirectGatedModelAccess)', DEV, 'sagemaker:CreateModel', sagemaker(ACCOUNT, 'model/gated'), { 'sagemaker:DirectGatedModelAccess': 'true' }, 'Denied'),
    row('CreateTrainingJob on a gated model (DirectGatedModelAccess)', DEV, 'sagemaker:CreateTrainingJob', sagemaker(ACCOUNT, 'training-job/gated'), { 'sagemaker:DirectGatedModelAccess': 'true' }, 'Denied'),
    row('RegisterMarketplaceModelEndpoint (a SageMaker endpoint into Bedrock)', DEV, 'bedrock:RegisterMarketplaceModelEndpoint', `arn:aws:bedrock:us-east-1:${ACCOUNT}:marketplace/model-endpoint/all-access`, undefined, 'Denied'),
    row('DescribeHub on a private hub', DEV, 'sagemaker:DescribeHub', sagemaker(ACCOUNT, 'hub/my-private-hub'), undefined, 'Allowed'),
    row('DescribeHubContent on private hub content', DEV, 'sagemaker:DescribeHubContent', sagemaker(ACCOUNT, 'hub-content/my-private-hub/Model/meta-textgeneration-llama-3-8b'), undefined, 'Allowed'),
    row('ListHubContents of a private hub in eu-west-1', DEV, 'sagemaker:ListHubContents', sagemaker(ACCOUNT, 'hub/my-private-hub', 'eu-west-1'), undefined, 'Allowed'),
    row('CreateModel of a model that is not gated', DEV, 'sagemaker:CreateModel', sagemaker(ACCOUNT, 'model/open'), { 'sagemaker:DirectGatedModelAccess': 'false' }, 'Allowed'),
  ];

  test.each(marketplace)('Marketplace: $name -> $expected', async (c) => {
    await expectDecision(chain, c);
  });

  test.each(jumpstart)('JumpStart: $name -> $expected', async (c) => {
    await expectDecision(chain, c);
  });

  // HubCurator is the JumpStart rule's `except`: it curates the private hub from public content.
  test.each(asRole(jumpstart.filter((c) => c.expected === 'Denied'), 'HubCurator'))('JumpStart: $name -> $expected', async (c) => {
    await expectDecision(chain, c);
  });

  test.each(asRole([...marketplace, ...jumpstart].filter((c) => c.expected === 'Denied'), 'OrgBreakGlass'))('$name -> $expected', async (c) => {
    await expectDecision(chain, c);
  });

  test('HubCurator is not exempted from the Marketplace deny-list', async () => {
    await expectDecision(chain, row('HubCurator: CreateEndpointConfig tagged with deepseek', `arn:aws:iam::${ACCOUNT}:role/HubCurator`, 'sagemaker:CreateEndpointConfig', sagemaker(ACCOUNT, 'endpoint-config/ds'), requestTag(DEEPSEEK_CONTENT), 'Denied'));
  });
});

describe('allow-list (decisions-allow-list.yaml: OU Strict allows only meta-textgeneration-llama*)', () => {
  const ACCOUNT = '555555555555';
  const DEV = `arn:aws:iam::${ACCOUNT}:role/Developer`;
  let chain: ScpLevel[];

  beforeAll(async () => {
    const { outdir } = await synthesizeToTemp(join(FIXTURES, 'decisions-allow-list.yaml'));
    chain = scpChainFor(outdir, ['r-a110', 'ou-a110-11111111', ACCOUNT]);
  });

  const marketplace: DecisionCase[] = [
    ...marketplaceCases(ACCOUNT, DEV),
    row('CreateEndpointConfig tagged with mistral (not on the list)', DEV, 'sagemaker:CreateEndpointConfig', sagemaker(ACCOUNT, 'endpoint-config/m'), requestTag('arn:aws:sagemaker:us-east-1:aws:hub-content/SageMakerPublicHub/Model/huggingface-llm-mistral-7b/1.3.0'), 'Denied'),
    // Only public hub content is selected: a private hub's own content is the curator's business.
    row('CreateEndpointConfig tagged with private hub content', DEV, 'sagemaker:CreateEndpointConfig', sagemaker(ACCOUNT, 'endpoint-config/p'), requestTag(sagemaker(ACCOUNT, 'hub-content/my-private-hub/Model/in-house-llm/1.0.0')), 'Allowed'),
    row('DescribeHub on the public hub in eu-west-1 (root blocks it)', DEV, 'sagemaker:DescribeHub', publicHub('eu-west-1'), undefined, 'Denied'),
    row('DescribeHub on a private hub', DEV, 'sagemaker:DescribeHub', sagemaker(ACCOUNT, 'hub/my-private-hub'), undefined, 'Allowed'),
  ];

  test.each(marketplace)('$name -> $expected', async (c) => {
    await expectDecision(chain, c);
  });

  test.each(asRole(marketplace.filter((c) => c.expected === 'Denied'), 'OrgBreakGlass'))('$name -> $expected', async (c) => {
    await expectDecision(chain, c);
  });

  describe('aws-marketplace:Subscribe limited to product ids', () => {
    test('the simulator drops aws-marketplace:ProductId on Subscribe, so it sees a subscription that names no product: denied', async () => {
      const result = await expectDecision(
        chain,
        row('Subscribe to an allowed product, as the simulator sees it', DEV, 'aws-marketplace:Subscribe', '*', { 'aws-marketplace:ProductId': 'prod-llama0001' }, 'Denied'),
        { allowIgnoredContextKeys: true },
      );
      // Denied by the no-product guard because the key was dropped: the product-id rule itself is asserted below.
      expect(result.detail.ignoredContextKeys.map((k) => k.toLowerCase())).toContain('aws-marketplace:productid');
      expect(result.detail.denyReasons.map((r) => r.sid)).toContain('DenyMarketplaceSubscriptionsWithoutProductId');
    });

    test('the generated deny names the allowed product ids with ForAnyValue:StringNotEquals (per the Bedrock user guide, not the IAM catalog)', () => {
      const subscribe = statementsOf(chain).filter((s) => s.Effect === 'Deny' && (s.Action ?? []).some((a) => actionMatches(a, 'aws-marketplace:Subscribe')));
      expect(subscribe).toEqual([
        {
          Sid: 'DenyMarketplaceSubscriptionsNotAllowed',
          Effect: 'Deny',
          Action: ['aws-marketplace:Subscribe'],
          Resource: ['*'],
          Condition: {
            ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/OrgBreakGlass'] },
            // True when any requested product is not listed: other products are denied, listed ones are not.
            'ForAnyValue:StringNotEquals': { 'aws-marketplace:ProductId': ['prod-llama0001'] },
          },
        },
        {
          Sid: 'DenyMarketplaceSubscriptionsWithoutProductId',
          Effect: 'Deny',
          Action: ['aws-marketplace:Subscribe'],
          Resource: ['*'],
          Condition: {
            ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/OrgBreakGlass'] },
            // ForAnyValue is false when the key is absent, so a subscription naming no product needs its own deny.
            Null: { 'aws-marketplace:ProductId': ['true'] },
          },
        },
      ]);
    });
  });
});
