import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { TerraformStack } from 'cdktf';

/**
 * Where an account's own resources go: the account's stack, as the placing functions see it (they
 * need its providers, not the stack class, which imports them).
 */
export interface AccountScope extends TerraformStack {
  /** The management account's provider. */
  readonly managementProvider: AwsProvider;
  /** Created on first use, so a stack that places nothing in the account has no provider for it. */
  readonly accountProvider: AwsProvider;
  /** The organization's root stack, if the app has one: stacks that rely on what it enables deploy after it. */
  readonly rootStack: TerraformStack | undefined;
}
