import { bedrockPolicyContentErrors } from '../support/bedrock-policy-schema';
import { synthesizeYaml, type StackJson, type Synthesized } from '../support/synth-fixture';

/**
 * requireGuardrail.organizationPolicy: the root stack places each layer's Bedrock organization
 * policy, its attachment, the management-account guardrail with its version, and the one-time
 * commands; an account layer or a member-account guardrail keeps the SCP route only.
 */

const ORGANIZATION = `
organization:
  id: o-a1b2c3d4e5
  managementAccount: "111111111111"
  root: r-ab12
  units:
    Workloads: { id: ou-ab12-22222222, units: { Prod: { id: ou-ab12-33333333 } } }
  accounts:
    management: { id: "111111111111" }
    prod-app:   { id: "333333333333", unit: Workloads/Prod }
breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]
guardrails:
  org-standard:
    account: management
    contentFilters: { hate: HIGH, promptAttack: HIGH }
    version: { description: Approved for the organization }
  app-only:
    account: prod-app
    contentFilters: { hate: HIGH }
    version: { description: For prod-app }
`;

const EXTERNAL = 'arn:aws:bedrock:eu-west-1:111111111111:guardrail/euguard01';

type Resource = Record<string, unknown>;
const resources = (stack: StackJson, type: string): Resource[] => Object.values(stack.resource?.[type] ?? {});
const awsVersion = (stack: StackJson): unknown => (stack.terraform.required_providers as { aws: { version: string } }).aws.version;
const outputsOf = (stack: StackJson): Record<string, { value?: unknown }> => (stack as { output?: Record<string, { value?: unknown }> }).output ?? {};
/** The stack's Bedrock policies by name. */
const bedrockPolicies = (stack: StackJson): Resource[] =>
  resources(stack, 'aws_organizations_policy')
    .filter((p) => p.type === 'BEDROCK_POLICY')
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
/** The content with Terraform's references replaced by what apply would give, for the schema. */
const applied = (content: string): string =>
  content.replace(/\$\{aws_bedrock_guardrail_version\.[^}]*\.guardrail_arn\}/g, 'arn:aws:bedrock:us-east-1:111111111111:guardrail/abcdef123456').replace(/\$\{aws_bedrock_guardrail_version\.[^}]*\.version\}/g, '3');

const CONFIG = `${ORGANIZATION}
models:
  root:
    bedrock:
      requireGuardrail:
        organizationPolicy:
          guardrails: [org-standard, "${EXTERNAL}:2"]
          contentGuarding: { system: comprehensive, messages: comprehensive }
  Workloads/Prod:
    bedrock:
      requireGuardrail:
        guardrails: [arn:aws:bedrock:us-east-1:333333333333:guardrail/prodapp01]
        organizationPolicy:
          guardrails: [org-standard]
          models: { exclude: [amazon.titan-embed-text-v2:0] }
`;

