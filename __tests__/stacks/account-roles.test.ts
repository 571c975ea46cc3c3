import { synthesizeYaml, type Synthesized } from '../support/synth-fixture';
import { mergedSid } from '../../modules/policy';

/** Where Canvas workspaces and model users land: which stack, which provider, which account. */

const ORG = `
organization:
  managementAccount: "111111111111"
  root: r-ab12
  units:
    Sandbox: { id: ou-ab12-11111111 }
  accounts:
    management: { id: "111111111111" }
    sandbox-dev: { id: "222222222222", unit: Sandbox }
    data-lab: { id: "555555555555", unit: Sandbox }
breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]
models:
  Sandbox:
    bedrock: { deny: all }
  root:
    bedrock: { deny: ["deepseek.*"] }
deployment:
  assumeRoleArn: arn:aws:iam::111111111111:role/ModelGovernance
`;

const SECTIONS = `
canvas:
  studio:
    account: management
    domain: { existingId: d-abc123xyz }
    generativeAi: false
    userProfiles: [alice]
  lab:
    account: data-lab
    domain: { existingId: d-def456uvw }
    userProfiles: [bob]
modelUsers:
  platform-invoker:
    account: management
    role: { assumedBy: { accounts: [management, "999999999999"] } }
    models: ["anthropic.claude-3-5-sonnet*"]
  analysts:
    account: management
    permissionSet: { instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef", sessionDuration: PT4H }
    models: ["amazon.nova-*"]
    regions: [us-east-1]
`;

type Resource = Record<string, unknown>;

function resources(synth: Synthesized, stack: string, type: string): Resource[] {
  return Object.values(synth.stack(stack).resource?.[type] ?? {});
}

describe('account stacks for Canvas workspaces and model users', () => {
  let synth: Synthesized;
  beforeAll(async () => {
    synth = await synthesizeYaml(`${ORG}${SECTIONS}`);
  });

  test('an account without rules of its own gets a stack when it holds them, and so does the management account', () => {
    expect(synth.stacks).toEqual(['account-data-lab', 'account-management', 'ou-sandbox', 'root']);
  });

  test('without these sections, neither account has a stack', async () => {
    expect((await synthesizeYaml(ORG)).stacks).toEqual(['ou-sandbox', 'root']);
  });

  test('the management account gets no SCP and no provider into itself: its roles use the management provider', () => {
    const stack = synth.stack('account-management');
    expect(stack.resource?.aws_organizations_policy).toBeUndefined();
    expect(stack.provider?.aws).toEqual([{ allowed_account_ids: ['111111111111'], assume_role: [{ role_arn: 'arn:aws:iam::111111111111:role/ModelGovernance', session_name: 'modelgate' }], region: 'us-east-1' }]);
    for (const type of ['aws_iam_role', 'aws_iam_role_policy', 'aws_sagemaker_user_profile', 'aws_ssoadmin_permission_set']) {
      for (const resource of resources(synth, 'account-management', type)) expect(resource.provider).toBe('aws');
    }
  });

  test('a member account without SCPs of its own places its roles through the role it assumes there', () => {
    const stack = synth.stack('account-data-lab');
    expect(stack.resource?.aws_organizations_policy).toBeUndefined();
    expect(stack.provider?.aws?.[1]).toMatchObject({
      alias: 'account',
      allowed_account_ids: ['555555555555'],
      assume_role: [
        { role_arn: 'arn:aws:iam::111111111111:role/ModelGovernance', session_name: 'modelgate' },
        { role_arn: 'arn:aws:iam::555555555555:role/OrganizationAccountAccessRole', session_name: 'modelgate' },
      ],
    });
    for (const resource of resources(synth, 'account-data-lab', 'aws_iam_role')) expect(resource.provider).toBe('aws.account');
  });

  test('a Canvas role under "deny: all" denies every model; its policy follows the lineage of its own account', () => {
    const policy = JSON.parse(String(resources(synth, 'account-data-lab', 'aws_iam_role_policy')[0]?.policy));
    const statements = policy.Statement as { Sid: string; Action: string[]; Resource: string }[];
    // Statements that differ only in their actions are merged, as in the SCPs.
    expect(statements.find((s) => s.Sid === mergedSid(['DenyAllBedrockMantleModelsSandbox', 'DenyAllBedrockModelsSandbox']))).toMatchObject({
      Resource: '*',
      Action: expect.arrayContaining(['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream', 'bedrock-mantle:CreateInference']),
    });
    expect(statements.map((s) => s.Sid)).toEqual(expect.arrayContaining(['DenyBedrockModelsRoot', 'DenyJumpStartEndpoints']));
    const management = JSON.parse(String(resources(synth, 'account-management', 'aws_iam_role_policy').find((p) => p.name === 'modelgate-model-governance')?.policy));
    expect((management.Statement as { Sid: string }[]).map((s) => s.Sid)).toEqual(['DenyBedrockMantleModelsRoot', 'DenyBedrockModelsRoot', 'DenyJumpStartEndpoints']);
  });

  test('generativeAi: false leaves out the Bedrock role and the PassRole statement', () => {
    const names = resources(synth, 'account-management', 'aws_iam_role').map((r) => r.name);
    expect(names).not.toContain('modelgate-canvas-studio-bedrock');
    expect(names).toEqual(expect.arrayContaining(['modelgate-canvas-studio', 'modelgate-canvas-studio-alice']));
    expect(resources(synth, 'account-management', 'aws_iam_role_policy').map((p) => String(p.policy)).join()).not.toContain('iam:PassRole');
    expect(resources(synth, 'account-data-lab', 'aws_iam_role').map((r) => r.name)).toContain('modelgate-canvas-lab-bedrock');
  });

  test('a model-user role trusts the accounts it names, by name or id', () => {
    const role = resources(synth, 'account-management', 'aws_iam_role').find((r) => r.name === 'platform-invoker');
    expect(JSON.parse(String(role?.assume_role_policy)).Statement[0].Principal).toEqual({ AWS: ['arn:aws:iam::111111111111:root', 'arn:aws:iam::999999999999:root'] });
  });

  test('a permission set lives with Identity Center, with the allow policy limited to its regions', () => {
    const [set] = resources(synth, 'account-management', 'aws_ssoadmin_permission_set');
    expect(set).toMatchObject({ name: 'analysts', instance_arn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef', session_duration: 'PT4H' });
    const [inline] = resources(synth, 'account-management', 'aws_ssoadmin_permission_set_inline_policy');
    expect(JSON.parse(String(inline?.inline_policy)).Statement[0].Resource).toEqual([
      'arn:aws:bedrock:us-east-1:111111111111:inference-profile/*.amazon.nova-*',
      'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-*',
    ]);
  });
});
