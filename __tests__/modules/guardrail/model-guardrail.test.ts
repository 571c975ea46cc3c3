import { BedrockGuardrail } from '@cdktf/provider-aws/lib/bedrock-guardrail';
import { BedrockGuardrailVersion } from '@cdktf/provider-aws/lib/bedrock-guardrail-version';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing } from 'cdktf';
import { DEFAULT_BLOCKED_INPUT_MESSAGE, DEFAULT_BLOCKED_OUTPUT_MESSAGE, ModelGuardrail, type ModelGuardrailProps } from '../../../modules/guardrail';

function synthGuardrail(props: Partial<ModelGuardrailProps> = {}): string {
  return Testing.synthScope((scope) => {
    const provider = new AwsProvider(scope, 'account', { alias: 'account', region: 'us-east-1' });
    new ModelGuardrail(scope, 'guardrail', { name: 'standard', versionDescription: 'Baseline', contentFilters: [{ type: 'HATE', inputStrength: 'HIGH', outputStrength: 'HIGH' }], ...props, provider });
  });
}

const guardrailOf = (synth: string): Record<string, unknown> => Object.values(JSON.parse(synth).resource.aws_bedrock_guardrail as Record<string, Record<string, unknown>>)[0] ?? {};
const logicalIdOf = (synth: string): string => Object.keys(JSON.parse(synth).resource.aws_bedrock_guardrail)[0] ?? '';

describe('ModelGuardrail', () => {
  test('creates the guardrail with its name, through the given provider, with default blocked messages', () => {
    expect(synthGuardrail()).toHaveResourceWithProperties(BedrockGuardrail, {
      name: 'standard',
      blocked_input_messaging: DEFAULT_BLOCKED_INPUT_MESSAGE,
      blocked_outputs_messaging: DEFAULT_BLOCKED_OUTPUT_MESSAGE,
      provider: 'aws.account',
    });
  });

  test('uses the blocked messages and the description given', () => {
    expect(synthGuardrail({ blockedInputMessage: 'No.', blockedOutputMessage: 'Withheld.', description: 'For prod' })).toHaveResourceWithProperties(BedrockGuardrail, {
      blocked_input_messaging: 'No.',
      blocked_outputs_messaging: 'Withheld.',
      description: 'For prod',
    });
  });

  test('writes each content filter with its input and output strength', () => {
    const synth = synthGuardrail({
      contentFilters: [
        { type: 'VIOLENCE', inputStrength: 'HIGH', outputStrength: 'MEDIUM' },
        { type: 'PROMPT_ATTACK', inputStrength: 'LOW', outputStrength: 'NONE' },
      ],
    });
    expect(guardrailOf(synth).content_policy_config).toEqual([
      {
        filters_config: [
          { type: 'VIOLENCE', input_strength: 'HIGH', output_strength: 'MEDIUM' },
          { type: 'PROMPT_ATTACK', input_strength: 'LOW', output_strength: 'NONE' },
        ],
      },
    ]);
  });

  test('writes denied topics as DENY topics with their definition and examples', () => {
    const synth = synthGuardrail({
      deniedTopics: [
        { name: 'Investment advice', definition: 'Advice on securities.', examples: ['Which stock should I buy?'] },
        { name: 'Medical diagnosis', definition: 'Diagnosing illnesses.' },
      ],
    });
    expect(guardrailOf(synth).topic_policy_config).toEqual([
      {
        topics_config: [
          { name: 'Investment advice', definition: 'Advice on securities.', examples: ['Which stock should I buy?'], type: 'DENY' },
          { name: 'Medical diagnosis', definition: 'Diagnosing illnesses.', type: 'DENY' },
        ],
      },
    ]);
  });

  test('writes PII entities with BLOCK or ANONYMIZE', () => {
    const synth = synthGuardrail({ piiEntities: [{ type: 'EMAIL', action: 'ANONYMIZE' }, { type: 'US_SOCIAL_SECURITY_NUMBER', action: 'BLOCK' }] });
    expect(guardrailOf(synth).sensitive_information_policy_config).toEqual([
      { pii_entities_config: [{ type: 'EMAIL', action: 'ANONYMIZE' }, { type: 'US_SOCIAL_SECURITY_NUMBER', action: 'BLOCK' }] },
    ]);
  });

  test('leaves out the policies it was not given', () => {
    const guardrail = guardrailOf(synthGuardrail({ contentFilters: [], piiEntities: [{ type: 'NAME', action: 'BLOCK' }] }));
    expect(guardrail).not.toHaveProperty('content_policy_config');
    expect(guardrail).not.toHaveProperty('topic_policy_config');
    expect(guardrail).toHaveProperty('sensitive_information_policy_config');
  });

  test('publishes a version of the guardrail, kept on destroy and replaced whenever the guardrail changes', () => {
    const synth = synthGuardrail();
    const id = logicalIdOf(synth);
    expect(synth).toHaveResourceWithProperties(BedrockGuardrailVersion, {
      guardrail_arn: `\${aws_bedrock_guardrail.${id}.guardrail_arn}`,
      description: 'Baseline',
      skip_destroy: true,
      lifecycle: { replace_triggered_by: [`aws_bedrock_guardrail.${id}`] },
      provider: 'aws.account',
    });
  });
});
