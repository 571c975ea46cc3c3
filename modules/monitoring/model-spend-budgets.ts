import { BudgetsBudget } from '@cdktf/provider-aws/lib/budgets-budget';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import type { ResolvedBudget } from '../config';

export interface ModelSpendBudgetsProps {
  /** Provider of the management account, where organization-wide budgets see every linked account. */
  readonly provider: AwsProvider;
  readonly budgets: readonly ResolvedBudget[];
}

/**
 * Monthly AWS Budgets on model spend. IAM cannot cap tokens or calls, so a budget with notifications
 * is the spend control: each filters on the services given (default "Amazon Bedrock") and, unless
 * its scope is the whole organization, on the linked accounts of its account or OU.
 */
export class ModelSpendBudgets extends Construct {
  constructor(scope: Construct, id: string, props: ModelSpendBudgetsProps) {
    super(scope, id);
    for (const budget of props.budgets) {
      new BudgetsBudget(this, budget.name, {
        provider: props.provider,
        name: `modelgate-${budget.name}`,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        limitAmount: budget.monthlyLimitUsd.toFixed(2),
        limitUnit: 'USD',
        costFilter: [
          { name: 'Service', values: [...budget.services] },
          ...(budget.accountIds.length > 0 ? [{ name: 'LinkedAccount', values: [...budget.accountIds] }] : []),
        ],
        notification: budget.thresholds.map((threshold) => ({
          comparisonOperator: 'GREATER_THAN',
          notificationType: 'ACTUAL',
          threshold,
          thresholdType: 'PERCENTAGE',
          subscriberEmailAddresses: [...budget.notify],
        })),
      });
    }
  }
}
