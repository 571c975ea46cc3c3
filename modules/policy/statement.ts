/** A condition block: operator -> condition key -> values, e.g. { ArnNotLike: { 'aws:PrincipalArn': [...] } }. */
export type Condition = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/**
 * One IAM policy statement as modelgate emits it. Lists are always arrays here; the packer writes a
 * single-element list as a plain string to save characters.
 */
export interface PolicyStatement {
  /** Names the rule the statement comes from; only letters and digits (IAM's rule for Sid). */
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: readonly string[];
  readonly NotAction?: readonly string[];
  readonly Resource?: readonly string[];
  readonly NotResource?: readonly string[];
  readonly Condition?: Condition;
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
