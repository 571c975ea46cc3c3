import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { renderResourcePolicy } from '../../modules/policy';
import { alertBusPolicy, alertKeyPolicy, alertTopicPolicy, invocationLogBucketPolicy } from '../../modules/policy/resource-policies/monitoring-policies';

/**
 * The resource policies of monitoring, evaluated by the independent simulator on concrete requests:
 * who may put events on the alert bus, publish to the topic, use its key, and write invocation logs.
 */

const AUDIT = { partition: 'aws', accountId: '444444444444', region: 'us-east-1' };
const ORG_ID = 'o-a1b2c3d4e5';
const BUS = 'arn:aws:events:us-east-1:444444444444:event-bus/modelgate-alerts';
const TOPIC = 'arn:aws:sns:us-east-1:444444444444:modelgate-alerts';
const CENTRAL_RULE = 'arn:aws:events:us-east-1:444444444444:rule/modelgate-alerts/modelgate-alerts-to-topic';
const ALLOW_ALL = { name: 'allow-all', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };

async function decide(request: Simulation['request'], resourcePolicy: string, identity = true): Promise<string> {
  const result = await runSimulation(
    { request, identityPolicies: identity ? [ALLOW_ALL] : [], serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: JSON.parse(resourcePolicy) },
    {},
  );
  if (result.resultType !== 'single') throw new Error(`unexpected simulation result: ${JSON.stringify(result).slice(0, 300)}`);
  return result.overallResult;
}

describe('the alert bus policy', () => {
  const policy = renderResourcePolicy(alertBusPolicy(AUDIT, ORG_ID));
  const putEvents = (principal: string, orgId: string, resource = BUS): Simulation['request'] => ({
    principal,
    action: 'events:PutEvents',
    resource: { resource, accountId: '444444444444' },
    contextVariables: { 'aws:PrincipalOrgID': orgId },
  });

  test.each([
    ['a forwarder role of a member account', 'arn:aws:iam::222222222222:role/modelgate-alert-forwarder', ORG_ID, 'Allowed'],
    ['the management account', 'arn:aws:iam::111111111111:role/modelgate-alert-forwarder', ORG_ID, 'Allowed'],
    ['a role of another organization', 'arn:aws:iam::999999999999:role/modelgate-alert-forwarder', 'o-zzzzzzzzzz', 'ImplicitlyDenied'],
  ])('%s: %s', async (_who, principal, orgId, expected) => {
    expect(await decide(putEvents(principal, orgId), policy)).toBe(expected);
  });

  test('grants nothing on another bus of the audit account', async () => {
    const other = 'arn:aws:events:us-east-1:444444444444:event-bus/default';
    expect(await decide(putEvents('arn:aws:iam::222222222222:role/modelgate-alert-forwarder', ORG_ID, other), policy)).toBe('ImplicitlyDenied');
  });
});

describe('the alert topic policy and key policy', () => {
  const publish = (sourceArn: string): Simulation['request'] => ({
    principal: 'events.amazonaws.com',
    action: 'sns:Publish',
    resource: { resource: TOPIC, accountId: '444444444444' },
    contextVariables: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': '444444444444' },
  });

  test('the central rule may publish', async () => {
    expect(await decide(publish(CENTRAL_RULE), renderResourcePolicy(alertTopicPolicy(AUDIT)), false)).toBe('Allowed');
  });

  test('another rule may not', async () => {
    expect(await decide(publish('arn:aws:events:us-east-1:444444444444:rule/other'), renderResourcePolicy(alertTopicPolicy(AUDIT)), false)).toBe('ImplicitlyDenied');
  });

  test.each([
    ['444444444444', 'Allowed'],
    ['999999999999', 'ImplicitlyDenied'],
  ])('EventBridge acting for account %s may generate data keys: %s', async (account, expected) => {
    const request: Simulation['request'] = {
      principal: 'events.amazonaws.com',
      action: 'kms:GenerateDataKey',
      resource: { resource: 'arn:aws:kms:us-east-1:444444444444:key/1234abcd-12ab-34cd-56ef-1234567890ab', accountId: '444444444444' },
      contextVariables: { 'aws:SourceAccount': account },
    };
    expect(await decide(request, renderResourcePolicy(alertKeyPolicy(AUDIT)), false)).toBe(expected);
  });
});

describe('the invocation log bucket policy', () => {
  const place = { partition: 'aws', accountId: '222222222222', region: 'us-east-1' };
  const write = (account: string, region: string, key = 'bedrock/AWSLogs/222222222222/x.json.gz'): Simulation['request'] => ({
    principal: 'bedrock.amazonaws.com',
    action: 's3:PutObject',
    resource: { resource: `arn:aws:s3:::modelgate-bedrock-logs-222222222222-us-east-1/${key}`, accountId: '222222222222' },
    contextVariables: { 'aws:SourceAccount': account, 'aws:SourceArn': `arn:aws:bedrock:${region}:${account}:model-invocation-logging` },
  });

  test.each([
    ['Bedrock for this account and region', '222222222222', 'us-east-1', 'Allowed'],
    ['Bedrock for another account (confused deputy)', '999999999999', 'us-east-1', 'ImplicitlyDenied'],
    ['Bedrock for this account in another region', '222222222222', 'eu-west-1', 'ImplicitlyDenied'],
  ])('%s: %s', async (_who, account, region, expected) => {
    expect(await decide(write(account, region), renderResourcePolicy(invocationLogBucketPolicy(place)), false)).toBe(expected);
  });
});
