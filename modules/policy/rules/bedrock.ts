import type { BedrockAlsoAllow, BedrockRules } from '../../config/schema';
import { anyBedrockResource, foundationModelArn, inferenceProfileArn, normalizeGlobs } from '../model-selector';
import type { RuleStatement } from '../statement';
import { deny, type RuleContext } from './rule-context';

/**
 * Actions that run a foundation model. Converse/ConverseStream and StartAsyncInvoke are authorized
 * as InvokeModel/InvokeModelWithResponseStream (there is no `bedrock:StartAsyncInvoke` action);
 * batch, provisioned throughput, evaluation, customization and prompt routers name the model too.
 */
export const MODEL_USE_ACTIONS = [
  'bedrock:CreateEvaluationJob',
  'bedrock:CreateModelCustomizationJob',
  'bedrock:CreateModelEvaluationJob',
  'bedrock:CreateModelInvocationJob',
  'bedrock:CreatePromptRouter',
  'bedrock:CreateProvisionedModelThroughput',
  'bedrock:InvokeModel',
  'bedrock:InvokeModelWithResponseStream',
  'bedrock:UpdateProvisionedModelThroughput',
] as const;

/** The OpenAI-compatible endpoint (bedrock-mantle) names the model in `bedrock-mantle:Model`. */
export const MANTLE_MODEL_ACTIONS = ['bedrock-mantle:CountTokens', 'bedrock-mantle:CreateFineTuningJob', 'bedrock-mantle:CreateInference'] as const;

/** Claude Platform on AWS: Anthropic's own API, billed through AWS. It has no model condition key. */
export const CLAUDE_PLATFORM_ACTIONS = ['aws-external-anthropic:*'] as const;

/** Bedrock resource types an allow-list can keep open, by the config word for them. */
const ALSO_ALLOW_RESOURCES: Readonly<Record<BedrockAlsoAllow, readonly string[]>> = {
  importedModels: ['imported-model'],
  customModels: ['custom-model', 'custom-model-deployment', 'provisioned-model'],
  applicationInferenceProfiles: ['application-inference-profile'],
  promptRouters: ['prompt-router', 'default-prompt-router'],
  marketplaceModels: [],
};

/** Builds the statements of one layer's `bedrock:` rules. */
export function bedrockStatements(rules: BedrockRules, context: RuleContext): RuleStatement[] {
  const except = rules.except ?? [];
  const statements: RuleStatement[] = bedrockModelStatements(rules, context);
  const claudePlatform = rules.claudePlatform ?? (reachesAnthropic(rules) ? 'deny' : 'allow');
  if (claudePlatform === 'deny') {
    statements.push(deny(context, 'bedrock.claudePlatform', 'DenyClaudePlatformOnAws', { Action: CLAUDE_PLATFORM_ACTIONS, Resource: ['*'] }, except));
  }
  statements.push(...apiKeyStatements(rules.apiKeys, context, except));
  if (rules.openAiCompatibleEndpoint === 'deny') {
    statements.push(deny(context, 'bedrock.openAiCompatibleEndpoint', 'DenyBedrockMantle', { Action: ['bedrock-mantle:*'], Resource: ['*'] }, except));
  }
  if (rules.modelAccess === 'deny') {
    statements.push(
      deny(
        context,
        'bedrock.modelAccess',
        'DenyBedrockModelAccessChanges',
        {
          Action: ['bedrock:CreateFoundationModelAgreement', 'bedrock:PutFoundationModelEntitlement', 'bedrock:PutUseCaseForModelAccess'],
          Resource: ['*'],
        },
        except,
      ),
    );
  }
  if (rules.viaMcpServers === 'deny') {
    statements.push(
      deny(
        context,
        'bedrock.viaMcpServers',
        'DenyBedrockViaMcpServers',
        { Action: MODEL_USE_ACTIONS, Resource: ['*'], Condition: { Bool: { 'aws:ViaAWSMCPService': ['true'] } } },
        except,
      ),
    );
  }
  if (rules.requireGuardrail) {
    const guardrails = rules.requireGuardrail.guardrails.flatMap((arn) => (/:\d+$/.test(arn) ? [arn] : [arn, `${arn}:*`]));
    statements.push(
      deny(
        context,
        'bedrock.requireGuardrail',
        'DenyBedrockInvokeWithoutGuardrail',
        {
          Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
          Resource: ['*'],
          // ArnNotLike is also true when the request names no guardrail at all.
          Condition: { ArnNotLike: { 'bedrock:GuardrailIdentifier': guardrails.sort() } },
        },
        [...except, ...(rules.requireGuardrail.except ?? [])],
      ),
    );
  }
  return statements;
}

/**
 * The statements that decide which models may run: `deny: all`, the deny-list and the allow-list.
 * Role policies reuse them, so a role and the SCPs above it agree on every model.
 */
export function bedrockModelStatements(rules: BedrockRules, context: RuleContext): RuleStatement[] {
  const except = rules.except ?? [];
  const statements: RuleStatement[] = [];
  if (rules.deny === 'all') statements.push(...denyAllModels(context, except));
  else if (rules.deny) statements.push(...denyListedModels(rules.deny, context, except));
  if (rules.allow && rules.allow.length > 0) statements.push(...denyModelsOutsideAllowList(rules.allow, rules.alsoAllow ?? [], context, except));
  return statements;
}

