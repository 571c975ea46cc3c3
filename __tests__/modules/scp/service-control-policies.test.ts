import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { Testing } from 'cdktf';
import { ServiceControlPolicies } from '../../../modules/scp';

const content = '{"Version":"2012-10-17","Statement":[{"Sid":"DenyFineTuning","Effect":"Deny","Action":"bedrock:CreateModelCustomizationJob","Resource":"*"}]}';

describe('ServiceControlPolicies', () => {
  const synth = Testing.synthScope((scope) => {
    new ServiceControlPolicies(scope, 'scp', {
      targetId: 'ou-ab12-11111111',
      policies: [
        { name: 'modelgate-ou-sandbox-1', description: 'first', content },
        { name: 'modelgate-ou-sandbox-2', description: 'second', content },
      ],
      tags: { Team: 'platform' },
    });
  });

  test('creates each document as a service control policy with its literal content', () => {
    expect(synth).toHaveResourceWithProperties(OrganizationsPolicy, {
      name: 'modelgate-ou-sandbox-1',
      type: 'SERVICE_CONTROL_POLICY',
      content,
      tags: { Team: 'platform' },
    });
    expect(synth).toHaveResourceWithProperties(OrganizationsPolicy, { name: 'modelgate-ou-sandbox-2' });
  });

  test('attaches every policy to the target', () => {
    const resources = JSON.parse(synth).resource;
    const attachments = Object.values(resources.aws_organizations_policy_attachment) as { policy_id: string; target_id: string }[];
    expect(attachments).toHaveLength(2);
    expect(attachments.map((a) => a.target_id)).toEqual(['ou-ab12-11111111', 'ou-ab12-11111111']);
    expect(attachments.map((a) => a.policy_id).sort()).toEqual(
      Object.keys(resources.aws_organizations_policy).map((id) => `\${aws_organizations_policy.${id}.id}`).sort(),
    );
    expect(synth).toHaveResource(OrganizationsPolicyAttachment);
  });

  test('places nothing for an empty policy list', () => {
    const empty = Testing.synthScope((scope) => {
      new ServiceControlPolicies(scope, 'scp', { targetId: 'r-ab12', policies: [] });
    });
    expect(empty).not.toHaveResource(OrganizationsPolicy);
  });
});
