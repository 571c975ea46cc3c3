import type { CapabilityRule } from '../../config';
import { modelActionsGatedBy } from '../model-actions';
import type { RuleStatement } from '../statement';
import { deny, type RuleContext } from './rule-context';

/**
 * Every door to bringing weights made elsewhere into Bedrock (the table in model-actions.ts):
 * Custom Model Import jobs, custom models created from SageMaker-trained Nova artifacts, custom
 * models copied from another account or Region, and the OpenAI-compatible endpoint's customized models.
 */
export const CUSTOM_MODEL_IMPORT_ACTIONS: readonly string[] = modelActionsGatedBy('customModelImport');

/** Fine-tuning, continued pre-training and distillation are all customization jobs, on both APIs. */
export const FINE_TUNING_ACTIONS: readonly string[] = modelActionsGatedBy('fineTuning');

export function customModelImportStatements(rule: CapabilityRule, context: RuleContext): RuleStatement[] {
  if (!rule.deny) return [];
  return [deny(context, 'customModelImport', 'DenyCustomModelImport', { Action: CUSTOM_MODEL_IMPORT_ACTIONS, Resource: ['*'] }, rule.except)];
}

export function fineTuningStatements(rule: CapabilityRule, context: RuleContext): RuleStatement[] {
  if (!rule.deny) return [];
  return [deny(context, 'fineTuning', 'DenyFineTuning', { Action: FINE_TUNING_ACTIONS, Resource: ['*'] }, rule.except)];
}
