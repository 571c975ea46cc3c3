import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { SagemakerHub } from '@cdktf/provider-aws/lib/sagemaker-hub';
import { TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { PrivateModelHub, SagemakerHubContentReference, type PrivateModelHubProps } from '../../../modules/jumpstart-hub';
import { AWS_PROVIDER } from '../../support/runtime';

const BASE: PrivateModelHubProps = {
  hubName: 'curated',
  description: 'Approved models',
  models: [{ id: 'huggingface-llm-mistral-7b-instruct' }, { id: 'meta-textgeneration-llama-3-8b', minVersion: '2.0.0' }],
  accountId: '444444444444',
  partition: 'aws',
  region: 'eu-west-1',
};

/** Synthesizes one hub, placed through an aliased provider as the account stacks do. */
function synthHub(props: Partial<PrivateModelHubProps> = {}): string {
  return Testing.synthScope((scope: Construct) => {
    const provider = new AwsProvider(scope, 'account', { alias: 'account', region: 'eu-west-1' });
    new PrivateModelHub(scope, 'hub', { ...BASE, ...props, provider });
  });
}

type Resources = Record<string, Record<string, Record<string, unknown>>>;
const resourcesOf = (synth: string): Resources => (JSON.parse(synth) as { resource: Resources }).resource;
const all = (synth: string, type: string): Record<string, unknown>[] => Object.values(resourcesOf(synth)[type] ?? {});
const ref = (synth: string, type: string, attribute: string): string => `\${${type}.${Object.keys(resourcesOf(synth)[type] ?? {})[0]}.${attribute}}`;

describe('PrivateModelHub', () => {
  describe('with the defaults: storage created here, not shared', () => {
    const synth = synthHub();

    test('creates the hub with its name and description, storing content in the bucket it creates', () => {
      expect(synth).toHaveResourceWithProperties(SagemakerHub, {
        hub_name: 'curated',
        hub_description: 'Approved models',
        s3_storage_config: { s3_output_path: `s3://${ref(synth, 'aws_s3_bucket', 'bucket')}` },
        provider: 'aws.account',
      });
      const [hub] = all(synth, 'aws_sagemaker_hub');
      expect(hub).not.toHaveProperty('hub_display_name');
      expect(hub).not.toHaveProperty('hub_search_keywords');
    });

    test('names the bucket after the hub and the account', () => {
      expect(synth).toHaveResourceWithProperties(S3Bucket, { bucket: 'modelgate-hub-curated-444444444444', provider: 'aws.account' });
    });

    test('encrypts the bucket, versions it and blocks every kind of public access', () => {
      const bucket = ref(synth, 'aws_s3_bucket', 'id');
      expect(synth).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
        bucket,
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
        provider: 'aws.account',
      });
      expect(synth).toHaveResourceWithProperties(S3BucketVersioningA, { bucket, versioning_configuration: { status: 'Enabled' }, provider: 'aws.account' });
      expect(synth).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
        bucket,
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
        provider: 'aws.account',
      });
    });

    test('references each approved public model once, in the hub, with the version floor where given', () => {
      const hubName = ref(synth, 'aws_sagemaker_hub', 'hub_name');
      expect(all(synth, 'aws_sagemaker_hub_content_reference')).toEqual([
        {
          hub_name: hubName,
          hub_content_name: 'huggingface-llm-mistral-7b-instruct',
          sagemaker_public_hub_content_arn: 'arn:aws:sagemaker:eu-west-1:aws:hub-content/SageMakerPublicHub/Model/huggingface-llm-mistral-7b-instruct',
          provider: 'aws.account',
        },
        {
          hub_name: hubName,
          hub_content_name: 'meta-textgeneration-llama-3-8b',
          sagemaker_public_hub_content_arn: 'arn:aws:sagemaker:eu-west-1:aws:hub-content/SageMakerPublicHub/Model/meta-textgeneration-llama-3-8b',
          min_version: '2.0.0',
          provider: 'aws.account',
        },
      ]);
      expect(synth).toHaveResource(SagemakerHubContentReference);
    });

    test('places no resource share', () => {
      expect(synth).not.toHaveResource(RamResourceShare);
      expect(synth).not.toHaveResource(RamPrincipalAssociation);
    });
  });

  test('passes the display name and the search keywords, sorted', () => {
    const synth = synthHub({ displayName: 'Curated models', searchKeywords: ['llm', 'approved'] });
    expect(synth).toHaveResourceWithProperties(SagemakerHub, { hub_display_name: 'Curated models', hub_search_keywords: ['approved', 'llm'] });
  });

  test.each([
    [{ create: false, bucket: 'acme-hub-content' } as const, 's3://acme-hub-content'],
    [{ create: false, bucket: 'acme-hub-content', prefix: 'hubs/curated' } as const, 's3://acme-hub-content/hubs/curated'],
    [{ create: false, bucket: 'acme-hub-content', prefix: '/hubs' } as const, 's3://acme-hub-content/hubs'],
  ])('with an existing bucket %j, stores content at %s and creates no bucket', (storage, path) => {
    const synth = synthHub({ storage });
    expect(synth).toHaveResourceWithProperties(SagemakerHub, { s3_storage_config: { s3_output_path: path } });
    for (const type of [S3Bucket, S3BucketServerSideEncryptionConfigurationA, S3BucketVersioningA, S3BucketPublicAccessBlock]) {
      expect(synth).not.toHaveResource(type);
    }
  });

  describe('shared', () => {
    const principals = ['arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/ou-ab12-33333333', '333333333333'];
    const synth = synthHub({ share: { principals, permission: 'readAndUse' } });

    test('shares inside the organization only, with the SageMaker hub managed permission', () => {
      expect(synth).toHaveResourceWithProperties(RamResourceShare, {
        name: 'curated-hub',
        allow_external_principals: false,
        permission_arns: ['arn:aws:ram::aws:permission/AWSRAMPermissionSageMakerHubReadAndUse'],
        provider: 'aws.account',
      });
    });

    test('associates the hub with the share', () => {
      expect(synth).toHaveResourceWithProperties(RamResourceAssociation, {
        resource_arn: ref(synth, 'aws_sagemaker_hub', 'arn'),
        resource_share_arn: ref(synth, 'aws_ram_resource_share', 'arn'),
        provider: 'aws.account',
      });
    });

    test('associates every principal with the share, and nothing else', () => {
      const associations = all(synth, 'aws_ram_principal_association');
      expect(associations.map((a) => a.principal).sort()).toEqual([...principals].sort());
      for (const association of associations) {
        expect(association).toEqual({ principal: expect.any(String), resource_share_arn: ref(synth, 'aws_ram_resource_share', 'arn'), provider: 'aws.account' });
      }
    });
  });

  test.each([
    ['read', 'AWSRAMPermissionSageMakerHubRead'],
    ['readAndUse', 'AWSRAMPermissionSageMakerHubReadAndUse'],
    ['fullAccess', 'AWSRAMPermissionSageMakerHubFullAccessPolicy'],
  ] as const)('permission %s is the RAM managed permission %s', (permission, name) => {
    const synth = synthHub({ share: { principals: ['333333333333'], permission }, partition: 'aws-us-gov' });
    expect(synth).toHaveResourceWithProperties(RamResourceShare, { permission_arns: [`arn:aws-us-gov:ram::aws:permission/${name}`] });
  });

  test('a permission ARN the config names replaces the managed permission of the level', () => {
    const named = 'arn:aws:ram::111111111111:permission/ModelgateHubDeployOnly';
    const synth = synthHub({ share: { principals: ['333333333333'], permission: 'readAndUse', permissionArn: named } });
    expect(synth).toHaveResourceWithProperties(RamResourceShare, { permission_arns: [named] });
  });

  test('places no share for an empty principal list', () => {
    expect(synthHub({ share: { principals: [], permission: 'read' } })).not.toHaveResource(RamResourceShare);
  });

  test('raises the aws provider constraint of its stack to the first release with hub content references', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'hub');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new PrivateModelHub(stack, 'hub', BASE);
    const terraform = (JSON.parse(Testing.synth(stack)) as { terraform: { required_providers: Record<string, unknown> } }).terraform;
    expect(terraform.required_providers).toEqual({ aws: { source: AWS_PROVIDER.source, version: '>= 6.51.0, < 7.0.0' } });
  });
});
