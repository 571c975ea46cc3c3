/**
 * A small EventBridge event-pattern matcher for tests, covering what modelgate's patterns use and a
 * little more: exact strings, { prefix }, { "anything-but" } and { exists }, nested objects, and
 * array-valued event fields (any element may match). No library for this is available offline, and
 * the AWS TestEventPattern API needs an account, so this follows the rules of the EventBridge User
 * Guide, "Event patterns" and "Content filtering": every field of the pattern must match; a list
 * matches when any of its values matches; a field missing from the event matches nothing except
 * { exists: false }.
 */

type Matcher = string | number | boolean | null | { prefix: string } | { 'anything-but': unknown } | { exists: boolean };
type Pattern = { [field: string]: Matcher[] | Pattern };

export function matchesPattern(pattern: Pattern, event: unknown): boolean {
  return Object.entries(pattern).every(([field, expected]) => {
    const value = isObject(event) ? event[field] : undefined;
    if (Array.isArray(expected)) return matchesList(expected, value);
    return isObject(value) && matchesPattern(expected, value);
  });
}

function matchesList(matchers: readonly Matcher[], value: unknown): boolean {
  const values = Array.isArray(value) ? value : [value];
  return matchers.some((matcher) => {
    if (isObject(matcher) && 'exists' in matcher) return matcher.exists === (value !== undefined);
    if (value === undefined) return false;
    return values.some((v) => matchesValue(matcher, v));
  });
}

function matchesValue(matcher: Matcher, value: unknown): boolean {
  if (isObject(matcher)) {
    if ('prefix' in matcher) return typeof value === 'string' && value.startsWith(matcher.prefix);
    if ('anything-but' in matcher) {
      const excluded = matcher['anything-but'];
      return Array.isArray(excluded) ? !excluded.includes(value) : excluded !== value;
    }
    throw new Error(`matcher ${JSON.stringify(matcher)} is not supported by this test matcher`);
  }
  return matcher === value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
