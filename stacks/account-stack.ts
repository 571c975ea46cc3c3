import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';
import { placeHubsAndGuardrails } from './account-resources';
import { GovernanceStack, type GovernanceStackProps } from './governance-stack';

/**
 * One member account: its SCPs, attached from the management account, and the account's own
 * resources, placed through a second provider that assumes `deployment.accountRoleName` in it.
 */
export class AccountStack extends GovernanceStack {
  private accountProviderInstance?: AwsProvider;

  constructor(scope: Construct, private readonly props: GovernanceStackProps) {
    super(scope, props);
    placeHubsAndGuardrails(this, props.governance, props.compiled.target);
  }

  /**
   * The provider for resources inside the member account. It is created on first use, so an
   * account stack with SCPs only has no provider it does not need.
   */
  get accountProvider(): AwsProvider {
    const { governance, compiled } = this.props;
    // The management account's own resources need no role assumption: its provider already works there.
    if (compiled.target.id === governance.managementAccount) return this.managementProvider;
    if (!this.accountProviderInstance) {
      const { region, defaultTags, accountRoleName, assumeRoleArn } = governance.deployment;
      const accountRole = {
        roleArn: `arn:${governance.partition}:iam::${compiled.target.id}:role/${accountRoleName}`,
        sessionName: 'modelgate',
      };
      this.accountProviderInstance = new AwsProvider(this, 'account', {
        alias: 'account',
        region,
        allowedAccountIds: [compiled.target.id],
        // From the management account's deployment role, when there is one, into the member account.
        assumeRole: assumeRoleArn ? [{ roleArn: assumeRoleArn, sessionName: 'modelgate' }, accountRole] : [accountRole],
        ...(Object.keys(defaultTags).length > 0 ? { defaultTags: [{ tags: { ...defaultTags } }] } : {}),
      });
    }
    return this.accountProviderInstance;
  }
}
