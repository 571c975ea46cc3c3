/**
 * Whether two IAM globs (`*`: any run of characters, including none; `?`: exactly one character)
 * can match the same string. Rules that deny "every model but these" use it to prove that no deny
 * pattern reaches an allowed model, including models published after the rule was written.
 */
export function globsOverlap(a: string, b: string): boolean {
  const seen = new Map<number, boolean>();
  const width = b.length + 1;
  const overlap = (i: number, j: number): boolean => {
    const key = i * width + j;
    const known = seen.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (a[i] === '*') {
      // The star matches nothing here, or it absorbs whatever b's next token stands for.
      result = overlap(i + 1, j) || (j < b.length && overlap(i, j + 1));
    } else if (b[j] === '*') {
      result = overlap(i, j + 1) || (i < a.length && overlap(i + 1, j));
    } else if (i === a.length || j === b.length) {
      result = i === a.length && j === b.length;
    } else {
      result = (a[i] === b[j] || a[i] === '?' || b[j] === '?') && overlap(i + 1, j + 1);
    }
    seen.set(key, result);
    return result;
  };
  return overlap(0, 0);
}
