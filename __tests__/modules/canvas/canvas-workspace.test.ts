import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SagemakerDomain } from '@cdktf/provider-aws/lib/sagemaker-domain';
import { SagemakerUserProfile } from '@cdktf/provider-aws/lib/sagemaker-user-profile';
import { Testing } from 'cdktf';
import { CanvasWorkspace, type CanvasWorkspaceProps } from '../../../modules/canvas';

const POLICY = '{"Version":"2012-10-17","Statement":[{"Sid":"DenyJumpStartEndpoints","Effect":"Deny","Action":"sagemaker:CreateEndpoint","Resource":"*"}]}';
const NEW_DOMAIN = { vpcId: 'vpc-0a1b2c3d4e5f60718', subnetIds: ['subnet-0a1b2c3d4e5f60718'], authMode: 'IAM' as const };

type Resources = Record<string, Record<string, Record<string, unknown>>>;

function synth(props: Partial<CanvasWorkspaceProps> = {}): { json: string; resources: Resources } {
  const json = Testing.synthScope((scope) => {
    new CanvasWorkspace(scope, 'canvas', {
      name: 'analytics',
      partition: 'aws',
      accountId: '333333333333',
      domain: NEW_DOMAIN,
      executionRoleName: 'modelgate-canvas-analytics',
      inlinePolicy: POLICY,
      ...props,
    });
  });
  return { json, resources: JSON.parse(json).resource as Resources };
}

function attachedTo(resources: Resources, roleLogicalId: string): string[] {
  return Object.values(resources.aws_iam_role_policy_attachment ?? {})
    .filter((a) => a.role === `\${aws_iam_role.${roleLogicalId}.name}`)
    .map((a) => a.policy_arn as string)
    .sort();
}

function roleId(resources: Resources, name: string): string {
  const entry = Object.entries(resources.aws_iam_role ?? {}).find(([, r]) => r.name === name);
  if (!entry) throw new Error(`no role ${name}`);
  return entry[0];
}

