/**
 * The fewest model-id globs that match every id a rule denies and never reach a model it keeps.
 *
 * IAM has no "every object but these" for a Deny in an SCP (a NotResource deny would reach all of
 * S3), so a rule that allows a few models denies the others by name: every id of a dated snapshot
 * that the rule does not keep. Naming ~1,000 ids would not fit an SCP; this walks the ids as a
 * prefix tree and takes the shortest prefix `p*` whose glob cannot reach a kept model, falling
 * back to the exact id where no prefix is safe. The shortest safe prefix also denies models
 * published after the snapshot whose ids start with it.
 *
 * @param denied the ids to deny (e.g. the snapshot minus the kept models)
 * @param reachesKept whether a glob (`p*` or an exact id) could deny a kept model
 * @returns sorted globs; ids for which even the exact glob reaches a kept model are left out
 */
export function coverModelIds(denied: readonly string[], reachesKept: (glob: string) => boolean): string[] {
  const globs: string[] = [];
  const walk = (prefix: string, ids: readonly string[]): void => {
    if (ids.length === 0) return;
    if (!reachesKept(`${prefix}*`)) {
      globs.push(`${prefix}*`);
      return;
    }
    if (ids.includes(prefix) && !reachesKept(prefix)) globs.push(prefix);
    const byNext = new Map<string, string[]>();
    for (const id of ids) {
      if (id.length === prefix.length) continue;
      const next = id.slice(0, prefix.length + 1);
      const group = byNext.get(next);
      if (group) group.push(id);
      else byNext.set(next, [id]);
    }
    for (const [next, under] of byNext) walk(next, under);
  };
  walk('', [...new Set(denied)]);
  return globs.sort();
}
