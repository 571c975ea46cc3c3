import type { Construct } from 'constructs';
import { GovernanceStack, type GovernanceStackProps } from './governance-stack';
import { placeOrganizationMonitoring } from './monitoring-placement';

/** The organization root: SCPs that apply to every account, and organization-wide pieces. */
export class RootStack extends GovernanceStack {
  constructor(scope: Construct, props: GovernanceStackProps) {
    super(scope, props);
    placeOrganizationMonitoring(this, props.governance, this.managementProvider);
  }
}
