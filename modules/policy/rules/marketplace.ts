import type { MarketplaceRules } from '../../config';
import { HUB_CONTENT_TAG, normalizeGlobs, publicHubModelArnPattern } from '../model-selector';
import type { Condition, RuleStatement } from '../statement';
import { deny, type RuleContext } from './rule-context';

/** SageMaker calls that create a Marketplace/JumpStart deployment; the tag is in the request. */
export const MARKETPLACE_CREATE_ACTIONS = [
  'sagemaker:CreateEndpoint',
  'sagemaker:CreateEndpointConfig',
  'sagemaker:CreateInferenceComponent',
  'sagemaker:CreateModel',
] as const;

/** SageMaker calls on an existing deployment; the tag is on the resource. */
export const MARKETPLACE_USE_ACTIONS = [
  'sagemaker:CreateEndpoint',
  'sagemaker:CreateInferenceComponent',
  'sagemaker:InvokeEndpoint',
  'sagemaker:InvokeEndpointAsync',
  'sagemaker:InvokeEndpointWithResponseStream',
  'sagemaker:UpdateEndpoint',
  'sagemaker:UpdateEndpointWeightsAndCapacities',
] as const;

/** Bedrock's own Marketplace endpoint calls carry no model condition: only "deny: all" can use them. */
export const BEDROCK_MARKETPLACE_ACTIONS = [
  'bedrock:CreateMarketplaceModelEndpoint',
  'bedrock:RegisterMarketplaceModelEndpoint',
  'bedrock:UpdateMarketplaceModelEndpoint',
] as const;

/** Calls that subscribe to a third-party model's AWS Marketplace product. */
export const SUBSCRIBE_ACTIONS = ['aws-marketplace:Subscribe'] as const;

const REQUEST_TAG = `aws:RequestTag/${HUB_CONTENT_TAG}`;
const RESOURCE_TAG = `aws:ResourceTag/${HUB_CONTENT_TAG}`;

/** Builds the statements of one layer's `marketplace:` rules. */
export function marketplaceStatements(rules: MarketplaceRules, context: RuleContext): RuleStatement[] {
  const except = rules.except ?? [];
  const statements: RuleStatement[] = [];
  if (rules.deny === 'all') statements.push(...denyAllMarketplaceModels(context, except));
  else if (rules.deny) {
    const patterns = normalizeGlobs(rules.deny).map((g) => publicHubModelArnPattern(context.partition, g));
    statements.push(
      ...tagStatements(context, 'marketplace.deny', 'DenyMarketplaceModels', except, (tag) => ({ StringLike: { [tag]: patterns } })),
    );
  }
  if (rules.allow && rules.allow.length > 0) {
    const patterns = normalizeGlobs(rules.allow).map((g) => publicHubModelArnPattern(context.partition, g));
    // Only deployments tagged with public hub content are selected: untagged SageMaker work and
    // private hub content are left alone.
    statements.push(
      ...tagStatements(context, 'marketplace.allow', 'DenyMarketplaceModelsNotAllowed', except, (tag) => ({
        StringLike: { [tag]: [publicHubModelArnPattern(context.partition, '*')] },
        StringNotLike: { [tag]: patterns },
      })),
    );
  }
  if (rules.subscriptions === 'deny') {
    statements.push(deny(context, 'marketplace.subscriptions', 'DenyMarketplaceSubscriptions', { Action: SUBSCRIBE_ACTIONS, Resource: ['*'] }, except));
  } else if (rules.subscriptions) {
    statements.push(
      deny(
        context,
        'marketplace.subscriptions',
        'DenyMarketplaceSubscriptionsNotAllowed',
        {
          Action: SUBSCRIBE_ACTIONS,
          Resource: ['*'],
          Condition: { 'ForAnyValue:StringNotEquals': { 'aws-marketplace:ProductId': [...rules.subscriptions.allowProductIds].sort() } },
        },
        except,
      ),
      // ForAnyValue is false when the key is absent: a subscription that names no product is denied here.
      deny(
        context,
        'marketplace.subscriptions',
        'DenyMarketplaceSubscriptionsWithoutProductId',
        { Action: SUBSCRIBE_ACTIONS, Resource: ['*'], Condition: { Null: { 'aws-marketplace:ProductId': ['true'] } } },
        except,
      ),
    );
  }
  return statements;
}

/** Creation carries the tag in the request, later calls see it on the resource: a rule needs both. */
function tagStatements(
  context: RuleContext,
  source: string,
  sid: string,
  except: readonly string[],
  condition: (tagKey: string) => Condition,
): RuleStatement[] {
  return [
    deny(context, source, `${sid}OnCreate`, { Action: MARKETPLACE_CREATE_ACTIONS, Resource: ['*'], Condition: condition(REQUEST_TAG) }, except),
    deny(context, source, `${sid}InUse`, { Action: MARKETPLACE_USE_ACTIONS, Resource: ['*'], Condition: condition(RESOURCE_TAG) }, except),
  ];
}

function denyAllMarketplaceModels(context: RuleContext, except: readonly string[]): RuleStatement[] {
  const tagged = (tag: string): Condition => ({ StringLike: { [tag]: [publicHubModelArnPattern(context.partition, '*')] } });
  return [
    ...tagStatements(context, 'marketplace.deny', 'DenyAllMarketplaceModels', except, tagged),
    deny(context, 'marketplace.deny', 'DenyBedrockMarketplaceEndpoints', { Action: BEDROCK_MARKETPLACE_ACTIONS, Resource: ['*'] }, except),
    deny(
      context,
      'marketplace.deny',
      'DenyBedrockMarketplaceInvoke',
      {
        Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        Resource: [`arn:${context.partition}:bedrock:*:*:marketplace/model-endpoint/all-access`],
      },
      except,
    ),
  ];
}
