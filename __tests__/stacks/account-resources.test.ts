import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AWS_PROVIDER } from '../support/runtime';
import { synthesizeFile, synthesizeYaml, type StackJson, type Synthesized } from '../support/synth-fixture';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'governance.yaml');

const ORGANIZATION = `
organization:
  id: o-a1b2c3d4e5
  managementAccount: "111111111111"
  root: r-ab12
  units:
    Workloads: { id: ou-ab12-22222222 }
  accounts:
    management: { id: "111111111111" }
    tooling:    { id: "555555555555", unit: Workloads }
    idle:       { id: "666666666666", unit: Workloads }
breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]
`;

type Resource = Record<string, unknown>;
const resources = (stack: StackJson, type: string): Resource[] => Object.values(stack.resource?.[type] ?? {});
const dependencies = (synth: Synthesized): Record<string, string[]> =>
  Object.fromEntries(
    Object.entries((JSON.parse(readFileSync(join(synth.outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { dependencies: string[] }> }).stacks).map(
      ([name, stack]) => [name, stack.dependencies],
    ),
  );
const awsVersion = (stack: StackJson): unknown => (stack.terraform.required_providers as { aws: { version: string } }).aws.version;

describe('accounts holding hubs and guardrails (examples/governance.yaml)', () => {
  let synth: Synthesized;
  beforeAll(async () => {
    synth = await synthesizeFile(EXAMPLE);
  });

  test('shared-services, which has no rules, gets a stack for its hub, and no SCP', () => {
    const stack = synth.stack('account-shared-services');
    expect(resources(stack, 'aws_organizations_policy')).toEqual([]);
    expect(resources(stack, 'aws_sagemaker_hub')).toEqual([expect.objectContaining({ hub_name: 'curated-models', hub_display_name: 'Curated models' })]);
  });

  test('every hub resource is placed in shared-services through its account provider', () => {
    const stack = synth.stack('account-shared-services');
    // The account also holds monitoring resources (see monitoring tests); these are the hub's.
    const types = Object.keys(stack.resource ?? {}).filter((type) => /^aws_(ram|s3_bucket(?!_policy)|sagemaker)/.test(type));
    expect(types.sort()).toEqual([
      'aws_ram_principal_association',
      'aws_ram_resource_association',
      'aws_ram_resource_share',
      'aws_s3_bucket',
      'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_server_side_encryption_configuration',
      'aws_s3_bucket_versioning',
      'aws_sagemaker_hub',
      'aws_sagemaker_hub_content_reference',
    ]);
    // The account's provider, or for the invocation-log buckets of the other monitored region its copy there.
    for (const type of types) for (const resource of resources(stack, type)) expect(resource.provider).toMatch(/^aws\.account(-us-west-2)?$/);
    for (const type of types.filter((t) => !t.startsWith('aws_s3_'))) for (const resource of resources(stack, type)) expect(resource.provider).toBe('aws.account');
    expect(stack.provider?.aws?.[1]).toEqual(
      expect.objectContaining({ alias: 'account', assume_role: [{ role_arn: 'arn:aws:iam::444444444444:role/OrganizationAccountAccessRole', session_name: 'modelgate' }] }),
    );
  });

  test('shares the hub with Workloads/Prod by its OU ARN, and with nobody else', () => {
    expect(resources(synth.stack('account-shared-services'), 'aws_ram_principal_association').map((a) => a.principal)).toEqual([
      'arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/ou-ab12-33333333',
    ]);
  });

  test('every stack accepts a range of aws provider releases; the hub stack and the root stack with budgets raise their lower bound', () => {
    expect(Object.fromEntries(synth.stacks.map((name) => [name, awsVersion(synth.stack(name))]))).toEqual({
      'account-prod-app': '>= 6.25.0, < 7.0.0',
      'account-sandbox-dev': '>= 6.25.0, < 7.0.0',
      'account-shared-services': '>= 6.51.0, < 7.0.0',
      'ou-sandbox': '>= 6.25.0, < 7.0.0',
      'ou-workloads-prod': '>= 6.25.0, < 7.0.0',
      root: '>= 6.41.0, < 7.0.0',
    });
    expect((synth.stack('root').terraform.required_providers as { aws: { source: string } }).aws.source).toBe(AWS_PROVIDER.source);
  });

  test('enables RAM sharing with the organization once, in the root stack, from the management account', () => {
    const root = synth.stack('root');
    expect(resources(root, 'aws_ram_sharing_with_organization')).toHaveLength(1);
    expect(resources(root, 'aws_ram_sharing_with_organization')[0]).not.toHaveProperty('provider');
    for (const name of synth.stacks.filter((n) => n !== 'root')) expect(resources(synth.stack(name), 'aws_ram_sharing_with_organization')).toEqual([]);
  });

  test('deploys the hub stack after the root stack, which enables the RAM sharing its OU share needs', () => {
    expect(dependencies(synth)).toEqual({ 'account-prod-app': [], 'account-sandbox-dev': [], 'account-shared-services': ['root'], 'ou-sandbox': [], 'ou-workloads-prod': [], root: [] });
  });

  test('places the guardrail and its version in prod-app beside its SCP, and outputs the ARN that requireGuardrail takes', () => {
    const stack = synth.stack('account-prod-app');
    expect(resources(stack, 'aws_organizations_policy')).toHaveLength(1);
    expect(resources(stack, 'aws_bedrock_guardrail')).toEqual([expect.objectContaining({ name: 'standard', provider: 'aws.account' })]);
    expect(resources(stack, 'aws_bedrock_guardrail_version')).toEqual([expect.objectContaining({ description: 'Baseline approved by the platform team', provider: 'aws.account' })]);
    const outputs = (stack as { output?: Record<string, { value: string }> }).output ?? {};
    expect(Object.keys(outputs)).toEqual(['guardrail-standard-arn', 'guardrail-standard-version']);
    expect(outputs['guardrail-standard-arn']?.value).toMatch(/^\$\{aws_bedrock_guardrail\.[^.]+\.guardrail_arn\}$/);
  });
});

describe('where hubs and guardrails go', () => {
  test('an account holding only resources gets a stack; one holding nothing gets none', async () => {
    const synth = await synthesizeYaml(`${ORGANIZATION}
jumpstartHubs:
  tools: { account: tooling, description: d, models: [{ id: a-model }] }
`);
    expect(synth.stacks).toEqual(['account-tooling', 'root']);
  });

  test('sharing only with accounts does not enable RAM sharing with the organization', async () => {
    const synth = await synthesizeYaml(`${ORGANIZATION}
jumpstartHubs:
  tools: { account: tooling, description: d, models: [{ id: a-model }], shareWith: [idle] }
`);
    expect(resources(synth.stack('root'), 'aws_ram_sharing_with_organization')).toEqual([]);
    expect(dependencies(synth)['account-tooling']).toEqual([]);
    expect(resources(synth.stack('account-tooling'), 'aws_ram_principal_association').map((a) => a.principal)).toEqual(['666666666666']);
  });

  test('a hub shares with the RAM permission ARN the config names', async () => {
    const named = 'arn:aws:ram::aws:permission/AWSRAMPermissionSageMakerHubReadAndUse';
    const synth = await synthesizeYaml(`${ORGANIZATION}
jumpstartHubs:
  tools: { account: tooling, description: d, models: [{ id: a-model }], shareWith: [idle], permission: read, permissionArn: "${named}" }
`);
    expect(resources(synth.stack('account-tooling'), 'aws_ram_resource_share').map((s) => s.permission_arns)).toEqual([[named]]);
  });

  test('the management account may hold resources: placed with the management provider, with no role to assume and no SCPs', async () => {
    const synth = await synthesizeYaml(`${ORGANIZATION}
models:
  management: { fineTuning: { deny: true } }
guardrails:
  org-guardrail:
    account: management
    contentFilters: { hate: HIGH }
    version: { description: For the organization }
`);
    expect(synth.warnings.map((w) => w.message)).toEqual([expect.stringContaining('management account')]);
    const stack = synth.stack('account-management');
    expect(stack.provider?.aws).toHaveLength(1);
    expect(stack.provider?.aws?.[0]).not.toHaveProperty('alias');
    expect(resources(stack, 'aws_bedrock_guardrail')).toEqual([expect.objectContaining({ name: 'org-guardrail', provider: 'aws' })]);
    expect(resources(stack, 'aws_organizations_policy')).toEqual([]);
  });
});
