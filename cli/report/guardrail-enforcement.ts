import type { EnforcedGuardrail, ResolvedGovernance, TargetKind } from '../../modules/config';

/**
 * Which layers a required guardrail reaches, and by which route: a Bedrock organization policy
 * (requireGuardrail.organizationPolicy, attached to the root or an OU and inherited below), or the
 * SCP route (requireGuardrail.guardrails, a Deny unless the request names the guardrail). Read from
 * the resolved config: the policy is Bedrock's to apply, so no simulator can evaluate it.
 */
export interface GuardrailCoverage {
  readonly layer: string;
  readonly kind: TargetKind;
  readonly id: string;
  /** The root/OU layers whose Bedrock policy reaches this layer, root first, with what each enforces. */
  readonly organizationPolicy: readonly { readonly from: string; readonly guardrails: readonly string[] }[];
  /** The layers whose SCP requires a named guardrail here, root first, with the guardrails each accepts. */
  readonly scp: readonly { readonly from: string; readonly guardrails: readonly string[] }[];
}

/** Every layer that some required guardrail reaches, in target order; empty when the config requires none. */
export function guardrailCoverage(governance: ResolvedGovernance): GuardrailCoverage[] {
  const policies = new Map(governance.guardrailPolicies.map((p) => [p.layer, p]));
  const rulesOf = new Map(governance.targets.map((t) => [t.layer, t.rules?.bedrock?.requireGuardrail]));
  return governance.targets.flatMap((target) => {
    const organizationPolicy = target.lineage.flatMap((layer) => {
      const policy = policies.get(layer);
      return policy ? [{ from: layer, guardrails: policy.guardrails.map(describe) }] : [];
    });
    // SCPs never restrict the management account.
    const scp =
      target.id === governance.managementAccount
        ? []
        : target.lineage.flatMap((layer) => {
            const arns = rulesOf.get(layer)?.guardrails;
            return arns ? [{ from: layer, guardrails: [...arns] }] : [];
          });
    return organizationPolicy.length > 0 || scp.length > 0 ? [{ layer: target.layer, kind: target.kind, id: target.id, organizationPolicy, scp }] : [];
  });
}

/** A guardrail as the report names it: its config name or ARN:version, and its region. */
function describe(guardrail: EnforcedGuardrail): string {
  return guardrail.kind === 'config' ? `${guardrail.name} (${guardrail.region})` : `${guardrail.arn}:${guardrail.version}`;
}
