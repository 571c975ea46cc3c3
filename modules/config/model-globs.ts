/**
 * Set relations between model-id globs (`*` any run of characters, `?` one character), so that a
 * role's models can be checked against the account's rules without listing every model id.
 */

/**
 * Whether every id `inner` matches is also matched by `outer`. Sound: a `*` of `inner` can only be
 * absorbed by a `*` of `outer`, so an answer of true is always right; rare overlaps such as
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

/** Whether some model id matches both globs. */
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
