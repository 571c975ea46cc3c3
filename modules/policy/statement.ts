/** A condition block: operator -> condition key -> values, e.g. { ArnNotLike: { 'aws:PrincipalArn': [...] } }. */
export type Condition = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/** Who a resource or trust policy statement applies to: principal kind (AWS, Service, ...) -> values. */
export type Principals = Readonly<Record<string, readonly string[]>>;

/**
 * One IAM policy statement as modelgate emits it, in every kind of document (SCPs, role, trust and
 * resource policies). Lists are always arrays here; the renderer writes a single-element list as a
 * plain string where characters count.
 */
export interface PolicyStatement {
  /** Names the rule the statement comes from; only letters and digits (IAM's rule for Sid); empty for none. */
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  /** Resource and trust policies only: SCPs and identity policies have no principal. */
  readonly Principal?: Principals;
  readonly NotPrincipal?: Principals;
  readonly Action?: readonly string[];
  readonly NotAction?: readonly string[];
  readonly Resource?: readonly string[];
  readonly NotResource?: readonly string[];
  readonly Condition?: Condition;
}

/**
 * Something in the config that cannot become a valid policy, named by the config path of the rule
 * (`models.Sandbox.bedrock.allow`); the compiler places it in the file.
 */
export interface RuleProblem {
  readonly path: string;
  readonly message: string;
}

/** A statement and the config path of the rule that produced it, so any later error can point at the rule. */
export interface RuleStatement {
  readonly statement: PolicyStatement;
  /** e.g. `models.Sandbox.bedrock.allow` */
  readonly source: string;
}

/** Adds (or extends) one condition operator/key pair, keeping keys sorted for deterministic output. */
export function withCondition(condition: Condition | undefined, operator: string, key: string, values: readonly string[]): Condition {
  const existing = condition?.[operator]?.[key] ?? [];
  const merged = [...new Set([...existing, ...values])].sort();
  return { ...(condition ?? {}), [operator]: { ...(condition?.[operator] ?? {}), [key]: merged } };
}
