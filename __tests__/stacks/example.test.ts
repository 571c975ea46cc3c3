import { join } from 'node:path';
import { filesUnder, policiesOf, synthesizeFile, type Synthesized } from '../support/synth-fixture';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'governance.yaml');

describe('the example organization (examples/governance.yaml)', () => {
  let synth: Synthesized;
  beforeAll(async () => {
    synth = await synthesizeFile(EXAMPLE);
  });

  test('has a stack for the root, each OU with rules, and each member account (monitoring places resources in all)', () => {
    expect(synth.stacks).toEqual(['account-prod-app', 'account-sandbox-dev', 'account-shared-services', 'ou-sandbox', 'ou-workloads-prod', 'root']);
  });

  // The root blocks the public hub: its JumpStart weight denial names every known model but the
  // two the curated hub approves, which takes two more SCPs.
  test.each([
    ['root', 'r-ab12', ['modelgate-root-1', 'modelgate-root-2', 'modelgate-root-3']],
    ['ou-sandbox', 'ou-ab12-11111111', ['modelgate-ou-sandbox-1']],
    ['ou-workloads-prod', 'ou-ab12-33333333', ['modelgate-ou-workloads-prod-1']],
    ['account-prod-app', '333333333333', ['modelgate-account-prod-app-1']],
  ])('stack %s attaches to %s its SCPs %j', (stack, targetId, names) => {
    expect(policiesOf(synth.stack(stack))).toEqual(names.map((name) => expect.objectContaining({ name, targetId })));
  });

  test('every SCP is literal minified JSON within the 10,240-character limit', () => {
    for (const name of synth.stacks) {
      for (const policy of policiesOf(synth.stack(name))) {
        expect(policy.content).toBe(JSON.stringify(JSON.parse(policy.content)));
        expect(policy.content.length).toBeLessThanOrEqual(10240);
      }
    }
  });

  test('the guardrail rule of prod-app is exactly this policy: invocations name the guardrail, the model use that cannot is denied', () => {
    expect(policiesOf(synth.stack('account-prod-app'))[0]?.content).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"DenyBedrockInvokeWithoutGuardrail","Effect":"Deny",' +
        '"Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream"],"Resource":"*",' +
        '"Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/OrgBreakGlass",' +
        '"bedrock:GuardrailIdentifier":["arn:aws:bedrock:us-east-1:333333333333:guardrail/prodapp01","arn:aws:bedrock:us-east-1:333333333333:guardrail/prodapp01:*"]}}},' +
        '{"Sid":"DenyBedrockModelUseWithoutGuardrail","Effect":"Deny",' +
        '"Action":["bedrock-mantle:CreateFineTuningJob","bedrock-mantle:CreateInference","bedrock:CreateAdvancedPromptOptimizationJob",' +
        '"bedrock:CreateEvaluationJob","bedrock:CreateModelCustomizationJob","bedrock:CreateModelEvaluationJob","bedrock:CreateModelInvocationJob"],' +
        '"Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/OrgBreakGlass"}}}]}',
    );
  });

  test('the Sandbox allow-list lets the inference profiles of its models through', () => {
    const [policy] = policiesOf(synth.stack('ou-sandbox'));
    const statement = JSON.parse(policy?.content ?? '{}').Statement.find((s: { Sid: string }) => s.Sid === 'DenyBedrockModelsNotAllowed');
    expect(statement.NotResource).toEqual([
      'arn:aws:bedrock:*:*:advanced-prompt-optimization-job/*',
      'arn:aws:bedrock:*:*:async-invoke/*',
      'arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-*',
      'arn:aws:bedrock:*:*:inference-profile/*.anthropic.claude-3-5-sonnet*',
      'arn:aws:bedrock:*:*:model-invocation-job/*',
      'arn:aws:bedrock:*:*:project/*',
      'arn:aws:bedrock:*:*:system-tool/*',
      'arn:aws:bedrock:*::foundation-model/amazon.nova-*',
      'arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet*',
    ]);
  });

  test('every stack keeps its own local state, and its default provider targets the management account', () => {
    for (const name of synth.stacks) {
      const stack = synth.stack(name);
      expect(stack.terraform.backend).toEqual({ local: { path: `../../../terraform.${name}.tfstate` } });
      expect(stack.provider?.aws?.[0]).toEqual({ allowed_account_ids: ['111111111111'], default_tags: [{ tags: { ManagedBy: 'modelgate' } }], region: 'us-east-1' });
    }
  });

  test.each([
    ['root', 'account-shared-services', '444444444444'],
    ['account-prod-app', 'account', '333333333333'],
    ['account-sandbox-dev', 'account', '222222222222'],
    ['account-shared-services', 'account', '444444444444'],
  ])('stack %s reaches its other account through provider %s, which assumes the account role in %s', (name, alias, accountId) => {
    const account = {
      allowed_account_ids: [accountId],
      assume_role: [{ role_arn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`, session_name: 'modelgate' }],
      default_tags: [{ tags: { ManagedBy: 'modelgate' } }],
    };
    // The monitored regions other than the deployment region get a copy of the provider each, as the resource-level region argument is 6.x only.
    const others = (synth.stack(name).provider?.aws ?? []).slice(1);
    expect(others).toEqual(
      others.map((provider) => (provider.alias === alias ? { alias, ...account, region: 'us-east-1' } : { alias: `${alias}-${String(provider.region)}`, ...account, region: provider.region })),
    );
    expect(others.map((p) => p.alias)).toContain(alias);
    expect(others.every((p) => typeof p.region === 'string' && (p.alias === alias) === (p.region === 'us-east-1'))).toBe(true);
  });

  test('prod-app holds the Canvas domain, its roles, the model-user role and the monitoring roles, all placed in the account', () => {
    const resources = synth.stack('account-prod-app').resource ?? {};
    expect(Object.values(resources.aws_sagemaker_domain ?? {}).map((d) => d.domain_name)).toEqual(['analytics']);
    expect(Object.values(resources.aws_iam_role ?? {}).map((r) => r.name).sort()).toEqual([
      'app-invoker',
      'modelgate-alert-forwarder',
      'modelgate-bedrock-invocation-logging',
      'modelgate-canvas-analytics',
      'modelgate-canvas-analytics-bedrock',
      'modelgate-canvas-analytics-data-analyst',
    ]);
    for (const type of ['aws_iam_role', 'aws_iam_role_policy', 'aws_iam_role_policy_attachment', 'aws_sagemaker_domain', 'aws_sagemaker_user_profile']) {
      for (const resource of Object.values(resources[type] ?? {})) expect(resource.provider).toBe('aws.account');
    }
    for (const resource of Object.values(resources.aws_organizations_policy ?? {})) expect(resource.provider).toBeUndefined();
  });

  test('reports the SCP budget of each target at the lower bound', () => {
    for (const target of synth.compiled.targets.filter((t) => t.policies.length > 0)) {
      expect(target.policies).toHaveLength(target.lowerBound);
    }
    const root = synth.compiled.targets.find((t) => t.target.kind === 'root');
    expect(root?.slots).toEqual({ limit: 10, fullAwsAccess: 1, existing: 1, modelgate: 3 });
  });

  test('gives byte-identical output on a second run', async () => {
    const again = await synthesizeFile(EXAMPLE);
    expect(filesUnder(again.outdir)).toEqual(filesUnder(synth.outdir));
  });
});
