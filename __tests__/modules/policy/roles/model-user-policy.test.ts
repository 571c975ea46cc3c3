import { checkAgainstCatalog } from '../../../../modules/policy/catalog';
import { modelUserStatements, type ModelUserPolicyInput } from '../../../../modules/policy/roles/model-user-policy';
import { renderRolePolicy } from '../../../../modules/policy/roles/role-policy-document';
import { trustPolicy } from '../../../../modules/policy/roles/trust-policy';
import type { PolicyStatement } from '../../../../modules/policy/statement';

const BASE: ModelUserPolicyInput = { partition: 'aws', accountId: '333333333333', models: ['anthropic.claude-3-5-sonnet*'], buckets: [], source: 'modelUsers.app-invoker' };

function statements(overrides: Partial<ModelUserPolicyInput> = {}): PolicyStatement[] {
  return modelUserStatements({ ...BASE, ...overrides }).map((s) => s.statement);
}

describe('modelUserStatements', () => {
  test('invoke and stream (which also authorize Converse) on the models and their system inference profiles, in every region', () => {
    expect(statements()).toEqual([
      {
        Sid: 'AllowApprovedModels',
        Effect: 'Allow',
        Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        Resource: ['arn:aws:bedrock:*:333333333333:inference-profile/*.anthropic.claude-3-5-sonnet*', 'arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet*'],
      },
    ]);
  });

  test('the guardrails its calls apply: ApplyGuardrail on each, sorted and unique, after the models', () => {
    const guardrails = ['arn:aws:bedrock:us-east-1:333333333333:guardrail/prodapp01', 'arn:aws:bedrock:us-east-1:111111111111:guardrail/*', 'arn:aws:bedrock:us-east-1:333333333333:guardrail/prodapp01'];
    expect(statements({ guardrails })[1]).toEqual({
      Sid: 'ApplyRequiredGuardrails',
      Effect: 'Allow',
      Action: ['bedrock:ApplyGuardrail'],
      Resource: ['arn:aws:bedrock:us-east-1:111111111111:guardrail/*', 'arn:aws:bedrock:us-east-1:333333333333:guardrail/prodapp01'],
    });
    expect(statements({ guardrails: [] }).map((s) => s.Sid)).toEqual(['AllowApprovedModels']);
  });

  test('named regions limit both the models and the profiles', () => {
    expect(statements({ regions: ['us-west-2', 'us-east-1'], models: ['amazon.nova-pro-v1:0'] })[0]?.Resource).toEqual([
      'arn:aws:bedrock:us-east-1:333333333333:inference-profile/*.amazon.nova-pro-v1:0',
      'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
      'arn:aws:bedrock:us-west-2:333333333333:inference-profile/*.amazon.nova-pro-v1:0',
      'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-pro-v1:0',
    ]);
  });

  test.each([
    [
      'a whole bucket, read',
      { bucket: 'acme-prompts', access: 'read' as const },
      [
        { Sid: 'ListBucket1', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::acme-prompts'] },
        { Sid: 'ReadObjects1', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::acme-prompts/*'] },
      ],
    ],
    [
      'a prefix, read and write: ListBucket limited by s3:prefix, objects under the prefix',
      { bucket: 'acme-prompts', prefix: 'team-a/', access: 'readWrite' as const },
      [
        { Sid: 'ListBucket1', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::acme-prompts'], Condition: { StringLike: { 's3:prefix': ['team-a/*'] } } },
        { Sid: 'ReadWriteObjects1', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::acme-prompts/team-a/*'] },
      ],
    ],
  ])('S3: %s', (_name, bucket, expected) => {
    expect(statements({ buckets: [bucket] }).slice(1)).toEqual(expected);
  });

  test('ListBucket is on the bucket ARN, never on objects (a ListBucket on bucket/* never matches)', () => {
    const list = statements({ buckets: [{ bucket: 'b1', access: 'read' }, { bucket: 'a2', access: 'read' }] }).filter((s) => s.Action?.includes('s3:ListBucket'));
    expect(list.map((s) => s.Resource)).toEqual([['arn:aws:s3:::a2'], ['arn:aws:s3:::b1']]);
  });

  test('every action and condition key is in the IAM catalog', async () => {
    const all = modelUserStatements({ ...BASE, buckets: [{ bucket: 'acme', prefix: 'p/', access: 'readWrite' }] });
    expect(await checkAgainstCatalog(all)).toEqual([]);
  });
});

describe('renderRolePolicy', () => {
  test('writes one minified, sorted document', async () => {
    const rendered = await renderRolePolicy(modelUserStatements({ ...BASE, buckets: [{ bucket: 'acme', access: 'read' }] }), 'app-invoker');
    expect(rendered).toEqual({
      content:
        '{"Version":"2012-10-17","Statement":[{"Sid":"AllowApprovedModels","Effect":"Allow","Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream"],' +
        '"Resource":["arn:aws:bedrock:*:333333333333:inference-profile/*.anthropic.claude-3-5-sonnet*","arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet*"]},' +
        '{"Sid":"ListBucket1","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::acme"},' +
        '{"Sid":"ReadObjects1","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme/*"}]}',
    });
  });

  test('refuses an action the IAM catalog does not list, naming the rule and the role', async () => {
    const rendered = await renderRolePolicy(
      [{ source: 'modelUsers.x.models', statement: { Sid: 'Import', Effect: 'Allow', Action: ['bedrock:ImportModel'], Resource: ['*'] } }],
      'x',
    );
    expect(rendered).toEqual({ problems: [{ path: 'modelUsers.x.models', message: expect.stringMatching(/^statement Import of role x: unknown action "bedrock:ImportModel"/) }] });
  });

  test('refuses a policy over the 10,240 characters IAM allows for a role', async () => {
    const models = Array.from({ length: 120 }, (_, i) => `vendor${i}.model-number-${i}-v1:0`);
    const rendered = await renderRolePolicy(modelUserStatements({ ...BASE, models }), 'app-invoker');
    expect(rendered).toEqual({
      problems: [{ path: 'modelUsers.app-invoker.models', message: expect.stringMatching(/^the inline policy of role app-invoker needs [\d,]+ characters, more than the 10,240 IAM allows/) }],
    });
  });
});

describe('trustPolicy', () => {
  test.each([
    [{ partition: 'aws', services: ['sagemaker.amazonaws.com'] }, '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]}'],
    [
      { partition: 'aws', accounts: ['444444444444', '333333333333'], services: ['lambda.amazonaws.com'] },
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::333333333333:root","arn:aws:iam::444444444444:root"],"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
    ],
    [
      { partition: 'aws-us-gov', services: ['bedrock.amazonaws.com'], sourceAccount: '333333333333' },
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"bedrock.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"333333333333"}}}]}',
    ],
  ])('%j', (trusted, expected) => {
    expect(trustPolicy(trusted)).toBe(expected);
  });
});
