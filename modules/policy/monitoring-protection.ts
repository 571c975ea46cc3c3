import type { ResolvedGovernance } from '../config';
import { monitoringProtectionStatements, type MonitoredResources } from './rules/monitoring-protection';
import {
  ALERT_TOPIC_NAME,
  AUDIT_KEY_ALIAS,
  FORWARDER_ROLE_NAME,
  INVOCATION_LOG_GROUP,
  LOGGING_ROLE_NAME,
  alertBusArn,
  alertTopicArn,
  auditResultsBucket,
  auditTrailBucket,
  invocationLogBucket,
} from './resource-policies/names';
import type { RuleStatement } from './statement';

/**
 * The root's statements that protect what `monitoring:` places in member accounts: alert rules,
 * invocation logging, the central bus and topic, the audit trail's buckets and keys. Empty without
 * monitoring. The root's SCPs reach every member account, and the management account needs none.
 */
export function monitoringProtection(governance: ResolvedGovernance): RuleStatement[] {
  const resources = monitoredResources(governance);
  if (!resources) return [];
  return monitoringProtectionStatements(resources, { partition: governance.partition, breakGlass: governance.breakGlass, layerPath: '' });
}

/** What monitoring places where an SCP applies, named as the stacks name it; undefined when nothing is placed. */
export function monitoredResources(governance: ResolvedGovernance): MonitoredResources | undefined {
  const { monitoring, partition } = governance;
  if (!monitoring) return undefined;
  const role = (name: string): string => `arn:${partition}:iam::*:role/${name}`;
  const central = monitoring.centralAlerts;
  const trail = monitoring.auditTrail;
  // Alert rules go to every member account (and the management account) only with the central bus to send to.
  const alerts = central
    ? {
        rules: `arn:${partition}:events:*:*:rule/modelgate-*`,
        forwarderRole: role(FORWARDER_ROLE_NAME),
        bus: alertBusArn(partition, central.region, central.account.id),
        topic: alertTopicArn(partition, central.region, central.account.id),
        topicKeyAlias: `arn:${partition}:kms:${central.region}:${central.account.id}:alias/${ALERT_TOPIC_NAME}`,
      }
    : undefined;
  const logging = monitoring.memberAccounts.length > 0 ? monitoring.invocationLogging : undefined;
  const invocationLogging = logging
    ? {
        ...(logging.cloudWatchLogs
          ? // IAM names a log group both as log-group:<name> and log-group:<name>:*; the pattern covers both.
            { loggingRole: role(LOGGING_ROLE_NAME), logGroup: `arn:${partition}:logs:*:*:log-group:${INVOCATION_LOG_GROUP}*` }
          : {}),
        ...(logging.s3 ? { logBuckets: `arn:${partition}:s3:::${invocationLogBucket('*', '*')}` } : {}),
      }
    : undefined;
  const auditTrail = trail
    ? {
        trailBucket: `arn:${partition}:s3:::${auditTrailBucket(trail.auditAccount.id, trail.region)}`,
        resultsBucket: `arn:${partition}:s3:::${auditResultsBucket(trail.auditAccount.id, trail.region)}`,
        keyAlias: `arn:${partition}:kms:${trail.region}:${trail.auditAccount.id}:${AUDIT_KEY_ALIAS}`,
      }
    : undefined;
  if (!alerts && !invocationLogging && !auditTrail) return undefined;
  return {
    deployerRole: role(governance.deployment.accountRoleName),
    ...(alerts ? { alerts } : {}),
    ...(invocationLogging ? { invocationLogging } : {}),
    ...(auditTrail ? { auditTrail } : {}),
  };
}
