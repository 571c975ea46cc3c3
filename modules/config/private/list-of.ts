/**
 * The names a message offers as the expected values: ` ("a", "b", ...)` with the first eight, or
 * ` (none are declared)`.
 */
export function listOf(names: Iterable<string>): string {
  const all = [...names];
  if (all.length === 0) return ' (none are declared)';
  const shown = all.slice(0, 8).map((n) => `"${n}"`).join(', ');
  return ` (${shown}${all.length > 8 ? ', ...' : ''})`;
}
