import Ajv from 'ajv';

/**
 * The content of an AWS Organizations Bedrock policy (BEDROCK_POLICY), as a JSON Schema written
 * from the AWS Organizations User Guide, "Amazon Bedrock policy syntax and examples"
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_bedrock_syntax.html):
 * bedrock > guardrail_inference > <region> > <configuration name>; identifier (required, "Guardrail
 * ARN, followed by :version", not DRAFT); selective_content_guarding (optional; "one of system or
 * messages is required"; selective | comprehensive); model_enforcement (optional; included_models and
 * excluded_models both required, included also accepts "ALL"). Values under `@@assign`, the only
 * operator the guide's examples use; the deprecated input_tags is refused.
 */

const assignString = (pattern: string): object => ({
  type: 'object',
  additionalProperties: false,
  required: ['@@assign'],
  properties: { '@@assign': { type: 'string', pattern } },
});

const assignModels = (items: object, minItems: number): object => ({
  type: 'object',
  additionalProperties: false,
  required: ['@@assign'],
  properties: { '@@assign': { type: 'array', minItems, uniqueItems: true, items } },
});

const MODE = '^(selective|comprehensive)$';
const MODEL_ID = '([a-z0-9-]{1,63}[.][a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2}(/[a-z0-9]{12})?';

export const BEDROCK_POLICY_CONTENT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  required: ['bedrock'],
  properties: {
    bedrock: {
      type: 'object',
      additionalProperties: false,
      required: ['guardrail_inference'],
      properties: {
        guardrail_inference: {
          type: 'object',
          minProperties: 1,
          propertyNames: { pattern: '^[a-z]{2}(-[a-z]+)+-[0-9]$' },
          additionalProperties: {
            type: 'object',
            minProperties: 1,
            additionalProperties: {
              type: 'object',
              additionalProperties: false,
              required: ['identifier'],
              properties: {
                identifier: assignString('^arn:aws[a-z-]*:bedrock:[a-z0-9-]+:[0-9]{12}:guardrail/[a-z0-9]+:[0-9]+$'),
                selective_content_guarding: {
                  type: 'object',
                  additionalProperties: false,
                  minProperties: 1,
                  properties: { system: assignString(MODE), messages: assignString(MODE) },
                },
                model_enforcement: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['included_models', 'excluded_models'],
                  properties: {
                    included_models: assignModels({ type: 'string', pattern: `^(ALL|${MODEL_ID})$` }, 1),
                    excluded_models: assignModels({ type: 'string', pattern: `^${MODEL_ID}$` }, 0),
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

const validate = new Ajv({ allErrors: true }).compile(BEDROCK_POLICY_CONTENT_SCHEMA);

/** The schema's complaints about one policy content (a JSON string); empty when it conforms. */
export function bedrockPolicyContentErrors(content: string): string[] {
  if (validate(JSON.parse(content))) return [];
  return (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message ?? ''}`.trim());
}
