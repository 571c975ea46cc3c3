import type { RuleStatement } from '../statement';
import { deny, type RuleContext } from './rule-context';

/**
 * Monitoring's own resources in member accounts, kept out of reach of the accounts' administrators:
 * without these denies an ordinary administrator deletes an alert rule, turns invocation logging
 * off or schedules the audit key for deletion, then uses models unobserved. Only the role that
 * applies the stacks in member accounts (and the break-glass principals, which every deny exempts)
 * may change them; that role is exempted through the same `ArnNotLike aws:PrincipalArn` as every
 * `except`, so the exemption protection keeps anyone else from creating or re-trusting it.
 */

/** Where monitoring placed the resources these statements protect, with names and ARNs from resource-policies/names.ts. */
export interface MonitoredResources {
  /** The role that applies the member-account stacks, as a principal pattern (`arn:<partition>:iam::*:role/<deployment.accountRoleName>`). */
  readonly deployerRole: string;
  /** Alert rules named modelgate-* and the role that forwards their events; present when alerts are placed. */
  readonly alerts?: {
    /** Rule ARN patterns, e.g. `arn:aws:events:*:*:rule/modelgate-*`. */
    readonly rules: string;
    /** The forwarding role's ARN pattern in every account. */
    readonly forwarderRole: string;
    /** The audit account's bus, topic and the topic key's alias ARN. */
    readonly bus: string;
    readonly topic: string;
    readonly topicKeyAlias: string;
  };
  /** Present when invocation logging is configured; its destinations' ARN patterns in every account, those it delivers to. */
  readonly invocationLogging?: {
    /** The CloudWatch Logs delivery role. */
    readonly loggingRole?: string;
    readonly logGroup?: string;
    readonly logBuckets?: string;
  };
  /** The organization trail's buckets and key alias in the audit account; present when the trail is placed. */
  readonly auditTrail?: {
    readonly trailBucket: string;
    readonly resultsBucket: string;
    /** The key's alias ARN: the key's own id is only known after apply, so the key is named by its alias (kms:ResourceAliases). */
    readonly keyAlias: string;
  };
}

/** Alert rules: delete, disable, redefine (PutRule rewrites the pattern), or retarget them. Tags are read by no policy here, so retagging gains nothing. */
export const ALERT_RULE_ACTIONS = ['events:DeleteRule', 'events:DisableRule', 'events:PutRule', 'events:PutTargets', 'events:RemoveTargets'] as const;

/** The central bus and topic: delete them, or change who may publish. The bus policy calls (events:PutPermission, RemovePermission) take no resource: see open-routes.ts. */
export const CENTRAL_ALERT_ACTIONS = ['events:DeleteEventBus', 'events:UpdateEventBus', 'sns:AddPermission', 'sns:DeleteTopic', 'sns:RemovePermission', 'sns:SetTopicAttributes'] as const;

/** Bedrock has one invocation logging configuration per account and region; these calls take no resource. */
export const INVOCATION_LOGGING_ACTIONS = ['bedrock:DeleteModelInvocationLoggingConfiguration', 'bedrock:PutModelInvocationLoggingConfiguration'] as const;

/** What keeps the audit and invocation log buckets' evidence: who may write and read (policy, public access), versions, retention, lock, encryption, and the bucket itself. */
export const AUDIT_BUCKET_ACTIONS = [
  's3:DeleteBucket',
  's3:DeleteBucketPolicy',
  's3:PutBucketObjectLockConfiguration',
  's3:PutBucketPolicy',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketVersioning',
  's3:PutEncryptionConfiguration',
  's3:PutLifecycleConfiguration',
] as const;

/** Deleting the invocation log group, or shortening its retention, deletes what it holds. */
export const INVOCATION_LOG_GROUP_ACTIONS = ['logs:DeleteLogGroup', 'logs:PutRetentionPolicy'] as const;

/** The trail's log files and their versions (the bucket is versioned: an overwrite keeps the old version). */
export const AUDIT_OBJECT_ACTIONS = ['s3:DeleteObject', 's3:DeleteObjectVersion'] as const;

