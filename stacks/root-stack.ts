import { RamSharingWithOrganization } from '@cdktf/provider-aws/lib/ram-sharing-with-organization';
import type { Construct } from 'constructs';
import type { MonitoringPolicies } from '../modules/policy';
import { GovernanceStack, type GovernanceStackProps } from './governance-stack';
import { monitoringPlacement, organizationGuardrailPolicies } from './lazy-placement';

export interface RootStackProps extends GovernanceStackProps {
  /** The monitoring policies compileGovernance rendered; the root stack places the central ones. */
  readonly monitoringPolicies: MonitoringPolicies;
}

/** The organization root: SCPs that apply to every account, and organization-wide pieces. */
export class RootStack extends GovernanceStack {
  constructor(scope: Construct, props: RootStackProps) {
    super(scope, props);
    if (props.governance.monitoring) monitoringPlacement().placeOrganizationMonitoring(this, props.governance, props.monitoringPolicies, this.managementProvider);
    // RAM shares to the organization or an OU only work once sharing with Organizations is enabled, from the management account.
    if (props.governance.jumpstartHubs.some((hub) => hub.sharesWithOrganization)) new RamSharingWithOrganization(this, 'ram-sharing-with-organization', {});
    if (props.governance.guardrailPolicies.length > 0) organizationGuardrailPolicies().placeOrganizationGuardrailPolicies(this, props.governance);
  }
}
