import { MAX_NESTING, MAX_VALUES } from './input-limits';
import type { ConfigLocator } from './config-locator';
import type { ConfigProblem } from './problems';
import { describeCharacter, escapeUnsafe, firstUnsafeCharacter } from './unsafe-text';

/**
 * Names every plain object already has in JavaScript (Object.prototype). As keys they would be
 * read back from the prototype where the config has no entry, or, for `__proto__`, replace the
 * prototype and lose the entry: refused everywhere, so every key is either used or refused.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
]);

/**
 * Checks the parsed YAML before the schema sees it, so that the schema, the messages and the
 * compiler only ever meet a finite tree of safe text: no alias that contains itself, no more than
 * MAX_VALUES values and MAX_NESTING levels once aliases are expanded, no reserved key, no unsafe
 * character in a key or a string, no infinite or NaN number. The walk stops at the first value
 * past a limit, so its cost is bounded by the limits, whatever the aliases multiply.
 */
export function checkRawDocument(data: unknown, at: ConfigLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const checked = new Set<object>();
  const open = new Set<object>();
  // One path, extended and shortened as the walk goes: copied only when a problem is reported.
  const path: (string | number)[] = [];
  const report = (message: string, options: { readonly atKey?: boolean } = {}): void => {
    problems.push(at.problem([...path], message, options));
  };
  let values = 0;
  let stopped = false;

  /** `fresh`: false inside a mapping or list already checked at an earlier place (an alias repeats it). */
  const visit = (value: unknown, fresh: boolean): void => {
    values++;
    if (values > MAX_VALUES) {
      report(`the document holds more than ${MAX_VALUES.toLocaleString('en-US')} values once its YAML aliases are expanded, the most modelgate reads; remove aliases that repeat large parts of the file`);
      stopped = true;
      return;
    }
    if (typeof value === 'string') {
      if (fresh) checkText(value, 'value');
      return;
    }
    if (typeof value === 'number') {
      if (fresh && !Number.isFinite(value)) report(`expected a finite number; found ${String(value)} (.inf and .nan are not amounts any AWS setting takes)`);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (open.has(value)) {
      if (fresh) report('this YAML alias refers to a mapping or list that contains it, so the value would never end; copy the part you need instead of aliasing its parent');
      return;
    }
    if (path.length >= MAX_NESTING) {
      report(`mappings and lists nest more than ${MAX_NESTING} levels deep here (aliases expanded); governance.yaml needs far fewer`);
      stopped = true;
      return;
    }
    const first = fresh && !checked.has(value);
    checked.add(value);
    open.add(value);
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length && !stopped; index++) {
        path.push(index);
        visit(value[index], first);
        path.pop();
      }
    } else {
      for (const key of Object.keys(value)) {
        path.push(key);
        if (first) checkKey(key);
        visit((value as Record<string, unknown>)[key], first);
        path.pop();
        if (stopped) break;
      }
    }
    open.delete(value);
  };

  const checkKey = (key: string): void => {
    if (RESERVED_KEYS.has(key)) {
      report(`"${key}" cannot be used as a name or key: every JavaScript object already has a property of that name, so modelgate could misread or lose this entry; rename it`, {
        atKey: true,
      });
      return;
    }
    checkText(key, 'key');
  };

  const checkText = (text: string, what: 'key' | 'value'): void => {
    const unsafe = firstUnsafeCharacter(text);
    if (!unsafe) return;
    const position = unsafe.index === 0 ? 'starts with' : `has, as character ${unsafe.index + 1},`;
    report(`the ${what} "${shorten(escapeUnsafe(text))}" ${position} ${describeCharacter(unsafe.character)}; a reviewer cannot see it, so it is refused: remove it`, {
      atKey: what === 'key',
    });
  };

  visit(data, true);
  return problems;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
