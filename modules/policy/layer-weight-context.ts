import type { ResolvedGovernance, Target } from '../config';
import { hubModelsInReach } from './hub-models-in-reach';
import { PairCache } from './pair-cache';
import { allButDenials, type WeightContext, type WeightsDenial } from './rules/jumpstart-weights';
import { targetIndex } from './target-index';

/**
 * What the JumpStart weight rules of a target need from the rest of the organization: the models
 * of the private hubs its accounts use, and the weight denials the layers above it already make
 * (an SCP above reaches every account below, so a denial it makes need not be repeated here).
 */
export function layerWeightContext(target: Target, governance: ResolvedGovernance): WeightContext {
  const { targets, jumpstartHubs } = governance;
  const { byLayer } = targetIndex(targets);
  const ancestors = target.lineage
    .slice(0, -1)
    .map((layer) => byLayer.get(layer))
    .filter((t): t is Target => t !== undefined && t.rules !== undefined);
  return {
    hubModels: hubModelsInReach(target, jumpstartHubs, targets),
    denyUnapproved: deniesUnapprovedWeights(target, targets),
    inherited: ancestors.flatMap((ancestor) =>
      denialsFor(ancestor, governance).map((denial) => ({
        kept: denial.kept,
        exempt: denial.exempt.filter((pattern) => mayBeAtOrBelow(pattern, target, targets)),
      })),
    ),
  };
}

/** The weight denials a layer makes for every layer below it, by layer, per organization: its accounts and OUs all ask. */
const denialsByGovernance = new PairCache<ResolvedGovernance, Target, readonly WeightsDenial[]>();

function denialsFor(ancestor: Target, governance: ResolvedGovernance): readonly WeightsDenial[] {
  const { targets, jumpstartHubs } = governance;
  return denialsByGovernance.get(governance, ancestor, () =>
    deniesUnapprovedWeights(ancestor, targets) ? allButDenials(ancestor.rules ?? {}, hubModelsInReach(ancestor, jumpstartHubs, targets)) : [],
  );
}

/** The nearest `jumpstart.weights` on the way from the root to the target decides; the default denies unapproved weights. */
export function deniesUnapprovedWeights(target: Target, targets: readonly Target[]): boolean {
  const { byLayer } = targetIndex(targets);
  for (const layer of [...target.lineage].reverse()) {
    const setting = byLayer.get(layer)?.rules?.jumpstart?.weights;
    if (setting !== undefined) return setting === 'denyUnapproved';
  }
  return true;
}

/**
 * Whether a principal ARN pattern can match a principal in an account at or below the target:
 * only a pattern pinned to an account that the config places elsewhere cannot.
 */
function mayBeAtOrBelow(pattern: string, target: Target, targets: readonly Target[]): boolean {
  const account = /^arn:[^:]*:(?:iam|sts)::(\d{12}):/.exec(pattern)?.[1];
  const holder = account === undefined ? undefined : targetIndex(targets).accountById.get(account);
  return holder === undefined || holder.lineage.includes(target.layer);
}
