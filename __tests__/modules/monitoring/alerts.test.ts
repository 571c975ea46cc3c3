import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing } from 'cdktf';
import type { AlertSubscription } from '../../../modules/config';
import { AlertRules, CentralAlerts, MEMBER_ACCOUNT_ALERTS, renderPattern } from '../../../modules/monitoring';
import { centralAlertPolicies, forwarderPolicies, renderEach } from '../../../modules/policy';
import { resourcesInRegions } from '../../support/provider-regions';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

function central(subscriptions: AlertSubscription[]): Resources {
  return resourcesInRegions(JSON.parse(
    Testing.synthScope((scope) => {
      const provider = new AwsProvider(scope, 'audit', { region: 'us-east-1' });
      new CentralAlerts(scope, 'central', {
        provider,
        region: 'eu-west-1',
        policies: renderEach(centralAlertPolicies({ partition: 'aws', accountId: '444444444444', region: 'eu-west-1' }, 'o-a1b2c3d4e5')),
        subscriptions,
      });
    }),
  ));
}

const only = (resources: Resources, type: string): Record<string, unknown> => {
  const all = Object.values(resources[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0] ?? {};
};

describe('CentralAlerts', () => {
  const resources = central([{ email: 'secops@example.com' }, { https: 'https://hooks.example.com/alerts' }, { sqs: 'arn:aws:sqs:eu-west-1:444444444444:alerts' }]);

  test('creates the alert bus in the home region, open to the organization only', () => {
    expect(only(resources, 'aws_cloudwatch_event_bus')).toMatchObject({ name: 'modelgate-alerts', region: 'eu-west-1' });
    const policy = JSON.parse(only(resources, 'aws_cloudwatch_event_bus_policy').policy as string);
    expect(policy.Statement).toEqual([
      {
        Sid: 'OrganizationPutsEvents',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['events:PutEvents'],
        Resource: ['arn:aws:events:eu-west-1:444444444444:event-bus/modelgate-alerts'],
        Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } },
      },
    ]);
  });

  test('encrypts the topic with a rotated customer managed key that EventBridge may use', () => {
    const key = only(resources, 'aws_kms_key');
    expect(key.enable_key_rotation).toBe(true);
    const statements = JSON.parse(key.policy as string).Statement;
    expect(statements.find((s: { Sid: string }) => s.Sid === 'EventBridgePublishesEncrypted')).toEqual({
      Sid: 'EventBridgePublishesEncrypted',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: ['*'],
      Condition: { StringEquals: { 'aws:SourceAccount': ['444444444444'] } },
    });
    expect(only(resources, 'aws_sns_topic').kms_master_key_id).toMatch(/^\$\{aws_kms_key\.[^.]+\.arn\}$/);
  });

  test('lets only the central rule publish to the topic', () => {
    const policy = JSON.parse(only(resources, 'aws_sns_topic_policy').policy as string);
    expect(policy.Statement[0].Condition).toEqual({ ArnEquals: { 'aws:SourceArn': ['arn:aws:events:eu-west-1:444444444444:rule/modelgate-alerts/modelgate-alerts-to-topic'] } });
    expect(policy.Statement[0].Resource).toEqual(['arn:aws:sns:eu-west-1:444444444444:modelgate-alerts']);
  });

  test('forwards every CloudTrail API call on the bus to the topic', () => {
    const rule = only(resources, 'aws_cloudwatch_event_rule');
    expect(rule).toMatchObject({ name: 'modelgate-alerts-to-topic', event_pattern: '{"detail-type":["AWS API Call via CloudTrail"]}' });
    expect(only(resources, 'aws_cloudwatch_event_target').arn).toMatch(/^\$\{aws_sns_topic\.[^.]+\.arn\}$/);
  });

  test('subscribes each configured endpoint with its protocol', () => {
    const subscriptions = Object.values(resources.aws_sns_topic_subscription ?? {}).map((s) => [s.protocol, s.endpoint]);
    expect(subscriptions).toEqual([
      ['email', 'secops@example.com'],
      ['https', 'https://hooks.example.com/alerts'],
      ['sqs', 'arn:aws:sqs:eu-west-1:444444444444:alerts'],
    ]);
  });

  test('without subscriptions, still creates the topic', () => {
    const synth = Testing.synthScope((scope) => {
      new CentralAlerts(scope, 'central', {
        provider: new AwsProvider(scope, 'audit', { region: 'us-east-1' }),
        region: 'us-east-1',
        policies: renderEach(centralAlertPolicies({ partition: 'aws', accountId: '444444444444', region: 'us-east-1' }, 'o-a1b2c3d4e5')),
      });
    });
    expect(synth).toHaveResource(SnsTopic);
    expect(synth).toHaveResource(CloudwatchEventBus);
    expect(JSON.parse(synth).resource.aws_sns_topic_subscription).toBeUndefined();
  });
});

describe('AlertRules', () => {
  const resources: Resources = resourcesInRegions(JSON.parse(
    Testing.synthScope((scope) => {
      new AlertRules(scope, 'alerts', {
        provider: new AwsProvider(scope, 'account', { region: 'us-east-1' }),
        partition: 'aws',
        regions: ['eu-west-1', 'us-east-1'],
        alerts: MEMBER_ACCOUNT_ALERTS,
        audit: { accountId: '444444444444', region: 'us-east-1' },
        forwarderPolicies: renderEach(forwarderPolicies('aws', { accountId: '444444444444', region: 'us-east-1' })),
      });
    }),
  ));

  test('places every alert in every region, with its pattern', () => {
    const rules = Object.values(resources.aws_cloudwatch_event_rule ?? {});
    expect(rules).toHaveLength(MEMBER_ACCOUNT_ALERTS.length * 2);
    for (const alert of MEMBER_ACCOUNT_ALERTS) {
      expect(rules.filter((r) => r.name === `modelgate-${alert.name}`).map((r) => [r.region, r.event_pattern])).toEqual([
        ['eu-west-1', renderPattern(alert.pattern)],
        ['us-east-1', renderPattern(alert.pattern)],
      ]);
    }
  });

  test('targets the central bus of the audit account from each region, through the forwarder role', () => {
    const targets = Object.values(resources.aws_cloudwatch_event_target ?? {});
    expect(targets).toHaveLength(MEMBER_ACCOUNT_ALERTS.length * 2);
    const roleId = Object.keys(resources.aws_iam_role ?? {})[0];
    for (const target of targets) {
      expect(target.arn).toBe('arn:aws:events:us-east-1:444444444444:event-bus/modelgate-alerts');
      expect(target.role_arn).toBe(`\${aws_iam_role.${roleId}.arn}`);
    }
    expect(new Set(targets.map((t) => t.region))).toEqual(new Set(['eu-west-1', 'us-east-1']));
  });

  test('the forwarder role trusts EventBridge and may only put events on the alert bus', () => {
    const role = only(resources, 'aws_iam_role');
    expect(role.name).toBe('modelgate-alert-forwarder');
    expect(JSON.parse(role.assume_role_policy as string).Statement).toEqual([
      { Sid: 'EventBridgeAssumesRole', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: ['sts:AssumeRole'] },
    ]);
    expect(JSON.parse(only(resources, 'aws_iam_role_policy').policy as string).Statement).toEqual([
      { Sid: 'PutEventsOnAlertBus', Effect: 'Allow', Action: ['events:PutEvents'], Resource: ['arn:aws:events:us-east-1:444444444444:event-bus/modelgate-alerts'] },
    ]);
  });
});
