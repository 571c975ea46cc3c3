import { z } from 'zod';
import { accountName } from '../private/schema-parts';
import { parsedOrUndefined, validEntries } from '../private/valid-entries';

/**
 * The `canvas:` section: SageMaker Canvas workspaces, each in one account, each with an execution
 * role whose policy modelgate generates from the account's model rules.
 */

/** SageMaker domain and user profile names: letters, digits and hyphens, starting with a letter or digit. */
const SAGEMAKER_NAME = /^[A-Za-z0-9](-*[A-Za-z0-9]){0,39}$/;
/** JumpStart model ids are like `huggingface-llm-mistral-7b-instruct`; globs add `*` and `?`. */
const JUMPSTART_MODEL_GLOB = /^[A-Za-z0-9*?][A-Za-z0-9._*?-]*$/;

export const jumpstartModelGlob = z
  .string()
  .max(256, { message: 'a JumpStart model id or glob of at most 256 characters' })
  .regex(JUMPSTART_MODEL_GLOB, { message: 'a JumpStart model id or glob such as "huggingface-llm-mistral-*"' })
  .describe('A SageMaker JumpStart model id or glob, e.g. "huggingface-llm-mistral-*".');

const existingDomain = z.strictObject({
  existingId: z
    .string()
    .regex(/^d-(-*[a-z0-9]){1,61}$/, { message: 'a SageMaker domain id such as "d-abc123xyz"' })
    .describe('An existing SageMaker domain: modelgate only adds the roles and user profiles.'),
});

const newDomain = z.strictObject({
  vpcId: z.string().regex(/^vpc-[0-9a-f]{8,17}$/, { message: 'a VPC id such as "vpc-0a1b2c3d4e5f60718"' }),
  subnetIds: z
    .array(z.string().regex(/^subnet-[0-9a-f]{8,17}$/, { message: 'a subnet id such as "subnet-0a1b2c3d4e5f60718"' }))
    .min(1, { message: 'at least one subnet id' }),
  authMode: z.enum(['IAM', 'SSO']).default('IAM').describe('How users sign in: IAM (default) or IAM Identity Center (SSO).'),
});

export const canvasWorkspaceSchema = z
  .strictObject({
    account: accountName('The account that holds the workspace.'),
    domain: z
      .union([existingDomain, newDomain], { error: '{ existingId: d-... } or { vpcId: vpc-..., subnetIds: [subnet-...], authMode: IAM|SSO }' })
      .describe('A new SageMaker domain ({ vpcId, subnetIds, authMode }) or an existing one ({ existingId }).'),
    directDeploy: z.boolean().default(false).describe('Let Canvas users deploy models to SageMaker endpoints. Default: false.'),
    generativeAi: z
      .boolean()
      .default(true)
      .describe('Canvas chat and fine-tuning with Bedrock models (a Bedrock role is created). Default: true; the models are those the account allows.'),
    modelRegistration: z.boolean().default(false).describe('Let Canvas users register models in the SageMaker model registry. Default: false.'),
    documentQuerying: z.boolean().default(false).describe('Amazon Kendra document querying in Canvas. Default: false.'),
    workspaceS3Path: z
      .string()
      .regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[A-Za-z0-9!_.*'()/-]*)?$/, { message: 'an S3 URI such as "s3://acme-canvas/workspaces"' })
      .refine((uri) => !uri.split('/').slice(3).some((segment) => segment === '.' || segment === '..'), { message: 'an S3 URI without "." or ".." segments' })
      .refine((uri) => !uri.slice(5).includes('//'), { message: 'an S3 URI without an empty segment ("//")' })
      .optional()
      .describe('Where Canvas keeps its artifacts. Default: the SageMaker default bucket of the account.'),
    dataBuckets: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'an S3 bucket name such as "acme-analytics-data"' }))
      .default([])
      .describe('Buckets Canvas reads data from. Where a layer blocks the JumpStart public hub, the role may read objects only there, in the workspace bucket and in SageMaker default buckets.'),
    jumpstartModels: z
      .array(jumpstartModelGlob)
      .default([])
      .describe('JumpStart models Canvas may deploy to endpoints. Default: none, so any endpoint tagged with a JumpStart model id is denied.'),
    userProfiles: z
      .array(z.string().regex(SAGEMAKER_NAME, { message: 'a user profile name of letters, digits and hyphens (at most 40)' }))
      .default([])
      .describe('User profiles to create in the domain, each with its own execution role generated the same way.'),
  })
  .describe('A SageMaker Canvas workspace: its domain, app settings and generated execution role.');

export const canvasSchema = z
  .record(z.string().regex(SAGEMAKER_NAME, { message: 'a workspace name of letters, digits and hyphens (at most 40), e.g. "analytics"' }), canvasWorkspaceSchema)
  .default({})
  .describe('SageMaker Canvas workspaces, by name.');

export type CanvasWorkspaceConfig = z.infer<typeof canvasWorkspaceSchema>;
export type CanvasConfig = z.infer<typeof canvasSchema>;

/** The valid entries of `canvas:` in a config that failed the schema (see validParts). */
export function validCanvasEntries(section: unknown): CanvasConfig {
  return validEntries(section, (entry) => parsedOrUndefined(canvasWorkspaceSchema, entry));
}
