import { synthesizeYaml } from '../support/synth-fixture';

const org = `
organization:
  managementAccount: "111111111111"
  root: r-ab12
  units: { Sandbox: { id: ou-ab12-11111111 } }
breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]
models:
  Sandbox: { fineTuning: { deny: true } }
`;

describe('state backends: one state per stack', () => {
  test('s3: a key per stack under the prefix, encrypted, with native locking', async () => {
    const synth = await synthesizeYaml(`${org}
state: { backend: s3, bucket: acme-terraform-state, region: eu-west-1, keyPrefix: governance/models, kmsKeyId: alias/state }
`);
    expect(synth.stack('ou-sandbox').terraform.backend).toEqual({
      s3: {
        bucket: 'acme-terraform-state',
        key: 'governance/models/ou-sandbox.tfstate',
        region: 'eu-west-1',
        encrypt: true,
        kms_key_id: 'alias/state',
        use_lockfile: true,
      },
    });
    expect(synth.stack('root').terraform.backend?.s3?.key).toBe('governance/models/root.tfstate');
  });

  test('s3: defaults to the modelgate/ prefix and can assume a role to reach the bucket', async () => {
    const synth = await synthesizeYaml(`${org}
state: { backend: s3, bucket: acme-terraform-state, region: us-east-1, useLockfile: false, roleArn: "arn:aws:iam::555555555555:role/StateAccess" }
`);
    const backend = synth.stack('root').terraform.backend?.s3;
    expect(backend).toMatchObject({ key: 'modelgate/root.tfstate', assume_role: { role_arn: 'arn:aws:iam::555555555555:role/StateAccess' } });
    expect(backend).not.toHaveProperty('use_lockfile');
  });

  test('Terraform Cloud: one workspace per stack, named from the prefix', async () => {
    const synth = await synthesizeYaml(`${org}
state: { backend: cloud, organization: acme, workspacePrefix: models-, project: governance }
`);
    expect(synth.stack('ou-sandbox').terraform.cloud).toEqual({
      hostname: 'app.terraform.io',
      organization: 'acme',
      workspaces: { name: 'models-ou-sandbox', project: 'governance' },
    });
    expect(synth.stack('root').terraform.cloud?.workspaces).toEqual({ name: 'models-root', project: 'governance' });
  });

  test('local is the default, with a state file per stack beside the project', async () => {
    const synth = await synthesizeYaml(org);
    expect(synth.stack('ou-sandbox').terraform.backend).toEqual({ local: { path: '../../../terraform.ou-sandbox.tfstate' } });
  });
});

describe('the management-account provider', () => {
  test('assumes the configured role and applies default tags', async () => {
    const synth = await synthesizeYaml(`${org}
deployment:
  region: eu-central-1
  assumeRoleArn: "arn:aws:iam::111111111111:role/ModelGovernanceDeployer"
  defaultTags: { CostCenter: platform }
`);
    expect(synth.stack('ou-sandbox').provider?.aws).toEqual([
      {
        allowed_account_ids: ['111111111111'],
        assume_role: [{ role_arn: 'arn:aws:iam::111111111111:role/ModelGovernanceDeployer', session_name: 'modelgate' }],
        default_tags: [{ tags: { CostCenter: 'platform' } }],
        region: 'eu-central-1',
      },
    ]);
  });
});

describe('the member-account provider', () => {
  const withGuardrail = (deployment: string): string => `${org.replace('  root: r-ab12', '  root: r-ab12\n  accounts: { data-lab: { id: "555555555555", unit: Sandbox } }')}
guardrails:
  baseline:
    account: data-lab
    contentFilters: { hate: HIGH }
    version: { description: first }
${deployment}`;

  test('assumes deployment.accountRoleName in the account, in the partition of the organization', async () => {
    const synth = await synthesizeYaml(withGuardrail('deployment: { region: eu-west-1, accountRoleName: platform/TerraformDeployer }').replace('managementAccount', 'partition: aws-us-gov\n  managementAccount').replace(/arn:aws:iam/g, 'arn:aws-us-gov:iam'));
    expect(synth.stack('account-data-lab').provider?.aws?.[1]).toEqual({
      alias: 'account',
      allowed_account_ids: ['555555555555'],
      assume_role: [{ role_arn: 'arn:aws-us-gov:iam::555555555555:role/platform/TerraformDeployer', session_name: 'modelgate' }],
      region: 'eu-west-1',
    });
  });

  test('a role name IAM would refuse is a config error at its line', async () => {
    await expect(synthesizeYaml(withGuardrail('deployment: { accountRoleName: "Org Access Role" }'))).rejects.toThrow(
      /deployment\.accountRoleName: expected an IAM role name such as "OrganizationAccountAccessRole"; found "Org Access Role"/,
    );
  });
});
