import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { CompiledAccountRoles, MonitoringPolicies } from '../modules/policy';
import { holdsHubsOrGuardrails } from './account-layer-needs';
import { GovernanceStack, type GovernanceStackProps } from './governance-stack';
import { accountResources, accountRoles, monitoringPlacement } from './lazy-placement';
import { memberAccountProvider } from './member-account-provider';
import { RootStack } from './root-stack';

export interface AccountStackProps extends GovernanceStackProps {
  /** The account's Canvas workspaces and model users, with their generated policies. @default none */
  readonly roles?: CompiledAccountRoles;
  /** The monitoring policies compileGovernance rendered; the account stack places its own. */
  readonly monitoringPolicies: MonitoringPolicies;
}

/**
 * One member account: its SCPs, attached from the management account, and the account's own
 * resources (hubs, guardrails, Canvas workspaces, model users, monitoring), placed through a second
 * provider that assumes `deployment.accountRoleName` in it.
 */
export class AccountStack extends GovernanceStack {
  private accountProviderInstance?: AwsProvider;

  constructor(scope: Construct, private readonly props: AccountStackProps) {
    super(scope, props);
    const { target } = props.compiled;
    const monitored = props.governance.monitoring?.memberAccounts.some((a) => a.id === target.id) ?? false;
    if (monitored) {
      monitoringPlacement().placeAccountMonitoring(this, props.governance, props.monitoringPolicies, { name: target.layer, id: target.id }, () => this.accountProvider);
    }
    if (holdsHubsOrGuardrails(props.governance, target)) accountResources().placeHubsAndGuardrails(this, props.governance, target);
    if (props.roles) accountRoles().placeAccountRoles(this, props.governance, props.roles);
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
      this.accountProviderInstance = memberAccountProvider(this, 'account', governance, compiled.target.id);
    }
    return this.accountProviderInstance;
  }

  /** The organization's root stack, which enables RAM sharing with Organizations; none in a test app without one. */
  get rootStack(): TerraformStack | undefined {
    return this.node.scope?.node.children.find((child): child is RootStack => child instanceof RootStack);
  }
}
