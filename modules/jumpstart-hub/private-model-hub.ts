import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { SagemakerHub } from '@cdktf/provider-aws/lib/sagemaker-hub';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { hubBucketName } from './hub-bucket-name';
import type { HubSharePermission } from '../config';
import { HubResourceShare } from './hub-resource-share';
import { publicHubModelArn } from './public-hub-content';
import { SagemakerHubContentReference } from './sagemaker-hub-content-reference';

/** A public JumpStart model the hub offers. */
export interface ApprovedHubModel {
  /** The JumpStart model id, e.g. "meta-textgeneration-llama-3-8b". */
  readonly id: string;
  /** Lowest version offered, e.g. "2.0.0". @default every version */
  readonly minVersion?: string;
}

/** Where the hub keeps its content: a bucket created here, or an existing one. */
export type HubStorageProps = { readonly create: true } | { readonly create: false; readonly bucket: string; readonly prefix?: string };

export interface PrivateModelHubProps {
  /** The SageMaker hub name. */
  readonly hubName: string;
  readonly description: string;
  /** Name shown in SageMaker Studio. @default none */
  readonly displayName?: string;
  /** Keywords to search the hub by. @default none */
  readonly searchKeywords?: readonly string[];
  /** Content storage. @default a bucket created here */
  readonly storage?: HubStorageProps;
  /** The approved public models, each referenced once. */
  readonly models: readonly ApprovedHubModel[];
  /** Whom AWS RAM shares the hub with. @default not shared */
  readonly share?: { readonly principals: readonly string[]; readonly permission: HubSharePermission; readonly permissionArn?: string };
  /** The account that holds the hub (names the created bucket). */
  readonly accountId: string;
  readonly partition: string;
  /** The hub's region (public hub content ARNs are regional). */
  readonly region: string;
  /** Provider of the account that holds the hub. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/**
 * A private curated JumpStart hub: aws_sagemaker_hub, its storage (an encrypted, versioned bucket
 * with public access blocked, unless an existing bucket is named), one hub content reference per
 * approved public model, and, when it is shared, its AWS RAM share.
 */
export class PrivateModelHub extends Construct {
  readonly hub: SagemakerHub;
  readonly bucket?: S3Bucket;
  readonly share?: HubResourceShare;

  constructor(scope: Construct, id: string, props: PrivateModelHubProps) {
    super(scope, id);
    const { provider } = props;
    const storage = props.storage ?? { create: true };
    let outputPath: string;
    if (storage.create) {
      this.bucket = this.createBucket(hubBucketName(props.hubName, props.accountId), provider);
      outputPath = `s3://${this.bucket.bucket}`;
    } else {
      outputPath = `s3://${storage.bucket}${storage.prefix ? `/${storage.prefix.replace(/^\/+/, '')}` : ''}`;
    }
    this.hub = new SagemakerHub(this, 'hub', {
      hubName: props.hubName,
      hubDescription: props.description,
      ...(props.displayName !== undefined ? { hubDisplayName: props.displayName } : {}),
      ...(props.searchKeywords && props.searchKeywords.length > 0 ? { hubSearchKeywords: [...props.searchKeywords].sort() } : {}),
      s3StorageConfig: { s3OutputPath: outputPath },
      provider,
    });
    for (const model of props.models) {
      new SagemakerHubContentReference(this, `model-${model.id}`, {
        hubName: this.hub.hubName,
        hubContentName: model.id,
        sagemakerPublicHubContentArn: publicHubModelArn(props.partition, props.region, model.id),
        ...(model.minVersion !== undefined ? { minVersion: model.minVersion } : {}),
        provider,
      });
    }
    if (props.share && props.share.principals.length > 0) {
      this.share = new HubResourceShare(this, 'share', {
        name: `${props.hubName}-hub`,
        hubArn: this.hub.arn,
        principals: props.share.principals,
        permission: props.share.permission,
        ...(props.share.permissionArn !== undefined ? { permissionArn: props.share.permissionArn } : {}),
        partition: props.partition,
        provider,
      });
    }
  }

  private createBucket(name: string, provider: TerraformProvider | undefined): S3Bucket {
    const bucket = new S3Bucket(this, 'storage', { bucket: name, provider });
    new S3BucketServerSideEncryptionConfigurationA(this, 'storage-encryption', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
      provider,
    });
    new S3BucketVersioningA(this, 'storage-versioning', { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' }, provider });
    new S3BucketPublicAccessBlock(this, 'storage-public-access-block', {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
      provider,
    });
    return bucket;
  }
}