describe('CanvasWorkspace', () => {
  test('the execution role trusts SageMaker and carries the generated policy as literal JSON', () => {
    const { json } = synth();
    expect(json).toHaveResourceWithProperties(IamRole, {
      name: 'modelgate-canvas-analytics',
      assume_role_policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
    });
    expect(json).toHaveResourceWithProperties(IamRolePolicy, { name: 'modelgate-model-governance', policy: POLICY });
  });

  test.each([
    ['by default: Canvas and its AI services', {}, ['arn:aws:iam::aws:policy/AmazonSageMakerCanvasAIServicesAccess', 'arn:aws:iam::aws:policy/AmazonSageMakerCanvasFullAccess']],
    [
      'with direct deployment: the direct-deploy service-role policy too',
      { directDeploy: true },
      [
        'arn:aws:iam::aws:policy/AmazonSageMakerCanvasAIServicesAccess',
        'arn:aws:iam::aws:policy/AmazonSageMakerCanvasFullAccess',
        'arn:aws:iam::aws:policy/service-role/AmazonSageMakerCanvasDirectDeployAccess',
      ],
    ],
    ['in GovCloud: the partition of the managed policies', { partition: 'aws-us-gov' }, ['arn:aws-us-gov:iam::aws:policy/AmazonSageMakerCanvasAIServicesAccess', 'arn:aws-us-gov:iam::aws:policy/AmazonSageMakerCanvasFullAccess']],
  ])('managed policies %s', (_name, props, expected) => {
    const { resources } = synth(props);
    expect(attachedTo(resources, roleId(resources, 'modelgate-canvas-analytics'))).toEqual(expected);
  });

  test('a new domain: VPC, subnets, auth mode, the execution role, and every app setting written out', () => {
    const { json } = synth({ domain: { ...NEW_DOMAIN, authMode: 'SSO' }, bedrockRoleName: 'modelgate-canvas-analytics-bedrock', workspaceS3Path: 's3://acme-canvas/ws' });
    expect(json).toHaveResourceWithProperties(SagemakerDomain, {
      domain_name: 'analytics',
      auth_mode: 'SSO',
      vpc_id: 'vpc-0a1b2c3d4e5f60718',
      subnet_ids: ['subnet-0a1b2c3d4e5f60718'],
      default_user_settings: {
        execution_role: expect.stringMatching(/^\$\{aws_iam_role\.canvas_execution-role_[0-9A-F]+\.arn\}$/),
        canvas_app_settings: {
          direct_deploy_settings: { status: 'DISABLED' },
          model_register_settings: { status: 'DISABLED' },
          kendra_settings: { status: 'DISABLED' },
          generative_ai_settings: { amazon_bedrock_role_arn: expect.stringMatching(/^\$\{aws_iam_role\.canvas_bedrock-role_[0-9A-F]+\.arn\}$/) },
          workspace_settings: { s3_artifact_path: 's3://acme-canvas/ws' },
        },
      },
    });
  });

  test.each([
    ['directDeploy', 'direct_deploy_settings'],
    ['modelRegistration', 'model_register_settings'],
    ['documentQuerying', 'kendra_settings'],
  ])('%s: true enables %s', (option, setting) => {
    const { resources } = synth({ [option]: true });
    const domain = Object.values(resources.aws_sagemaker_domain ?? {})[0] as { default_user_settings: { canvas_app_settings: Record<string, { status: string }> } };
    expect(domain.default_user_settings.canvas_app_settings[setting]).toEqual({ status: 'ENABLED' });
  });

  test('without a Bedrock role there is no generative AI setting and no Bedrock role', () => {
    const { json, resources } = synth();
    expect(json).not.toHaveResourceWithProperties(IamRole, { name: 'modelgate-canvas-analytics-bedrock' });
    const domain = Object.values(resources.aws_sagemaker_domain ?? {})[0] as { default_user_settings: { canvas_app_settings: Record<string, unknown> } };
    expect(domain.default_user_settings.canvas_app_settings.generative_ai_settings).toBeUndefined();
    expect(domain.default_user_settings.canvas_app_settings.workspace_settings).toBeUndefined();
  });

  test('the Bedrock role trusts Bedrock on behalf of this account only, with the Canvas Bedrock policy', () => {
    const { json, resources } = synth({ bedrockRoleName: 'modelgate-canvas-analytics-bedrock' });
    expect(json).toHaveResourceWithProperties(IamRole, {
      name: 'modelgate-canvas-analytics-bedrock',
      assume_role_policy:
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"bedrock.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"333333333333"}}}]}',
    });
    expect(attachedTo(resources, roleId(resources, 'modelgate-canvas-analytics-bedrock'))).toEqual(['arn:aws:iam::aws:policy/AmazonSageMakerCanvasBedrockAccess']);
  });

  test('an existing domain: no domain resource; user profiles on that domain id, each with its own role and the same policy', () => {
    const { json, resources } = synth({
      domain: { existingId: 'd-abc123xyz' },
      directDeploy: true,
      userProfiles: { alice: 'modelgate-canvas-analytics-alice', bob: 'modelgate-canvas-analytics-bob' },
    });
    expect(json).not.toHaveResource(SagemakerDomain);
    for (const profile of ['alice', 'bob']) {
      const roleName = `modelgate-canvas-analytics-${profile}`;
      const id = roleId(resources, roleName);
      expect(json).toHaveResourceWithProperties(SagemakerUserProfile, {
        domain_id: 'd-abc123xyz',
        user_profile_name: profile,
        user_settings: { execution_role: `\${aws_iam_role.${id}.arn}`, canvas_app_settings: expect.objectContaining({ direct_deploy_settings: { status: 'ENABLED' } }) },
      });
      expect(attachedTo(resources, id)).toContain('arn:aws:iam::aws:policy/service-role/AmazonSageMakerCanvasDirectDeployAccess');
      expect(json).toHaveResourceWithProperties(IamRolePolicy, { role: `\${aws_iam_role.${id}.name}`, policy: POLICY });
    }
    expect(Object.keys(resources.aws_iam_role_policy ?? {})).toHaveLength(3);
  });

  test('user profiles on a new domain reference it', () => {
    const { json } = synth({ userProfiles: { alice: 'modelgate-canvas-analytics-alice' } });
    expect(json).toHaveResourceWithProperties(SagemakerUserProfile, { domain_id: expect.stringMatching(/^\$\{aws_sagemaker_domain\.canvas_domain_[0-9A-F]+\.id\}$/) });
  });

  test('every resource goes through the given provider', () => {
    const json = Testing.synthScope((scope) => {
      const provider = new AwsProvider(scope, 'account', { alias: 'account', region: 'us-east-1' });
      new CanvasWorkspace(scope, 'canvas', {
        name: 'analytics',
        partition: 'aws',
        accountId: '333333333333',
        domain: NEW_DOMAIN,
        executionRoleName: 'modelgate-canvas-analytics',
        inlinePolicy: POLICY,
        bedrockRoleName: 'modelgate-canvas-analytics-bedrock',
        userProfiles: { alice: 'modelgate-canvas-analytics-alice' },
        provider,
      });
    });
    const resources = JSON.parse(json).resource as Resources;
    const all = Object.values(resources).flatMap((byId) => Object.values(byId));
    expect(all.length).toBeGreaterThan(8);
    for (const resource of all) expect(resource.provider).toBe('aws.account');
    expect(json).toHaveResource(IamRolePolicyAttachment);
  });
});
