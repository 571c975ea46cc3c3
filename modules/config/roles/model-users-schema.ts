import { z } from 'zod';
import { MODEL_GLOB } from '../models/schema';
import { accountName, awsRegion, s3KeyPrefix } from '../private/schema-parts';
import { parsedOrUndefined, validEntries } from '../private/valid-entries';

/**
 * The `modelUsers:` section: IAM roles or IAM Identity Center permission sets that may invoke the
 * approved models of their account, with least-privilege access to named S3 data.
 */

/** IAM role names and permission set names share this alphabet; 32 keeps the permission set limit. */
const USER_NAME = /^[A-Za-z0-9+=,.@_-]{1,32}$/;

const assumedBy = z
  .strictObject({
    accounts: z
      .array(z.string().min(1))
      .optional()
      .describe('Accounts whose principals may assume the role: account names from organization.accounts, or 12-digit ids.'),
    services: z
      .array(z.string().regex(/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/, { message: 'a service principal such as "lambda.amazonaws.com"' }))
      .optional()
      .describe('AWS services that may assume the role, e.g. lambda.amazonaws.com.'),
  })
  .describe('Who may assume the role.');

const s3Access = z.strictObject({
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'an S3 bucket name such as "acme-prompts"' }),
  prefix: s3KeyPrefix(/^[A-Za-z0-9!_.'()/-]+$/, 'letters, digits and !_.\'()/- such as "prompts/" (no wildcards)')
    .optional()
    .describe('Only keys under this prefix. Default: the whole bucket.'),
  access: z.enum(['read', 'readWrite']).default('read').describe('read: ListBucket and GetObject; readWrite adds PutObject.'),
});

export const modelUserSchema = z
  .strictObject({
    account: accountName('The account the models are used in.'),
    role: z.strictObject({ assumedBy }).optional().describe('An IAM role in the account.'),
    permissionSet: z
      .strictObject({
        instanceArn: z
          .string()
          .regex(/^arn:[a-z-]+:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/, { message: 'an IAM Identity Center instance ARN such as "arn:aws:sso:::instance/ssoins-1234567890abcdef"' }),
        sessionDuration: z
          .string()
          .regex(/^PT([1-9]|1[0-2])H$/, { message: 'an ISO 8601 duration of 1 to 12 hours, such as "PT4H"' })
          .default('PT1H'),
      })
      .optional()
      .describe('An IAM Identity Center permission set, created in the management account.'),
    models: z
      .array(z.string().max(256, { message: 'a model id or glob of at most 256 characters' }).regex(MODEL_GLOB, { message: 'a model id or glob such as "anthropic.claude-3-5-sonnet*"' }))
      .default([])
      .describe('Bedrock models to allow; each must be allowed by the account\'s rules.'),
    regions: z
      .array(awsRegion)
      .optional()
      .describe('Regions the models may be invoked in. Default: every region.'),
    s3: z.array(s3Access).default([]).describe('S3 data the user may read (and write).'),
  })
  .describe('A role or permission set allowed to invoke the approved models of its account.');

export const modelUsersSchema = z
  .record(z.string().regex(USER_NAME, { message: 'a role name of letters, digits and +=,.@_- (at most 32), e.g. "app-invoker"' }), modelUserSchema)
  .default({})
  .describe('Roles and permission sets that use models, by name.');

export type ModelUserConfig = z.infer<typeof modelUserSchema>;
export type ModelUsersConfig = z.infer<typeof modelUsersSchema>;

/** The valid entries of `modelUsers:` in a config that failed the schema (see validParts). */
export function validModelUserEntries(section: unknown): ModelUsersConfig {
  return validEntries(section, (entry) => parsedOrUndefined(modelUserSchema, entry));
}
