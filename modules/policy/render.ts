import type { PolicyStatement } from './statement';

/**
 * The one renderer of IAM documents (SCPs, role, trust, key, topic, bus and bucket policies):
 * literal minified JSON, keys in a fixed order, condition operators and keys sorted, so the same
 * statements always give the same characters.
 */

const VERSION = '2012-10-17';

/**
 * How lists are written. `compact` writes a one-element list as a plain string, which saves
 * characters where a limit counts them (SCPs, inline role policies); `lists` keeps every list an
 * array, as the resource policies placed by monitoring always were.
 */
export type ListStyle = 'compact' | 'lists';

const rendered: Record<ListStyle, WeakMap<PolicyStatement, string>> = { compact: new WeakMap(), lists: new WeakMap() };

/** Minified statement JSON; an empty Sid is left out (IAM does not require one). */
export function renderStatement(statement: PolicyStatement, style: ListStyle = 'compact'): string {
  let text = rendered[style].get(statement);
  if (text === undefined) {
    text = render(statement, style);
    rendered[style].set(statement, text);
  }
  return text;
}

/** A whole policy document around the statements, in the order given. */
export function renderDocument(statements: readonly PolicyStatement[], style: ListStyle = 'compact'): string {
  return `{"Version":"${VERSION}","Statement":[${statements.map((s) => renderStatement(s, style)).join(',')}]}`;
}

function render(statement: PolicyStatement, style: ListStyle): string {
  const list = (values: readonly string[]): string | readonly string[] => (style === 'compact' && values.length === 1 ? (values[0] as string) : values);
  const out: Record<string, unknown> = {};
  if (statement.Sid !== '') out.Sid = statement.Sid;
  out.Effect = statement.Effect;
  for (const key of ['Principal', 'NotPrincipal'] as const) {
    const principal = statement[key];
    // A principal of one value is written as a string in every style: AWS shows it so.
    if (principal) out[key] = Object.fromEntries(Object.entries(principal).map(([kind, values]) => [kind, values.length === 1 ? values[0] : values]));
  }
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    const values = statement[key];
    if (values) out[key] = list(values);
  }
  if (statement.Condition) {
    const condition: Record<string, Record<string, unknown>> = {};
    for (const operator of Object.keys(statement.Condition).sort()) {
      const keys = statement.Condition[operator] ?? {};
      condition[operator] = Object.fromEntries(Object.keys(keys).sort().map((k) => [k, list(keys[k] ?? [])]));
    }
    out.Condition = condition;
  }
  return JSON.stringify(out);
}
