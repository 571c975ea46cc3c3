import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing } from 'cdktf';
import { BUDGET_FILTER_EXPRESSION_PROVIDER_VERSION } from '../../../modules/config';
import { BEDROCK_RUNTIME_METRICS, budgetFilterArguments, dashboardBody, filterExpressionDepth, MAX_FILTER_EXPRESSION_DEPTH, ModelDashboard, ModelSpendBudgets } from '../../../modules/monitoring';
import { resourcesInRegions } from '../../support/provider-regions';

describe('dashboardBody', () => {
  const body = JSON.parse(dashboardBody('prod-app', ['eu-west-1', 'us-east-1']));

  test('has the four Bedrock runtime metrics per region, found by SEARCH on ModelId', () => {
    expect(body.widgets).toHaveLength(8);
    const expressions = body.widgets.map((w: { properties: { region: string; metrics: [[{ expression: string }]] } }) => [w.properties.region, w.properties.metrics[0][0].expression]);
    expect(expressions.slice(0, 4)).toEqual(
      BEDROCK_RUNTIME_METRICS.map((m) => ['eu-west-1', `SEARCH('{AWS/Bedrock,ModelId} MetricName="${m.name}"', '${m.stat}', 300)`]),
    );
    expect(BEDROCK_RUNTIME_METRICS.map((m) => m.name)).toEqual(['Invocations', 'InvocationLatency', 'InputTokenCount', 'OutputTokenCount']);
  });

  test('lays widgets out in a grid without overlap', () => {
    const cells = body.widgets.map((w: { x: number; y: number }) => `${w.x},${w.y}`);
    expect(new Set(cells).size).toBe(cells.length);
    expect(body.widgets[0]).toMatchObject({ x: 0, y: 0, width: 12, height: 6 });
    expect(body.widgets[7]).toMatchObject({ x: 12, y: 18 });
  });

  test('is placed as a dashboard in the home region', () => {
    const synth = Testing.synthScope((scope) => {
      new ModelDashboard(scope, 'dashboard', { provider: new AwsProvider(scope, 'a', { region: 'us-east-1' }), accountName: 'prod-app', homeRegion: 'eu-west-1', regions: ['eu-west-1'] });
    });
    const [dashboard] = Object.values(resourcesInRegions(JSON.parse(synth)).aws_cloudwatch_dashboard ?? {}) as Record<string, unknown>[];
    expect(dashboard).toMatchObject({ dashboard_name: 'modelgate-bedrock-models', region: 'eu-west-1', dashboard_body: dashboardBody('prod-app', ['eu-west-1']) });
  });
});

describe('ModelSpendBudgets', () => {
  const synthesized = JSON.parse(
    Testing.synthScope((scope) => {
      new ModelSpendBudgets(scope, 'budgets', {
        provider: new AwsProvider(scope, 'management', { region: 'us-east-1' }),
        budgets: [
          { name: 'sandbox', scope: 'Sandbox', accountIds: ['222222222222', '555555555555'], monthlyLimitUsd: 500, thresholds: [80, 100], notify: ['a@example.com'], services: ['Amazon Bedrock'], metric: 'UnblendedCost' },
          {
            name: 'all',
            scope: 'root',
            accountIds: [],
            monthlyLimitUsd: 1234.5,
            thresholds: [100],
            notify: ['a@example.com', 'b@example.com'],
            services: ['Amazon Bedrock', 'Claude (Amazon Bedrock Edition)'],
            metric: 'AmortizedCost',
          },
        ],
      });
    }),
  ) as { resource: { aws_budgets_budget: Record<string, Record<string, unknown>> }; terraform?: { required_providers?: { aws?: { version?: string } } } };
  const resources = synthesized.resource.aws_budgets_budget;
  const byName = (name: string): Record<string, unknown> | undefined => Object.values(resources).find((b) => b.name === name);

  test('a monthly cost budget in USD per configured budget', () => {
    expect(byName('modelgate-sandbox')).toMatchObject({ budget_type: 'COST', time_unit: 'MONTHLY', limit_amount: '500.00', limit_unit: 'USD' });
    expect(byName('modelgate-all')).toMatchObject({ limit_amount: '1234.50' });
  });

  test('filters with the current FilterExpression: the services, and the linked accounts unless the scope is the whole organization', () => {
    expect(byName('modelgate-sandbox')?.filter_expression).toEqual([
      {
        and: [
          { dimensions: { key: 'SERVICE', values: ['Amazon Bedrock'] } },
          { dimensions: { key: 'LINKED_ACCOUNT', values: ['222222222222', '555555555555'] } },
        ],
      },
    ]);
    expect(byName('modelgate-all')?.filter_expression).toEqual([{ dimensions: { key: 'SERVICE', values: ['Amazon Bedrock', 'Claude (Amazon Bedrock Edition)'] } }]);
  });

  test('tracks the configured metric, and writes none of the deprecated CostFilters / CostTypes', () => {
    expect(byName('modelgate-sandbox')?.metrics).toEqual(['UnblendedCost']);
    expect(byName('modelgate-all')?.metrics).toEqual(['AmortizedCost']);
    for (const budget of Object.values(resources)) {
      expect(Object.keys(budget).filter((key) => ['cost_filter', 'cost_filters', 'cost_types'].includes(key))).toEqual([]);
    }
  });

  test('raises the stack to the hashicorp/aws release whose aws_budgets_budget has filter_expression and metrics', () => {
    expect(BUDGET_FILTER_EXPRESSION_PROVIDER_VERSION).toBe('6.41.0');
    expect(synthesized.terraform?.required_providers?.aws?.version).toBe('>= 6.41.0, < 7.0.0');
  });

  test('notifies the addresses when actual spend passes each threshold', () => {
    expect(byName('modelgate-sandbox')?.notification).toEqual(
      [80, 100].map((threshold) => ({
        comparison_operator: 'GREATER_THAN',
        notification_type: 'ACTUAL',
        threshold,
        threshold_type: 'PERCENTAGE',
        subscriber_email_addresses: ['a@example.com'],
      })),
    );
  });
});

describe('budgetFilterArguments', () => {
  const budget = { services: ['Amazon Bedrock'], metric: 'UnblendedCost' as const };

  test.each([
    ['the whole organization', [], 0],
    ['an OU or account', ['222222222222'], 1],
  ])('nests within the Budgets API depth limit for %s', (_scope, accountIds, depth) => {
    const [expression] = budgetFilterArguments({ ...budget, accountIds }).filter_expression;
    expect(filterExpressionDepth(expression ?? {})).toBe(depth);
    expect(depth).toBeLessThanOrEqual(MAX_FILTER_EXPRESSION_DEPTH);
  });

  test('counts the depth of nested And and Or', () => {
    const leaf = { dimensions: { key: 'SERVICE' as const, values: ['x'] } };
    expect(filterExpressionDepth({ and: [leaf, { or: [leaf, { and: [leaf] }] }] })).toBe(3);
  });
});
