import { BudgetsBudget } from '@cdktf/provider-aws/lib/budgets-budget';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { requireAwsProvider } from '../aws-provider';
import { BUDGET_FILTER_EXPRESSION_PROVIDER_VERSION } from '../config/light';
import type { ResolvedBudget } from '../config';
import { budgetFilterArguments } from './budget-filter-expression';

export interface ModelSpendBudgetsProps {
  /** Provider of the management account, where organization-wide budgets see every linked account. */
  readonly provider: AwsProvider;
  readonly budgets: readonly ResolvedBudget[];
}

/**
 * Monthly AWS Budgets on model spend. IAM cannot cap tokens or calls, so a budget with notifications
 * is the spend control: each filters on the services given (default "Amazon Bedrock") and, unless
 * its scope is the whole organization, on the linked accounts of its account or OU. The filter is
 * the current FilterExpression + Metrics, not the deprecated CostFilters: the generated class lacks
 * those arguments, so they are written as overrides, and the stack's aws provider constraint is
 * raised to the release that has them.
 */
export class ModelSpendBudgets extends Construct {
  constructor(scope: Construct, id: string, props: ModelSpendBudgetsProps) {
    super(scope, id);
    for (const budget of props.budgets) {
      const resource = new BudgetsBudget(this, budget.name, {
        provider: props.provider,
        name: `modelgate-${budget.name}`,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        limitAmount: budget.monthlyLimitUsd.toFixed(2),
        limitUnit: 'USD',
        notification: budget.thresholds.map((threshold) => ({
          comparisonOperator: 'GREATER_THAN',
          notificationType: 'ACTUAL',
          threshold,
          thresholdType: 'PERCENTAGE',
          subscriberEmailAddresses: [...budget.notify],
        })),
      });
      for (const [argument, value] of Object.entries(budgetFilterArguments(budget))) resource.addOverride(argument, value);
    }
    if (props.budgets.length > 0) requireAwsProvider(TerraformStack.of(this), BUDGET_FILTER_EXPRESSION_PROVIDER_VERSION);
  }
}