/**
 * A disabled or deleted key stops CloudTrail's delivery and SNS's encryption silently; a key policy
 * rewrite or a grant gives its use away. The IAM catalog lists kms:ResourceAliases for each (key resource type);
 * it decides on the aliases associated with the key (KMS Developer Guide, "Use aliases to control access to KMS keys").
 */
export const MONITORING_KEY_ACTIONS = ['kms:CreateGrant', 'kms:DisableKey', 'kms:DisableKeyRotation', 'kms:PutKeyPolicy', 'kms:RevokeGrant', 'kms:ScheduleKeyDeletion'] as const;

/** Moving or deleting the alias would take the key out of the kms:ResourceAliases condition above. */
export const KEY_ALIAS_ACTIONS = ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'] as const;

/** Changing the forwarding or logging role (its trust, permissions, or passing it elsewhere) breaks delivery as surely as deleting the rule. */
export const MONITORING_ROLE_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:DeleteRole',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:UpdateAssumeRolePolicy',
] as const;

/** The protective denies; the context's layer path must be empty (sources are `monitoring.<key>`). */
export function monitoringProtectionStatements(resources: MonitoredResources, context: RuleContext): RuleStatement[] {
  const except = [resources.deployerRole];
  const { alerts, invocationLogging, auditTrail } = resources;
  const statements: RuleStatement[] = [];
  if (alerts) {
    statements.push(
      deny(context, 'monitoring.alerts', 'ProtectMonitoringAlertRules', { Action: ALERT_RULE_ACTIONS, Resource: [alerts.rules] }, except),
      deny(context, 'monitoring.alerts', 'ProtectMonitoringAlertDelivery', { Action: CENTRAL_ALERT_ACTIONS, Resource: [alerts.bus, alerts.topic] }, except),
    );
  }
  if (invocationLogging) {
    const source = 'monitoring.invocationLogging';
    statements.push(deny(context, source, 'ProtectInvocationLogging', { Action: INVOCATION_LOGGING_ACTIONS, Resource: ['*'] }, except));
    // The same bucket actions as the audit buckets', so that packing can merge the two statements.
    if (invocationLogging.logBuckets) statements.push(deny(context, source, 'ProtectInvocationLogBuckets', { Action: AUDIT_BUCKET_ACTIONS, Resource: [invocationLogging.logBuckets] }, except));
    if (invocationLogging.logGroup) statements.push(deny(context, source, 'ProtectInvocationLogGroup', { Action: INVOCATION_LOG_GROUP_ACTIONS, Resource: [invocationLogging.logGroup] }, except));
  }
  const roles = [alerts?.forwarderRole, invocationLogging?.loggingRole].filter((r): r is string => r !== undefined);
  if (roles.length > 0) {
    const source = alerts ? 'monitoring.alerts' : 'monitoring.invocationLogging';
    statements.push(deny(context, source, 'ProtectMonitoringRoles', { Action: MONITORING_ROLE_ACTIONS, Resource: roles }, except));
  }
  if (auditTrail) {
    const { trailBucket, resultsBucket } = auditTrail;
    statements.push(
      deny(context, 'monitoring.auditTrail', 'ProtectAuditTrailBuckets', { Action: AUDIT_BUCKET_ACTIONS, Resource: [trailBucket, resultsBucket] }, except),
      deny(context, 'monitoring.auditTrail', 'ProtectAuditTrailLogs', { Action: AUDIT_OBJECT_ACTIONS, Resource: [`${trailBucket}/*`] }, except),
    );
  }
  const aliases = [auditTrail?.keyAlias, alerts?.topicKeyAlias].filter((a): a is string => a !== undefined);
  if (aliases.length > 0) {
    const source = auditTrail ? 'monitoring.auditTrail' : 'monitoring.alerts';
    const aliasNames = aliases.map((arn) => arn.slice(arn.indexOf(':alias/') + 1));
    statements.push(
      deny(
        context,
        source,
        'ProtectMonitoringKeys',
        { Action: MONITORING_KEY_ACTIONS, Resource: ['*'], Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': [...aliasNames].sort() } } },
        except,
      ),
      deny(context, source, 'ProtectMonitoringKeyAliases', { Action: KEY_ALIAS_ACTIONS, Resource: aliases }, except),
    );
  }
  return statements;
}
