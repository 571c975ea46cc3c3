/**
 * The hashicorp/aws releases a stack may run on. The provider classes are generated from 6.25.0
 * (@cdktf/provider-aws 21.22.1), and the resource-level `region` argument appeared in 6.0.0; a 7.x
 * release may change resources, so it is left to a deliberate upgrade.
 */
export const DEFAULT_AWS_PROVIDER_VERSION = '>= 6.25.0, < 7.0.0';

const VERSION = String.raw`\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?`;
const TERM = new RegExp(String.raw`^\s*(=|!=|>=|>|<=|<|~>)?\s*(${VERSION})\s*$`);

/** Whether `text` is a Terraform version constraint: comma-separated terms such as ">= 6.25.0", "< 7.0.0", "~> 6.30". */
export function isVersionConstraint(text: string): boolean {
  return text.split(',').every((term) => TERM.test(term));
}

export interface Term {
  readonly operator: string;
  readonly version: string;
}

export function termsOf(constraint: string): Term[] {
  return constraint.split(',').map((text) => {
    const [, operator = '=', version = ''] = TERM.exec(text) ?? [];
    return { operator, version };
  });
}

/** Numeric comparison of dotted versions; missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string): number[] => v.split('-')[0]!.split('.').map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** Whether every version the constraint accepts is at least `minimum` (a lower bound or a pin at or above it). */
function impliesAtLeast(terms: readonly Term[], minimum: string): boolean {
  return terms.some((t) => ['=', '>=', '~>', '>'].includes(t.operator) && compareVersions(t.version, minimum) >= 0);
}

/** raiseAwsProviderVersion's answers, by constraint and minimum. */
const raisedConstraints = new Map<string, string>();

/**
 * The constraint a stack writes: the configured one, with `>= minimum` in place of lower bounds
 * below it when the stack's resources need a newer release. Upper bounds and exclusions stay.
 */
export function raiseAwsProviderVersion(constraint: string, minimum: string | undefined): string {
  // Every stack asks, with the same few pairs: parse each pair once.
  const key = `${constraint}\u0000${minimum ?? ''}`;
  let raised = raisedConstraints.get(key);
  if (raised === undefined) {
    raised = raise(constraint, minimum);
    raisedConstraints.set(key, raised);
  }
  return raised;
}

function raise(constraint: string, minimum: string | undefined): string {
  const terms = termsOf(constraint);
  if (minimum === undefined || impliesAtLeast(terms, minimum)) return terms.map(formatTerm).join(', ');
  const kept = terms.filter((t) => !(['>=', '>'].includes(t.operator) && compareVersions(t.version, minimum) < 0));
  return [{ operator: '>=', version: minimum }, ...kept].map(formatTerm).join(', ');
}

function formatTerm(term: Term): string {
  return `${term.operator} ${term.version}`;
}
