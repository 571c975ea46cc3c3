import { RamSharingWithOrganization } from '@cdktf/provider-aws/lib/ram-sharing-with-organization';
import type { Construct } from 'constructs';
import { GovernanceStack, type GovernanceStackProps } from './governance-stack';
import { monitoringPlacement } from './lazy-placement';

/** The organization root: SCPs that apply to every account, and organization-wide pieces. */
export class RootStack extends GovernanceStack {
  constructor(scope: Construct, props: GovernanceStackProps) {
    super(scope, props);
    if (props.governance.monitoring) monitoringPlacement().placeOrganizationMonitoring(this, props.governance, this.managementProvider);
    // RAM shares to the organization or an OU only work once sharing with Organizations is enabled, from the management account.
    if (props.governance.jumpstartHubs.some((hub) => hub.sharesWithOrganization)) new RamSharingWithOrganization(this, 'ram-sharing-with-organization', {});
  }
}
