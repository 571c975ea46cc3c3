import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { HUB_CONTENT_REFERENCE_PROVIDER_CONSTRAINT, SagemakerHubContentReference, type SagemakerHubContentReferenceConfig } from '../../../modules/jumpstart-hub';
import { testOn } from '../../support/runtime';

const ARN = 'arn:aws:sagemaker:us-east-1:aws:hub-content/SageMakerPublicHub/Model/meta-textgeneration-llama-3-8b';

describe('SagemakerHubContentReference', () => {
  test('synthesizes the arguments the provider documents, under their Terraform names', () => {
    const synth = Testing.synthScope((scope) => {
      new SagemakerHubContentReference(scope, 'reference', {
        hubName: 'curated',
        hubContentName: 'meta-textgeneration-llama-3-8b',
        sagemakerPublicHubContentArn: ARN,
        minVersion: '2.0.0',
        region: 'eu-west-1',
        tags: { Team: 'platform' },
      });
    });
    expect(Object.values(JSON.parse(synth).resource.aws_sagemaker_hub_content_reference)).toEqual([
      {
        hub_name: 'curated',
        hub_content_name: 'meta-textgeneration-llama-3-8b',
        sagemaker_public_hub_content_arn: ARN,
        min_version: '2.0.0',
        region: 'eu-west-1',
        tags: { Team: 'platform' },
      },
    ]);
  });

  test('leaves optional arguments out when they are not given', () => {
    const synth = Testing.synthScope((scope) => {
      new SagemakerHubContentReference(scope, 'reference', { hubName: 'curated', hubContentName: 'a-model', sagemakerPublicHubContentArn: ARN });
    });
    expect(Object.values(JSON.parse(synth).resource.aws_sagemaker_hub_content_reference)).toEqual([
      { hub_name: 'curated', hub_content_name: 'a-model', sagemaker_public_hub_content_arn: ARN },
    ]);
  });

  test('exposes the computed attributes as references', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'refs');
    const reference = new SagemakerHubContentReference(stack, 'reference', { hubName: 'curated', hubContentName: 'a-model', sagemakerPublicHubContentArn: ARN });
    [reference.hubArn, reference.hubContentArn, reference.hubContentStatus, reference.hubContentVersion].forEach((value, i) => new TerraformOutput(stack, `a${i}`, { value }));
    const outputs = JSON.parse(Testing.synth(stack)).output as Record<string, { value: string }>;
    expect(Object.values(outputs).map((o) => o.value)).toEqual(['hub_arn', 'hub_content_arn', 'hub_content_status', 'hub_content_version'].map((a) => `\${aws_sagemaker_hub_content_reference.reference.${a}}`));
  });

  test('writes the same arguments in HCL', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'hcl');
    new SagemakerHubContentReference(stack, 'reference', { hubName: 'curated', hubContentName: 'a-model', sagemakerPublicHubContentArn: ARN, minVersion: '1.0.0' });
    const hcl = String(Testing.synthHcl(stack));
    expect(hcl).toContain('resource "aws_sagemaker_hub_content_reference" "reference"');
    expect(hcl).toMatch(/hub_name\s+= "curated"/);
    expect(hcl).toMatch(/min_version\s+= "1.0.0"/);
    expect(hcl).not.toContain('region');
  });

  test('gives its stack the aws provider constraint of the release that introduced it', () => {
    expect(HUB_CONTENT_REFERENCE_PROVIDER_CONSTRAINT).toBe('>= 6.51.0, < 7.0.0');
    const app = Testing.app();
    const stack = new TerraformStack(app, 'constraint');
    new SagemakerHubContentReference(stack, 'reference', { hubName: 'curated', hubContentName: 'a-model', sagemakerPublicHubContentArn: ARN });
    expect(JSON.parse(Testing.synth(stack)).terraform.required_providers.aws.version).toBe(HUB_CONTENT_REFERENCE_PROVIDER_CONSTRAINT);
  });

  describe('beside the class the provider packages generate', () => {
    // A variable, so the type check does not look for a module that @cdktf/provider-aws 21.22.1 lacks.
    const GENERATED = '@cdktf/provider-aws/lib/sagemaker-hub-content-reference';
    type ReferenceClass = new (scope: Construct, id: string, config: SagemakerHubContentReferenceConfig) => unknown;
    const resourcesOf = (reference: ReferenceClass, config: SagemakerHubContentReferenceConfig): unknown =>
      JSON.parse(Testing.synthScope((scope) => new reference(scope, 'reference', config))).resource;
    const FULL: SagemakerHubContentReferenceConfig = { hubName: 'curated', hubContentName: 'a-model', sagemakerPublicHubContentArn: ARN, minVersion: '2.0.0', region: 'eu-west-1', tags: { Team: 'platform' } };

    testOn('cdktf')('@cdktf/provider-aws has no such class, which is why modelgate writes its own', async () => {
      await expect(import(GENERATED)).rejects.toThrow(/Cannot find module/);
    });

    testOn('cdktn')('@cdktn/provider-aws generates one, and it writes the same resource', async () => {
      const generated = ((await import(GENERATED)) as { SagemakerHubContentReference: ReferenceClass & { tfResourceType: string } }).SagemakerHubContentReference;
      expect(generated.tfResourceType).toBe(SagemakerHubContentReference.tfResourceType);
      for (const config of [FULL, { hubName: 'curated', hubContentName: 'a-model', sagemakerPublicHubContentArn: ARN }]) {
        expect(resourcesOf(SagemakerHubContentReference, config)).toEqual(resourcesOf(generated, config));
      }
      const attributes = ['hubArn', 'hubContentArn', 'hubContentStatus', 'hubContentVersion'];
      expect(attributes.filter((attribute) => !Object.getOwnPropertyDescriptor(generated.prototype, attribute)?.get)).toEqual([]);
    });
  });
});
