import { z } from 'zod';

/**
 * `requireGuardrail.organizationPolicy`: what an AWS Organizations Bedrock policy (BEDROCK_POLICY)
 * enforces at the root or an OU. Element names and values follow the AWS Organizations User Guide,
 * "Amazon Bedrock policy syntax and examples" (orgs_manage_policies_bedrock_syntax).
 */

/** A `guardrails:` entry by name (CreateGuardrail's name pattern). */
const GUARDRAIL_NAME = /^[0-9A-Za-z_-]{1,50}$/;
/** A published guardrail version by ARN: the policy's identifier is "Guardrail ARN, followed by :version", never DRAFT. */
const GUARDRAIL_VERSION_ARN = /^arn:[a-z-]+:bedrock:[a-z0-9-]+:\d{12}:guardrail\/[a-z0-9]+:\d+$/;

/** Bedrock API IncludedModelId (botocore bedrock model); that the policy checks ids the same way is inferred. */
export const INCLUDED_MODEL_ID = /^(ALL|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2}(\/[a-z0-9]{12}){0,1})$/;
/** Bedrock API ExcludedModelId: the same without ALL. */
export const EXCLUDED_MODEL_ID = /^(([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2}(\/[a-z0-9]{12}){0,1})$/;

const enforcedGuardrail = z
  .string()
  .refine((value) => GUARDRAIL_NAME.test(value) || GUARDRAIL_VERSION_ARN.test(value), {
    message:
      'a guardrail of the guardrails: section held by the management account (its name, e.g. "standard"), or a published version in the management account by ARN, e.g. "arn:aws:bedrock:us-east-1:111111111111:guardrail/abc123:1"',
  });

const guardingMode = z.enum(['selective', 'comprehensive']);

export const organizationGuardrailPolicySchema = z.strictObject({
  guardrails: z
    .array(enforcedGuardrail)
    .min(1, { message: 'at least one guardrail' })
    .describe(
      'The guardrails Bedrock applies, at most one per region (a guardrail works in the region that holds it): names of guardrails: entries held by the management account, or ARNs of published versions in the management account ("arn:...:guardrail/<id>:<version>").',
    ),
  contentGuarding: z
    .strictObject({
      system: guardingMode.optional().describe('System prompts: comprehensive (evaluate everything, the AWS default) or selective (only content inside guard content tags; nothing when there are none).'),
      messages: guardingMode
        .optional()
        .describe('Conversation messages: comprehensive (evaluate everything, the AWS default) or selective (only content inside guard content tags; everything when there are none).'),
    })
    .optional()
    .describe('selective_content_guarding: whether applications can narrow what the guardrail reads with guard content tags. Default: left to AWS (comprehensive for both).'),
  models: z
    .strictObject({
      include: z
        .array(z.string().regex(INCLUDED_MODEL_ID, { message: 'a Bedrock model id such as "anthropic.claude-3-5-sonnet-20240620-v1:0", or ALL (no wildcards)' }))
        .min(1, { message: 'at least one model id; leave include out to enforce on every model' })
        .optional()
        .describe('Models the guardrail is enforced on (exact ids, or ALL). Default: ALL.'),
      exclude: z
        .array(z.string().regex(EXCLUDED_MODEL_ID, { message: 'a Bedrock model id such as "amazon.titan-embed-text-v2:0" (no wildcards, not ALL)' }))
        .optional()
        .describe('Models the guardrail is not enforced on; a model in both lists is excluded. Default: none.'),
    })
    .optional()
    .describe('model_enforcement: which models the guardrail covers. Default: every model.'),
});

export type OrganizationGuardrailPolicyConfig = z.infer<typeof organizationGuardrailPolicySchema>;
