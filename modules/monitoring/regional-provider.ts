import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

/**
 * The provider to place a resource in `region`: `provider` itself when it is there already, else
 * a copy of it (same account, roles, allowed accounts and default tags) aliased for that region,
 * one per stack, provider and region. Resources name their Region through the provider rather than
 * the resource-level `region` argument, which only hashicorp/aws 6.0 and later accept, so every
 * stack without a hub plans on 5.x too; on 6.x both forms create the same resources.
 */
export function regionalProvider(provider: AwsProvider, region: string): AwsProvider {
  if (provider.region === region) return provider;
  const scope = provider.node.scope;
  if (!scope) throw new Error(`the provider ${provider.node.path} has no stack`);
  const id = `${provider.node.id}-${region}`;
  const existing = scope.node.tryFindChild(id);
  if (existing instanceof AwsProvider) return existing;
  return new AwsProvider(scope, id, {
    alias: `${provider.alias ?? provider.node.id}-${region}`,
    region,
    ...(provider.allowedAccountIds ? { allowedAccountIds: provider.allowedAccountIds } : {}),
    ...(provider.assumeRole ? { assumeRole: provider.assumeRole } : {}),
    ...(provider.defaultTags ? { defaultTags: provider.defaultTags } : {}),
  });
}
