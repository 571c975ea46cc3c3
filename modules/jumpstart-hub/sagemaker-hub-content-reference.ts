import { hashMapper, hashMapperHcl, stringToHclTerraform, stringToTerraform, TerraformResource, TerraformStack, type TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';
import { requireAwsProvider } from '../aws-provider';
import { DEFAULT_AWS_PROVIDER_VERSION, HUB_CONTENT_REFERENCE_PROVIDER_VERSION, raiseAwsProviderVersion } from '../config/light';

export { HUB_CONTENT_REFERENCE_PROVIDER_VERSION };

/**
 * The aws provider constraint of a stack that holds a hub content reference, with the default
 * deployment.awsProviderVersion: that release or a later 6.x. @cdktf/provider-aws 21.22.1 is built
 * on 6.25.0, which does not have the resource.
 */
export const HUB_CONTENT_REFERENCE_PROVIDER_CONSTRAINT = raiseAwsProviderVersion(DEFAULT_AWS_PROVIDER_VERSION, HUB_CONTENT_REFERENCE_PROVIDER_VERSION);

/** Arguments of aws_sagemaker_hub_content_reference, as the provider documents them. */
export interface SagemakerHubContentReferenceConfig extends TerraformMetaArguments {
  /** Name of the private hub to add the reference to. */
  readonly hubName: string;
  /** Name of the reference inside the hub (1-63 letters, digits and hyphens). */
  readonly hubContentName: string;
  /** ARN of the public JumpStart hub content, without a version suffix. */
  readonly sagemakerPublicHubContentArn: string;
  /** Lowest version of the public content the hub offers, e.g. "2.0.0". @default every version */
  readonly minVersion?: string;
  /** Region of the hub. @default the provider's region */
  readonly region?: string;
  /** Tags on the reference. @default none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * aws_sagemaker_hub_content_reference: a public JumpStart model made available in a private hub.
 * Written by hand because @cdktf/provider-aws predates the resource; the stack that holds it gets
 * the aws provider constraint HUB_CONTENT_REFERENCE_PROVIDER_CONSTRAINT. On CDK Terrain,
 * @cdktn/provider-aws 25.x generates the class, and it writes the same resource (a test compares
 * them), so this one serves both runtimes.
 */
export class SagemakerHubContentReference extends TerraformResource {
  static readonly tfResourceType = 'aws_sagemaker_hub_content_reference';

  private readonly config: SagemakerHubContentReferenceConfig;

  constructor(scope: Construct, id: string, config: SagemakerHubContentReferenceConfig) {
    super(scope, id, {
      terraformResourceType: SagemakerHubContentReference.tfResourceType,
      terraformGeneratorMetadata: {
        providerName: 'aws',
        providerVersion: HUB_CONTENT_REFERENCE_PROVIDER_VERSION,
        providerVersionConstraint: `>= ${HUB_CONTENT_REFERENCE_PROVIDER_VERSION}`,
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach,
    });
    this.config = config;
    // cdktf writes the constraint of the provider classes (pinned to 6.25.0) into required_providers,
    // and that release would reject this resource type at plan time.
    requireAwsProvider(TerraformStack.of(this), HUB_CONTENT_REFERENCE_PROVIDER_VERSION);
  }

  /** ARN of the private hub that holds the reference. */
  get hubArn(): string {
    return this.getStringAttribute('hub_arn');
  }

  /** ARN of the reference, without a version suffix. */
  get hubContentArn(): string {
    return this.getStringAttribute('hub_content_arn');
  }

  /** Available, Importing, Deleting, ImportFailed or DeleteFailed. */
  get hubContentStatus(): string {
    return this.getStringAttribute('hub_content_status');
  }

  get hubContentVersion(): string {
    return this.getStringAttribute('hub_content_version');
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return {
      hub_name: stringToTerraform(this.config.hubName),
      hub_content_name: stringToTerraform(this.config.hubContentName),
      sagemaker_public_hub_content_arn: stringToTerraform(this.config.sagemakerPublicHubContentArn),
      min_version: stringToTerraform(this.config.minVersion),
      region: stringToTerraform(this.config.region),
      tags: hashMapper(stringToTerraform)(this.config.tags),
    };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    const simple = (value: string | undefined): Record<string, unknown> => ({ value: stringToHclTerraform(value), isBlock: false, type: 'simple', storageClassType: 'string' });
    const attributes: Record<string, Record<string, unknown>> = {
      hub_name: simple(this.config.hubName),
      hub_content_name: simple(this.config.hubContentName),
      sagemaker_public_hub_content_arn: simple(this.config.sagemakerPublicHubContentArn),
      min_version: simple(this.config.minVersion),
      region: simple(this.config.region),
      tags: { value: hashMapperHcl(stringToHclTerraform)(this.config.tags), isBlock: false, type: 'map', storageClassType: 'stringMap' },
    };
    return Object.fromEntries(Object.entries(attributes).filter(([, attribute]) => attribute.value !== undefined));
  }
}
