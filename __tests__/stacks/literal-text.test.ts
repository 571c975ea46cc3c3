import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Aspects, S3Backend, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { parseConfig } from '../../modules/config';
import { compileGovernance } from '../../modules/policy';
import { addGovernanceStacks } from '../../stacks/governance-stacks';
import { escapeTemplateSequences, LiteralText } from '../../stacks/literal-text';
import { ESCAPED_TRAP, synthesizeTraps, TRAP, TRAP_KEY, TRAP_ROLE_ARN, TRAP_YAML } from '../support/literal-text-traps';
import type { StackJson } from '../support/synth-fixture';

describe('escapeTemplateSequences', () => {
  test.each([
    ['${file("secrets.txt")}', '$${file("secrets.txt")}'],
    ['%{ if true }x%{ endif }', '%%{ if true }x%%{ endif }'],
    // An escape the user wrote stays one: Terraform reads "$$${" as "$" and then "${".
    ['$${kept}', '$$${kept}'],
    ['%%{kept}', '%%%{kept}'],
    ['costs $5 {per call} at 100%', 'costs $5 {per call} at 100%'],
    ['{"Version":"2012-10-17","Statement":[]}', '{"Version":"2012-10-17","Statement":[]}'],
  ])('%j -> %j', (text, escaped) => {
    expect(escapeTemplateSequences(text)).toBe(escaped);
  });
});

/** The parts of a synthesized stack these tests read. */
interface Synthesized {
  readonly provider: { readonly aws: readonly { readonly default_tags?: unknown }[] };
  readonly resource: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly output: Readonly<Record<string, unknown>>;
  readonly terraform: { readonly backend: Readonly<Record<string, Readonly<Record<string, unknown>>>> };
}

/** A stack with LiteralText, as every modelgate stack has it. */
function synthesizeWith(build: (stack: TerraformStack) => void): Synthesized {
  const stack = new TerraformStack(Testing.app(), 'literal');
  Aspects.of(stack).add(new LiteralText());
  build(stack);
  return JSON.parse(Testing.synth(stack)) as Synthesized;
}

describe('LiteralText', () => {
  test('escapes resource and provider strings, map keys included, and leaves modelgate references working', () => {
    const json = synthesizeWith((stack) => {
      new AwsProvider(stack, 'aws', { region: 'us-east-1', defaultTags: [{ tags: { [TRAP_KEY]: TRAP } }] });
      const first = new S3Bucket(stack, 'first', { bucket: TRAP, tags: { Note: '%{ if true }x%{ endif }' } });
      new S3Bucket(stack, 'second', { bucket: `${first.bucket}-copy`, tags: { Source: first.arn } });
    });
    expect(json.provider.aws[0]?.default_tags).toEqual([{ tags: { [escapeTemplateSequences(TRAP_KEY)]: ESCAPED_TRAP } }]);
    expect(json.resource.aws_s3_bucket?.first).toMatchObject({ bucket: ESCAPED_TRAP, tags: { Note: '%%{ if true }x%%{ endif }' } });
    expect(json.resource.aws_s3_bucket?.second).toMatchObject({ bucket: '${aws_s3_bucket.first.bucket}-copy', tags: { Source: '${aws_s3_bucket.first.arn}' } });
  });

  test('a map or list with one string to escape keeps every other entry as it was', () => {
    const json = synthesizeWith((stack) => {
      new AwsProvider(stack, 'aws', { region: 'us-east-1', allowedAccountIds: ['111111111111', TRAP, '222222222222'] });
      new S3Bucket(stack, 'bucket', { bucket: 'plain', tags: { Before: 'one', [TRAP_KEY]: 'two', Middle: TRAP, After: 'three' } });
    });
    const provider = json.provider.aws[0] as { allowed_account_ids?: unknown };
    expect(provider.allowed_account_ids).toEqual(['111111111111', ESCAPED_TRAP, '222222222222']);
    // cdktf writes the keys of a map sorted.
    expect(json.resource.aws_s3_bucket?.bucket?.tags).toEqual({ Before: 'one', [escapeTemplateSequences(TRAP_KEY)]: 'two', Middle: ESCAPED_TRAP, After: 'three' });
  });

  test('text beside a reference: escaped, and the reference keeps its braces even after an unclosed "${"', () => {
    const json = synthesizeWith((stack) => {
      const first = new S3Bucket(stack, 'first', { bucket: 'first' });
      new S3Bucket(stack, 'second', { bucket: `open \${ here ${first.arn} then %{ and ${first.bucket}` });
    });
    expect(json.resource.aws_s3_bucket?.second?.bucket).toBe('open $${ here ${aws_s3_bucket.first.arn} then %%{ and ${aws_s3_bucket.first.bucket}');
  });

  test('an output value is escaped; its description and the backend, which Terraform does not evaluate, are not', () => {
    const json = synthesizeWith((stack) => {
      new S3Backend(stack, { bucket: 'state', key: 'a${b}.tfstate', region: 'us-east-1' });
      new TerraformOutput(stack, 'note', { value: TRAP, description: TRAP });
    });
    expect(json.output.note).toEqual({ value: ESCAPED_TRAP, description: TRAP });
    expect(json.terraform.backend.s3?.key).toBe('a${b}.tfstate');
  });

  test('synthesizing twice escapes once', () => {
    const stack = new TerraformStack(Testing.app(), 'twice');
    Aspects.of(stack).add(new LiteralText());
    new S3Bucket(stack, 'b', { bucket: TRAP });
    Testing.synth(stack);
    expect((JSON.parse(Testing.synth(stack)) as Synthesized).resource.aws_s3_bucket?.b?.bucket).toBe(ESCAPED_TRAP);
  });
});

