import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { auditTrailPolicies, renderResourcePolicy } from '../../modules/policy';
import { AUDIT_TRAIL_PLACE } from '../support/audit-trail-place';

/**
 * The organization trail's resource policies, evaluated by the independent simulator on concrete
 * requests: only CloudTrail, for this organization trail, writes logs and uses the key; principals
 * of the audit account read through their own IAM policies (as Athena does, with the caller's
 * credentials); nobody else, and nothing without TLS.
 */

const PLACE = AUDIT_TRAIL_PLACE;
const TRAIL = 'arn:aws:cloudtrail:eu-west-1:111111111111:trail/modelgate-organization-trail';
const BUCKET = 'arn:aws:s3:::modelgate-trail-555555555555-eu-west-1';
const RESULTS = 'arn:aws:s3:::modelgate-athena-results-555555555555-eu-west-1';
const KEY = 'arn:aws:kms:eu-west-1:555555555555:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const MEMBER_LOG = `${BUCKET}/AWSLogs/o-a1b2c3d4e5/222222222222/CloudTrail/us-east-1/2026/11/30/x.json.gz`;
const READER = 'arn:aws:iam::555555555555:role/SecurityAuditor';
const MEMBER = 'arn:aws:iam::222222222222:role/Developer';
const STRANGER = 'arn:aws:iam::999999999999:role/Admin';
const ALLOW_ALL = { name: 'allow-all', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };
const policies = auditTrailPolicies(PLACE);

async function decide(request: Simulation['request'], resourcePolicy: string, identity: boolean): Promise<string> {
  const result = await runSimulation(
    { request, identityPolicies: identity ? [ALLOW_ALL] : [], serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: JSON.parse(resourcePolicy) },
    {},
  );
  if (result.resultType !== 'single') throw new Error(`unexpected simulation result: ${JSON.stringify(result).slice(0, 300)}`);
  return result.overallResult;
}

const cloudTrail = (action: string, resource: string, sourceArn: string, context: Record<string, string> = {}): Simulation['request'] => ({
  principal: 'cloudtrail.amazonaws.com',
  action,
  resource: { resource, accountId: '555555555555' },
  contextVariables: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': sourceArn.split(':')[4] ?? '', 'aws:SecureTransport': 'true', ...context },
});

const principal = (arn: string, action: string, resource: string, context: Record<string, string> = {}): Simulation['request'] => ({
  principal: arn,
  action,
  resource: { resource, accountId: '555555555555' },
  contextVariables: { 'aws:SecureTransport': 'true', 'aws:PrincipalOrgID': arn === STRANGER ? 'o-zzzzzzzzzz' : 'o-a1b2c3d4e5', ...context },
});

describe('the trail bucket policy', () => {
  const policy = renderResourcePolicy(policies.bucketPolicy);
  const acl = { 's3:x-amz-acl': 'bucket-owner-full-control' };

  test.each([
    ['checks the bucket ACL', 's3:GetBucketAcl', BUCKET, {}],
    ['writes a member account log', 's3:PutObject', MEMBER_LOG, acl],
    ['writes the management account prefix', 's3:PutObject', `${BUCKET}/AWSLogs/111111111111/CloudTrail/eu-west-1/2026/11/30/x.json.gz`, acl],
  ])('CloudTrail for the organization trail %s: Allowed', async (_what, action, resource, context) => {
    expect(await decide(cloudTrail(action, resource, TRAIL, context), policy, false)).toBe('Allowed');
  });

  test.each([
    ['another account', 'arn:aws:cloudtrail:eu-west-1:999999999999:trail/modelgate-organization-trail'],
    ['another trail of the management account', 'arn:aws:cloudtrail:eu-west-1:111111111111:trail/other'],
    ['the same name in another region', 'arn:aws:cloudtrail:us-east-1:111111111111:trail/modelgate-organization-trail'],
  ])('CloudTrail writing for a trail of %s (confused deputy): denied', async (_who, sourceArn) => {
    expect(await decide(cloudTrail('s3:PutObject', MEMBER_LOG, sourceArn, acl), policy, false)).toBe('ImplicitlyDenied');
    expect(await decide(cloudTrail('s3:GetBucketAcl', BUCKET, sourceArn), policy, false)).toBe('ImplicitlyDenied');
  });

  test('CloudTrail writing without giving the bucket owner the object: denied', async () => {
    expect(await decide(cloudTrail('s3:PutObject', MEMBER_LOG, TRAIL), policy, false)).toBe('ImplicitlyDenied');
  });

  test('CloudTrail writing outside AWSLogs/<organization or management account>: denied', async () => {
    expect(await decide(cloudTrail('s3:PutObject', `${BUCKET}/AWSLogs/o-zzzzzzzzzz/x.json.gz`, TRAIL, acl), policy, false)).toBe('ImplicitlyDenied');
    expect(await decide(cloudTrail('s3:PutObject', `${BUCKET}/elsewhere/x.json.gz`, TRAIL, acl), policy, false)).toBe('ImplicitlyDenied');
  });

  test.each([
    ['a principal of another account', STRANGER],
    ['a principal of an organization member account', MEMBER],
  ])('%s, even allowed everything by its own policies, can neither write, read nor delete logs', async (_who, arn) => {
    for (const action of ['s3:PutObject', 's3:GetObject', 's3:DeleteObject']) {
      expect(await decide(principal(arn, action, MEMBER_LOG, acl), policy, true)).toBe('ImplicitlyDenied');
    }
  });

  test('a reader of the audit account reads logs through its own IAM policy', async () => {
    expect(await decide(principal(READER, 's3:GetObject', MEMBER_LOG), policy, true)).toBe('Allowed');
    expect(await decide(principal(READER, 's3:GetObject', MEMBER_LOG), policy, false)).toBe('ImplicitlyDenied');
  });

  test('without TLS, nobody: not CloudTrail, not the audit account reader', async () => {
    expect(await decide(cloudTrail('s3:PutObject', MEMBER_LOG, TRAIL, { ...acl, 'aws:SecureTransport': 'false' }), policy, false)).toBe('ExplicitlyDenied');
    expect(await decide(principal(READER, 's3:GetObject', MEMBER_LOG, { 'aws:SecureTransport': 'false' }), policy, true)).toBe('ExplicitlyDenied');
  });
});

