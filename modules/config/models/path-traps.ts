import type { ConfigLocator } from '../document/config-locator';
import type { ConfigProblem } from '../document/problems';
import { layerLineages } from '../organization/resolve';
import type { GovernanceConfig } from '../schema';
import type { LayerRules } from './schema';

/**
 * Traps between the governance paths: rules that are each right on their own but together do
 * something the author probably did not mean. Each is a warning at the rule that springs it.
 */
export function checkPathTraps(config: GovernanceConfig, at: ConfigLocator): ConfigProblem[] {
  const lineages = layerLineages(config);
  const rulesAlong = (layer: string): { layer: string; rules: LayerRules }[] =>
    (lineages.get(layer) ?? []).flatMap((l) => (config.models[l] ? [{ layer: l, rules: config.models[l] }] : []));
  const warnings: ConfigProblem[] = [];

  // A Bedrock allow-list denies the Marketplace endpoints that Bedrock invokes Marketplace models
  // through, unless it keeps them open: a Marketplace allow-list below or above it is then moot.
  const reported = new Set<string>();
  for (const layer of lineages.keys()) {
    // A layer without rules of its own sees its parent's rules, whose pairs were reported at the
    // parent (parents come first): in a large organization that is most accounts.
    if (!config.models[layer]) continue;
    const along = rulesAlong(layer);
    const marketplaceAllows = along.filter((r) => r.rules.marketplace?.allow !== undefined);
    for (const { layer: bedrockLayer, rules } of along) {
      const bedrock = rules.bedrock;
      if (bedrock?.allow === undefined || bedrock.alsoAllow?.includes('marketplaceModels')) continue;
      for (const { layer: marketplaceLayer } of marketplaceAllows) {
        const key = `${bedrockLayer}\u0000${marketplaceLayer}`;
        if (reported.has(key)) continue;
        reported.add(key);
        warnings.push(
          at.problem(
            ['models', bedrockLayer, 'bedrock', 'allow'],
            `the Marketplace models that models.${marketplaceLayer}.marketplace.allow allows cannot be invoked through Bedrock where this allow-list applies: ` +
              'it denies the Marketplace endpoints Bedrock invokes them through; add alsoAllow: [marketplaceModels] if they should be',
          ),
        );
      }
    }
  }

  for (const [layer, rules] of Object.entries(config.models)) {
    if (!lineages.has(layer)) continue;
    const along = rulesAlong(layer);
    const deny = rules.bedrock?.deny;
    if (Array.isArray(deny) && !along.some((r) => r.rules.customModelImport?.deny === true)) {
      warnings.push(
        at.problem(
          ['models', layer, 'bedrock', 'deny'],
          'Custom Model Import stays allowed at this layer: weights of a denied family imported with CreateModelImportJob are invoked as imported-model/..., ' +
            'which a foundation-model glob does not match; add customModelImport: { deny: true } here or above',
        ),
      );
    }
    if (rules.jumpstart?.publicHub === 'block' && !along.some((r) => r.rules.marketplace?.deny === 'all')) {
      warnings.push(
        at.problem(
          ['models', layer, 'jumpstart', 'publicHub'],
          'also denies DescribeHubContent and ListHubContents on the SageMaker public hub, which the Bedrock Marketplace model catalog reads: ' +
            'Marketplace models cannot be discovered or deployed at this layer except by the jumpstart.except principals',
        ),
      );
    }
  }
  return warnings;
}
