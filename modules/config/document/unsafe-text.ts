/**
 * Characters that no name, key or value of governance.yaml may hold: they are invisible or change
 * how the text around them is displayed, so a reviewer would approve something other than what
 * AWS receives (Trojan Source, CVE-2021-42574), or they break the tools the text goes through.
 * Tab and line feed stay allowed: YAML uses them, and descriptions may span lines.
 *
 * - C0 and C1 control characters and DEL, carriage return included (YAML turns line breaks into
 *   line feeds, so a CR can only come from an escape);
 * - bidirectional controls: ALM, LRM, RLM, embeddings and overrides U+202A..U+202E, isolates
 *   U+2066..U+2069, and the deprecated format characters U+206A..U+206F;
 * - invisible format characters: soft hyphen, Mongolian vowel separator, zero-width space, joiner
 *   and non-joiner, word joiner and the invisible operators U+2060..U+2064, byte order mark inside
 *   text, interlinear annotation U+FFF9..U+FFFB, and the tag characters U+E0000..U+E007F (text
 *   that is invisible to people but read by language models);
 * - line and paragraph separators U+2028 and U+2029, noncharacters U+FFFE and U+FFFF, and lone
 *   surrogates (a double-quoted "\uD800" escape), which are not characters at all.
 */
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\uFFFE\uFFFF\p{Cs}\u{E0000}-\u{E007F}]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'gu');

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'NULL',
  0x07: 'BELL',
  0x08: 'BACKSPACE',
  0x0b: 'LINE TABULATION',
  0x0c: 'FORM FEED',
  0x0d: 'CARRIAGE RETURN',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0xad: 'SOFT HYPHEN',
  0x061c: 'ARABIC LETTER MARK',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (byte order mark)',
};

/** The first unsafe character of `text` and its index, or undefined when there is none. */
export function firstUnsafeCharacter(text: string): { readonly character: string; readonly index: number } | undefined {
  const match = UNSAFE.exec(text);
  return match ? { character: match[0], index: match.index } : undefined;
}

/**
 * The first `limit` unsafe characters of a file's text with their indexes. Carriage returns are
 * line breaks there (CRLF files), so only those inside parsed values count.
 */
export function unsafeCharacters(text: string, limit: number): { readonly character: string; readonly index: number }[] {
  const found: { character: string; index: number }[] = [];
  for (const match of text.matchAll(UNSAFE_ALL)) {
    if (match[0] === '\r') continue;
    found.push({ character: match[0], index: match.index });
    if (found.length >= limit) break;
  }
  return found;
}

/** "U+202E (RIGHT-TO-LEFT OVERRIDE), a bidirectional control character": what the reader needs to find and remove it. */
export function describeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  const name = NAMES[code];
  const kind =
    code < 0x20 || (code >= 0x7f && code <= 0x9f)
      ? 'a control character'
      : code === 0x061c || (code >= 0x200e && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)
        ? 'a bidirectional control character that changes the order in which text is displayed'
        : code >= 0xd800 && code <= 0xdfff
          ? 'half of a surrogate pair, not a character'
          : 'an invisible character';
  return `${codePoint(code)}${name ? ` (${name})` : ''}, ${kind}`;
}

/** `text` with every unsafe character written as \u{...}, safe to print in a terminal or a CI log. */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE_ALL, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`);
}

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
