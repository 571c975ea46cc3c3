import type { Condition, PolicyStatement } from '../statement';
import { alertBusArn, alertTopicArn, centralRuleArn, invocationLogBucket, invocationLogGroupArn } from './names';

/** A policy document and what it is for (named in errors). */
export interface NamedPolicy {
  readonly purpose: string;
  readonly statements: readonly PolicyStatement[];
}

/** Where the policies are placed: partition, account and region. */
export interface PolicyPlace {
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
}

const sourceAccount = (accountId: string): Condition => ({ StringEquals: { 'aws:SourceAccount': [accountId] } });

/** Key policy of the alert topic's KMS key: the account administers it; EventBridge encrypts with it. */
export function alertKeyPolicy(place: PolicyPlace): NamedPolicy {
  return {
    purpose: 'KMS key policy of the alert topic',
    statements: [
      {
        Sid: 'AccountAdministersKey',
        Effect: 'Allow',
        Principal: { AWS: [`arn:${place.partition}:iam::${place.accountId}:root`] },
        Action: ['kms:*'],
        Resource: ['*'],
      },
      {
        // An SNS topic encrypted with a key EventBridge may not use drops the events silently: an AWS
        // managed key cannot carry this grant, hence a customer managed key (SNS Developer Guide, key management).
        Sid: 'EventBridgePublishesEncrypted',
        Effect: 'Allow',
        Principal: { Service: ['events.amazonaws.com'] },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: ['*'],
        Condition: sourceAccount(place.accountId),
      },
    ],
  };
}

/** Topic policy: only the central bus's rule may publish. */
export function alertTopicPolicy(place: PolicyPlace): NamedPolicy {
  return {
    purpose: 'SNS topic policy of the alerts',
    statements: [
      {
        Sid: 'CentralRulePublishes',
        Effect: 'Allow',
        Principal: { Service: ['events.amazonaws.com'] },
        Action: ['sns:Publish'],
        Resource: [alertTopicArn(place.partition, place.region, place.accountId)],
        Condition: { ArnEquals: { 'aws:SourceArn': [centralRuleArn(place.partition, place.region, place.accountId)] } },
      },
    ],
  };
}

/** Bus policy: any principal of the organization may put events on the alert bus, nobody else. */
export function alertBusPolicy(place: PolicyPlace, organizationId: string): NamedPolicy {
  return {
    purpose: 'event bus policy of the alert bus',
    statements: [
      {
        Sid: 'OrganizationPutsEvents',
        Effect: 'Allow',
        Principal: { AWS: ['*'] },
        Action: ['events:PutEvents'],
        Resource: [alertBusArn(place.partition, place.region, place.accountId)],
        Condition: { StringEquals: { 'aws:PrincipalOrgID': [organizationId] } },
      },
    ],
  };
}

/** Trust policy of the invocation logging role: Bedrock assumes it for this account only (Bedrock User Guide, model invocation logging). */
export function bedrockLoggingTrustPolicy(accountId: string): NamedPolicy {
  return {
    purpose: 'trust policy of the invocation logging role',
    statements: [{ Sid: 'BedrockAssumesRole', Effect: 'Allow', Principal: { Service: ['bedrock.amazonaws.com'] }, Action: ['sts:AssumeRole'], Condition: sourceAccount(accountId) }],
  };
}

/**
 * Trust policy of the alert forwarder: EventBridge assumes it to put events on another account's or
 * Region's bus. It carries no source condition: the EventBridge guide's example has none, and the
 * role can only put events on the one alert bus.
 */
export function forwarderTrustPolicy(): NamedPolicy {
  return {
    purpose: 'trust policy of the alert forwarder role',
    statements: [{ Sid: 'EventBridgeAssumesRole', Effect: 'Allow', Principal: { Service: ['events.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
  };
}

/** What the forwarder role may do: put events on the central alert bus. */
export function forwarderPolicy(partition: string, audit: { readonly accountId: string; readonly region: string }): NamedPolicy {
  return {
    purpose: 'permissions of the alert forwarder role',
    statements: [{ Sid: 'PutEventsOnAlertBus', Effect: 'Allow', Action: ['events:PutEvents'], Resource: [alertBusArn(partition, audit.region, audit.accountId)] }],
  };
}

/** Bucket policy of an invocation log bucket: Bedrock in this account and region writes objects. */
export function invocationLogBucketPolicy(place: PolicyPlace): NamedPolicy {
  return {
    purpose: 'S3 bucket policy of the invocation logs',
    statements: [
      {
        Sid: 'BedrockWritesInvocationLogs',
        Effect: 'Allow',
        Principal: { Service: ['bedrock.amazonaws.com'] },
        Action: ['s3:PutObject'],
        Resource: [`arn:${place.partition}:s3:::${invocationLogBucket(place.accountId, place.region)}/*`],
        Condition: {
          ...sourceAccount(place.accountId),
          ArnLike: { 'aws:SourceArn': [`arn:${place.partition}:bedrock:${place.region}:${place.accountId}:*`] },
        },
      },
    ],
  };
}

/** What the logging role may do: write streams into the invocation log group of each region. */
export function invocationLoggingRolePolicy(partition: string, accountId: string, regions: readonly string[]): NamedPolicy {
  return {
    purpose: 'permissions of the invocation logging role',
    statements: [
      {
        Sid: 'WriteInvocationLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: regions.map((r) => `${invocationLogGroupArn(partition, r, accountId)}:log-stream:*`),
      },
    ],
  };
}
