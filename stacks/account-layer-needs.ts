import { organizationEnforcedGuardrails } from '../modules/config/light';
import type { ResolvedGovernance, Target } from '../modules/config';

/**
 * What a config asks of the account layer, answered without loading the code that places those
 * resources: an organization of SCPs only never loads it (see lazy-placement.ts).
 */

/** Whether the config places hubs or guardrails in this account, so it needs an account stack. */
export function holdsHubsOrGuardrails(governance: ResolvedGovernance, target: Target): boolean {
  if (target.kind !== 'account') return false;
  // A guardrail that an organization policy enforces is placed in the root stack instead.
  const enforced = organizationEnforcedGuardrails(governance.guardrailPolicies);
  const guardrails = governance.guardrails.filter((g) => !enforced.has(g.name));
  return [...governance.jumpstartHubs, ...guardrails].some((r) => r.account === target.layer);
}

/**
 * Whether this account's stack depends on the root stack: a hub shared with the organization or
 * an OU fails until the root stack has enabled RAM sharing with Organizations.
 */
export function dependsOnRootStack(governance: ResolvedGovernance, target: Target): boolean {
  return target.kind === 'account' && governance.jumpstartHubs.some((hub) => hub.account === target.layer && hub.sharesWithOrganization);
}
