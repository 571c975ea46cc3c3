import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventBusPolicy } from '@cdktf/provider-aws/lib/cloudwatch-event-bus-policy';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import type { AlertSubscription } from '../config';
import { CENTRAL_BUS_PATTERN, renderPattern } from './alert-patterns';
import { ALERT_BUS_NAME, ALERT_TOPIC_NAME, CENTRAL_RULE_NAME } from '../policy/light';
import type { CentralAlertPolicies } from '../policy';
import { regionalProvider } from './regional-provider';

export interface CentralAlertsProps {
  /** Provider of the audit account. */
  readonly provider: AwsProvider;
  /** The region of the bus, topic and key. */
  readonly region: string;
  /** Their key, topic and bus policies, rendered (compileGovernance writes them). */
  readonly policies: CentralAlertPolicies;
  /** Who the topic notifies. @default [] */
  readonly subscriptions?: readonly AlertSubscription[];
}

/**
 * The receiving end of the alerts, in the audit account: an event bus that the organization may put
 * events on, a rule that forwards them to an SNS topic encrypted with a customer managed KMS key,
 * and the topic's subscriptions.
 */
export class CentralAlerts extends Construct {
  constructor(scope: Construct, id: string, props: CentralAlertsProps) {
    super(scope, id);
    const { region, policies } = props;
    const provider = regionalProvider(props.provider, region);
    const key = new KmsKey(this, 'topic-key', {
      provider,
      description: 'modelgate: encrypts the alert topic; EventBridge may use it to publish',
      enableKeyRotation: true,
      policy: policies.keyPolicy,
    });
    new KmsAlias(this, 'topic-key-alias', { provider, name: `alias/${ALERT_TOPIC_NAME}`, targetKeyId: key.keyId });
    const topic = new SnsTopic(this, 'topic', { provider, name: ALERT_TOPIC_NAME, kmsMasterKeyId: key.arn });
    new SnsTopicPolicy(this, 'topic-policy', { provider, arn: topic.arn, policy: policies.topicPolicy });
    (props.subscriptions ?? []).forEach((subscription, index) => {
      const [protocol, endpoint] = Object.entries(subscription)[0] as [string, string];
      new SnsTopicSubscription(this, `subscription-${index + 1}`, { provider, topicArn: topic.arn, protocol, endpoint });
    });
    const bus = new CloudwatchEventBus(this, 'bus', { provider, name: ALERT_BUS_NAME, description: 'modelgate: alerts from every governed account and region' });
    new CloudwatchEventBusPolicy(this, 'bus-policy', { provider, eventBusName: bus.name, policy: policies.busPolicy });
    const rule = new CloudwatchEventRule(this, 'to-topic', {
      provider,
      name: CENTRAL_RULE_NAME,
      eventBusName: bus.name,
      description: 'modelgate: every alert that reaches the bus goes to the SNS topic',
      eventPattern: renderPattern(CENTRAL_BUS_PATTERN),
    });
    new CloudwatchEventTarget(this, 'to-topic-target', { provider, rule: rule.name, eventBusName: bus.name, targetId: 'alert-topic', arn: topic.arn });
  }
}
