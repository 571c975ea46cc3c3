import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SsoadminPermissionSet } from '@cdktf/provider-aws/lib/ssoadmin-permission-set';
import { SsoadminPermissionSetInlinePolicy } from '@cdktf/provider-aws/lib/ssoadmin-permission-set-inline-policy';
import { Testing } from 'cdktf';
import { ModelUserRole, type ModelUserIdentity } from '../../../modules/model-users';

const POLICY = '{"Version":"2012-10-17","Statement":[{"Sid":"AllowApprovedModels","Effect":"Allow","Action":"bedrock:InvokeModel","Resource":"*"}]}';
const TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';

function synth(identity: ModelUserIdentity, description?: string): string {
  return Testing.synthScope((scope) => {
    new ModelUserRole(scope, 'user', { name: 'app-invoker', inlinePolicy: POLICY, identity, ...(description ? { description } : {}) });
  });
}

describe('ModelUserRole', () => {
  test('a role: its trust policy and the allow policy inline, and no permission set', () => {
    const json = synth({ kind: 'role', trustPolicy: TRUST });
    expect(json).toHaveResourceWithProperties(IamRole, { name: 'app-invoker', assume_role_policy: TRUST, description: 'Uses approved AI models (modelgate)' });
    expect(json).toHaveResourceWithProperties(IamRolePolicy, { name: 'modelgate-approved-models', policy: POLICY });
    expect(json).not.toHaveResource(SsoadminPermissionSet);
  });

  test('a permission set: instance, session length and the allow policy as its inline policy, and no role', () => {
    const json = synth({ kind: 'permissionSet', instanceArn: INSTANCE, sessionDuration: 'PT4H' }, 'Invokes Claude');
    expect(json).toHaveResourceWithProperties(SsoadminPermissionSet, { name: 'app-invoker', instance_arn: INSTANCE, session_duration: 'PT4H', description: 'Invokes Claude' });
    expect(json).toHaveResourceWithProperties(SsoadminPermissionSetInlinePolicy, {
      instance_arn: INSTANCE,
      inline_policy: POLICY,
      permission_set_arn: expect.stringMatching(/^\$\{aws_ssoadmin_permission_set\.user_permission-set_[0-9A-F]+\.arn\}$/),
    });
    expect(json).not.toHaveResource(IamRole);
  });

  test('a permission set lasts one hour unless told otherwise', () => {
    expect(synth({ kind: 'permissionSet', instanceArn: INSTANCE })).toHaveResourceWithProperties(SsoadminPermissionSet, { session_duration: 'PT1H' });
  });

  test.each([
    ['role', (provider: AwsProvider): ModelUserIdentity => ({ kind: 'role', trustPolicy: TRUST, provider })],
    ['permissionSet', (provider: AwsProvider): ModelUserIdentity => ({ kind: 'permissionSet', instanceArn: INSTANCE, provider })],
  ])('a %s goes through the given provider', (_kind, identity) => {
    const json = Testing.synthScope((scope) => {
      const provider = new AwsProvider(scope, 'target', { alias: 'target', region: 'us-east-1' });
      new ModelUserRole(scope, 'user', { name: 'app-invoker', inlinePolicy: POLICY, identity: identity(provider) });
    });
    const resources = Object.values(JSON.parse(json).resource as Record<string, Record<string, { provider?: string }>>).flatMap((byId) => Object.values(byId));
    expect(resources).toHaveLength(2);
    for (const resource of resources) expect(resource.provider).toBe('aws.target');
  });
});
