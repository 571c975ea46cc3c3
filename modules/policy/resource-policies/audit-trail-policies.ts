import { deny } from '../rules/rule-context';
import type { Condition, PolicyStatement } from '../statement';
import type { NamedPolicy } from './monitoring-policies';
import { auditResultsBucket, auditTrailBucket, organizationTrailArn } from './names';

/** Where the audit trail's pieces are: the trail in the management account, the bucket and key in the audit account. */
export interface AuditTrailPlace {
  readonly partition: string;
  /** The trail's home region, which is also the region of the bucket, key and workgroup. */
  readonly region: string;
  readonly managementAccountId: string;
  readonly auditAccountId: string;
  readonly organizationId: string;
  readonly trailName: string;
  /** Principal ARN patterns exempted from every deny (break-glass). */
  readonly breakGlass: readonly string[];
}

const CLOUDTRAIL = { Service: ['cloudtrail.amazonaws.com'] };

/**
 * Only this organization trail: "In an organization trail, the value of aws:SourceArn must be a trail ARN that is owned by
 * the management account" (CloudTrail User Guide, create-s3-bucket-policy-for-cloudtrail). aws:SourceAccount would not do:
 * it is the management account for every trail there, not only this one.
 */
function fromTrail(place: AuditTrailPlace): Condition {
  return { StringEquals: { 'aws:SourceArn': [organizationTrailArn(place.partition, place.region, place.managementAccountId, place.trailName)] } };
}

/**
 * Refuses every request to the bucket that does not use TLS. It goes through deny() like every deny,
 * so the break-glass principals are exempt; a resource policy's deny also names its principals: everyone.
 */
function tlsOnly(place: AuditTrailPlace, bucket: string): PolicyStatement {
  const arn = `arn:${place.partition}:s3:::${bucket}`;
  const { statement } = deny({ partition: place.partition, breakGlass: place.breakGlass, layerPath: '' }, 'monitoring.auditTrail', 'DenyInsecureTransport', {
    Action: ['s3:*'],
    Resource: [arn, `${arn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': ['false'] } },
  });
  return { ...statement, Principal: { AWS: ['*'] } };
}

/**
 * Bucket policy of the organization trail's logs (CloudTrail User Guide, "Create or update an Amazon S3 bucket to use to
 * store the log files for an organization trail"): CloudTrail checks the ACL and writes the management account's and the
 * organization's prefixes, for this trail only; bucket-owner-full-control makes the audit account own every object.
 */
export function auditTrailBucketPolicy(place: AuditTrailPlace): NamedPolicy {
  const bucket = `arn:${place.partition}:s3:::${auditTrailBucket(place.auditAccountId, place.region)}`;
  const write = (prefix: string, sid: string): PolicyStatement => ({
    Sid: sid,
    Effect: 'Allow',
    Principal: CLOUDTRAIL,
    Action: ['s3:PutObject'],
    Resource: [`${bucket}/AWSLogs/${prefix}/*`],
    Condition: { StringEquals: { ...fromTrail(place).StringEquals, 's3:x-amz-acl': ['bucket-owner-full-control'] } },
  });
  return {
    purpose: 'S3 bucket policy of the organization trail',
    statements: [
      { Sid: 'CloudTrailChecksBucketAcl', Effect: 'Allow', Principal: CLOUDTRAIL, Action: ['s3:GetBucketAcl'], Resource: [bucket], Condition: fromTrail(place) },
      // The management account's own prefix too, should the trail ever stop being an organization trail (same guide).
      write(place.managementAccountId, 'CloudTrailWritesManagementAccountLogs'),
      write(place.organizationId, 'CloudTrailWritesOrganizationLogs'),
      tlsOnly(place, auditTrailBucket(place.auditAccountId, place.region)),
    ],
  };
}

/**
 * Key policy of the trail's KMS key (CloudTrail User Guide, create-kms-key-policy-for-cloudtrail): the audit account
 * administers it and its IAM policies decide who reads (Athena uses the caller's own KMS permissions); CloudTrail encrypts
 * for trails of the management account and this trail only, describes the key, and decrypts, which the bucket key needs.
 */
export function auditTrailKeyPolicy(place: AuditTrailPlace): NamedPolicy {
  const trail = fromTrail(place);
  return {
    purpose: 'KMS key policy of the organization trail',
    statements: [
      {
        Sid: 'AuditAccountAdministersKey',
        Effect: 'Allow',
        Principal: { AWS: [`arn:${place.partition}:iam::${place.auditAccountId}:root`] },
        Action: ['kms:*'],
        Resource: ['*'],
      },
      {
        Sid: 'CloudTrailEncryptsLogs',
        Effect: 'Allow',
        Principal: CLOUDTRAIL,
        Action: ['kms:GenerateDataKey*'],
        Resource: ['*'],
        Condition: { ...trail, StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': [`arn:${place.partition}:cloudtrail:*:${place.managementAccountId}:trail/*`] } },
      },
      { Sid: 'CloudTrailDescribesKey', Effect: 'Allow', Principal: CLOUDTRAIL, Action: ['kms:DescribeKey'], Resource: ['*'], Condition: trail },
      // "If you are using an existing S3 bucket with an S3 Bucket Key, kms:Decrypt permissions are required" (same guide).
      { Sid: 'CloudTrailDecryptsForBucketKey', Effect: 'Allow', Principal: CLOUDTRAIL, Action: ['kms:Decrypt'], Resource: ['*'], Condition: trail },
    ],
  };
}

/** Bucket policy of the Athena results: TLS only; who reads and writes results is the audit account's IAM policies' choice. */
export function auditResultsBucketPolicy(place: AuditTrailPlace): NamedPolicy {
  return { purpose: 'S3 bucket policy of the Athena query results', statements: [tlsOnly(place, auditResultsBucket(place.auditAccountId, place.region))] };
}
