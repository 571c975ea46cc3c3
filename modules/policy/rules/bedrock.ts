import type { BedrockAlsoAllow, BedrockRules } from '../../config';
import { actionsNamingAGuardrail, modelActionsGatedBy, modelUseWithoutGuardrail } from '../model-actions';
import { anyBedrockResource, foundationModelArn, inferenceProfileArn, normalizeGlobs } from '../model-selector';
import type { RuleStatement } from '../statement';
import { deny, type RuleContext } from './rule-context';

/**
 * Bedrock actions that run or deploy a named model, selected by its ARN (the table in
 * model-actions.ts). Converse/ConverseStream and StartAsyncInvoke are authorized as
 * InvokeModel/InvokeModelWithResponseStream (there is no `bedrock:StartAsyncInvoke` action).
 */
export const MODEL_USE_ACTIONS: readonly string[] = modelActionsGatedBy('modelRules', 'bedrock');

/** The OpenAI-compatible endpoint (bedrock-mantle) names the model in `bedrock-mantle:Model`. */
export const MANTLE_MODEL_ACTIONS: readonly string[] = modelActionsGatedBy('modelRules', 'bedrock-mantle');

/** Bearer-token calls on both endpoints; each service has its own `<service>:BearerTokenType` key. */
export const API_KEY_ACTIONS: readonly string[] = modelActionsGatedBy('apiKeys');

/** The actions whose requests can name a guardrail: listed once, every layer that requires one denies them. */
const ACTIONS_NAMING_A_GUARDRAIL: readonly string[] = actionsNamingAGuardrail();

/** Claude Platform on AWS: Anthropic's own API, billed through AWS. It has no model condition key. */
export const CLAUDE_PLATFORM_ACTIONS = ['aws-external-anthropic:*'] as const;

/** Bedrock resource types an allow-list can keep open, by the config word for them. */
export const ALSO_ALLOW_RESOURCES: Readonly<Record<BedrockAlsoAllow, readonly string[]>> = {
  importedModels: ['imported-model'],
  customModels: ['custom-model', 'custom-model-deployment', 'provisioned-model'],
  applicationInferenceProfiles: ['application-inference-profile'],
  promptRouters: ['prompt-router', 'default-prompt-router'],
  marketplaceModels: [],
};

/**
 * Resources a model-use request is authorized on besides the model, which is authorized on its
 * own ARN in the same request. An allow-list keeps them open and lets the model decide; denying
 * them would deny the allowed models on that route.
 */
export const ALLOW_LIST_COMPANIONS: readonly string[] = [
  // The prompt optimization job: the Bedrock User Guide (Advanced Prompt Optimization prerequisites)
  // gives the job ARN as the action's resource; the job runs its models with the caller's credentials.
  'advanced-prompt-optimization-job',
  // StartAsyncInvoke "requires permission for the bedrock:InvokeModel action" (Bedrock API Reference),
  // on the new async-invoke job and on the model.
  'async-invoke',
  // The new batch job (Bedrock User Guide, batch inference prerequisites; IAM catalog, CreateModelInvocationJob).
  'model-invocation-job',
  // The project of a stateful invocation; IAM catalog, bedrock:ProjectArn: "on authorizations whose
  // resource is the inference target it runs".
  'project',
  // A system tool the model calls (e.g. Nova web grounding): the IAM catalog lists it for InvokeModel,
  // and the tools also need bedrock:InvokeTool (langchain-aws Nova system tools documentation).
  'system-tool',
];

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
    statements.push(...guardrailStatements(rules.requireGuardrail, context, [...except, ...(rules.requireGuardrail.except ?? [])]));
  }
  return statements;
}

/**
 * A required guardrail: with the SCP route (`guardrails`), requests that can name one (InvokeModel
 * and its streaming form) must name an approved one; on either route, the model use that cannot
 * (batch, evaluation, customization, prompt optimization, bedrock-mantle inference) is denied
 * unless `allowWithoutGuardrail` lets its kind through. The organization route itself is a Bedrock
 * policy, not an SCP statement (modules/policy/guardrail-enforcement).
 */
function guardrailStatements(
  requirement: NonNullable<BedrockRules['requireGuardrail']>,
  context: RuleContext,
  except: readonly string[],
): RuleStatement[] {
  const statements: RuleStatement[] = [];
  if (requirement.guardrails) {
    const guardrails = requirement.guardrails.flatMap((arn) => (/:\d+$/.test(arn) ? [arn] : [arn, `${arn}:*`]));
    statements.push(
      deny(
        context,
        'bedrock.requireGuardrail',
        'DenyBedrockInvokeWithoutGuardrail',
        // ArnNotLike is also true when the request names no guardrail at all.
        { Action: ACTIONS_NAMING_A_GUARDRAIL, Resource: ['*'], Condition: { ArnNotLike: { 'bedrock:GuardrailIdentifier': guardrails.sort() } } },
        except,
      ),
    );
  }
  // Whether Bedrock's organization policy reaches batch, evaluation or customization jobs is not
  // documented, so the model use that cannot name a guardrail stays denied on either route.
  const withoutGuardrail = modelUseWithoutGuardrail(requirement.allowWithoutGuardrail ?? []);
  if (withoutGuardrail.length > 0) {
    statements.push(deny(context, 'bedrock.requireGuardrail', 'DenyBedrockModelUseWithoutGuardrail', { Action: withoutGuardrail, Resource: ['*'] }, except));
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
 * A call through an inference profile is authorized on the profile and on the model in each
 * destination region, so the foundation-model ARN alone would block it. The system profiles of the
 * denied models (`<geo>.<model-id>`) are denied too, so that no decision rests on AWS's second
 * authorization alone.
 */
function denyListedModels(globs: readonly string[], context: RuleContext, except: readonly string[]): RuleStatement[] {
  const { partition } = context;
  const models = normalizeGlobs(globs);
  const resources = [...models.map((g) => foundationModelArn(partition, g)), ...models.map((g) => inferenceProfileArn(partition, g))];
  return [
    deny(context, 'bedrock.deny', 'DenyBedrockModels', { Action: MODEL_USE_ACTIONS, Resource: resources }, except),
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
 * the allowed models (or they break through profiles), the companion resources (the model is
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
    ...ALLOW_LIST_COMPANIONS.map((type) => anyBedrockResource(partition, type)),
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
    return [createKeys, deny(context, 'bedrock.apiKeys', 'DenyBedrockApiKeys', { Action: API_KEY_ACTIONS, Resource: ['*'] }, except)];
  }
  const longTermKeys = API_KEY_ACTIONS.map((action) => {
    const service = action.split(':')[0] ?? '';
    return deny(
      context,
      'bedrock.apiKeys',
      `Deny${pascalCase(service)}LongTermApiKeys`,
      { Action: [action], Resource: ['*'], Condition: { StringEquals: { [`${service}:BearerTokenType`]: ['LONG_TERM'] } } },
      except,
    );
  });
  return [createKeys, ...longTermKeys];
}

/** `bedrock-mantle` -> `BedrockMantle`, for statement ids. */
function pascalCase(service: string): string {
  return service
    .split('-')
    .map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
    .join('');
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
