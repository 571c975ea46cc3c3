import type { ConfigLocator } from './config-locator';
import { formatPath, type ConfigProblem } from './problems';
import { describeCharacter, unsafeCharacters } from './unsafe-text';

/** Problems reported for one file at most: the first ones show the pattern, the rest is noise. */
const MAX_REPORTED = 20;

/**
 * Refuses unsafe characters anywhere in the text, comments included (a comment that hides or
 * reorders text misleads a reviewer as much as a value does), each at its exact line and column
 * and under the config path written there. Escapes inside double-quoted strings ("\u202E") are
 * caught after parsing, by checkRawDocument.
 */
export function checkConfigText(text: string, file: string, at: ConfigLocator): ConfigProblem[] {
  const found = unsafeCharacters(text, MAX_REPORTED);
  if (found.length === 0) return [];
  return found.map(({ character, index }) => {
    const before = text.slice(0, index);
    const line = before.split('\n').length;
    const column = index - before.lastIndexOf('\n');
    return { file, line, column, path: formatPath(at.pathAt(index)), message: `found ${describeCharacter(character)}; a reviewer cannot see it, so it is refused: remove it` };
  });
}
