import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing } from 'cdktf';
import { BEDROCK_RUNTIME_METRICS, dashboardBody, ModelDashboard, ModelSpendBudgets } from '../../../modules/monitoring';
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
  const resources = JSON.parse(
    Testing.synthScope((scope) => {
      new ModelSpendBudgets(scope, 'budgets', {
        provider: new AwsProvider(scope, 'management', { region: 'us-east-1' }),
        budgets: [
          { name: 'sandbox', scope: 'Sandbox', accountIds: ['222222222222', '555555555555'], monthlyLimitUsd: 500, thresholds: [80, 100], notify: ['a@example.com'], services: ['Amazon Bedrock'] },
          { name: 'all', scope: 'root', accountIds: [], monthlyLimitUsd: 1234.5, thresholds: [100], notify: ['a@example.com', 'b@example.com'], services: ['Amazon Bedrock', 'Claude (Amazon Bedrock Edition)'] },
        ],
      });
    }),
  ).resource.aws_budgets_budget as Record<string, Record<string, unknown>>;
  const byName = (name: string): Record<string, unknown> | undefined => Object.values(resources).find((b) => b.name === name);

  test('a monthly cost budget in USD per configured budget', () => {
    expect(byName('modelgate-sandbox')).toMatchObject({ budget_type: 'COST', time_unit: 'MONTHLY', limit_amount: '500.00', limit_unit: 'USD' });
    expect(byName('modelgate-all')).toMatchObject({ limit_amount: '1234.50' });
  });

  test('filters on the services, and on the linked accounts unless the scope is the whole organization', () => {
    expect(byName('modelgate-sandbox')?.cost_filter).toEqual([
      { name: 'Service', values: ['Amazon Bedrock'] },
      { name: 'LinkedAccount', values: ['222222222222', '555555555555'] },
    ]);
    expect(byName('modelgate-all')?.cost_filter).toEqual([{ name: 'Service', values: ['Amazon Bedrock', 'Claude (Amazon Bedrock Edition)'] }]);
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
