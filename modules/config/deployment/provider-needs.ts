import type { ResolvedGovernance } from '../resolve';
import type { TargetKind } from '../organization/resolve';
import { compareVersions } from './aws-provider-version';
import { BEDROCK_POLICY_PROVIDER_VERSION, BUDGET_FILTER_EXPRESSION_PROVIDER_VERSION, HUB_CONTENT_REFERENCE_PROVIDER_VERSION } from './provider-releases';

/** A stack whose resources need a newer hashicorp/aws release than the default constraint allows. */
export interface ProviderNeed {
  /** The stack's layer: the root, an OU path, or an account name, as in the compiled targets. */
  readonly kind: TargetKind;
  readonly layer: string;
  /** The lowest release that has what the stack uses. */
  readonly minimum: string;
  /** The resource that needs it and the setting that places it, ending in a comma: "<feature> needs >= <minimum>" reads as a sentence. */
  readonly feature: string;
}

/**
 * Every stack that needs a newer provider release than the default, and why: the one list that
 * validate, the config checks and synth agree on. Constructs raise their own stack's constraint
 * (requireAwsProvider) from the same constants.
 */
export function providerNeeds(governance: Pick<ResolvedGovernance, 'jumpstartHubs' | 'guardrailPolicies' | 'monitoring'>): ProviderNeed[] {
  const accountsWithModels = [...new Set(governance.jumpstartHubs.filter((hub) => hub.models.length > 0).map((hub) => hub.account))];
  const hubs: ProviderNeed[] = accountsWithModels.map((account) => ({
    kind: 'account',
    layer: account,
    minimum: HUB_CONTENT_REFERENCE_PROVIDER_VERSION,
    feature: `aws_sagemaker_hub_content_reference, for the models of the private hub in account ${account},`,
  }));
  // The root stack holds every Bedrock organization policy, the OUs' too (stacks/organization-guardrail-policies.ts).
  const bedrockPolicies: ProviderNeed[] =
    governance.guardrailPolicies.length > 0
      ? [{ kind: 'root', layer: 'root', minimum: BEDROCK_POLICY_PROVIDER_VERSION, feature: 'aws_organizations_policy of type BEDROCK_POLICY, for requireGuardrail.organizationPolicy,' }]
      : [];
  const budgets: ProviderNeed[] =
    (governance.monitoring?.budgets.length ?? 0) > 0
      ? [{ kind: 'root', layer: 'root', minimum: BUDGET_FILTER_EXPRESSION_PROVIDER_VERSION, feature: 'aws_budgets_budget with filter_expression and metrics, for monitoring.budgets,' }]
      : [];
  return [...hubs, ...bedrockPolicies, ...budgets];
}

/** The needs of one stack. */
export function stackProviderNeeds(needs: readonly ProviderNeed[], kind: TargetKind, layer: string): ProviderNeed[] {
  return needs.filter((need) => need.kind === kind && need.layer === layer);
}

/** The lowest release that satisfies all the given needs (the highest of their minimums), if any. */
export function highestProviderMinimum(needs: readonly ProviderNeed[]): string | undefined {
  return needs
    .map((need) => need.minimum)
    .reduce<string | undefined>((highest, minimum) => (highest === undefined || compareVersions(minimum, highest) > 0 ? minimum : highest), undefined);
}
