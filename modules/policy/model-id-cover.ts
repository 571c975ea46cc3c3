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
  // Sorted, the ids under a prefix are one run, the prefix itself (if it is an id) first.
  const ids = [...new Set(denied)].sort();
  const globs: string[] = [];
  /** Covers ids[from, to), which all start with `prefix`. */
  const walk = (prefix: string, from: number, to: number): void => {
    if (from === to) return;
    if (!reachesKept(`${prefix}*`)) {
      globs.push(`${prefix}*`);
      return;
    }
    let start = from;
    if (ids[start] === prefix) {
      if (!reachesKept(prefix)) globs.push(prefix);
      start += 1;
    }
    const at = prefix.length;
    while (start < to) {
      const next = (ids[start] as string)[at];
      let end = start + 1;
      while (end < to && (ids[end] as string)[at] === next) end += 1;
      walk(prefix + next, start, end);
      start = end;
    }
  };
  walk('', 0, ids.length);
  return globs.sort();
}
