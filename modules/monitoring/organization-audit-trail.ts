import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import type { ResolvedAuditTrail } from '../config';
import { AUDIT_KEY_ALIAS, auditTrailBucket } from '../policy/light';
import type { AuditTrailPolicies } from '../policy';
import { trailSelectors } from './event-data-store-selectors';
import { PrivateBucket } from './private-bucket';
import { regionalProvider } from './regional-provider';

export interface OrganizationAuditTrailProps {
  readonly trail: ResolvedAuditTrail;
  /** Provider of the management account, where an organization trail must be created. */
  readonly managementProvider: AwsProvider;
  /** Provider of the audit account, which holds the log bucket and its key. */
  readonly auditProvider: AwsProvider;
  /** The bucket and key policies, rendered (compileGovernance writes them). */
  readonly policies: AuditTrailPolicies;
}

/**
 * An organization CloudTrail trail (every account and region, log file validation on, SSE-KMS)
 * created in the management account, delivering to a bucket in the audit account encrypted with a
 * customer managed key there: management events, and the Bedrock data events opted into.
 */
export class OrganizationAuditTrail extends Construct {
  readonly key: KmsKey;
  readonly trail: Cloudtrail;

  constructor(scope: Construct, id: string, props: OrganizationAuditTrailProps) {
    super(scope, id);
    const { trail, policies } = props;
    const audit = regionalProvider(props.auditProvider, trail.region);
    this.key = new KmsKey(this, 'key', {
      provider: audit,
      description: 'modelgate: encrypts the organization trail and its Athena results',
      enableKeyRotation: true,
      policy: policies.keyPolicy,
    });
    new KmsAlias(this, 'key-alias', { provider: audit, name: AUDIT_KEY_ALIAS, targetKeyId: this.key.keyId });
    const logs = new PrivateBucket(this, 'logs', {
      provider: audit,
      bucket: auditTrailBucket(trail.auditAccount.id, trail.region),
      policy: policies.bucketPolicy,
      kmsKeyArn: this.key.arn,
      expirationDays: trail.retentionDays,
      ...(trail.objectLock ? { objectLock: trail.objectLock } : {}),
    });
    // CloudTrail checks the bucket policy and the key when the trail is created or updated.
    this.trail = new Cloudtrail(this, 'trail', {
      provider: regionalProvider(props.managementProvider, trail.region),
      name: trail.name,
      s3BucketName: logs.bucket.bucket,
      kmsKeyId: this.key.arn,
      isOrganizationTrail: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      advancedEventSelector: trailSelectors(trail).map((selector) => ({
        name: selector.name,
        fieldSelector: selector.fieldSelectors.map((f) => ({ field: f.field, equalTo: [...f.equals] })),
      })),
      dependsOn: [...logs.ready, this.key],
    });
  }
}
