import type { ResolvedGovernance, TargetKind } from '../../modules/config';
import type { SynthesizedPolicies } from '../simulate';

/** How much of a target's SCP limits the synthesized output uses. */
export interface ScpBudget {
  readonly layer: string;
  readonly kind: TargetKind;
  readonly id: string;
  /** modelgate's documents attached here: name and characters (minified, as sent to AWS). */
  readonly documents: readonly { readonly name: string; readonly characters: number }[];
  /** The per-document character limit. */
  readonly maxCharacters: number;
  /** Slots taken: FullAWSAccess (when attached) + existing policies + modelgate's documents. */
  readonly slotsUsed: number;
  readonly maxPolicies: number;
  readonly fullAwsAccess: boolean;
  readonly existingPolicies: readonly string[];
}

/**
 * The SCP budget of every target that holds modelgate documents or declared existing policies,
 * measured on the synthesized documents.
 */
export function scpBudgets(governance: ResolvedGovernance, policies: SynthesizedPolicies): ScpBudget[] {
  const { limits, fullAwsAccessAttached } = governance;
  return governance.targets
    .filter((t) => !(t.kind === 'account' && t.id === governance.managementAccount))
    .map((t): ScpBudget => {
      const documents = (policies.get(t.id) ?? []).map((p) => ({ name: p.name, characters: p.content.length }));
      return {
        layer: t.layer,
        kind: t.kind,
        id: t.id,
        documents,
        maxCharacters: limits.maxCharacters,
        slotsUsed: (fullAwsAccessAttached ? 1 : 0) + t.existingPolicies.length + documents.length,
        maxPolicies: limits.maxPoliciesPerTarget,
        fullAwsAccess: fullAwsAccessAttached,
        existingPolicies: t.existingPolicies,
      };
    })
    .filter((b) => b.documents.length > 0 || b.existingPolicies.length > 0);
}