describe('a modelgate stack', () => {
  test('escapes its text without an aspect, and once when synthesized twice', async () => {
    const compiled = await compileGovernance(parseConfig(TRAP_YAML, 'governance.yaml').governance);
    const stack = addGovernanceStacks(Testing.app(), compiled).find((s) => s.node.id === 'account-prod-app');
    expect(stack).toBeDefined();
    expect(Aspects.of(stack as TerraformStack).all).toEqual([]);
    const guardrail = (): unknown => Object.values((JSON.parse(Testing.synth(stack as TerraformStack)) as Synthesized).resource.aws_bedrock_guardrail ?? {})[0]?.description;
    expect(guardrail()).toBe(ESCAPED_TRAP);
    expect(guardrail()).toBe(ESCAPED_TRAP);
  });
});

describe('user text through synth', () => {
  let outdir: string;
  const stack = (name: string): StackJson => JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as StackJson;
  const resources = (name: string, type: string): Readonly<Record<string, unknown>>[] => Object.values(stack(name).resource?.[type] ?? {});
  beforeAll(async () => {
    outdir = await synthesizeTraps();
  });

  test('the guardrail: description, topic, example, messages and version description escaped', () => {
    expect(resources('account-prod-app', 'aws_bedrock_guardrail')).toEqual([
      expect.objectContaining({
        description: ESCAPED_TRAP,
        blocked_input_messaging: ESCAPED_TRAP,
        blocked_outputs_messaging: ESCAPED_TRAP,
        topic_policy_config: [{ topics_config: [expect.objectContaining({ name: 'Secrets', definition: ESCAPED_TRAP, examples: [ESCAPED_TRAP] })] }],
      }),
    ]);
    expect(resources('account-prod-app', 'aws_bedrock_guardrail_version')).toEqual([expect.objectContaining({ description: ESCAPED_TRAP })]);
  });

  test('the hub: description, display name and search keyword escaped', () => {
    expect(resources('account-shared-services', 'aws_sagemaker_hub')).toEqual([
      expect.objectContaining({ hub_description: ESCAPED_TRAP, hub_display_name: ESCAPED_TRAP, hub_search_keywords: [ESCAPED_TRAP] }),
    ]);
  });

  test('default tags of every provider, key and value, escaped', () => {
    for (const name of ['root', 'ou-sandbox', 'account-prod-app', 'account-shared-services']) {
      for (const provider of stack(name).provider?.aws ?? []) {
        expect(provider.default_tags).toEqual([{ tags: { ManagedBy: 'modelgate', Owner: ESCAPED_TRAP, [escapeTemplateSequences(TRAP_KEY)]: 'key' } }]);
      }
    }
  });

  test('SCP content escaped, and nothing else in it changed', () => {
    const content = String(resources('ou-sandbox', 'aws_organizations_policy')[0]?.content);
    expect(content).toContain(JSON.stringify(escapeTemplateSequences(TRAP_ROLE_ARN)));
    const unescaped = content.replace(/([$%])\1\{/g, '$1{');
    expect(JSON.parse(unescaped).Statement[0].Condition.ArnNotLike['aws:PrincipalArn']).toContain(TRAP_ROLE_ARN);
  });

  test('nowhere in any stack is an unescaped "${" left that is not a modelgate reference, nor a "%{"', () => {
    for (const name of ['root', 'ou-sandbox', 'account-prod-app', 'account-shared-services']) {
      const text = readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8');
      // Strip escapes first: "$${" and "%%{" (and the "$" before an escaped "${").
      const bare = text.replace(/\$+\$\{/g, '').replace(/%+%\{/g, '');
      expect(bare.match(/\$\{(?!aws_[a-z0-9_]+\.[A-Za-z0-9_-]+\.[a-z_]+\})[^}]*\}?/g) ?? []).toEqual([]);
      expect(bare).not.toContain('%{');
    }
  });
});
