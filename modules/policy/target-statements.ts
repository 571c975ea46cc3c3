import { type ConfigPath, formatPath, type LayerRules } from '../config';
import { bedrockStatements } from './rules/bedrock';
import { customModelImportStatements, fineTuningStatements } from './rules/capabilities';
import { jumpstartStatements } from './rules/jumpstart';
import { jumpstartWeightStatements, type WeightContext } from './rules/jumpstart-weights';
import { marketplaceStatements } from './rules/marketplace';
import { provenanceTagStatements } from './rules/provenance-tags';
import type { RuleContext } from './rules/rule-context';
import type { RuleStatement } from './statement';

/**
 * The statements one layer's rules compile to, before merging and packing. `weights` says which
 * private hub models stay readable and which weight denials the layers above already make (see
 * layerWeightContext); without it, no hub models and nothing inherited.
 */
export function layerStatements(
  rules: LayerRules,
  options: { readonly partition: string; readonly breakGlass: readonly string[]; readonly rulesPath: ConfigPath; readonly weights?: WeightContext },
): RuleStatement[] {
  const context: RuleContext = { partition: options.partition, breakGlass: options.breakGlass, layerPath: formatPath(options.rulesPath) };
  return [
    ...(rules.bedrock ? bedrockStatements(rules.bedrock, context) : []),
    ...(rules.marketplace ? marketplaceStatements(rules.marketplace, context) : []),
    ...(rules.jumpstart ? jumpstartStatements(rules.jumpstart, context) : []),
    ...jumpstartWeightStatements(rules, options.weights ?? { hubModels: [], inherited: [], denyUnapproved: true }, context),
    ...provenanceTagStatements(rules, context),
    ...(rules.customModelImport ? customModelImportStatements(rules.customModelImport, context) : []),
    ...(rules.fineTuning ? fineTuningStatements(rules.fineTuning, context) : []),
  ];
}
