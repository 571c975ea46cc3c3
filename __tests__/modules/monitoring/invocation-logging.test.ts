import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing } from 'cdktf';
import type { InvocationLoggingConfig } from '../../../modules/config';
import { InvocationLogging } from '../../../modules/monitoring';
import { invocationLoggingPolicies, renderInvocationLogging } from '../../../modules/policy';
import { resourcesInRegions } from '../../support/provider-regions';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

function synth(partial: Partial<InvocationLoggingConfig>, regions = ['us-east-1']): Resources {
  const config: InvocationLoggingConfig = { s3: true, cloudWatchLogs: false, logRetentionDays: 365, data: ['text'], ...partial };
  return resourcesInRegions(JSON.parse(
    Testing.synthScope((scope) => {
      new InvocationLogging(scope, 'logging', {
        provider: new AwsProvider(scope, 'account', { region: 'us-east-1' }),
        accountId: '222222222222',
        regions,
        config,
        policies: renderInvocationLogging(invocationLoggingPolicies('aws', '222222222222', regions, config)),
      });
    }),
  ));
}

const values = (resources: Resources, type: string): Record<string, unknown>[] => Object.values(resources[type] ?? {});

describe('InvocationLogging', () => {
  test('to S3: a private bucket per region that only Bedrock of this account and region writes to', () => {
    const resources = synth({}, ['eu-west-1', 'us-east-1']);
    expect(values(resources, 'aws_s3_bucket').map((b) => [b.bucket, b.region])).toEqual([
      ['modelgate-bedrock-logs-222222222222-eu-west-1', 'eu-west-1'],
      ['modelgate-bedrock-logs-222222222222-us-east-1', 'us-east-1'],
    ]);
    for (const block of values(resources, 'aws_s3_bucket_public_access_block')) {
      expect(block).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    }
    const policy = JSON.parse(values(resources, 'aws_s3_bucket_policy')[0]?.policy as string);
    expect(policy.Statement).toEqual([
      {
        Sid: 'BedrockWritesInvocationLogs',
        Effect: 'Allow',
        Principal: { Service: 'bedrock.amazonaws.com' },
        Action: ['s3:PutObject'],
        Resource: ['arn:aws:s3:::modelgate-bedrock-logs-222222222222-eu-west-1/*'],
        Condition: { ArnLike: { 'aws:SourceArn': ['arn:aws:bedrock:eu-west-1:222222222222:*'] }, StringEquals: { 'aws:SourceAccount': ['222222222222'] } },
      },
    ]);
    expect(resources.aws_cloudwatch_log_group).toBeUndefined();
    expect(resources.aws_iam_role).toBeUndefined();
  });

  test('one logging configuration per region, after its destinations, with the chosen data kinds', () => {
    const resources = synth({ data: ['text', 'image'] }, ['eu-west-1', 'us-east-1']);
    const configurations = values(resources, 'aws_bedrock_model_invocation_logging_configuration');
    expect(configurations.map((c) => c.region)).toEqual(['eu-west-1', 'us-east-1']);
    const [first] = configurations;
    expect(first?.logging_config).toEqual([
      {
        text_data_delivery_enabled: true,
        image_data_delivery_enabled: true,
        embedding_data_delivery_enabled: false,
        video_data_delivery_enabled: false,
        s3_config: [{ bucket_name: expect.stringMatching(/^\$\{aws_s3_bucket\.[^.]+\.bucket\}$/), key_prefix: 'bedrock' }],
      },
    ]);
    expect(first?.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_public_access_block\./), expect.stringMatching(/^aws_s3_bucket_policy\./)]);
  });

  test('to CloudWatch Logs: a log group per region with the retention, and one role Bedrock assumes', () => {
    const resources = synth({ s3: false, cloudWatchLogs: true, logRetentionDays: 90 }, ['eu-west-1', 'us-east-1']);
    expect(resources.aws_s3_bucket).toBeUndefined();
    expect(values(resources, 'aws_cloudwatch_log_group').map((g) => [g.name, g.region, g.retention_in_days])).toEqual([
      ['/modelgate/bedrock/model-invocations', 'eu-west-1', 90],
      ['/modelgate/bedrock/model-invocations', 'us-east-1', 90],
    ]);
    const [role] = values(resources, 'aws_iam_role');
    expect(JSON.parse(role?.assume_role_policy as string).Statement).toEqual([
      { Sid: 'BedrockAssumesRole', Effect: 'Allow', Principal: { Service: 'bedrock.amazonaws.com' }, Action: ['sts:AssumeRole'], Condition: { StringEquals: { 'aws:SourceAccount': ['222222222222'] } } },
    ]);
    expect(JSON.parse(values(resources, 'aws_iam_role_policy')[0]?.policy as string).Statement[0].Resource).toEqual([
      'arn:aws:logs:eu-west-1:222222222222:log-group:/modelgate/bedrock/model-invocations:log-stream:*',
      'arn:aws:logs:us-east-1:222222222222:log-group:/modelgate/bedrock/model-invocations:log-stream:*',
    ]);
    const configuration = values(resources, 'aws_bedrock_model_invocation_logging_configuration')[0];
    const loggingConfig = (configuration?.logging_config as Record<string, unknown>[])[0];
    expect(loggingConfig?.cloudwatch_config).toEqual([{ log_group_name: '/modelgate/bedrock/model-invocations', role_arn: expect.stringMatching(/^\$\{aws_iam_role\./) }]);
    expect(loggingConfig?.s3_config).toBeUndefined();
    expect(configuration?.depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy\./), expect.stringMatching(/^aws_cloudwatch_log_group\./)]);
  });
});
