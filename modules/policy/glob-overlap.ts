/**
 * Whether two IAM globs (`*`: any run of characters, including none; `?`: exactly one character)
 * can match the same string. Rules that deny "every model but these" use it to prove that no deny
 * pattern reaches an allowed model, including models published after the rule was written.
 */
export function globsOverlap(a: string, b: string): boolean {
  // A model id against a glob, and a prefix `p*` of the model-id cover against a kept glob, are most
  // of the questions: answered in one pass, without the general walk.
  const simple = simpleOverlap(a, b) ?? simpleOverlap(b, a);
  if (simple !== undefined) return simple;
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

/** globsOverlap when `a` is plain text, or plain text and one final `*`; undefined for any other `a`. */
function simpleOverlap(a: string, b: string): boolean | undefined {
  const wildcard = a.search(/[*?]/);
  if (wildcard === -1) return matchesText(b, a);
  if (wildcard === a.length - 1 && a.endsWith('*')) return reachesPrefix(b, a.slice(0, -1));
  return undefined;
}

/** Whether `glob` matches `text`, which holds no wildcard: one pass, going back only to the last `*`. */
function matchesText(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let resumeAt = 0;
  while (t < text.length) {
    if (g < glob.length && (glob[g] === '?' || glob[g] === text[t])) {
      g += 1;
      t += 1;
    } else if (g < glob.length && glob[g] === '*') {
      star = g;
      g += 1;
      resumeAt = t;
    } else if (star !== -1) {
      // The last star absorbs one more character.
      g = star + 1;
      resumeAt += 1;
      t = resumeAt;
    } else {
      return false;
    }
  }
  while (glob[g] === '*') g += 1;
  return g === glob.length;
}

/**
 * Whether `glob` matches some text that starts with `prefix` (which holds no wildcard): its
 * characters before its first `*` must fit the prefix, and it must not end before the prefix does;
 * whatever follows can always be matched by some text.
 */
function reachesPrefix(glob: string, prefix: string): boolean {
  for (let i = 0; i < prefix.length; i++) {
    const c = glob[i];
    if (c === undefined) return false;
    if (c === '*') return true;
    if (c !== '?' && c !== prefix[i]) return false;
  }
  return true;
}
