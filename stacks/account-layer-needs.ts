import type { ResolvedGovernance, Target } from '../modules/config';

/**
 * What a config asks of the account layer, answered without loading the code that places those
 * resources: an organization of SCPs only never loads it (see lazy-placement.ts).
 */

/** Whether the config places hubs or guardrails in this account, so it needs an account stack. */
export function holdsHubsOrGuardrails(governance: ResolvedGovernance, target: Target): boolean {
  return target.kind === 'account' && [...governance.jumpstartHubs, ...governance.guardrails].some((r) => r.account === target.layer);
}
