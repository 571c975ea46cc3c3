import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { renderPattern, type AlertRule } from './alert-patterns';
import { alertBusArn, FORWARDER_ROLE_NAME } from '../policy/light';
import type { RolePolicies } from '../policy';
import { regionalProvider } from './regional-provider';

export interface AlertRulesProps {
  /** Provider of the account the rules watch. */
  readonly provider: AwsProvider;
  readonly partition: string;
  /** Regions to place each rule in (a rule only sees its own region's events). */
  readonly regions: readonly string[];
  readonly alerts: readonly AlertRule[];
  /** Where the central alert bus is. */
  readonly audit: { readonly accountId: string; readonly region: string };
  /** The forwarder role's trust policy and permissions, rendered (compileGovernance writes them). */
  readonly forwarderPolicies: RolePolicies;
}

/**
 * EventBridge rules on the default bus of one account, one per alert and region, each forwarding
 * to the central alert bus through a role (a bus in another account or Region is only reachable with one).
 */
export class AlertRules extends Construct {
  constructor(scope: Construct, id: string, props: AlertRulesProps) {
    super(scope, id);
    const { provider } = props;
    const role = new IamRole(this, 'forwarder', {
      provider,
      name: FORWARDER_ROLE_NAME,
      description: 'modelgate: lets EventBridge forward alerts to the central alert bus',
      assumeRolePolicy: props.forwarderPolicies.trustPolicy,
    });
    new IamRolePolicy(this, 'forwarder-policy', {
      provider,
      role: role.name,
      name: 'put-events-on-alert-bus',
      policy: props.forwarderPolicies.policy,
    });
    const busArn = alertBusArn(props.partition, props.audit.region, props.audit.accountId);
    for (const region of props.regions) {
      for (const alert of props.alerts) {
        const rule = new CloudwatchEventRule(this, `${alert.name}-${region}`, {
          provider: regionalProvider(provider, region),
          name: `modelgate-${alert.name}`,
          description: `modelgate: ${alert.description}`,
          eventPattern: renderPattern(alert.pattern),
        });
        new CloudwatchEventTarget(this, `${alert.name}-${region}-target`, {
          provider: regionalProvider(provider, region),
          rule: rule.name,
          targetId: 'central-alert-bus',
          arn: busArn,
          roleArn: role.arn,
        });
      }
    }
  }
}
