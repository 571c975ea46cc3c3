import type { z } from 'zod';
import { governanceSchema } from '../schema';
import type { ConfigLocator } from './config-locator';
import type { ConfigPath, ConfigProblem } from './problems';
import { allowedKeysAt } from './schema-keys';

/** Turns a schema issue into "expected X; found Y", the sentence the user acts on. */
export function describeIssue(issue: z.core.$ZodIssue, data: unknown, locator: ConfigLocator): ConfigProblem {
  const path = issue.path as ConfigPath;
  const found = valueAt(data, path);
  const at = (message: string): ConfigProblem => locator.problem(path, message);
  const expected = (what: string): ConfigProblem => at(found === undefined ? `missing; expected ${what}` : `expected ${what}; found ${show(found)}`);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const [key] = issue.keys;
      const allowed = allowedKeysAt(governanceSchema, path).map((k) => `"${k}"`).join(', ');
      const names = issue.keys.map((k) => `"${k}"`).join(', ');
      return locator.problem([...path, key ?? ''], `unknown key${issue.keys.length > 1 ? 's' : ''} ${names}; the keys allowed here are ${allowed}`, {
        atKey: true,
      });
    }
    case 'invalid_type':
      if (issue.expected === 'string' && typeof found === 'number') {
        const written = locator.sourceAt(path) ?? String(found);
        const what = /^\d+$/.test(written) ? 'a 12-digit account id' : 'text';
        return at(`expected ${what} in quotes; found the number ${written}: YAML reads unquoted digits as a number (and drops leading zeros), so write "${written}"`);
      }
      return expected(article(issue.expected));
    case 'invalid_value':
      return expected(`one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`);
    case 'invalid_key':
      return locator.problem(path, `invalid name "${String(path[path.length - 1])}"; expected ${issue.issues[0]?.message ?? 'another name'}`, { atKey: true });
    case 'too_small':
      return expected(isDefault(issue.message) ? `at least ${String(issue.minimum)}${issue.origin === 'array' ? ' item(s)' : ''}` : issue.message);
    case 'too_big':
      return expected(isDefault(issue.message) ? `at most ${String(issue.maximum)}${issue.origin === 'array' ? ' item(s)' : ''}` : issue.message);
    default:
      return expected(issue.message);
  }
}

/** zod's own wording ("Too small: expected ...") is replaced by ours; a schema's custom message is kept. */
function isDefault(message: string): boolean {
  return /^(Too (big|small)|Invalid)/.test(message);
}

function article(type: string): string {
  return type === 'array' ? 'a list' : type === 'object' ? 'a mapping' : `a ${type}`;
}

function valueAt(data: unknown, path: ConfigPath): unknown {
  let value: unknown = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