function denyAllModels(context: RuleContext, except: readonly string[]): RuleStatement[] {
  return [
    deny(context, 'bedrock.deny', 'DenyAllBedrockModels', { Action: MODEL_USE_ACTIONS, Resource: ['*'] }, except),
    deny(context, 'bedrock.deny', 'DenyAllBedrockMantleModels', { Action: MANTLE_MODEL_ACTIONS, Resource: ['*'] }, except),
  ];
}

/**
 * A deny on the foundation-model ARN also blocks every inference profile of that model: a call
 * through a profile is authorized on the profile and on the model in each destination region.
 */
function denyListedModels(globs: readonly string[], context: RuleContext, except: readonly string[]): RuleStatement[] {
  const models = normalizeGlobs(globs);
  return [
    deny(context, 'bedrock.deny', 'DenyBedrockModels', { Action: MODEL_USE_ACTIONS, Resource: models.map((g) => foundationModelArn(context.partition, g)) }, except),
    deny(
      context,
      'bedrock.deny',
      'DenyBedrockMantleModels',
      { Action: MANTLE_MODEL_ACTIONS, Resource: ['*'], Condition: { StringLike: { 'bedrock-mantle:Model': models } } },
      except,
    ),
  ];
}

/**
 * An allow-list is a Deny with NotResource. That NotResource must name the inference profiles of
 * the allowed models (or they break through profiles), async-invoke and batch jobs (the model is
 * authorized separately), and exactly the other model kinds the config keeps open.
 */
function denyModelsOutsideAllowList(
  globs: readonly string[],
  alsoAllow: readonly BedrockAlsoAllow[],
  context: RuleContext,
  except: readonly string[],
): RuleStatement[] {
  const { partition } = context;
  const models = normalizeGlobs(globs);
  const kept = alsoAllow.flatMap((kind) => ALSO_ALLOW_RESOURCES[kind]).map((type) => anyBedrockResource(partition, type));
  if (alsoAllow.includes('marketplaceModels')) kept.push(`arn:${partition}:bedrock:*:*:marketplace/model-endpoint/all-access`);
  const notResource = [
    ...models.map((g) => foundationModelArn(partition, g)),
    ...models.map((g) => inferenceProfileArn(partition, g)),
    anyBedrockResource(partition, 'async-invoke'),
    // Batch jobs are authorized on the new job too; the model decides, on its own ARN.
    anyBedrockResource(partition, 'model-invocation-job'),
    ...kept,
  ];
  return [
    deny(context, 'bedrock.allow', 'DenyBedrockModelsNotAllowed', { Action: MODEL_USE_ACTIONS, NotResource: notResource }, except),
    deny(
      context,
      'bedrock.allow',
      'DenyBedrockMantleModelsNotAllowed',
      // StringNotLike is also true when the key is absent, so a request without a model is denied.
      { Action: MANTLE_MODEL_ACTIONS, Resource: ['*'], Condition: { StringNotLike: { 'bedrock-mantle:Model': models } } },
      except,
    ),
  ];
}

function apiKeyStatements(setting: BedrockRules['apiKeys'], context: RuleContext, except: readonly string[]): RuleStatement[] {
  if (setting === undefined || setting === 'allow') return [];
  const createKeys = deny(
    context,
    'bedrock.apiKeys',
    'DenyBedrockApiKeyCreation',
    {
      Action: ['iam:CreateServiceSpecificCredential'],
      Resource: ['*'],
      Condition: { StringEquals: { 'iam:ServiceSpecificCredentialServiceName': ['bedrock.amazonaws.com'] } },
    },
    except,
  );
  if (setting === 'deny') {
    return [
      createKeys,
      deny(context, 'bedrock.apiKeys', 'DenyBedrockApiKeys', { Action: ['bedrock-mantle:CallWithBearerToken', 'bedrock:CallWithBearerToken'], Resource: ['*'] }, except),
    ];
  }
  return [
    createKeys,
    deny(
      context,
      'bedrock.apiKeys',
      'DenyBedrockLongTermApiKeys',
      { Action: ['bedrock:CallWithBearerToken'], Resource: ['*'], Condition: { StringEquals: { 'bedrock:BearerTokenType': ['LONG_TERM'] } } },
      except,
    ),
    deny(
      context,
      'bedrock.apiKeys',
      'DenyBedrockMantleLongTermApiKeys',
      { Action: ['bedrock-mantle:CallWithBearerToken'], Resource: ['*'], Condition: { StringEquals: { 'bedrock-mantle:BearerTokenType': ['LONG_TERM'] } } },
      except,
    ),
  ];
}

/**
 * Whether these rules reach Anthropic models, so that Claude Platform on AWS (which cannot be
 * limited per model) must be closed too: an allow-list or `deny: all` always does; a deny-list
 * does when one of its globs can match an `anthropic.` model id.
 */
export function reachesAnthropic(rules: BedrockRules): boolean {
  if (rules.allow !== undefined || rules.deny === 'all') return true;
  return (rules.deny ?? []).some((glob) => globMayMatchPrefix(glob, 'anthropic.'));
}

function globMayMatchPrefix(glob: string, prefix: string): boolean {
  const literal = glob.split(/[*?]/)[0] ?? '';
  return literal.startsWith(prefix) || (prefix.startsWith(literal) && literal.length < glob.length);
}
