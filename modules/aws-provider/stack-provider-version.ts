import type { TerraformStack } from 'cdktf';
import { compareVersions, DEFAULT_AWS_PROVIDER_VERSION, raiseAwsProviderVersion } from '../config/light';

/** What one stack asked for so far: the configured constraint and the newest release its resources need. */
interface StackProviderVersion {
  readonly configured: string;
  readonly minimum?: string;
}

const requested = new WeakMap<TerraformStack, StackProviderVersion>();

/**
 * Sets the hashicorp/aws versions a stack accepts (terraform.required_providers.aws.version)
 * instead of the exact release the provider classes were generated from, so that patch and minor
 * releases install. Resources that need a newer release raise it with requireAwsProvider, in
 * either order.
 */
export function constrainAwsProvider(stack: TerraformStack, constraint: string): void {
  update(stack, { ...requested.get(stack), configured: constraint });
}

/** Raises the stack's lower bound to `minimum` (when the constraint allows older releases). */
export function requireAwsProvider(stack: TerraformStack, minimum: string): void {
  const current = requested.get(stack);
  const highest = current?.minimum !== undefined && compareVersions(current.minimum, minimum) >= 0 ? current.minimum : minimum;
  update(stack, { configured: current?.configured ?? DEFAULT_AWS_PROVIDER_VERSION, minimum: highest });
}

function update(stack: TerraformStack, next: StackProviderVersion): void {
  requested.set(stack, next);
  stack.addOverride('terraform.required_providers.aws.version', raiseAwsProviderVersion(next.configured, next.minimum));
}
