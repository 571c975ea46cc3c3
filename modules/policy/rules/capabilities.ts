import type { CapabilityRule } from '../../config/schema';
import type { RuleStatement } from '../statement';
import { deny, type RuleContext } from './rule-context';

/**
 * Every door to bringing your own weights into Bedrock: Custom Model Import jobs, custom models
 * created from SageMaker-trained Nova artifacts, and the OpenAI-compatible endpoint's customized models.
 */
export const CUSTOM_MODEL_IMPORT_ACTIONS = ['bedrock-mantle:CreateCustomizedModel', 'bedrock:CreateCustomModel', 'bedrock:CreateModelImportJob'] as const;

/** Fine-tuning, continued pre-training and distillation are all customization jobs, on both APIs. */
export const FINE_TUNING_ACTIONS = ['bedrock-mantle:CreateFineTuningJob', 'bedrock:CreateModelCustomizationJob'] as const;

export function customModelImportStatements(rule: CapabilityRule, context: RuleContext): RuleStatement[] {
  if (!rule.deny) return [];
  return [deny(context, 'customModelImport', 'DenyCustomModelImport', { Action: CUSTOM_MODEL_IMPORT_ACTIONS, Resource: ['*'] }, rule.except)];
}

export function fineTuningStatements(rule: CapabilityRule, context: RuleContext): RuleStatement[] {
  if (!rule.deny) return [];
  return [deny(context, 'fineTuning', 'DenyFineTuning', { Action: FINE_TUNING_ACTIONS, Resource: ['*'] }, rule.except)];
}
