import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { HUB_CONTENT_REFERENCE_PROVIDER_CONSTRAINT, SagemakerHubContentReference } from '../../../modules/jumpstart-hub';

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
});
