import type { App } from 'cdktf';
import type { CompiledGovernance, CompiledTarget } from '../modules/policy';
import { NO_PROGRESS, type Progress } from '../modules/progress';
import { holdsHubsOrGuardrails } from './account-layer-needs';
import { AccountStack } from './account-stack';
import { GovernanceStack } from './governance-stack';
import { OrganizationalUnitStack } from './organizational-unit-stack';
import { RootStack } from './root-stack';

/**
 * The targets that get a stack: the root always; each OU or account with rules of its own (except
 * the management account, which SCPs never restrict); each account that holds a private hub, a
 * guardrail, a Canvas workspace or a model user (the management account too); and, when monitoring
 * places resources in member accounts (alerts, invocation logging, dashboards), every member account.
 */
export function stackTargets(compiled: CompiledGovernance): CompiledTarget[] {
  const { managementAccount, monitoring } = compiled.governance;
  const monitored = new Set(monitoring?.memberAccounts.map((a) => a.id));
  return compiled.targets.filter(
    (t) =>
      t.target.kind === 'root' ||
      ((t.target.rules !== undefined || (monitored.has(t.target.id) && t.target.kind === 'account')) && t.target.id !== managementAccount) ||
      (t.target.kind === 'account' && compiled.accountRoles.has(t.target.layer)) ||
      holdsHubsOrGuardrails(compiled.governance, t.target),
  );
}

/**
 * Places one stack per target that `stackTargets` selects, or those of them that `placeHere`
 * accepts (by their position among them: the share of one synth thread).
 * Stacks are created in config order, so names and output are stable across runs.
 */
export function addGovernanceStacks(
  app: App,
  compiled: CompiledGovernance,
  progress: Progress = NO_PROGRESS,
  placeHere: (index: number) => boolean = () => true,
): GovernanceStack[] {
  const targets = stackTargets(compiled);
  return targets.flatMap((t, i) => {
    progress.update(i, targets.length);
    return placeHere(i) ? [placeStack(app, compiled, t)] : [];
  });
}

/** The stack of one target, of the kind its layer needs. */
function placeStack(app: App, compiled: CompiledGovernance, t: CompiledTarget): GovernanceStack {
  const props = { governance: compiled.governance, compiled: t };
  switch (t.target.kind) {
    case 'root':
      return new RootStack(app, { ...props, monitoringPolicies: compiled.monitoringPolicies });
    case 'unit':
      return new OrganizationalUnitStack(app, props);
    case 'account': {
      const roles = compiled.accountRoles.get(t.target.layer);
      return new AccountStack(app, { ...props, monitoringPolicies: compiled.monitoringPolicies, ...(roles ? { roles } : {}) });
    }
  }
}
