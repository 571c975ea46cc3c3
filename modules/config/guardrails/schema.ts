import { z } from 'zod';
import { accountName } from '../private/schema-parts';
import { parsedOrUndefined, validEntries } from '../private/valid-entries';

/**
 * The `guardrails:` section: Amazon Bedrock guardrails (content filters, denied topics, PII
 * handling) and the version each one publishes. Limits are those of the CreateGuardrail API.
 */

/** CreateGuardrail: 1-50 characters of letters, digits, - and _. */
const GUARDRAIL_NAME = /^[0-9A-Za-z_-]{1,50}$/;
/** GuardrailTopicConfig.name. */
const TOPIC_NAME = /^[0-9A-Za-z_ !?.-]{1,100}$/;

const strength = z.enum(['NONE', 'LOW', 'MEDIUM', 'HIGH']);

/** One strength for prompts and responses alike, or each its own. */
const filterStrength = z
  .union([strength, z.strictObject({ input: strength, output: strength })], {
    error: 'a filter strength NONE, LOW, MEDIUM or HIGH, or { input: <strength>, output: <strength> }',
  })
  .optional();

/** The content filter types of GuardrailContentFilterConfig, in the console's words. */
export const CONTENT_FILTERS = {
  hate: 'HATE',
  insults: 'INSULTS',
  sexual: 'SEXUAL',
  violence: 'VIOLENCE',
  misconduct: 'MISCONDUCT',
  promptAttack: 'PROMPT_ATTACK',
} as const;

const contentFilters = z
  .strictObject({
    hate: filterStrength,
    insults: filterStrength,
    sexual: filterStrength,
    violence: filterStrength,
    misconduct: filterStrength,
    promptAttack: strength
      .optional()
      .describe('Prompt attacks are detected in prompts only: one strength, applied to the input (the output strength is always NONE).'),
  })
  .describe('Content filter strengths per category: NONE, LOW, MEDIUM or HIGH, or { input, output }.');

const deniedTopic = z.strictObject({
  name: z.string().regex(TOPIC_NAME, { message: 'a topic name of at most 100 letters, digits, spaces and _ - ! ? .' }),
  definition: z
    .string()
    .min(1)
    .max(200, { message: 'a definition of at most 200 characters' })
    .describe('What the topic is, in one or two sentences.'),
  examples: z
    .array(z.string().min(1).max(100, { message: 'an example prompt of at most 100 characters' }))
    .max(5, { message: 'at most 5 example prompts' })
    .optional()
    .describe('Up to five prompts that belong to the topic.'),
});

/** GuardrailPiiEntityConfig types. */
export const PII_ENTITY_TYPES = [
  'ADDRESS',
  'AGE',
  'AWS_ACCESS_KEY',
  'AWS_SECRET_KEY',
  'CA_HEALTH_NUMBER',
  'CA_SOCIAL_INSURANCE_NUMBER',
  'CREDIT_DEBIT_CARD_CVV',
  'CREDIT_DEBIT_CARD_EXPIRY',
  'CREDIT_DEBIT_CARD_NUMBER',
  'DRIVER_ID',
  'EMAIL',
  'INTERNATIONAL_BANK_ACCOUNT_NUMBER',
  'IP_ADDRESS',
  'LICENSE_PLATE',
  'MAC_ADDRESS',
  'NAME',
  'PASSWORD',
  'PHONE',
  'PIN',
  'SWIFT_CODE',
  'UK_NATIONAL_HEALTH_SERVICE_NUMBER',
  'UK_NATIONAL_INSURANCE_NUMBER',
  'UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER',
  'URL',
  'USERNAME',
  'US_BANK_ACCOUNT_NUMBER',
  'US_BANK_ROUTING_NUMBER',
  'US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER',
  'US_PASSPORT_NUMBER',
  'US_SOCIAL_SECURITY_NUMBER',
  'VEHICLE_IDENTIFICATION_NUMBER',
] as const;

const piiAction = z.enum(['BLOCK', 'ANONYMIZE']);

const pii = z
  .strictObject(Object.fromEntries(PII_ENTITY_TYPES.map((type) => [type, piiAction.optional()])) as Record<(typeof PII_ENTITY_TYPES)[number], z.ZodOptional<typeof piiAction>>)
  .describe('PII entity types and what to do when one is found: BLOCK the message, or ANONYMIZE (mask) the entity.');

const blockedMessage = z.string().min(1).max(500, { message: 'a message of at most 500 characters' });

export const guardrailSchema = z
  .strictObject({
    account: accountName('The account (from organization.accounts) that holds the guardrail.'),
    description: z.string().min(1).max(200).optional().describe('What the guardrail is for. Default: none.'),
    contentFilters: contentFilters.optional(),
    deniedTopics: z.array(deniedTopic).max(30, { message: 'at most 30 denied topics' }).optional().describe('Topics the guardrail refuses to discuss.'),
    pii: pii.optional(),
    blockedMessages: z
      .strictObject({
        input: blockedMessage.optional().describe('Shown when a prompt is blocked.'),
        output: blockedMessage.optional().describe('Shown when a response is blocked.'),
      })
      .optional()
      .describe('What users see when the guardrail blocks a prompt or a response. Defaults: a short refusal naming the usage policy.'),
    version: z
      .strictObject({
        description: z.string().min(1).max(200).describe('What this version is, e.g. "Approved by the AI board, 2026-11".'),
      })
      .optional()
      .describe('The published version: required, since requireGuardrail and applications pin a version, never the mutable DRAFT.'),
  })
  .describe('An Amazon Bedrock guardrail and its published version.');

export const guardrailsSchema = z
  .record(z.string().regex(GUARDRAIL_NAME, { message: 'a guardrail name of at most 50 letters, digits, - and _' }), guardrailSchema)
  .default({})
  .describe('Amazon Bedrock guardrails, keyed by guardrail name.');

export type GuardrailConfig = z.infer<typeof guardrailSchema>;
export type GuardrailsConfig = z.infer<typeof guardrailsSchema>;
export type FilterStrength = z.infer<typeof strength>;
export type PiiEntityType = (typeof PII_ENTITY_TYPES)[number];

/** The valid entries of `guardrails:` in a config that failed the schema (see validParts). */
export function validGuardrailEntries(section: unknown): GuardrailsConfig {
  return validEntries(section, (entry) => parsedOrUndefined(guardrailSchema, entry));
}
