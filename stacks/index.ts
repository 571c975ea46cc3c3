import type { App } from 'cdktf';
import type { CompiledGovernance, CompiledTarget } from '../modules/policy';
import { holdsHubsOrGuardrails } from './account-resources';
import { AccountStack } from './account-stack';
import { GovernanceStack } from './governance-stack';
import { OrganizationalUnitStack } from './organizational-unit-stack';
import { RootStack } from './root-stack';

export { AccountStack, GovernanceStack, OrganizationalUnitStack, RootStack };
export { configureBackend } from './backend';

/**
 * The targets that get a stack: the root always, and each OU or account with rules of its own,
 * except the management account, which SCPs never restrict.
 */
export function stackTargets(compiled: CompiledGovernance): CompiledTarget[] {
  const { managementAccount } = compiled.governance;
  return compiled.targets.filter(
    (t) => t.target.kind === 'root' || (t.target.rules !== undefined && t.target.id !== managementAccount) || holdsHubsOrGuardrails(compiled.governance, t.target),
  );
}

/**
 * Places one stack per layer: the root always, and each OU or account that has rules of its own.
 * Stacks are created in config order, so names and output are stable across runs.
 */
export function addGovernanceStacks(app: App, compiled: CompiledGovernance): GovernanceStack[] {
  const { governance } = compiled;
  return stackTargets(compiled).map((t) => {
      const props = { governance, compiled: t };
      switch (t.target.kind) {
        case 'root':
          return new RootStack(app, props);
        case 'unit':
          return new OrganizationalUnitStack(app, props);
        case 'account':
          return new AccountStack(app, props);
      }
    });
}
