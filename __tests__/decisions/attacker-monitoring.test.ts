import { join } from 'node:path';
import { accountChains, decideCase, expectDecision, row, type DecisionCase } from '../support/synthesized-scps';

/**
 * An attacker's playbook against the evidence. An ordinary administrator of a member account wants
 * to use models unobserved: delete, disable or retarget the alert rule, turn invocation logging
 * off, break the forwarding role; in the audit account, open or empty the trail bucket, shorten its
 * lifecycle, or disable or schedule the deletion of the audit key (which silently stops delivery).
 * Each is denied to it and stays open to the role that applies the stacks
 * (deployment.accountRoleName) and to break-glass; the same calls on its own resources still work.
 * The next step, becoming the deployer role, is closed by the exemption protection.
 */

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'governance.yaml');
const SANDBOX = '222222222222';
const PROD = '333333333333';
const AUDIT = '444444444444';

const role = (account: string, name: string): string => `arn:aws:iam::${account}:role/${name}`;
const attacker = (account: string): string => role(account, 'Developer');
const deployer = (account: string): string => role(account, 'OrganizationAccountAccessRole');
const breakGlass = (account: string): string => role(account, 'OrgBreakGlass');

const alertRule = (account: string, region = 'us-east-1'): string => `arn:aws:events:${region}:${account}:rule/modelgate-custom-model-import`;
const TRAIL_BUCKET = `arn:aws:s3:::modelgate-trail-${AUDIT}-us-east-1`;
const RESULTS_BUCKET = `arn:aws:s3:::modelgate-athena-results-${AUDIT}-us-east-1`;
const TRAIL_OBJECT = `${TRAIL_BUCKET}/AWSLogs/o-abcdefghij/${SANDBOX}/CloudTrail/us-east-1/2026/11/30/x.json.gz`;
const AUDIT_KEY = `arn:aws:kms:us-east-1:${AUDIT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const OWN_KEY = `arn:aws:kms:us-east-1:${AUDIT}:key/0000abcd-12ab-34cd-56ef-1234567890ab`;
const AUDIT_ALIASES = { 'kms:ResourceAliases': ['alias/modelgate-audit-trail'] };
const OWN_ALIASES = { 'kms:ResourceAliases': ['alias/orders'] };

const RULE_ACTIONS = ['events:DeleteRule', 'events:DisableRule', 'events:PutRule', 'events:PutTargets', 'events:RemoveTargets'];
const BUCKET_ACTIONS = [
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutBucketVersioning',
  's3:PutLifecycleConfiguration',
  's3:PutBucketObjectLockConfiguration',
  's3:PutEncryptionConfiguration',
  's3:PutBucketPublicAccessBlock',
];
const KEY_ACTIONS = ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy', 'kms:CreateGrant'];

const cases: DecisionCase[] = [
  // Alert rules, in every governed account and region.
  ...RULE_ACTIONS.flatMap((action) => [
    row(`Developer: ${action} on the modelgate alert rule`, attacker(SANDBOX), action, alertRule(SANDBOX), undefined, 'Denied'),
    row(`Developer: ${action} on its own rule (no outage)`, attacker(SANDBOX), action, `arn:aws:events:us-east-1:${SANDBOX}:rule/orders-nightly`, undefined, 'Allowed'),
    row(`deployer: ${action} on the modelgate alert rule`, deployer(SANDBOX), action, alertRule(SANDBOX), undefined, 'Allowed'),
  ]),
  row('Developer deletes the alert rule in us-west-2', attacker(PROD), 'events:DeleteRule', alertRule(PROD, 'us-west-2'), undefined, 'Denied'),
  row('break glass deletes the alert rule', breakGlass(PROD), 'events:DeleteRule', alertRule(PROD), undefined, 'Allowed'),
  row('Developer rewrites the forwarding role policy', attacker(SANDBOX), 'iam:PutRolePolicy', role(SANDBOX, 'modelgate-alert-forwarder'), undefined, 'Denied'),
  row('Developer re-trusts the forwarding role', attacker(SANDBOX), 'iam:UpdateAssumeRolePolicy', role(SANDBOX, 'modelgate-alert-forwarder'), undefined, 'Denied'),
  row('deployer rewrites the forwarding role policy', deployer(SANDBOX), 'iam:PutRolePolicy', role(SANDBOX, 'modelgate-alert-forwarder'), undefined, 'Allowed'),
  // Invocation logging: one configuration per account and region.
  row('Developer deletes the invocation logging configuration', attacker(SANDBOX), 'bedrock:DeleteModelInvocationLoggingConfiguration', '*', undefined, 'Denied'),
  row('Developer points invocation logging elsewhere', attacker(PROD), 'bedrock:PutModelInvocationLoggingConfiguration', '*', undefined, 'Denied'),
  row('deployer writes the invocation logging configuration', deployer(PROD), 'bedrock:PutModelInvocationLoggingConfiguration', '*', undefined, 'Allowed'),
  row('break glass deletes the invocation logging configuration', breakGlass(PROD), 'bedrock:DeleteModelInvocationLoggingConfiguration', '*', undefined, 'Allowed'),
  row('Developer opens the invocation log bucket', attacker(PROD), 's3:PutBucketPolicy', `arn:aws:s3:::modelgate-bedrock-logs-${PROD}-us-west-2`, undefined, 'Denied'),
  row('Developer deletes the invocation log group', attacker(PROD), 'logs:DeleteLogGroup', `arn:aws:logs:us-east-1:${PROD}:log-group:/modelgate/bedrock/model-invocations`, undefined, 'Denied'),
  row('Developer shortens the invocation log retention', attacker(PROD), 'logs:PutRetentionPolicy', `arn:aws:logs:us-east-1:${PROD}:log-group:/modelgate/bedrock/model-invocations`, undefined, 'Denied'),
  row('Developer deletes its own log group', attacker(PROD), 'logs:DeleteLogGroup', `arn:aws:logs:us-east-1:${PROD}:log-group:/orders/app`, undefined, 'Allowed'),
  row('deployer deletes the invocation log group', deployer(PROD), 'logs:DeleteLogGroup', `arn:aws:logs:us-east-1:${PROD}:log-group:/modelgate/bedrock/model-invocations`, undefined, 'Allowed'),
  row('Developer changes the logging role', attacker(PROD), 'iam:DetachRolePolicy', role(PROD, 'modelgate-bedrock-invocation-logging'), { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, 'Denied'),
  // The central bus and topic in the audit account.
  row('audit Developer deletes the central bus', attacker(AUDIT), 'events:DeleteEventBus', `arn:aws:events:us-east-1:${AUDIT}:event-bus/modelgate-alerts`, undefined, 'Denied'),
  row('audit Developer deletes the alert topic', attacker(AUDIT), 'sns:DeleteTopic', `arn:aws:sns:us-east-1:${AUDIT}:modelgate-alerts`, undefined, 'Denied'),
  row('audit Developer rewrites the topic policy', attacker(AUDIT), 'sns:SetTopicAttributes', `arn:aws:sns:us-east-1:${AUDIT}:modelgate-alerts`, undefined, 'Denied'),
  row('audit Developer deletes the central rule (on the custom bus)', attacker(AUDIT), 'events:DeleteRule', `arn:aws:events:us-east-1:${AUDIT}:rule/modelgate-alerts/modelgate-alerts-to-topic`, undefined, 'Denied'),
  row('audit Developer deletes its own topic', attacker(AUDIT), 'sns:DeleteTopic', `arn:aws:sns:us-east-1:${AUDIT}:orders`, undefined, 'Allowed'),
  row('deployer rewrites the topic policy', deployer(AUDIT), 'sns:SetTopicAttributes', `arn:aws:sns:us-east-1:${AUDIT}:modelgate-alerts`, undefined, 'Allowed'),
  // The trail bucket, the results bucket and the key.
  ...BUCKET_ACTIONS.flatMap((action) => [
    row(`audit Developer: ${action} on the trail bucket`, attacker(AUDIT), action, TRAIL_BUCKET, undefined, 'Denied'),
    row(`audit Developer: ${action} on its own bucket (no outage)`, attacker(AUDIT), action, 'arn:aws:s3:::orders-data', undefined, 'Allowed'),
    row(`deployer: ${action} on the trail bucket`, deployer(AUDIT), action, TRAIL_BUCKET, undefined, 'Allowed'),
  ]),
  row('audit Developer rewrites the results bucket policy', attacker(AUDIT), 's3:PutBucketPolicy', RESULTS_BUCKET, undefined, 'Denied'),
  row('audit Developer deletes a log file', attacker(AUDIT), 's3:DeleteObject', TRAIL_OBJECT, undefined, 'Denied'),
  row('audit Developer deletes a log file version', attacker(AUDIT), 's3:DeleteObjectVersion', TRAIL_OBJECT, undefined, 'Denied'),
  row('audit Developer deletes its own object version', attacker(AUDIT), 's3:DeleteObjectVersion', 'arn:aws:s3:::orders-data/x.csv', undefined, 'Allowed'),
  row('break glass deletes a log file version', breakGlass(AUDIT), 's3:DeleteObjectVersion', TRAIL_OBJECT, undefined, 'Allowed'),
  ...KEY_ACTIONS.map((action) => row(`audit Developer: ${action} on the audit key`, attacker(AUDIT), action, AUDIT_KEY, AUDIT_ALIASES, 'Denied')),
  row('audit Developer disables the alert topic key', attacker(AUDIT), 'kms:DisableKey', OWN_KEY, { 'kms:ResourceAliases': ['alias/modelgate-alerts'] }, 'Denied'),
  // Moving the alias off the key would take the key out of the condition.
  row('audit Developer moves the audit alias to another key', attacker(AUDIT), 'kms:UpdateAlias', `arn:aws:kms:us-east-1:${AUDIT}:alias/modelgate-audit-trail`, undefined, 'Denied'),
  row('audit Developer deletes the audit alias', attacker(AUDIT), 'kms:DeleteAlias', `arn:aws:kms:us-east-1:${AUDIT}:alias/modelgate-audit-trail`, undefined, 'Denied'),
  row('audit Developer moves its own alias', attacker(AUDIT), 'kms:UpdateAlias', `arn:aws:kms:us-east-1:${AUDIT}:alias/orders`, undefined, 'Allowed'),
  // The next step: become the deployer role. Its trust policy names the management account; it cannot be re-trusted, re-permissioned or made anew.
  row('audit Developer schedules the deletion of the audit key with another alias beside it', attacker(AUDIT), 'kms:ScheduleKeyDeletion', AUDIT_KEY, { 'kms:ResourceAliases': ['alias/orders', 'alias/modelgate-audit-trail'] }, 'Denied'),
  row('Developer re-trusts the deployer role to itself', attacker(SANDBOX), 'iam:UpdateAssumeRolePolicy', deployer(SANDBOX), undefined, 'Denied'),
  row('Developer grants the deployer role to a Lambda function it writes', attacker(SANDBOX), 'iam:PassRole', deployer(SANDBOX), { 'iam:PassedToService': 'lambda.amazonaws.com' }, 'Denied'),
  row('audit Developer re-trusts the deployer role', attacker(AUDIT), 'iam:UpdateAssumeRolePolicy', deployer(AUDIT), undefined, 'Denied'),
  row('audit Developer adds a policy to the deployer role', attacker(AUDIT), 'iam:PutRolePolicy', deployer(AUDIT), undefined, 'Denied'),
];

/**
 * The simulator allows a KMS call only when a key policy grants it, and decisions here have none: a
 * call that no SCP denies comes out as a missing Allow with no SCP behind it, which is what these check.
 */
const KEY_CALLS_NO_SCP_DENIES: DecisionCase[] = KEY_ACTIONS.flatMap((action) => [
  row(`audit Developer: ${action} on its own key (no outage)`, attacker(AUDIT), action, OWN_KEY, OWN_ALIASES, 'Allowed'),
  row(`deployer: ${action} on the audit key`, deployer(AUDIT), action, AUDIT_KEY, AUDIT_ALIASES, 'Allowed'),
  row(`break glass: ${action} on the audit key`, breakGlass(AUDIT), action, AUDIT_KEY, AUDIT_ALIASES, 'Allowed'),
]);

describe('the example organization (examples/governance.yaml)', () => {
  const chains = accountChains(EXAMPLE, {
    [SANDBOX]: ['r-ab12', 'ou-ab12-11111111', SANDBOX],
    [PROD]: ['r-ab12', 'ou-ab12-22222222', 'ou-ab12-33333333', PROD],
    [AUDIT]: ['r-ab12', 'ou-ab12-22222222', AUDIT],
  });

  test.each(cases)('$name -> $expected', async (c) => {
    await expectDecision(chains.chainOf(c), c);
  });

  test.each(KEY_CALLS_NO_SCP_DENIES)('$name -> no SCP denies it', async (c) => {
    const { detail } = await decideCase(chains.chainOf(c), c);
    expect(detail.evaluation).not.toBe('ExplicitlyDenied');
    expect(detail.denyReasons.filter((r) => r.policyType === 'scp')).toEqual([]);
  });
});
