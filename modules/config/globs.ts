/**
 * Globs as IAM matches them (ArnLike, StringLike, Action and Resource): `*` any run of characters,
 * including none and including `:` and `/`; `?` exactly one character; everything else literal.
 * The one glob helper of modelgate: the config checks, the policy rules and the report all match
 * model ids, ARNs and actions through it.
 */

const compiled = new Map<string, RegExp>();

/**
 * A regular expression that matches a whole string when one of the globs matches it; none of an
 * empty list. `ignoreCase` for actions, which IAM compares without regard to case.
 */
export function globRegExp(globs: string | readonly string[], options: { readonly ignoreCase?: boolean } = {}): RegExp {
  const list = typeof globs === 'string' ? [globs] : globs;
  if (list.length === 0) return /(?!)/;
  const body = list.map((glob) => Array.from(glob, (c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')).join('|');
  // 's': a glob has no notion of lines, so `*` and `?` also cover a line break.
  return new RegExp(`^(?:${body})$`, options.ignoreCase ? 'is' : 's');
}

/** Whether the glob matches the whole text (case-sensitive, as ARN matching is). */
export function globMatches(glob: string, text: string): boolean {
  let regex = compiled.get(glob);
  if (regex === undefined) {
    regex = globRegExp(glob);
    compiled.set(glob, regex);
  }
  return regex.test(text);
}

/**
 * Whether every string `inner` matches is also matched by `outer`. Sound: a `*` of `inner` can only
 * be absorbed by a `*` of `outer`, so an answer of true is always right; rare overlaps such as
 * `a*` inside `a?*` are answered false, which only makes the check stricter.
 */
export function globCovers(outer: string, inner: string): boolean {
  const memo = new Map<number, boolean>();
  const at = (i: number, j: number): boolean => {
    const key = i * (inner.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === outer.length) result = j === inner.length;
    else if (outer[i] === '*') result = at(i + 1, j) || (j < inner.length && at(i, j + 1));
    else if (j === inner.length || inner[j] === '*') result = false;
    else if (inner[j] === '?') result = outer[i] === '?' && at(i + 1, j + 1);
    else result = (outer[i] === '?' || outer[i] === inner[j]) && at(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return at(0, 0);
}

/**
 * Whether some string matches both globs. Rules that deny "every model but these" use it to prove
 * that no deny pattern reaches an allowed model, including models published after the rule was written.
 */
export function globsIntersect(a: string, b: string): boolean {
  const memo = new Map<number, boolean>();
  const at = (i: number, j: number): boolean => {
    const key = i * (b.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === a.length && j === b.length) result = true;
    else if (i < a.length && a[i] === '*') result = at(i + 1, j) || (j < b.length && at(i, j + 1));
    else if (j < b.length && b[j] === '*') result = at(i, j + 1) || (i < a.length && at(i + 1, j));
    else if (i === a.length || j === b.length) result = false;
    else result = (a[i] === '?' || b[j] === '?' || a[i] === b[j]) && at(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return at(0, 0);
}
