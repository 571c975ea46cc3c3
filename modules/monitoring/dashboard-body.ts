/**
 * The body of the Bedrock dashboard: for each region, invocations, latency, and input and output
 * tokens per model. Metrics are found with SEARCH over the AWS/Bedrock namespace by ModelId, so a
 * model shows up as soon as it is used, without listing model ids here (Bedrock User Guide,
 * "Amazon Bedrock runtime metrics": Invocations, InvocationLatency, InputTokenCount, OutputTokenCount).
 */

interface Metric {
  readonly name: string;
  readonly title: string;
  readonly stat: 'Sum' | 'Average';
}

export const BEDROCK_RUNTIME_METRICS: readonly Metric[] = [
  { name: 'Invocations', title: 'Invocations by model', stat: 'Sum' },
  { name: 'InvocationLatency', title: 'Invocation latency (ms) by model', stat: 'Average' },
  { name: 'InputTokenCount', title: 'Input tokens by model', stat: 'Sum' },
  { name: 'OutputTokenCount', title: 'Output tokens by model', stat: 'Sum' },
];

const WIDTH = 12;
const HEIGHT = 6;
const PERIOD_SECONDS = 300;

/** Literal JSON of the dashboard: a row of four metric widgets per region. */
export function dashboardBody(accountName: string, regions: readonly string[]): string {
  const widgets = regions.flatMap((region, row) =>
    BEDROCK_RUNTIME_METRICS.map((metric, column) => ({
      type: 'metric',
      x: (column % 2) * WIDTH,
      y: (row * 2 + Math.floor(column / 2)) * HEIGHT,
      width: WIDTH,
      height: HEIGHT,
      properties: {
        title: `${accountName} ${region}: ${metric.title}`,
        region,
        view: 'timeSeries',
        stat: metric.stat,
        period: PERIOD_SECONDS,
        metrics: [[{ expression: `SEARCH('{AWS/Bedrock,ModelId} MetricName="${metric.name}"', '${metric.stat}', ${PERIOD_SECONDS})`, id: 'e1' }]],
      },
    })),
  );
  return JSON.stringify({ widgets });
}
