import { z } from 'zod';
import { exemptions } from '../exemptions/schema';
import { organizationGuardrailPolicySchema } from '../guardrails/organization-policy-schema';

/**
 * The `models:` section: for each layer (the root, an OU path or an account name), the rules of
 * each governance path (Bedrock, Marketplace, JumpStart, Custom Model Import, fine-tuning).
 */

/** Model ids are like `anthropic.claude-3-5-sonnet-20240620-v1:0`; globs add `*` and `?`. */
export const MODEL_GLOB = /^[A-Za-z0-9][A-Za-z0-9._:*?-]*$|^\*$/;

const modelGlob = z
  .string()
  .max(256, { message: 'a model id or glob of at most 256 characters' })
  .regex(MODEL_GLOB, {
    message: 'a model id or glob such as "anthropic.claude-3-5-sonnet*" (letters, digits, . _ - : and the wildcards * ?)',
  })
  .describe('A Bedrock model id or glob, e.g. "anthropic.claude-3-5-sonnet*" or "deepseek.*".');

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
          .min(1, { message: 'at least one guardrail ARN' })
          .optional()
          .describe('The SCP route: deny model invocation unless the request names one of these guardrails (bedrock:GuardrailIdentifier). Any layer.'),
        organizationPolicy: organizationGuardrailPolicySchema
          .optional()
          .describe(
            'The organization route, at the root or an OU: an AWS Organizations Bedrock policy (BEDROCK_POLICY) that makes Bedrock apply a management-account guardrail to every model call of the layer, whether or not the request names one.',
          ),
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
        'Require a guardrail: with guardrails (SCP route), deny model invocation unless the request names one of them; with organizationPolicy, have Bedrock apply a guardrail to every call of the layer; both may be given. Either way, deny the model use that cannot name a guardrail (batch, evaluation, customization, prompt optimization, the OpenAI-compatible endpoint) unless allowWithoutGuardrail lists it.',
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

export const modelsSchema = z
  .record(z.string().min(1), layerRulesSchema)
  .default({})
  .describe('Rules per layer: "root", an OU path such as "Workloads/Prod", or an account name.');

export type LayerRules = z.infer<typeof layerRulesSchema>;
export type BedrockRules = z.infer<typeof bedrockRulesSchema>;
export type MarketplaceRules = z.infer<typeof marketplaceRulesSchema>;
export type JumpstartRules = z.infer<typeof jumpstartRulesSchema>;
export type CapabilityRule = z.infer<typeof denyCapability>;
export type BedrockAlsoAllow = z.infer<typeof bedrockAlsoAllow>;
export type ModelUseWithoutGuardrail = z.infer<typeof modelUseWithoutGuardrail>;
