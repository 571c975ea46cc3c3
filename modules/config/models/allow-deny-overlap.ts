import type { ConfigLocator } from '../document/config-locator';
import type { ConfigProblem } from '../document/problems';
import { globsIntersect } from '../globs';
import type { GovernanceConfig } from '../schema';

/**
 * Warnings where an allow-list and a deny-list on the same path of the same layer share models:
 * a model matching both is denied there (a deny wins), which is either a rule the allow-list
 * should express by leaving the model out, or a mistake on one side.
 */
export function checkAllowDenyOverlap(config: GovernanceConfig, at: ConfigLocator): ConfigProblem[] {
  const warnings: ConfigProblem[] = [];
  for (const [layer, rules] of Object.entries(config.models)) {
    for (const section of ['bedrock', 'marketplace'] as const) {
      const { allow, deny } = rules[section] ?? {};
      if (!allow || !Array.isArray(deny)) continue;
      deny.forEach((denied, index) => {
        const allowed = allow.find((glob) => globsIntersect(glob, denied));
        if (allowed === undefined) return;
        warnings.push(
          at.problem(
            ['models', layer, section, 'deny', index],
            `"${denied}" is denied and "${allowed}" allowed on the same layer: a model matching both is denied here, since a deny wins; ` +
              'if that is the intent, leave it out of the allow-list instead, otherwise remove it from one of the lists',
          ),
        );
      });
    }
  }
  return warnings;
}
