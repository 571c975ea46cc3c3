import { leftOutOnMirror, withoutLeftOut } from './newer-provider-needs';

const mirror = { awsVersion: '5.100.0', resourceTypes: new Set(['aws_budgets_budget', 'aws_organizations_policy', 'aws_sns_topic', 'aws_ram_resource_association']) };

const stack = {
  resource: {
    aws_budgets_budget: {
      current: { name: 'modelgate-a', filter_expression: [{ dimensions: { key: 'SERVICE', values: ['Amazon Bedrock'] } }], metrics: ['UnblendedCost'] },
      legacy: { name: 'modelgate-b', cost_filter: [{ name: 'Service', values: ['Amazon Bedrock'] }] },
    },
    aws_organizations_policy: {
      scp: { type: 'SERVICE_CONTROL_POLICY', content: '{}' },
      guardrail: { type: 'BEDROCK_POLICY', content: '{}' },
    },
    aws_sagemaker_hub_content_reference: { model: { hub_name: 'curated' } },
    aws_sns_topic: { alerts: { name: 'alerts', depends_on: ['aws_sagemaker_hub_content_reference.model'] } },
    aws_ram_resource_association: { hub: { resource_arn: '${aws_sns_topic.alerts.arn}' }, other: { resource_arn: '${aws_sns_topic.alerts_2.arn}' } },
  },
  output: { reference: { value: '${aws_sagemaker_hub_content_reference.model.hub_content_arn}' }, scp: { value: '${aws_organizations_policy.scp.id}' } },
};

describe('leftOutOnMirror', () => {
  const leftOut = leftOutOnMirror(stack, mirror);

  test('leaves out what needs a newer release, by resource type and, where only some need it, by argument', () => {
    expect(leftOut).toEqual(
      expect.arrayContaining([
        { address: 'aws_budgets_budget.current', reason: 'filter_expression needs hashicorp/aws >= 6.41.0; the mirror has 5.100.0' },
        { address: 'aws_organizations_policy.guardrail', reason: 'type BEDROCK_POLICY needs hashicorp/aws >= 6.26.0; the mirror has 5.100.0' },
        { address: 'aws_sagemaker_hub_content_reference.model', reason: 'the resource type needs hashicorp/aws >= 6.51.0; the mirror has 5.100.0' },
      ]),
    );
  });

  test('and what refers to a resource left out, through depends_on or an interpolation, at any distance', () => {
    expect(leftOut).toEqual(
      expect.arrayContaining([
        { address: 'aws_sns_topic.alerts', reason: 'refers to aws_sagemaker_hub_content_reference.model, which is left out' },
        { address: 'aws_ram_resource_association.hub', reason: 'refers to aws_sns_topic.alerts, which is left out' },
      ]),
    );
    expect(leftOut).toHaveLength(5);
  });

  test('keeps everything on a release that has it all', () => {
    const newer = { awsVersion: '6.60.0', resourceTypes: new Set([...mirror.resourceTypes, 'aws_sagemaker_hub_content_reference']) };
    expect(leftOutOnMirror(stack, newer)).toEqual([]);
  });

  test('a type the mirror lacks and the table does not know is left out too, saying so', () => {
    expect(leftOutOnMirror({ resource: { aws_future_thing: { x: {} } } }, mirror)).toEqual([
      { address: 'aws_future_thing.x', reason: "the resource type needs a hashicorp/aws release after the mirror's 5.100.0" },
    ]);
  });
});

describe('withoutLeftOut', () => {
  test('drops the resources left out and the outputs that refer to them; the input is not changed', () => {
    const before = JSON.stringify(stack);
    const planned = withoutLeftOut(stack, leftOutOnMirror(stack, mirror));
    expect(Object.fromEntries(Object.entries(planned.resource).map(([type, byName]) => [type, Object.keys(byName)]))).toEqual({
      aws_budgets_budget: ['legacy'],
      aws_organizations_policy: ['scp'],
      aws_ram_resource_association: ['other'],
    });
    expect(Object.keys(planned.output)).toEqual(['scp']);
    expect(JSON.stringify(stack)).toBe(before);
  });
});
