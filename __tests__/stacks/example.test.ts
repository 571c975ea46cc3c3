import { join } from 'node:path';
import { filesUnder, policiesOf, synthesizeFile, type Synthesized } from '../support/synth-fixture';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'governance.yaml');

describe('the example organization (examples/governance.yaml)', () => {
  let synth: Synthesized;
  beforeAll(async () => {
    synth = await synthesizeFile(EXAMPLE);
  });

  test('has a stack for the root, for each layer with rules and for each account holding hubs or guardrails, and none for others', () => {
    expect(synth.stacks).toEqual(['account-prod-app', 'account-shared-services', 'ou-sandbox', 'ou-workloads-prod', 'root']);
  });

  test.each([
    ['root', 'r-ab12', 'modelgate-root-1'],
    ['ou-sandbox', 'ou-ab12-11111111', 'modelgate-ou-sandbox-1'],
    ['ou-workloads-prod', 'ou-ab12-33333333', 'modelgate-ou-workloads-prod-1'],
    ['account-prod-app', '333333333333', 'modelgate-account-prod-app-1'],
  ])('stack %s attaches to %s its SCP %s', (stack, targetId, name) => {
    expect(policiesOf(synth.stack(stack))).toEqual([expect.objectContaining({ name, targetId })]);
  });

  test('every SCP is literal minified JSON within the 10,240-character limit', () => {
    for (const name of synth.stacks) {
      for (const policy of policiesOf(synth.stack(name))) {
        expect(policy.content).toBe(JSON.stringify(JSON.parse(policy.content)));
        expect(policy.content.length).toBeLessThanOrEqual(10240);
      }
    }
  });

  test('the guardrail rule of prod-app is exactly this policy', () => {
    expect(policiesOf(synth.stack('account-prod-app'))[0]?.content).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"DenyBedrockInvokeWithoutGuardrail","Effect":"Deny",' +
        '"Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream"],"Resource":"*",' +
        '"Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/OrgBreakGlass",' +
        '"bedrock:GuardrailIdentifier":["arn:aws:bedrock:us-east-1:333333333333:guardrail/prodapp01","arn:aws:bedrock:us-east-1:333333333333:guardrail/prodapp01:*"]}}}]}',
    );
  });

  test('the Sandbox allow-list lets the inference profiles of its models through', () => {
    const [policy] = policiesOf(synth.stack('ou-sandbox'));
    const statement = JSON.parse(policy?.content ?? '{}').Statement.find((s: { Sid: string }) => s.Sid === 'DenyBedrockModelsNotAllowed');
    expect(statement.NotResource).toEqual([
      'arn:aws:bedrock:*:*:async-invoke/*',
      'arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-*',
      'arn:aws:bedrock:*:*:inference-profile/*.anthropic.claude-3-5-sonnet*',
      'arn:aws:bedrock:*:*:model-invocation-job/*',
      'arn:aws:bedrock:*::foundation-model/amazon.nova-*',
      'arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet*',
    ]);
  });

  test('every stack keeps its own local state and targets the management account', () => {
    for (const name of synth.stacks) {
      const stack = synth.stack(name);
      expect(stack.terraform.backend).toEqual({ local: { path: `../../../terraform.${name}.tfstate` } });
      expect(stack.provider?.aws?.[0]).toEqual({ allowed_account_ids: ['111111111111'], default_tags: [{ tags: { ManagedBy: 'modelgate' } }], region: 'us-east-1' });
    }
  });

  test('stacks of accounts holding hubs or guardrails add a provider in that account, and only those', () => {
    const accountProviders = Object.fromEntries(synth.stacks.map((name) => [name, synth.stack(name).provider?.aws?.slice(1) ?? []]));
    expect(accountProviders).toEqual({
      'account-prod-app': [expect.objectContaining({ alias: 'account', allowed_account_ids: ['333333333333'] })],
      'account-shared-services': [expect.objectContaining({ alias: 'account', allowed_account_ids: ['444444444444'] })],
      'ou-sandbox': [],
      'ou-workloads-prod': [],
      root: [],
    });
  });

  test('reports the SCP budget of each target at the lower bound', () => {
    for (const target of synth.compiled.targets.filter((t) => t.policies.length > 0)) {
      expect(target.policies).toHaveLength(target.lowerBound);
    }
    const root = synth.compiled.targets.find((t) => t.target.kind === 'root');
    expect(root?.slots).toEqual({ limit: 10, fullAwsAccess: 1, existing: 1, modelgate: 1 });
  });

  test('gives byte-identical output on a second run', async () => {
    const again = await synthesizeFile(EXAMPLE);
    expect(filesUnder(again.outdir)).toEqual(filesUnder(synth.outdir));
  });
});
