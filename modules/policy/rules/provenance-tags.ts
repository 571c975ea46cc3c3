import type { LayerRules } from '../../config';
import { HUB_CONTENT_TAG } from '../model-selector';
import type { RuleStatement } from '../statement';
import { deny, type RuleContext } from './rule-context';

/**
 * The tags that say which public hub model a SageMaker deployment runs: the console and SDK set
 * them (the Marketplace rules select on the hub-content ARN, Canvas roles on the JumpStart model id).
 */
export const PROVENANCE_TAG_KEYS = [HUB_CONTENT_TAG, 'sagemaker-sdk:jumpstart-model-id'] as const;

/**
 * Keeps the provenance tags where the client put them, wherever Marketplace or JumpStart rules
 * apply: removing them (DeleteTags) or rewriting them (AddTags) on an existing endpoint, endpoint
 * config, model or inference component would take the deployment out of the rules' sight.
 * Tags given to a Create call stay allowed: SageMaker authorizes them as `sagemaker:AddTags` with
 * `sagemaker:TaggingAction` set to the Create action (AWS managed policy
 * AmazonSageMakerHyperPodInferenceAccess allows AddTags for CreateModel, CreateEndpointConfig and
 * CreateEndpoint this way; the SageMaker developer guide's Studio policies use
 * `"Null": {"sagemaker:TaggingAction": "false"}` for tag-on-create), so only AddTags without it,
 * on a resource that already exists, is denied. No `except` applies: an exempt principal that
 * strips a tag would open the deployment to everyone.
 */
export function provenanceTagStatements(rules: LayerRules, context: RuleContext): RuleStatement[] {
  const source = guardedPath(rules);
  if (source === undefined) return [];
  const tagKeys = { 'ForAnyValue:StringEquals': { 'aws:TagKeys': [...PROVENANCE_TAG_KEYS] } };
  return [
    deny(context, source, 'DenyRemovingProvenanceTags', { Action: ['sagemaker:DeleteTags'], Resource: ['*'], Condition: tagKeys }),
    deny(context, source, 'DenyRewritingProvenanceTags', {
      Action: ['sagemaker:AddTags'],
      Resource: ['*'],
      Condition: { ...tagKeys, Null: { 'sagemaker:TaggingAction': ['true'] } },
    }),
  ];
}

/** The rule the protection serves: Marketplace model rules first, else any JumpStart block. */
function guardedPath(rules: LayerRules): string | undefined {
  const { marketplace, jumpstart } = rules;
  if (marketplace?.deny || (marketplace?.allow && marketplace.allow.length > 0)) return 'marketplace';
  const blocks = [jumpstart?.publicHub, jumpstart?.gatedModels, jumpstart?.registerWithBedrock].includes('block');
  if (blocks || jumpstart?.networkIsolation === 'require') return 'jumpstart';
  return undefined;
}
