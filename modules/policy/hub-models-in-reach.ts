import type { ResolvedHub, Target } from '../config';
import { targetIndex } from './target-index';

/**
 * The approved models of every private hub that some account at or below a target can use: the
 * hub's own account and whom AWS RAM shares it with (the organization, an OU above or below the
 * target, an account below it). An SCP on the target reaches all those accounts, so its rules must
 * leave these models' weights readable; that is why they stay readable for the whole target.
 *
 * @param target the root, OU or account whose rules are being compiled
 * @param hubs the resolved `jumpstartHubs:`
 * @param targets every target of the organization (for OU ids, account ids and their lineage)
 * @returns JumpStart model ids, sorted, without duplicates
 */
export function hubModelsInReach(target: Target, hubs: readonly ResolvedHub[], targets: readonly Target[]): string[] {
  const overlaps = (other: Target): boolean => other.lineage.includes(target.layer) || target.lineage.includes(other.layer);
  const { accountById, unitById } = targetIndex(targets);
  const reaches = (hub: ResolvedHub): boolean => {
    const shared = [hub.accountId, ...hub.principals];
    return shared.some((principal) => {
      if (/:organization\//.test(principal)) return true;
      const unitId = /:ou\/[^/]*\/(ou-[0-9a-z-]+)$/.exec(principal)?.[1];
      const holder = unitId ? unitById.get(unitId) : accountById.get(principal);
      return holder !== undefined && overlaps(holder);
    });
  };
  return [...new Set(hubs.filter(reaches).flatMap((hub) => hub.models.map((m) => m.id)))].sort();
}
