import type { PolicyStatement } from './statement';

/**
 * The lock-out guard: a Deny that does not exempt every break-glass principal could lock the
 * platform team out of its own organization. Returns the Sids of such statements.
 */
export function statementsDenyingBreakGlass(statements: readonly PolicyStatement[], breakGlass: readonly string[]): string[] {
  if (breakGlass.length === 0) return [];
  return statements
    .filter((s) => s.Effect === 'Deny')
    .filter((s) => {
      const exempted = s.Condition?.ArnNotLike?.['aws:PrincipalArn'] ?? [];
      return breakGlass.some((principal) => !exempted.includes(principal));
    })
    .map((s) => s.Sid);
}
