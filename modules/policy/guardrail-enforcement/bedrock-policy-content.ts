import type { OrganizationGuardrailPolicy } from '../../config';

/**
 * The content of an AWS Organizations Bedrock policy (BEDROCK_POLICY), after the AWS Organizations
 * User Guide, "Amazon Bedrock policy syntax and examples" (orgs_manage_policies_bedrock_syntax):
 * bedrock > guardrail_inference > <region> > <configuration name> > identifier,
 * selective_content_guarding, model_enforcement. Only `@@assign` is written: it is the one operator
 * the documented examples use. The deprecated `input_tags` element is never written.
 */

/** One region's guardrail: its ARN followed by `:<version>` (never DRAFT). */
export interface GuardrailInference {
  readonly region: string;
  readonly identifier: string;
}

/** What one policy enforces: a guardrail per region, and the settings of the layer. */
export interface BedrockPolicyContentInput {
  readonly inference: readonly GuardrailInference[];
  readonly contentGuarding?: OrganizationGuardrailPolicy['contentGuarding'];
  readonly models?: OrganizationGuardrailPolicy['models'];
}

/** The documented configuration name; the guide calls it a "configuration identifier". */
export const GUARDRAIL_CONFIGURATION_NAME = 'config_1';

/** Literal minified JSON, regions in order, keys in the documented order: the same input gives the same text. */
export function bedrockPolicyContent(input: BedrockPolicyContentInput): string {
  const regions = [...input.inference].sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
  const guardrailInference = Object.fromEntries(regions.map((entry) => [entry.region, { [GUARDRAIL_CONFIGURATION_NAME]: configuration(entry.identifier, input) }]));
  return JSON.stringify({ bedrock: { guardrail_inference: guardrailInference } });
}

function configuration(identifier: string, input: BedrockPolicyContentInput): Record<string, unknown> {
  const { contentGuarding, models } = input;
  return {
    identifier: assign(identifier),
    ...(contentGuarding
      ? {
          selective_content_guarding: {
            ...(contentGuarding.system ? { system: assign(contentGuarding.system) } : {}),
            ...(contentGuarding.messages ? { messages: assign(contentGuarding.messages) } : {}),
          },
        }
      : {}),
    // Both lists are required inside model_enforcement; ALL rather than an empty include list,
    // which the Bedrock API's IncludedModelsList (min 1) would refuse.
    ...(models
      ? { model_enforcement: { included_models: assign(models.include.length > 0 ? [...models.include] : ['ALL']), excluded_models: assign([...models.exclude]) } }
      : {}),
  };
}

function assign(value: string | readonly string[]): { readonly '@@assign': string | readonly string[] } {
  return { '@@assign': value };
}
