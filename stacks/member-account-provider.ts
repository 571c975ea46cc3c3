import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';
import type { ResolvedGovernance } from '../modules/config';

/**
 * A provider for resources inside another account of the organization: it assumes
 * `deployment.accountRoleName` there, from the management account's deployment role when there is one.
 */
export function memberAccountProvider(scope: Construct, alias: string, governance: ResolvedGovernance, accountId: string): AwsProvider {
  const { region, defaultTags, accountRoleName, assumeRoleArn } = governance.deployment;
  const accountRole = { roleArn: `arn:${governance.partition}:iam::${accountId}:role/${accountRoleName}`, sessionName: 'modelgate' };
  return new AwsProvider(scope, alias, {
    alias,
    region,
    allowedAccountIds: [accountId],
    assumeRole: assumeRoleArn ? [{ roleArn: assumeRoleArn, sessionName: 'modelgate' }, accountRole] : [accountRole],
    ...(Object.keys(defaultTags).length > 0 ? { defaultTags: [{ tags: { ...defaultTags } }] } : {}),
  });
}
