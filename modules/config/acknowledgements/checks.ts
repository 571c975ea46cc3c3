import type { ConfigLocator } from '../document/config-locator';
import type { ConfigProblem } from '../document/problems';
import type { GovernanceConfig } from '../schema';

/**
 * `breakGlass: none` with an allow-list at the root denies every other model to every principal
 * of every member account, the platform team included, and leaves no one exempt to repair it:
 * refused unless acknowledged. An acknowledgement with nothing to acknowledge is a warning.
 */
export function checkAcknowledgements(config: GovernanceConfig, at: ConfigLocator): { readonly errors: ConfigProblem[]; readonly warnings: ConfigProblem[] } {
  const root = config.models.root;
  const lists = (['bedrock', 'marketplace'] as const).filter((section) => root?.[section]?.allow !== undefined);
  const locked = config.breakGlass === 'none' && lists.length > 0;
  const acknowledged = config.acknowledgements?.rootAllowListWithoutBreakGlass !== undefined;
  if (locked && !acknowledged) {
    const where = lists.map((section) => `models.root.${section}.allow`).join(' and ');
    return {
      errors: [
        at.problem(
          ['breakGlass'],
          `"breakGlass: none" with an allow-list at the root (${where}) denies every other model to everyone in every member account, your platform team included, and exempts nobody who could repair it; ` +
            'name your break-glass principals, or, if this is decided, write acknowledgements: { rootAllowListWithoutBreakGlass: "<who approved it, when and why>" }',
        ),
      ],
      warnings: [],
    };
  }
  if (!locked && acknowledged) {
    return {
      errors: [],
      warnings: [at.problem(['acknowledgements', 'rootAllowListWithoutBreakGlass'], 'nothing to acknowledge: breakGlass names principals, or the root has no allow-list; remove this acknowledgement', { atKey: true })],
    };
  }
  return { errors: [], warnings: [] };
}
