import { TerraformOutput } from 'cdktf';
import type { EnforcedGuardrail, OrganizationGuardrailPolicy as LayerPolicy, ResolvedGovernance } from '../modules/config';
import { OrganizationGuardrailPolicy, type ModelGuardrail } from '../modules/guardrail';
import { bedrockPolicyContent, guardrailResourcePolicy } from '../modules/policy/light';
import { placeGuardrail } from './account-resources';
import type { GovernanceStack } from './governance-stack';

/**
 * Places `requireGuardrail.organizationPolicy` in the root stack: each layer's Bedrock organization
 * policy and attachment (the OUs' too), and the management-account guardrails they enforce with
 * their published versions. One stack holds the policy and the version it names, so the policy
 * reads `ARN:version` from the version resource in the same state: no second apply, no value
 * copied by hand, no remote state. The guardrail's resource policy has no hashicorp/aws resource
 * (issue #48674): it is a stack output holding the exact `aws bedrock put-resource-policy` command.
 */
export function placeOrganizationGuardrailPolicies(stack: GovernanceStack, governance: ResolvedGovernance): void {
  const { organizationId, guardrailPolicies } = governance;
  // Config checks refuse organizationPolicy without organization.id.
  if (organizationId === undefined) throw new Error('organization policies of guardrails need organization.id');
  const placed = new Map<string, ModelGuardrail>();
  for (const policy of guardrailPolicies) {
    for (const enforced of policy.guardrails) {
      if (enforced.kind !== 'config' || placed.has(enforced.name)) continue;
      const guardrail = governance.guardrails.find((g) => g.name === enforced.name);
      if (guardrail === undefined) throw new Error(`guardrail ${enforced.name} is not in the resolved config`);
      const created = placeGuardrail(stack, guardrail, stack.managementProvider);
      placed.set(enforced.name, created);
      resourcePolicyCommand(stack, `guardrail-${enforced.name}`, enforced.region, created.version.guardrailArn, organizationId);
    }
  }
  const external = new Map(guardrailPolicies.flatMap((p) => p.guardrails).flatMap((g) => (g.kind === 'arn' ? [[g.arn, g] as const] : [])));
  for (const [arn, enforced] of [...external].sort(([a], [b]) => (a < b ? -1 : 1))) {
    resourcePolicyCommand(stack, `guardrail-arn-${arn.slice(arn.lastIndexOf('/') + 1)}`, enforced.region, arn, organizationId);
  }
  for (const policy of guardrailPolicies) {
    new OrganizationGuardrailPolicy(stack, `guardrail-policy-${policy.stackName}`, {
      name: `modelgate-guardrail-${policy.stackName}`,
      description: `Bedrock guardrails enforced on ${policy.kind === 'root' ? 'the whole organization' : `OU ${policy.layer}`} (modelgate, requireGuardrail.organizationPolicy)`,
      targetId: policy.targetId,
      content: bedrockPolicyContent({ inference: policy.guardrails.map((g) => ({ region: g.region, identifier: identifier(g, placed) })), ...settingsOf(policy) }),
    });
  }
  new TerraformOutput(stack, 'bedrock-policy-type-command', {
    value: `aws organizations enable-policy-type --region us-east-1 --root-id ${governance.targets[0]?.id ?? ''} --policy-type BEDROCK_POLICY`,
    description: 'One-time step before the first apply of the Bedrock organization policies: enable the policy type on the root (modelgate discover --check reports whether it is)',
  });
}

/** ARN:version: from the version resource for a guardrail modelgate creates, from the config otherwise. */
function identifier(enforced: EnforcedGuardrail, placed: ReadonlyMap<string, ModelGuardrail>): string {
  if (enforced.kind === 'arn') return `${enforced.arn}:${enforced.version}`;
  const guardrail = placed.get(enforced.name);
  if (guardrail === undefined) throw new Error(`guardrail ${enforced.name} was not placed`);
  return `${guardrail.version.guardrailArn}:${guardrail.version.version}`;
}

function settingsOf(policy: LayerPolicy): Pick<Parameters<typeof bedrockPolicyContent>[0], 'contentGuarding' | 'models'> {
  return { ...(policy.contentGuarding ? { contentGuarding: policy.contentGuarding } : {}), ...(policy.models ? { models: policy.models } : {}) };
}

/** The one-time step no hashicorp/aws resource can take: the guardrail's resource policy, as a command to run once. */
function resourcePolicyCommand(stack: GovernanceStack, id: string, region: string, guardrailArn: string, organizationId: string): void {
  new TerraformOutput(stack, `${id}-resource-policy-command`, {
    value: `aws bedrock put-resource-policy --region ${region} --resource-arn ${guardrailArn} --resource-policy '${guardrailResourcePolicy(guardrailArn, organizationId)}'`,
    description: 'One-time step (management account): the resource policy that lets the organization apply this guardrail, which no hashicorp/aws resource manages',
  });
}
