import type { ResolvedGovernance } from '../modules/config';
import type { CompiledTarget } from '../modules/policy';
import { dependsOnRootStack } from './account-layer-needs';

/**
 * Stacks the main thread writes before the other threads get any: a new thread starts a little
 * after the main one and loads its code again, while the main thread only has the manifest and
 * the synth record left to write when its stacks are done.
 */
export const MAIN_THREAD_LEAD = 25;

/**
 * The thread (0 = the main thread) that places and writes each stack, in the order of `targets`.
 * The root stack and the stacks that depend on it stay on the main thread (a dependency is only
 * recorded between stacks of one cdktf app); the main thread also takes a lead of the first stacks
 * (MAIN_THREAD_LEAD, or half an even share in a small config, so that it is shared too), and the
 * remaining stacks go round the threads in turn.
 */
export function synthShares(governance: ResolvedGovernance, targets: readonly CompiledTarget[], threads: number): number[] {
  const stays = (t: CompiledTarget): boolean => t.target.kind === 'root' || dependsOnRootStack(governance, t.target);
  const movable = targets.filter((t) => !stays(t)).length;
  let lead = Math.min(MAIN_THREAD_LEAD, Math.floor(movable / (2 * threads)));
  let next = 0;
  return targets.map((t) => {
    if (threads === 1 || stays(t)) return 0;
    if (lead > 0) {
      lead--;
      return 0;
    }
    const thread = next;
    next = (next + 1) % threads;
    return thread;
  });
}
