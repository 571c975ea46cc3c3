import { z } from 'zod';
import { DEFAULT_AWS_PROVIDER_VERSION, isVersionConstraint } from './aws-provider-version';
import { BUDGET_FILTER_EXPRESSION_PROVIDER_VERSION, HUB_CONTENT_REFERENCE_PROVIDER_VERSION } from './provider-releases';
import { awsRegion, iamRoleArn, s3KeyPrefix, tagKey, tagValue } from '../private/schema-parts';

/** The `state:` and `deployment:` sections: where each stack keeps its state, and how the providers reach AWS. */

/** A Terraform version constraint: comma-separated terms such as ">= 6.25.0", "< 7.0.0", "~> 6.30". */
const awsProviderVersionSchema = z
  .string()
  .refine(isVersionConstraint, { message: 'a Terraform version constraint such as ">= 6.25.0, < 7.0.0" or "~> 6.40"' })
  .default(DEFAULT_AWS_PROVIDER_VERSION)
  .describe(
    `The hashicorp/aws versions the stacks accept (terraform.required_providers). Default "${DEFAULT_AWS_PROVIDER_VERSION}". A stack whose resources need a newer release (a hub with models: >= ${HUB_CONTENT_REFERENCE_PROVIDER_VERSION}; the root stack with budgets: >= ${BUDGET_FILTER_EXPRESSION_PROVIDER_VERSION}) gets that lower bound added.`,
  );

/** KMS key ids the S3 backend accepts: a key id, a multi-Region key id, an alias, or the ARN of a key or an alias. */
const KMS_KEY = /^(arn:aws(-cn|-us-gov)?:kms:[a-z0-9-]+:\d{12}:)?(key\/)?([a-f0-9]{8}-[a-f0-9]{4}-[1-5][a-f0-9]{3}-[ab89][a-f0-9]{3}-[a-f0-9]{12}|mrk-[a-f0-9]{32})$|^(arn:aws(-cn|-us-gov)?:kms:[a-z0-9-]+:\d{12}:)?alias\/[a-zA-Z0-9/_-]+$/;

const s3Backend = z.strictObject({
  backend: z.literal('s3'),
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'an S3 bucket name' }),
  region: awsRegion,
  // Terraform's S3 backend refuses a state key that starts or ends with "/" or holds "//" (internal/backend/remote-state/s3/validate.go).
  keyPrefix: s3KeyPrefix(/^[A-Za-z0-9!_.*'()/-]*$/, "letters, digits and !_.*'()/-")
    .refine((prefix) => !prefix.endsWith('/'), { message: 'a key prefix that does not end with "/": modelgate adds the "/" before <stack>.tfstate' })
    // An S3 key is at most 1,024 bytes (S3 user guide, object key naming): room for /<stack>.tfstate.
    .refine((prefix) => prefix.length <= 900, { message: 'a key prefix of at most 900 characters, so that <keyPrefix>/<stack>.tfstate fits the 1,024 bytes of an S3 key' })
    .default('modelgate')
    .describe('State keys are <keyPrefix>/<stack>.tfstate.'),
  useLockfile: z.boolean().default(true).describe('S3 native state locking.'),
  encrypt: z.boolean().default(true),
  kmsKeyId: z
    .string()
    .regex(KMS_KEY, {
      message: 'a KMS key id, multi-Region key id (mrk-...), alias (alias/...) or the ARN of one, as the S3 backend accepts; e.g. "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"',
    })
    .optional()
    .describe('KMS key that encrypts the state objects: a key id, alias/..., or an ARN.'),
  roleArn: iamRoleArn.optional().describe('Role to assume to reach the state bucket.'),
});

/** Terraform Cloud organization names, as its API client checks them (go-tfe validStringID). */
const TFC_ORGANIZATION = /^[A-Za-z0-9_.-]+$/;
/** A DNS host name (RFC 1123 labels of at most 63 characters, 253 in all), with an optional port. */
const HOSTNAME = /^(?=[^:]{1,253}(:|$))[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:\d{1,5})?$/;

const cloudBackend = z.strictObject({
  backend: z.literal('cloud'),
  organization: z.string().regex(TFC_ORGANIZATION, { message: 'a Terraform Cloud organization name of letters, digits, - _ and .' }),
  workspacePrefix: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, { message: 'letters, digits, - and _' })
    .default('modelgate-')
    .describe('Each stack gets the workspace <workspacePrefix><stack>.'),
  hostname: z
    .string()
    .regex(HOSTNAME, { message: 'a host name such as "app.terraform.io" (no https://, no path)' })
    .default('app.terraform.io'),
  project: z.string().min(1).optional().describe('Terraform Cloud project of the workspaces.'),
});

const localBackend = z.strictObject({ backend: z.literal('local') });

export const stateSchema = z
  .discriminatedUnion('backend', [localBackend, s3Backend, cloudBackend], { error: 'one of "local", "s3", "cloud"' })
  .default({ backend: 'local' })
  .describe('Where each stack keeps its Terraform state: local (default), s3 or cloud (Terraform Cloud / HCP Terraform).');

export const deploymentSchema = z
  .strictObject({
    region: awsRegion.default('us-east-1'),
    assumeRoleArn: iamRoleArn
      .optional()
      .describe('Role in the management account that the provider assumes.'),
    defaultTags: z.record(tagKey, tagValue).default({}).describe('Tags applied to every resource: keys of 1 to 128 characters, values of at most 256.'),
    accountRoleName: z
      .string()
      .regex(/^[A-Za-z0-9+=,.@_/-]{1,64}$/, { message: 'an IAM role name such as "OrganizationAccountAccessRole"' })
      .default('OrganizationAccountAccessRole')
      .describe("Role that account stacks assume in each member account to place the account's own resources."),
    awsProviderVersion: awsProviderVersionSchema,
  })
  .default({ region: 'us-east-1', defaultTags: {}, accountRoleName: 'OrganizationAccountAccessRole', awsProviderVersion: DEFAULT_AWS_PROVIDER_VERSION });

export type StateConfig = z.infer<typeof stateSchema>;
export type DeploymentConfig = z.infer<typeof deploymentSchema>;
