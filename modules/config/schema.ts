import { z } from 'zod';
import { acknowledgementsSchema } from './acknowledgements';
import { MAX_NAME_LENGTH } from './input-limits';
import { awsRegion, iamRoleArn, NAME, s3KeyPrefix, tagKey, tagValue } from './schema-parts';
import { canvasSchema } from './canvas-schema';
import { modelUsersSchema } from './model-users-schema';
import { monitoringSchema } from './monitoring-schema';
import { guardrailsSchema } from './guardrail-schema';
import { awsProviderVersionSchema, DEFAULT_AWS_PROVIDER_VERSION } from './aws-provider-version';
import { jumpstartHubsSchema } from './hub-schema';

/**
 * The schema of governance.yaml. It is the single source of truth for the TypeScript types, for
 * validation, and for the committed JSON Schema (`governance.schema.json`) that editors use.
 */

const ACCOUNT_ID = /^\d{12}$/;
const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/;
/** Model ids are like `anthropic.claude-3-5-sonnet-20240620-v1:0`; globs add `*` and `?`. */
const MODEL_GLOB = /^[A-Za-z0-9][A-Za-z0-9._:*?-]*$|^\*$/;
/** Principal ARN patterns, as `aws:PrincipalArn` accepts them with ArnLike. */
const PRINCIPAL_ARN = /^arn:[a-z*-]+:(iam|sts)::[0-9*?]{1,12}:[A-Za-z0-9+=,.@_/*?-]+$/;

const modelGlob = z
  .string()
  .max(256, { message: 'a model id or glob of at most 256 characters' })
  .regex(MODEL_GLOB, {
    message: 'a model id or glob such as "anthropic.claude-3-5-sonnet*" (letters, digits, . _ - : and the wildcards * ?)',
  })
  .describe('A Bedrock model id or glob, e.g. "anthropic.claude-3-5-sonnet*" or "deepseek.*".');

const principalArn = z
  .string()
  .regex(PRINCIPAL_ARN, {
    message: 'an IAM principal ARN pattern such as "arn:aws:iam::*:role/OrgBreakGlass"',
  })
  .describe('An IAM role or user ARN pattern; * and ? are wildcards.');

const exemptions = z
  .array(principalArn)
  .min(1, { message: 'at least one principal ARN pattern (or leave `except` out)' })
  .describe('Principals this rule does not apply to, in addition to the break-glass principals.');

const modelList = z.array(modelGlob);

/** `allow` and `deny` share one shape at every path: a list of globs, or the word `all` for deny. */
const allowOrDeny = {
  allow: modelList
    .optional()
    .describe('Allow-list: only these models may be used; everything else is denied at this layer.'),
  deny: z
    .union([modelList.min(1, { message: 'at least one model glob, or the word "all"' }), z.literal('all')], {
      error: 'a list of model globs such as ["deepseek.*"], or the word "all"',
    })
    .optional()
    .describe('Deny-list: these models are denied. "all" denies every model on this path.'),
  except: exemptions.optional(),
};

/**
 * Model use that no request can attach a guardrail to (only InvokeModel and its streaming form take
 * `bedrock:GuardrailIdentifier`), in the words of the Bedrock console.
 */
export const MODEL_USE_WITHOUT_GUARDRAIL = ['batchInference', 'evaluation', 'modelCustomization', 'openAiCompatibleEndpoint', 'promptOptimization'] as const;

const modelUseWithoutGuardrail = z.enum(MODEL_USE_WITHOUT_GUARDRAIL);

const bedrockAlsoAllow = z.enum([
  'importedModels',
  'customModels',
  'marketplaceModels',
  'applicationInferenceProfiles',
  'promptRouters',
]);

export const bedrockRulesSchema = z
  .strictObject({
    ...allowOrDeny,
    alsoAllow: z
      .array(bedrockAlsoAllow)
      .optional()
      .describe(
        'With an allow-list: other invocable model kinds that stay usable (imported, custom/fine-tuned, Marketplace endpoints, application inference profiles, prompt routers). Default: none.',
      ),
    apiKeys: z
      .enum(['allow', 'deny', 'shortTermOnly'])
      .optional()
      .describe('Bedrock API keys (bearer tokens): deny all, allow only short-term keys, or leave allowed.'),
    openAiCompatibleEndpoint: z
      .enum(['allow', 'deny'])
      .optional()
      .describe('The OpenAI-compatible endpoint (service prefix bedrock-mantle). With an allow/deny-list the same models are enforced there.'),
    claudePlatform: z
      .enum(['allow', 'deny'])
      .optional()
      .describe(
        'Claude Platform on AWS (service prefix aws-external-anthropic), which cannot be limited per model. Default: deny when an allow-list, "deny: all" or a deny glob reaches anthropic.* models.',
      ),
    modelAccess: z
      .enum(['allow', 'deny'])
      .optional()
      .describe('Enabling model access (foundation model entitlements and agreements) from member accounts.'),
    viaMcpServers: z
      .enum(['allow', 'deny'])
      .optional()
      .describe('Model invocation through AWS-managed MCP servers (aws:ViaAWSMCPService).'),
    requireGuardrail: z
      .strictObject({
        guardrails: z
          .array(z.string().regex(/^arn:[a-z-]+:bedrock:[a-z0-9*-]+:(\d{12}|\*):guardrail\/[a-z0-9]+(:\d+)?$/, {
            message: 'a guardrail ARN such as "arn:aws:bedrock:us-east-1:111111111111:guardrail/abc123", optionally with ":<version>"',
          }))
          .min(1, { message: 'at least one guardrail ARN' }),
        allowWithoutGuardrail: z
          .array(modelUseWithoutGuardrail)
          .optional()
          .describe(
            'Model use that cannot name a guardrail and may still run at this layer: batchInference (batch jobs), evaluation (model evaluation jobs), ' +
              'modelCustomization (fine-tuning, continued pre-training and distillation jobs), openAiCompatibleEndpoint (bedrock-mantle inference), ' +
              'promptOptimization (advanced prompt optimization jobs). Default: none, so every one of them is denied.',
          ),
        except: exemptions.optional(),
      })
      .optional()
      .describe(
        'Deny model invocation unless the request names one of these guardrails, and deny the model use that cannot name one (batch, evaluation, customization, prompt optimization, the OpenAI-compatible endpoint) unless allowWithoutGuardrail lists it.',
      ),
  })
  .describe('Amazon Bedrock foundation models: invocation, streaming, Converse, batch, async, provisioned throughput, evaluation and prompt routers.');

export const marketplaceRulesSchema = z
  .strictObject({
    ...allowOrDeny,
    subscriptions: z
      .union([
        z.strictObject({
          allowProductIds: z
            .array(z.string().regex(/^[a-z0-9-]+$/, { message: 'an AWS Marketplace product id such as "prod-m5ilt4siql27k"' }))
            .min(1, { message: 'at least one AWS Marketplace product id (or write subscriptions: deny)' }),
        }),
        z.literal('deny'),
      ], { error: '"deny", or { allowProductIds: [prod-...] }' })
      .optional()
      .describe('AWS Marketplace subscriptions for third-party models: "deny", or only these product ids.'),
  })
  .describe(
    'Bedrock Marketplace models, selected by the SageMaker hub-content ARN tag on the endpoint, endpoint config and model, and by their weights in the JumpStart S3 buckets (the globs are JumpStart model ids).',
  );

export const jumpstartRulesSchema = z
  .strictObject({
    publicHub: z
      .enum(['block', 'allow'])
      .optional()
      .describe('Block every action on the SageMaker public model hub, and reading the JumpStart weights of every model outside the private hubs the layer uses.'),
    gatedModels: z.enum(['block', 'allow']).optional().describe('Block direct access to gated (EULA) models outside a private hub.'),
    registerWithBedrock: z
      .enum(['block', 'allow'])
      .optional()
      .describe('Block registering SageMaker endpoints into Amazon Bedrock.'),
    networkIsolation: z
      .enum(['require', 'allow'])
      .optional()
      .describe(
        'require: deny creating SageMaker models, training jobs and tuning jobs without network isolation, so their containers cannot fetch weights from the internet (e.g. HF_MODEL_ID). Default: allow.',
      ),
    weights: z
      .enum(['denyUnapproved', 'denyListed'])
      .optional()
      .describe(
        'Which JumpStart weights in the JumpStart S3 buckets are denied here and below (the nearest setting on the way from the root wins). denyUnapproved (default): where publicHub: block, marketplace.allow or marketplace.deny: all apply, every model but the allowed and private-hub ones, from a dated snapshot of model ids (thousands of SCP characters). denyListed: only the models marketplace.deny lists; an untagged deployment of any other model\'s weights stays possible.',
      ),
    except: exemptions.optional(),
  })
  .describe('SageMaker JumpStart.');

const denyCapability = z
  .strictObject({
    deny: z.boolean().describe('true denies the capability at this layer.'),
    except: exemptions.optional(),
  });

export const layerRulesSchema = z
  .strictObject({
    bedrock: bedrockRulesSchema.optional(),
    marketplace: marketplaceRulesSchema.optional(),
    jumpstart: jumpstartRulesSchema.optional(),
    customModelImport: denyCapability.optional().describe('Bedrock Custom Model Import (and custom model creation from weights).'),
    fineTuning: denyCapability.optional().describe('Bedrock fine-tuning, continued pre-training and distillation, on both Bedrock APIs.'),
  })
  .describe('Rules for one layer: the root, an organizational unit path, or an account name.');

const existingPolicies = z
  .array(z.string().min(1))
  .optional()
  .describe('SCPs that other tools (Control Tower, security baselines) already attach here: each takes a slot.');

const unitName = z
  .string()
  .regex(NAME, { message: 'a unit name of letters, digits, _ . -' })
  .max(MAX_NAME_LENGTH, { message: `a unit name of at most ${MAX_NAME_LENGTH} characters` });

interface UnitInput {
  id: string;
  existingPolicies?: string[];
  units?: Record<string, UnitInput>;
}

const unitSchema: z.ZodType<UnitInput> = z.lazy(() =>
  z.strictObject({
    id: z.string().regex(OU_ID, { message: 'an OU id such as "ou-ab12-11111111"' }),
    existingPolicies,
    units: z.record(unitName, unitSchema).optional(),
  }),
);

export const organizationSchema = z.strictObject({
  partition: z.enum(['aws', 'aws-us-gov', 'aws-cn']).default('aws').describe('The AWS partition of the organization.'),
  id: z
    .string()
    .regex(/^o-[a-z0-9]{10,32}$/, { message: 'an organization id such as "o-a1b2c3d4e5"' })
    .optional()
    .describe('The organization id (o-...): needed by features that name the organization, such as sharing with it.'),
  managementAccount: z.string().regex(ACCOUNT_ID, { message: 'a 12-digit account id in quotes, e.g. "111111111111"' }),
  root: z.union(
    [
      z.string().regex(ROOT_ID, { message: 'a root id such as "r-ab12"' }),
      z.strictObject({ id: z.string().regex(ROOT_ID, { message: 'a root id such as "r-ab12"' }), existingPolicies }),
    ],
    { error: 'a root id such as "r-ab12", or { id: r-ab12, existingPolicies: [...] }' },
  ),
  fullAwsAccess: z
    .enum(['attached', 'replaced'])
    .default('attached')
    .describe('Whether the AWS managed FullAWSAccess SCP stays attached to every target (it takes a slot).'),
  scpLimits: z
    .union([
      z.enum(['current', 'legacy']),
      z.strictObject({
        maxCharacters: z.number().int().min(1000).max(10240),
        maxPoliciesPerTarget: z.number().int().min(1).max(10),
      }),
    ], { error: '"current", "legacy", or { maxCharacters: <1000..10240>, maxPoliciesPerTarget: <1..10> }' })
    .default('current')
    .describe('SCP limits: "current" = 10,240 characters and 10 per target; "legacy" = 5,120 and 5.'),
  units: z.record(unitName, unitSchema).default({}),
  accounts: z
    .record(
      z
        .string()
        .regex(NAME, { message: 'an account name of letters, digits, _ . -' })
        .max(MAX_NAME_LENGTH, { message: `an account name of at most ${MAX_NAME_LENGTH} characters` }),
      z.strictObject({
        id: z.string().regex(ACCOUNT_ID, { message: 'a 12-digit account id in quotes, e.g. "222222222222"' }),
        unit: z.string().min(1).optional().describe('Parent OU path such as "Workloads/Prod"; omitted: the root.'),
        existingPolicies,
      }),
    )
    .default({}),
});

export const breakGlassSchema = z
  .union([z.array(principalArn).min(1, { message: 'at least one principal ARN, or the word "none"' }), z.literal('none')], {
    error: 'a list of principal ARNs such as [arn:aws:iam::*:role/OrgBreakGlass], or the word "none"',
  })
  .describe('Principals exempted from every deny, e.g. [arn:aws:iam::*:role/OrgBreakGlass]; "none" to exempt nobody.');

export const exemptPrincipalsSchema = z
  .strictObject({
    managedBy: z
      .array(principalArn)
      .min(1, { message: 'at least one principal ARN pattern, such as "arn:aws:iam::*:role/OrganizationAccountAccessRole" (or leave managedBy out)' })
      .optional()
      .describe(
        'Principals that may create, change, re-trust, re-permission, pass or delete the exempt roles and users (breakGlass and every except), e.g. your account-vending or deployment role. Everyone else is denied those IAM calls where the exemptions apply. Default: only the break-glass principals.',
      ),
    assumableBy: z
      .array(principalArn)
      .min(1, { message: 'at least one principal ARN pattern (or leave assumableBy out)' })
      .optional()
      .describe(
        'Principals in member accounts that may assume an exempt role (sts:AssumeRole); everyone else is denied it, whatever the role\'s trust policy says. Default: the trust policies alone decide.',
      ),
  })
  .default({})
  .describe('Who may manage and assume the principals that breakGlass and the except lists exempt, so that nobody can make themselves exempt.');

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

export const governanceSchema = z
  .strictObject({
    organization: organizationSchema,
    breakGlass: breakGlassSchema,
    exemptPrincipals: exemptPrincipalsSchema,
    models: z
      .record(z.string().min(1), layerRulesSchema)
      .default({})
      .describe('Rules per layer: "root", an OU path such as "Workloads/Prod", or an account name.'),
    canvas: canvasSchema,
    modelUsers: modelUsersSchema,
    jumpstartHubs: jumpstartHubsSchema,
    guardrails: guardrailsSchema,
    state: stateSchema,
    deployment: deploymentSchema,
    monitoring: monitoringSchema.optional(),
    acknowledgements: acknowledgementsSchema,
  })
  .describe('modelgate governance: which AI models each layer of an AWS Organization may use.');

export type GovernanceConfig = z.infer<typeof governanceSchema>;
export type LayerRules = z.infer<typeof layerRulesSchema>;
export type BedrockRules = z.infer<typeof bedrockRulesSchema>;
export type MarketplaceRules = z.infer<typeof marketplaceRulesSchema>;
export type JumpstartRules = z.infer<typeof jumpstartRulesSchema>;
export type CapabilityRule = z.infer<typeof denyCapability>;
export type StateConfig = z.infer<typeof stateSchema>;
export type DeploymentConfig = z.infer<typeof deploymentSchema>;
export type BedrockAlsoAllow = z.infer<typeof bedrockAlsoAllow>;
export type ExemptPrincipalsConfig = z.infer<typeof exemptPrincipalsSchema>;
export type ModelUseWithoutGuardrail = z.infer<typeof modelUseWithoutGuardrail>;
