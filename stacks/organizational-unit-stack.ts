import type { Construct } from 'constructs';
import { GovernanceStack, type GovernanceStackProps } from './governance-stack';

/** One OU that has rules of its own: its SCPs, attached to the OU. */
export class OrganizationalUnitStack extends GovernanceStack {
  constructor(scope: Construct, props: GovernanceStackProps) {
    super(scope, props);
  }
}
