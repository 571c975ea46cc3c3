import type { GovernanceConfig } from '../schema';

/** Who may manage and assume the principals that the config exempts from its denies. */
export interface ExemptPrincipals {
  /** May create, change, pass or delete the exempt roles and users; empty: only the break-glass principals. */
  readonly managedBy: readonly string[];
  /** The only member-account principals (besides managers and break glass) that may assume an exempt role; undefined: trust policies decide. */
  readonly assumableBy?: readonly string[];
}

/** Principal ARN patterns exempted from every deny; empty when the config says `breakGlass: none`. */
export function resolveBreakGlass(config: GovernanceConfig): string[] {
  return config.breakGlass === 'none' ? [] : [...config.breakGlass];
}

/** `exemptPrincipals:` with its default (only the break-glass principals manage them) made explicit. */
export function resolveExemptPrincipals(config: GovernanceConfig): ExemptPrincipals {
  return {
    managedBy: [...(config.exemptPrincipals.managedBy ?? [])],
    ...(config.exemptPrincipals.assumableBy ? { assumableBy: [...config.exemptPrincipals.assumableBy] } : {}),
  };
}
