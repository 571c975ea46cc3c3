import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

export interface PrivateBucketProps {
  /** Provider of the owning account, in the bucket's region. */
  readonly provider: AwsProvider;
  readonly bucket: string;
  /** The bucket policy, rendered. */
  readonly policy: string;
  /** The KMS key that encrypts every object (SSE-KMS with an S3 Bucket Key, which cuts KMS requests). */
  readonly kmsKeyArn: string;
  /** Days after which objects (and their older versions) are deleted. */
  readonly expirationDays: number;
  /** Default S3 Object Lock retention; the bucket can never have Object Lock turned off again. @default none */
  readonly objectLock?: { readonly mode: 'GOVERNANCE' | 'COMPLIANCE'; readonly retentionDays: number };
}

/**
 * A private, versioned S3 bucket encrypted with a customer managed key: public access blocked,
 * ACLs off (the bucket owner owns every object), a lifecycle rule, its policy, and optionally Object Lock.
 */
export class PrivateBucket extends Construct {
  readonly bucket: S3Bucket;
  /** The bucket's settings and policy: what a writer such as CloudTrail checks before it is created. */
  readonly ready: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id);
    const { provider } = props;
    this.bucket = new S3Bucket(this, 'bucket', { provider, bucket: props.bucket, ...(props.objectLock ? { objectLockEnabled: true } : {}) });
    const bucket = this.bucket.id;
    const publicAccess = new S3BucketPublicAccessBlock(this, 'public-access', {
      provider,
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const ownership = new S3BucketOwnershipControls(this, 'ownership', { provider, bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    const versioning = new S3BucketVersioningA(this, 'versioning', { provider, bucket, versioningConfiguration: { status: 'Enabled' } });
    const encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider,
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }],
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      provider,
      bucket,
      dependsOn: [versioning],
      rule: [
        {
          id: 'expire',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: props.expirationDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    const lock = props.objectLock
      ? [new S3BucketObjectLockConfigurationA(this, 'object-lock', { provider, bucket, dependsOn: [versioning], rule: { defaultRetention: { mode: props.objectLock.mode, days: props.objectLock.retentionDays } } })]
      : [];
    const policy = new S3BucketPolicy(this, 'policy', { provider, bucket, policy: props.policy, dependsOn: [publicAccess] });
    this.ready = [publicAccess, ownership, versioning, encryption, policy, ...lock];
  }
}

