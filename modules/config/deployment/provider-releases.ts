/*
 * The hashicorp/aws releases that first have what some stacks hold, in a file that imports nothing,
 * so that the default constraint (aws-provider-version.ts) and the list of needs (provider-needs.ts)
 * can both name them without importing each other.
 */

/**
 * The first hashicorp/aws release with aws_sagemaker_hub_content_reference (provider PR #48379):
 * the account stacks of hubs with models need it.
 */
export const HUB_CONTENT_REFERENCE_PROVIDER_VERSION = '6.51.0';

/**
 * The first hashicorp/aws release whose aws_budgets_budget has `metrics` beside `filter_expression`
 * (with filter_expression alone, from 6.33.0, budgets came out malformed for Cost Explorer: provider issue
 * #46866); the root stack needs it when it holds budgets.
 */
export const BUDGET_FILTER_EXPRESSION_PROVIDER_VERSION = '6.41.0';

/**
 * aws_organizations_policy checks `type` against the AWS SDK enum it bundles; BEDROCK_POLICY entered
 * the AWS models on 2025-11-25 and the provider documented it in PR #45488 (2025-12-08), so 6.26.0
 * is the first release known to accept it: the root stack of Bedrock organization policies needs it.
 */
export const BEDROCK_POLICY_PROVIDER_VERSION = '6.26.0';
