import { TerraformOutput, type TerraformProvider, type TerraformStack } from 'cdktf';
import { organizationEnforcedGuardrails } from '../modules/config/light';
import type { ResolvedGovernance, ResolvedGuardrail, Target } from '../modules/config';
import { ModelGuardrail } from '../modules/guardrail';
import { PrivateModelHub } from '../modules/jumpstart-hub';
import { dependsOnRootStack } from './account-layer-needs';
import type { AccountScope } from './account-scope';

/**
 * Places the private hubs and guardrails the config puts in this account, through the account's
 * provider. Each guardrail's ARN and version are stack outputs: requireGuardrail needs the ARN,
 * which AWS assigns at apply time, so it is copied into the config after the first apply.
 */
export function placeHubsAndGuardrails(stack: AccountScope, governance: ResolvedGovernance, target: Target): void {
  const { partition, deployment } = governance;
  const hubs = governance.jumpstartHubs.filter((h) => h.account === target.layer);
  if (dependsOnRootStack(governance, target) && stack.rootStack) stack.addDependency(stack.rootStack);
  for (const hub of hubs) {
    new PrivateModelHub(stack, `hub-${hub.name}`, {
      hubName: hub.name,
      description: hub.description,
      ...(hub.displayName !== undefined ? { displayName: hub.displayName } : {}),
      searchKeywords: hub.searchKeywords,
      storage: hub.storage,
      models: hub.models,
      share: { principals: hub.principals, permission: hub.permission, ...(hub.permissionArn !== undefined ? { permissionArn: hub.permissionArn } : {}) },
      accountId: hub.accountId,
      partition,
      region: deployment.region,
      provider: stack.accountProvider,
    });
  }
  // The guardrails an organization policy enforces live beside that policy, in the root stack.
  const enforced = organizationEnforcedGuardrails(governance.guardrailPolicies);
  for (const guardrail of governance.guardrails.filter((g) => g.account === target.layer && !enforced.has(g.name))) {
    placeGuardrail(stack, guardrail, stack.accountProvider);
  }
}

/** A guardrail, its published version, and its ARN and version as stack outputs. */
export function placeGuardrail(stack: TerraformStack, guardrail: ResolvedGuardrail, provider: TerraformProvider): ModelGuardrail {
  const placed = new ModelGuardrail(stack, `guardrail-${guardrail.name}`, {
    name: guardrail.name,
    ...(guardrail.description !== undefined ? { description: guardrail.description } : {}),
    contentFilters: guardrail.contentFilters,
    deniedTopics: guardrail.deniedTopics,
    piiEntities: guardrail.piiEntities,
    ...(guardrail.blockedInputMessage !== undefined ? { blockedInputMessage: guardrail.blockedInputMessage } : {}),
    ...(guardrail.blockedOutputMessage !== undefined ? { blockedOutputMessage: guardrail.blockedOutputMessage } : {}),
    versionDescription: guardrail.versionDescription,
    provider,
  });
  new TerraformOutput(stack, `guardrail-${guardrail.name}-arn`, {
    value: placed.guardrail.guardrailArn,
    description: `ARN of guardrail ${guardrail.name}: the value requireGuardrail takes`,
  });
  new TerraformOutput(stack, `guardrail-${guardrail.name}-version`, {
    value: placed.version.version,
    description: `Published version of guardrail ${guardrail.name}`,
  });
  return placed;
}
