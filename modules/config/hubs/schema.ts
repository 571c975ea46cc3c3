import { z } from 'zod';
import { accountName, s3KeyPrefix } from '../private/schema-parts';

/**
 * The `jumpstartHubs:` section: private curated SageMaker JumpStart hubs, the public-hub models
 * they reference, and whom AWS RAM shares them with.
 */

/** SageMaker hub and hub content names (CreateHub / CreateHubContentReference API pattern). */
const HUB_NAME = /^[A-Za-z0-9](-*[A-Za-z0-9]){0,62}$/;
/** MinVersion of CreateHubContentReference: three dot-separated numbers of up to four digits. */
const SEMANTIC_VERSION = /^\d{1,4}\.\d{1,4}\.\d{1,4}$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const hubName = z
  .string()
  .regex(HUB_NAME, {
    message: 'a SageMaker hub name such as "curated-models": letters, digits and hyphens, at most 63 characters, starting and ending with a letter or digit',
  });

/**
 * JumpStart model ids are the public hub's content names, e.g. "meta-textgeneration-llama-3-8b";
 * they become this hub's content names, so the same rule applies.
 */
export const jumpstartModelId = z
  .string()
  .regex(HUB_NAME, {
    message:
      'a JumpStart model id such as "meta-textgeneration-llama-3-8b": letters, digits and hyphens, at most 63 characters, starting and ending with a letter or digit (Bedrock ids such as "anthropic.claude-3-5-sonnet-20240620-v1:0" are not JumpStart models)',
  })
  .describe('A SageMaker JumpStart model id from the public hub, e.g. "huggingface-llm-mistral-7b-instruct".');

export const approvedModelSchema = z.strictObject({
  id: jumpstartModelId,
  minVersion: z
    .string()
    .regex(SEMANTIC_VERSION, { message: 'a model version such as "2.0.0" (three numbers separated by dots)' })
    .optional()
    .describe('The lowest version of the public model the hub offers, e.g. "2.0.0". Default: every version.'),
});

const hubStorage = z
  .union(
    [
      z.literal('create'),
      z.strictObject({
        bucket: z.string().regex(BUCKET_NAME, { message: 'an S3 bucket name such as "acme-hub-content"' }),
        prefix: s3KeyPrefix(/^[A-Za-z0-9!_.*'()/-]*$/, "letters, digits and !_.*'()/-")
          .optional()
          .describe('Key prefix inside the bucket. Default: none.'),
      }),
    ],
    { error: '"create", or { bucket: <an existing S3 bucket name>, prefix: <optional key prefix> }' },
  )
  .default('create')
  .describe('Where the hub keeps its content: "create" (default) makes an encrypted, versioned bucket with public access blocked; or { bucket } names one.');

/** The share target that names the whole organization. */
export const SHARE_WITH_ORGANIZATION = 'organization';

export const jumpstartHubSchema = z
  .strictObject({
    account: accountName('The account (from organization.accounts) that holds the hub.'),
    hubName: hubName.optional().describe('The SageMaker hub name. Default: the key of this entry.'),
    description: z.string().min(1).max(1023).describe('What the hub holds; shown in SageMaker Studio.'),
    displayName: z.string().min(1).max(255).optional().describe('The name SageMaker Studio shows. Default: none.'),
    searchKeywords: z
      .array(z.string().min(1).max(255))
      .max(50)
      .optional()
      .describe('Keywords users can search the hub by. Default: none.'),
    storage: hubStorage,
    models: z
      .array(approvedModelSchema)
      .min(1, { message: 'at least one approved model, e.g. [{ id: meta-textgeneration-llama-3-8b }]' })
      .describe('The approved public JumpStart models this hub references.'),
    shareWith: z
      .array(z.string().min(1))
      .optional()
      .describe('Who may use the hub, through AWS RAM: "organization", OU paths such as "Workloads/Prod", or account names. Default: nobody else.'),
    permission: z
      .enum(['read', 'readAndUse', 'fullAccess'])
      .default('readAndUse')
      .describe(
        'The SageMaker hub RAM permission given to the principals: read, readAndUse (default: read and deploy models, what an account that deploys from the hub needs) or fullAccess. Its ARN is the documented AWSRAMPermissionSageMakerHub<Read|ReadAndUse|FullAccessPolicy>; "modelgate discover --hub-permissions" lists the names RAM has.',
      ),
    permissionArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:ram::(aws|\d{12}):permission\/[A-Za-z0-9_-]{1,255}$/, { message: 'a RAM permission ARN such as "arn:aws:ram::aws:permission/AWSRAMPermissionSageMakerHubReadAndUse"' })
      .optional()
      .describe('The RAM permission ARN to share the hub with, instead of the one `permission` names: one "modelgate discover --hub-permissions" lists, or a customer managed permission. Default: the ARN of `permission`.'),
  })
  .describe('A private curated SageMaker JumpStart hub.');

export const jumpstartHubsSchema = z
  .record(z.string().regex(HUB_NAME, { message: 'a hub key usable as a SageMaker hub name: letters, digits and hyphens, at most 63 characters' }), jumpstartHubSchema)
  .default({})
  .describe('Private curated JumpStart hubs, keyed by hub name.');

export type JumpstartHubConfig = z.infer<typeof jumpstartHubSchema>;
export type JumpstartHubsConfig = z.infer<typeof jumpstartHubsSchema>;