describe('an organization policy at the root and an OU', () => {
  let synth: Synthesized;
  beforeAll(async () => {
    synth = await synthesizeYaml(CONFIG);
  });

  test('the root stack holds both Bedrock policies, each attached to its layer', () => {
    const root = synth.stack('root');
    expect(bedrockPolicies(root).map((p) => p.name)).toEqual(['modelgate-guardrail-ou-workloads-prod', 'modelgate-guardrail-root']);
    const attachments = resources(root, 'aws_organizations_policy_attachment').map((a) => a.target_id);
    expect(attachments).toEqual(expect.arrayContaining(['r-ab12', 'ou-ab12-33333333']));
    expect(bedrockPolicies(synth.stack('ou-workloads-prod'))).toEqual([]);
  });

  test('the root policy names each region once, the managed guardrail by its version resource', () => {
    const [, rootPolicy] = bedrockPolicies(synth.stack('root'));
    const content = JSON.parse(String(rootPolicy?.content)) as { bedrock: { guardrail_inference: Record<string, { config_1: { identifier: { '@@assign': string } } }> } };
    expect(Object.keys(content.bedrock.guardrail_inference)).toEqual(['eu-west-1', 'us-east-1']);
    expect(content.bedrock.guardrail_inference['eu-west-1']?.config_1.identifier['@@assign']).toBe(`${EXTERNAL}:2`);
    expect(content.bedrock.guardrail_inference['us-east-1']?.config_1.identifier['@@assign']).toMatch(
      /^\$\{aws_bedrock_guardrail_version\.guardrail-org-standard_version_[0-9A-F]+\.guardrail_arn\}:\$\{aws_bedrock_guardrail_version\.guardrail-org-standard_version_[0-9A-F]+\.version\}$/,
    );
    expect(String(rootPolicy?.content)).not.toContain('input_tags');
  });

  test('every generated content conforms to the documented schema', () => {
    const contents = bedrockPolicies(synth.stack('root')).map((p) => applied(String(p.content)));
    expect(contents).toHaveLength(2);
    for (const content of contents) expect(bedrockPolicyContentErrors(content)).toEqual([]);
    expect(JSON.parse(contents[0] ?? '{}').bedrock.guardrail_inference['us-east-1'].config_1.model_enforcement).toEqual({
      included_models: { '@@assign': ['ALL'] },
      excluded_models: { '@@assign': ['amazon.titan-embed-text-v2:0'] },
    });
  });

  test('the management-account guardrail and its version move to the root stack, with the management provider', () => {
    const root = synth.stack('root');
    expect(root.provider?.aws).toHaveLength(1);
    expect(resources(root, 'aws_bedrock_guardrail')).toEqual([expect.objectContaining({ name: 'org-standard', provider: 'aws' })]);
    expect(resources(root, 'aws_bedrock_guardrail_version')).toEqual([expect.objectContaining({ skip_destroy: true })]);
    expect(synth.stacks).not.toContain('account-management');
    expect(resources(synth.stack('account-prod-app'), 'aws_bedrock_guardrail').map((g) => g.name)).toEqual(['app-only']);
  });

  test('only the root stack needs the release that accepts BEDROCK_POLICY', () => {
    expect(awsVersion(synth.stack('root'))).toBe('>= 6.26.0, < 7.0.0');
    expect(awsVersion(synth.stack('ou-workloads-prod'))).toBe('>= 6.25.0, < 7.0.0');
  });

  test('the one-time steps are stack outputs: the resource policy of each guardrail, and enabling the policy type', () => {
    const outputs = outputsOf(synth.stack('root'));
    expect(Object.keys(outputs).filter((name) => name.endsWith('-command')).sort()).toEqual([
      'bedrock-policy-type-command',
      'guardrail-arn-euguard01-resource-policy-command',
      'guardrail-org-standard-resource-policy-command',
    ]);
    expect(outputs['guardrail-arn-euguard01-resource-policy-command']?.value).toBe(
      `aws bedrock put-resource-policy --region eu-west-1 --resource-arn ${EXTERNAL} --resource-policy '{"Version":"2012-10-17","Statement":[{"Sid":"ApplyGuardrailFromTheOrganization","Effect":"Allow","Principal":"*","Action":["bedrock:ApplyGuardrail","bedrock:GetGuardrail"],"Resource":"${EXTERNAL}","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]}'`,
    );
    expect(outputs['bedrock-policy-type-command']?.value).toBe('aws organizations enable-policy-type --region us-east-1 --root-id r-ab12 --policy-type BEDROCK_POLICY');
  });

  test('the same config gives the same root stack, byte for byte', async () => {
    const again = await synthesizeYaml(CONFIG);
    expect(JSON.stringify(again.stack('root'))).toBe(JSON.stringify(synth.stack('root')));
  });

  test('the OU keeps its SCP route beside the organization policy', () => {
    const scps = resources(synth.stack('ou-workloads-prod'), 'aws_organizations_policy').filter((p) => p.type === 'SERVICE_CONTROL_POLICY');
    const statements = scps.flatMap((p) => (JSON.parse(String(p.content)) as { Statement: { Sid: string }[] }).Statement.map((s) => s.Sid));
    expect(statements).toEqual(expect.arrayContaining(['DenyBedrockInvokeWithoutGuardrail', 'DenyBedrockModelUseWithoutGuardrail']));
  });
});

describe('where the organization policy does not apply', () => {
  test('the SCP route alone: no Bedrock policy, no guardrail moved, the default provider constraint', async () => {
    const synth = await synthesizeYaml(`${ORGANIZATION}
models:
  prod-app:
    bedrock: { requireGuardrail: { guardrails: [arn:aws:bedrock:us-east-1:333333333333:guardrail/prodapp01] } }
`);
    const root = synth.stack('root');
    expect(bedrockPolicies(root)).toEqual([]);
    expect(resources(root, 'aws_bedrock_guardrail')).toEqual([]);
    expect(awsVersion(root)).toBe('>= 6.25.0, < 7.0.0');
    expect(bedrockPolicies(synth.stack('account-prod-app'))).toEqual([]);
    expect(resources(synth.stack('account-management'), 'aws_bedrock_guardrail').map((g) => g.name)).toEqual(['org-standard']);
  });

  test('an organization policy with only the organization route still denies the model use that cannot name a guardrail', async () => {
    const synth = await synthesizeYaml(`${ORGANIZATION}
models:
  Workloads:
    bedrock: { requireGuardrail: { organizationPolicy: { guardrails: [org-standard] }, allowWithoutGuardrail: [evaluation] } }
`);
    const scps = resources(synth.stack('ou-workloads'), 'aws_organizations_policy').filter((p) => p.type === 'SERVICE_CONTROL_POLICY');
    const sids = scps.flatMap((p) => (JSON.parse(String(p.content)) as { Statement: { Sid: string }[] }).Statement.map((s) => s.Sid));
    expect(sids).toContain('DenyBedrockModelUseWithoutGuardrail');
    expect(sids).not.toContain('DenyBedrockInvokeWithoutGuardrail');
  });
});
