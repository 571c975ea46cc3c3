import { BedrockModelInvocationLoggingConfiguration } from '@cdktf/provider-aws/lib/bedrock-model-invocation-logging-configuration';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { InvocationLoggingConfig } from '../config';
import { INVOCATION_LOG_GROUP, invocationLogBucket, LOGGING_ROLE_NAME } from '../policy/light';
import type { InvocationLoggingPolicies, RolePolicies } from '../policy';
import { regionalProvider } from './regional-provider';

export interface InvocationLoggingProps {
  /** Provider of the account whose invocations are logged. */
  readonly provider: AwsProvider;
  readonly accountId: string;
  /** Invocation logging is a per-Region setting: one configuration per region. */
  readonly regions: readonly string[];
  readonly config: InvocationLoggingConfig;
  /** The account's bucket policies (by region) and logging role policies, rendered (compileGovernance writes them). */
  readonly policies: InvocationLoggingPolicies;
}

/**
 * Bedrock model invocation logging in one account: per region, a private S3 bucket that Bedrock may
 * write to and/or a CloudWatch Logs group with a role Bedrock assumes, and the logging configuration.
 */
export class InvocationLogging extends Construct {
  constructor(scope: Construct, id: string, props: InvocationLoggingProps) {
    super(scope, id);
    const { provider, accountId, config, policies } = props;
    const logging = policies.role ? this.loggingRole(provider, policies.role) : undefined;
    const data = new Set(config.data);
    for (const region of props.regions) {
      const regional = regionalProvider(provider, region);
      const bucketPolicy = policies.bucketPolicies.get(region);
      const prerequisites: ITerraformDependable[] = logging ? [logging.policy] : [];
      let bucketName: string | undefined;
      if (bucketPolicy !== undefined) {
        const bucket = new S3Bucket(this, `bucket-${region}`, { provider: regional, bucket: invocationLogBucket(accountId, region) });
        prerequisites.push(
          new S3BucketPublicAccessBlock(this, `bucket-${region}-public-access`, {
            provider: regional,
            bucket: bucket.id,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
          }),
          new S3BucketPolicy(this, `bucket-${region}-policy`, { provider: regional, bucket: bucket.id, policy: bucketPolicy }),
        );
        bucketName = bucket.bucket;
      }
      if (logging) {
        prerequisites.push(
          new CloudwatchLogGroup(this, `log-group-${region}`, { provider: regional, name: INVOCATION_LOG_GROUP, retentionInDays: config.logRetentionDays }),
        );
      }
      // Bedrock checks that it can write to the destinations when the configuration is set.
      new BedrockModelInvocationLoggingConfiguration(this, `configuration-${region}`, {
        provider: regional,
        dependsOn: prerequisites,
        loggingConfig: [
          {
            textDataDeliveryEnabled: data.has('text'),
            imageDataDeliveryEnabled: data.has('image'),
            embeddingDataDeliveryEnabled: data.has('embedding'),
            videoDataDeliveryEnabled: data.has('video'),
            ...(bucketName ? { s3Config: [{ bucketName, keyPrefix: 'bedrock' }] } : {}),
            ...(logging ? { cloudwatchConfig: [{ logGroupName: INVOCATION_LOG_GROUP, roleArn: logging.role.arn }] } : {}),
          },
        ],
      });
    }
  }

  private loggingRole(provider: AwsProvider, policies: RolePolicies): { readonly role: IamRole; readonly policy: IamRolePolicy } {
    const role = new IamRole(this, 'role', {
      provider,
      name: LOGGING_ROLE_NAME,
      description: 'modelgate: lets Bedrock write model invocation logs to CloudWatch Logs',
      assumeRolePolicy: policies.trustPolicy,
    });
    const policy = new IamRolePolicy(this, 'role-policy', {
      provider,
      role: role.name,
      name: 'write-invocation-logs',
      policy: policies.policy,
    });
    return { role, policy };
  }
}
