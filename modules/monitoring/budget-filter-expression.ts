import type { ResolvedBudget } from '../config';

/**
 * One element of aws_budgets_budget.filter_expression (hashicorp/aws >= 6.41.0), in the provider's
 * argument names: the Budgets API Expression (FilterExpression, the replacement of the CostFilters
 * deprecated on 2025-04-18, botocore budgets service-2.json). @cdktf/provider-aws 21.22.1 (6.25.0)
 * predates it, so the construct writes it as an override.
 */
export interface BudgetFilterExpression {
  /** Matches when every element matches. */
  readonly and?: readonly BudgetFilterExpression[];
  /** Matches when any element matches. */
  readonly or?: readonly BudgetFilterExpression[];
  /** One cost dimension and the values that match (any of them). */
  readonly dimensions?: BudgetDimensionValues;
}

export interface BudgetDimensionValues {
  /** A Budgets API Dimension, e.g. SERVICE or LINKED_ACCOUNT. */
  readonly key: 'SERVICE' | 'LINKED_ACCOUNT';
  /** At least one value, each at most 1,024 characters. */
  readonly values: readonly string[];
}

/** The arguments the budgets construct adds to the generated aws_budgets_budget. */
export interface BudgetFilterArguments {
  /** A list of at most one expression, as the provider's block list. */
  readonly filter_expression: readonly BudgetFilterExpression[];
  /** Exactly one metric; filter_expression requires it (and conflicts with cost_filter). */
  readonly metrics: readonly [ResolvedBudget['metric']];
}

/**
 * The Budgets API refuses "Expression nested depth cannot be more than 2" (quoted in the provider's
 * aws_budgets_budget schema, not in the API reference): And/Or/Not nested at most twice.
 */
export const MAX_FILTER_EXPRESSION_DEPTH = 2;

/**
 * What a budget counts: the services given (SERVICE dimension) and, unless its scope is the whole
 * organization, only in the linked accounts of its account or OU (an `and` of the two dimensions).
 */
export function budgetFilterArguments(budget: Pick<ResolvedBudget, 'services' | 'accountIds' | 'metric'>): BudgetFilterArguments {
  const services: BudgetFilterExpression = { dimensions: { key: 'SERVICE', values: [...budget.services] } };
  const expression: BudgetFilterExpression =
    budget.accountIds.length === 0 ? services : { and: [services, { dimensions: { key: 'LINKED_ACCOUNT', values: [...budget.accountIds] } }] };
  return { filter_expression: [expression], metrics: [budget.metric] };
}

/** How many And/Or levels an expression nests (a lone dimension: 0). */
export function filterExpressionDepth(expression: BudgetFilterExpression): number {
  const children = [...(expression.and ?? []), ...(expression.or ?? [])];
  return children.length === 0 ? 0 : 1 + Math.max(...children.map(filterExpressionDepth));
}
