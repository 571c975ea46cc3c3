import type { Construct } from 'constructs';
import { GovernanceStack, type GovernanceStackProps } from './governance-stack';

/** One account that has rules of its own: its SCPs, attached from the management account. */
export class AccountStack extends GovernanceStack {
  constructor(scope: Construct, props: GovernanceStackProps) {
    super(scope, props);
  }
}
