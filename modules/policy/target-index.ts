import type { Target } from '../config';

/**
 * The targets of an organization by layer key, by account id and by OU id. Each lookup used to
 * search the whole list, once per target and ancestor: quadratic in a large organization.
 */
export interface TargetIndex {
  readonly byLayer: ReadonlyMap<string, Target>;
  readonly accountById: ReadonlyMap<string, Target>;
  readonly unitById: ReadonlyMap<string, Target>;
}

const indexes = new WeakMap<readonly Target[], TargetIndex>();

/** The index of a target list, built once per list; each key names its first target in the list, as `find` would. */
export function targetIndex(targets: readonly Target[]): TargetIndex {
  let index = indexes.get(targets);
  if (!index) {
    const byLayer = new Map<string, Target>();
    const accountById = new Map<string, Target>();
    const unitById = new Map<string, Target>();
    for (const target of targets) {
      if (!byLayer.has(target.layer)) byLayer.set(target.layer, target);
      const byId = target.kind === 'account' ? accountById : target.kind === 'unit' ? unitById : undefined;
      if (byId && !byId.has(target.id)) byId.set(target.id, target);
    }
    index = { byLayer, accountById, unitById };
    indexes.set(targets, index);
  }
  return index;
}