describe('the trail key policy', () => {
  const policy = renderResourcePolicy(policies.keyPolicy);
  const context = { 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL };
  /**
   * The simulator resolves a variable condition key only after a "/" (aws:RequestTag/<tag>), not
   * kms:EncryptionContext:<key>, so it reads that condition as missing. The condition is pinned
   * below as the CloudTrail User Guide writes it, and the rest of the statement is simulated without it.
   */
  const withoutEncryptionContext = JSON.stringify({
    ...JSON.parse(policy),
    Statement: (JSON.parse(policy) as { Statement: { Condition?: Record<string, unknown> }[] }).Statement.map((s) => {
      if (!s.Condition?.StringLike) return s;
      const { StringLike: _encryptionContext, ...rest } = s.Condition;
      return { ...s, Condition: rest };
    }),
  });

  test('CloudTrail encrypts only for trails of the management account, as the encryption context names them', () => {
    const encrypt = policies.keyPolicy.statements.find((s) => s.Sid === 'CloudTrailEncryptsLogs');
    expect(encrypt?.Condition).toEqual({
      StringEquals: { 'aws:SourceArn': [TRAIL] },
      StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': ['arn:aws:cloudtrail:*:111111111111:trail/*'] },
    });
  });

  test.each([
    ['kms:GenerateDataKey', withoutEncryptionContext],
    ['kms:DescribeKey', policy],
    ['kms:Decrypt', policy],
  ])('CloudTrail for the organization trail may %s', async (action, document) => {
    expect(await decide(cloudTrail(action, KEY, TRAIL, context), document, false)).toBe('Allowed');
  });

  test.each([
    ['another account', 'arn:aws:cloudtrail:eu-west-1:999999999999:trail/x'],
    ['another trail of the management account', 'arn:aws:cloudtrail:eu-west-1:111111111111:trail/other'],
  ])('CloudTrail for a trail of %s (confused deputy) may not use the key', async (_who, sourceArn) => {
    for (const action of ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:DescribeKey']) {
      expect(await decide(cloudTrail(action, KEY, sourceArn, { 'kms:EncryptionContext:aws:cloudtrail:arn': sourceArn }), withoutEncryptionContext, false)).toBe('ImplicitlyDenied');
    }
  });

  test('a reader of the audit account decrypts through its own IAM policy, and not without one', async () => {
    expect(await decide(principal(READER, 'kms:Decrypt', KEY, context), policy, true)).toBe('Allowed');
    expect(await decide(principal(READER, 'kms:Decrypt', KEY, context), policy, false)).toBe('ImplicitlyDenied');
  });

  test.each([
    ['a principal of another account', STRANGER],
    ['a principal of an organization member account', MEMBER],
  ])('%s may not decrypt or encrypt', async (_who, arn) => {
    for (const action of ['kms:Decrypt', 'kms:GenerateDataKey']) expect(await decide(principal(arn, action, KEY, context), policy, true)).toBe('ImplicitlyDenied');
  });
});

describe('the Athena results bucket policy', () => {
  const policy = renderResourcePolicy(policies.resultsBucketPolicy);
  const result = `${RESULTS}/query-id.csv`;

  test('a reader of the audit account writes and reads results through its own IAM policy', async () => {
    for (const action of ['s3:PutObject', 's3:GetObject']) expect(await decide(principal(READER, action, result), policy, true)).toBe('Allowed');
  });

  test.each([
    ['a principal of another account', STRANGER],
    ['a principal of an organization member account', MEMBER],
  ])('%s may not read results', async (_who, arn) => {
    expect(await decide(principal(arn, 's3:GetObject', result), policy, true)).toBe('ImplicitlyDenied');
  });

  test('without TLS, not even the reader', async () => {
    expect(await decide(principal(READER, 's3:GetObject', result, { 'aws:SecureTransport': 'false' }), policy, true)).toBe('ExplicitlyDenied');
  });
});
