/**
 * Names and ARNs of the monitoring resources that its policies name. They are derived from account ids and regions only,
 * so that one stack can name a resource another stack owns (a member account's rule targets the
 * audit account's bus) without a cross-stack reference.
 */

export const ALERT_BUS_NAME = 'modelgate-alerts';
export const ALERT_TOPIC_NAME = 'modelgate-alerts';
export const CENTRAL_RULE_NAME = 'modelgate-alerts-to-topic';
export const FORWARDER_ROLE_NAME = 'modelgate-alert-forwarder';
export const LOGGING_ROLE_NAME = 'modelgate-bedrock-invocation-logging';
export const INVOCATION_LOG_GROUP = '/modelgate/bedrock/model-invocations';

export function alertBusArn(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:events:${region}:${accountId}:event-bus/${ALERT_BUS_NAME}`;
}

export function alertTopicArn(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:sns:${region}:${accountId}:${ALERT_TOPIC_NAME}`;
}

/** A rule on a custom bus has the bus name in its ARN. */
export function centralRuleArn(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:events:${region}:${accountId}:rule/${ALERT_BUS_NAME}/${CENTRAL_RULE_NAME}`;
}

/** S3 bucket names are global: the account id and region make this one unique and under 63 characters. */
export function invocationLogBucket(accountId: string, region: string): string {
  return `modelgate-bedrock-logs-${accountId}-${region}`;
}

export function invocationLogGroupArn(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:logs:${region}:${accountId}:log-group:${INVOCATION_LOG_GROUP}`;
}

export const AUDIT_KEY_ALIAS = 'alias/modelgate-audit-trail';
/** Glue names: lower case, digits and _ only, which Athena reads without quotes. */
export const AUDIT_DATABASE = 'modelgate_audit';
export const AUDIT_TABLE = 'cloudtrail_logs';
export const AUDIT_WORKGROUP = 'modelgate-audit';

/** The organization trail's log bucket in the audit account: account id and region make the global name unique (at most 50 characters). */
export function auditTrailBucket(accountId: string, region: string): string {
  return `modelgate-trail-${accountId}-${region}`;
}

/** Where the audit workgroup's Athena results go: a bucket of its own, so readers of results never need the trail's logs. */
export function auditResultsBucket(accountId: string, region: string): string {
  return `modelgate-athena-results-${accountId}-${region}`;
}

/** An organization trail's ARN carries the management account id and the trail's home region. */
export function organizationTrailArn(partition: string, region: string, managementAccountId: string, trailName: string): string {
  return `arn:${partition}:cloudtrail:${region}:${managementAccountId}:trail/${trailName}`;
}
