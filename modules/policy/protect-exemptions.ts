import { exemptPrincipalStatements, isProtectablePattern, type ExemptPrincipalManagers } from './rules/exempt-principal-protection';
import type { RuleStatement } from './statement';

const MANAGED_BY = 'exemptPrincipals.managedBy';
const ASSUMABLE_BY = 'exemptPrincipals.assumableBy';

/** What a target's protection needs from the resolved config. */
export interface ExemptionProtectionInput {
  readonly partition: string;
  readonly breakGlass: readonly string[];
  readonly exemptPrincipals: ExemptPrincipalManagers;
}

/** A target's statements with their protection, and every pattern protected at or above the target. */
export interface ProtectedStatements {
  readonly statements: readonly RuleStatement[];
  /** Patterns protected at this target or an ancestor: a descendant need not protect them again. */
  readonly protectedPatterns: ReadonlySet<string>;
}

/**
 * Adds the protection of every principal that the target's denies exempt, and of the managers and
 * assumers that the protection itself exempts, at the same layer, unless an ancestor already
 * protects that pattern (an SCP on an ancestor applies to every account below it).
 */
export function withExemptionProtection(
  statements: readonly RuleStatement[],
  inherited: ReadonlySet<string>,
  input: ExemptionProtectionInput,
): ProtectedStatements {
  const exempted = exemptedPatterns(statements);
  if (exempted.size === 0) return { statements, protectedPatterns: inherited };
  const { managedBy, assumableBy = [] } = input.exemptPrincipals;
  // The first claim names a pattern: a principal the rules exempt keeps that role even when it
  // is also a manager or an assumer.
  const sourceOf = new Map<string, string>();
  const claim = (patterns: readonly string[], source: string): void => {
    for (const pattern of patterns) if (!sourceOf.has(pattern)) sourceOf.set(pattern, source);
  };
  claim(input.breakGlass, 'breakGlass');
  for (const [pattern, source] of exempted) claim([pattern], source);
  claim(managedBy, MANAGED_BY);
  claim(assumableBy, ASSUMABLE_BY);

  const bySource = new Map<string, string[]>();
  for (const [pattern, source] of [...sourceOf].sort(([a], [b]) => a.localeCompare(b))) {
    if (inherited.has(pattern) || !isProtectablePattern(pattern)) continue;
    bySource.set(source, [...(bySource.get(source) ?? []), pattern]);
  }
  const groups = [...bySource].map(([source, patterns]) => ({ source, patterns, exemptFromRules: source !== MANAGED_BY && source !== ASSUMABLE_BY }));
  const context = { partition: input.partition, breakGlass: input.breakGlass, layerPath: '' };
  return {
    statements: [...statements, ...exemptPrincipalStatements(groups, input.exemptPrincipals, context)],
    protectedPatterns: new Set([...inherited, ...sourceOf.keys()]),
  };
}

/** Every pattern a Deny exempts through `ArnNotLike aws:PrincipalArn`, with the rule it is written for. */
export function exemptedPatterns(statements: readonly RuleStatement[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const { statement, source } of statements) {
    if (statement.Effect !== 'Deny') continue;
    for (const pattern of statement.Condition?.ArnNotLike?.['aws:PrincipalArn'] ?? []) {
      if (!found.has(pattern)) found.set(pattern, source);
    }
  }
  return found;
}
