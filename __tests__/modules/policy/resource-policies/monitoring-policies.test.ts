import { join } from 'node:path';
import { loadConfigFile } from '../../../../modules/config';
import { monitoringPolicies, monitoringPolicyProblems, renderResourcePolicy } from '../../../../modules/policy';
import { allPolicies, compileMonitoringPolicies } from '../../../../modules/policy/resource-policies/compile-monitoring-policies';

const EXAMPLE = join(__dirname, '..', '..', '..', '..', 'examples', 'governance.yaml');

describe('monitoring resource and role policies', () => {
  const { governance } = loadConfigFile(EXAMPLE);

  test('the example places every kind of policy: key, topic, bus, forwarder, bucket per account and region, logging role, the trail bucket, its key and the results bucket', () => {
    const purposes = allPolicies(monitoringPolicies(governance)).map((p) => p.purpose);
    expect(new Set(purposes)).toEqual(
      new Set([
        'KMS key policy of the alert topic',
        'SNS topic policy of the alerts',
        'event bus policy of the alert bus',
        'trust policy of the alert forwarder role',
        'permissions of the alert forwarder role',
        'S3 bucket policy of the invocation logs',
        'trust policy of the invocation logging role',
        'permissions of the invocation logging role',
        'S3 bucket policy of the organization trail',
        'KMS key policy of the organization trail',
        'S3 bucket policy of the Athena query results',
      ]),
    );
    // Three member accounts, two regions.
    expect(purposes.filter((p) => p === 'S3 bucket policy of the invocation logs')).toHaveLength(6);
  });

  test('placed where the resolved model places the pieces: the central ones in the audit account, logging in each member account', () => {
    const policies = monitoringPolicies(governance);
    const monitoring = governance.monitoring;
    expect(monitoring?.centralAlerts).toBeDefined();
    expect(policies.centralAlerts?.busPolicy.statements[0]?.Resource).toEqual([
      `arn:aws:events:${monitoring?.centralAlerts?.region}:${monitoring?.centralAlerts?.account.id}:event-bus/modelgate-alerts`,
    ]);
    expect([...policies.invocationLogging.keys()]).toEqual(monitoring?.memberAccounts.map((a) => a.id));
  });

  test('every action and condition key of them is in the IAM catalog', async () => {
    expect((await compileMonitoringPolicies(governance)).problems).toEqual([]);
  });

  test('an unknown action or condition key is reported with the policy and statement', async () => {
    const problems = await monitoringPolicyProblems([
      {
        purpose: 'a test policy',
        statements: [
          { Sid: 'Typo', Effect: 'Allow', Principal: { Service: ['events.amazonaws.com'] }, Action: ['sns:Publsh'], Resource: ['*'] },
          { Sid: 'WrongKey', Effect: 'Allow', Action: ['sns:Publish'], Resource: ['*'], Condition: { StringEquals: { 'sns:NoSuchKey': ['x'] } } },
        ],
      },
    ]);
    expect(problems).toEqual([
      { path: 'monitoring', message: expect.stringMatching(/^a test policy, statement Typo: unknown action "sns:Publsh"/) },
      { path: 'monitoring', message: expect.stringMatching(/^a test policy, statement WrongKey: condition key "sns:NoSuchKey" is not supported by sns:Publish/) },
    ]);
  });

  test('renders literal minified JSON with sorted lists, a single principal as a string', () => {
    expect(
      renderResourcePolicy({
        purpose: 'p',
        statements: [
          {
            Sid: 'S',
            Effect: 'Allow',
            Principal: { Service: ['events.amazonaws.com'] },
            Action: ['b:B', 'a:A'],
            Resource: ['*'],
            Condition: { StringEquals: { 'aws:SourceAccount': ['2', '1'] } },
          },
        ],
      }),
    ).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":["a:A","b:B"],"Resource":["*"],"Condition":{"StringEquals":{"aws:SourceAccount":["1","2"]}}}]}',
    );
  });

  test('keeps NotAction and NotResource, which the renderer of resource policies once dropped', () => {
    expect(renderResourcePolicy({ purpose: 'p', statements: [{ Sid: 'S', Effect: 'Deny', NotAction: ['a:A'], NotResource: ['arn:aws:s3:::b'] }] })).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Deny","NotAction":["a:A"],"NotResource":["arn:aws:s3:::b"]}]}',
    );
  });

  test('no monitoring section, no policies', () => {
    expect(allPolicies(monitoringPolicies({ ...governance, monitoring: undefined }))).toEqual([]);
  });
});
