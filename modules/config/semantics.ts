import { checkAcknowledgements } from './acknowledgements';
import { checkAwsProviderVersion } from './aws-provider-version';
import { checkAccountRoles } from './account-roles-semantics';
import { checkAllowDenyOverlap } from './allow-deny-overlap';
import { checkOrganizationSize } from './check-organization-size';
import { checkMonitoring } from './monitoring-semantics';
import { checkGuardrails } from './guardrail-semantics';
import { checkHubDeployers, checkJumpstartHubs } from './hub-semantics';
import { checkPathTraps } from './path-traps';
import { checkPrincipalPatterns } from './principal-patterns';
import { shippedModelCatalog, type ModelCatalog } from './model-catalog';
import { checkModelSelectors } from './model-selector-warnings';
import type { ConfigLocator, ConfigProblem } from './problems';
import { listUnits, stackNameFor, type TargetKind } from './resolve';
import type { GovernanceConfig, LayerRules } from './schema';

/** Problems the schema cannot see: references between sections, duplicates, rules that lock out. */
export interface SemanticFindings {
  readonly errors: readonly ConfigProblem[];
  readonly warnings: readonly ConfigProblem[];
}

/**
 * Cross-checks a schema-valid config. Every problem is reported, not only the first. Model
 * selectors are checked against `catalog` (warnings only).
 */
export function checkSemantics(config: GovernanceConfig, at: ConfigLocator, catalog: ModelCatalog = shippedModelCatalog()): SemanticFindings {
  const errors: ConfigProblem[] = [...checkOrganizationSize(config, at)];
  const warnings: ConfigProblem[] = [];
  const units = listUnits(config);
  const unitPaths = new Set(units.map((u) => u.path));
  const accounts = Object.entries(config.organization.accounts);

  const ids = new Map<string, string>();
  const claimId = (id: string, owner: string, path: readonly (string | number)[]): void => {
    const previous = ids.get(id);
    if (previous) errors.push(at.problem(path, `id "${id}" is already used by ${previous}; each OU and account appears once`));
    else ids.set(id, owner);
  };
  for (const unit of units) claimId(unit.id, `unit "${unit.path}"`, [...unit.configPath, 'id']);
  for (const [name, account] of accounts) {
    claimId(account.id, `account "${name}"`, ['organization', 'accounts', name, 'id']);
    if (account.unit !== undefined && !unitPaths.has(account.unit)) {
      errors.push(
        at.problem(
          ['organization', 'accounts', name, 'unit'],
          `unknown unit "${account.unit}"; expected an OU path from organization.units${listOf(unitPaths)}`,
        ),
      );
    }
    if (unitPaths.has(name)) {
      errors.push(at.problem(['organization', 'accounts', name], `account name "${name}" is also a unit path; rename one so models.${name} is unambiguous`));
    }
  }
  if (config.organization.accounts.root !== undefined) {
    errors.push(at.problem(['organization', 'accounts', 'root'], 'an account cannot be named "root": that name is the organization root in models'));
  }

  const stackOwners = new Map<string, string>();
  const claimStack = (kind: TargetKind, layer: string, path: readonly (string | number)[]): void => {
    const stack = stackNameFor(kind, layer);
    const previous = stackOwners.get(stack);
    if (previous) errors.push(at.problem(path, `"${layer}" and "${previous}" both become stack "${stack}"; rename one`));
    else stackOwners.set(stack, layer);
  };
  for (const unit of units) claimStack('unit', unit.path, unit.configPath);
  for (const [name] of accounts) claimStack('account', name, ['organization', 'accounts', name]);

  const accountNames = new Set(accounts.map(([name]) => name));
  for (const [layer, rules] of Object.entries(config.models)) {
    if (layer !== 'root' && !unitPaths.has(layer) && !accountNames.has(layer)) {
      errors.push(
        at.problem(
          ['models', layer],
          `unknown layer "${layer}"; expected "root", an OU path${listOf(unitPaths)}, or an account name${listOf(new Set(accountNames))}`,
          { atKey: true },
        ),
      );
      continue;
    }
    errors.push(...checkLayerRules(layer, rules, at));
    const account = config.organization.accounts[layer];
    if (account?.id === config.organization.managementAccount) {
      warnings.push(
        at.problem(
          ['models', layer],
          `account "${layer}" is the management account: SCPs never restrict it, so these rules have no effect there; govern it with IAM policies`,
        ),
      );
    }
  }
  const accountRoles = checkAccountRoles(config, at);
  errors.push(...accountRoles.errors);
  warnings.push(...accountRoles.warnings);
  errors.push(...checkMonitoring(config, at));
  errors.push(...checkJumpstartHubs(config, at), ...checkGuardrails(config, at), ...checkAwsProviderVersion(config, at));
  warnings.push(...checkHubDeployers(config, at));
  warnings.push(...checkPathTraps(config, at));
  const principals = checkPrincipalPatterns(config, at);
  errors.push(...principals.errors);
  warnings.push(...principals.warnings);
  if (config.breakGlass === 'none') {
    warnings.push(at.problem(['breakGlass'], 'no break-glass principal: nobody is exempted from the model denies, including your platform team'));
  }
  const acknowledgements = checkAcknowledgements(config, at);
  errors.push(...acknowledgements.errors);
  warnings.push(...acknowledgements.warnings, ...checkAllowDenyOverlap(config, at), ...checkModelSelectors(config, at, catalog));
  return { errors, warnings: warnings.sort((a, b) => a.line - b.line || a.column - b.column) };
}

function checkLayerRules(layer: string, rules: LayerRules, at: ConfigLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const base = ['models', layer];
  for (const path of ['bedrock', 'marketplace'] as const) {
    const section = rules[path];
    if (section?.allow !== undefined && section.allow.length === 0) {
      problems.push(
        at.problem(
          [...base, path, 'allow'],
          `an empty allow-list would deny every model; write "deny: all" if that is what you mean, or list the models to allow`,
        ),
      );
    }
    if (section?.deny === 'all' && section.allow !== undefined) {
      problems.push(at.problem([...base, path], '"deny: all" and an allow-list contradict each other; keep one'));
    }
  }
  const bedrock = rules.bedrock;
  if (bedrock?.alsoAllow && bedrock.allow === undefined) {
    problems.push(at.problem([...base, 'bedrock', 'alsoAllow'], 'alsoAllow only applies to an allow-list; add "allow: [...]" or remove alsoAllow'));
  }
  for (const capability of ['customModelImport', 'fineTuning'] as const) {
    const rule = rules[capability];
    if (rule && !rule.deny && rule.except) {
      problems.push(at.problem([...base, capability, 'except'], 'except has no effect when deny is false; remove it or set "deny: true"'));
    }
  }
  return problems;
}

function listOf(names: ReadonlySet<string>): string {
  if (names.size === 0) return ' (none are declared)';
  const shown = [...names].slice(0, 8).map((n) => `"${n}"`).join(', ');
  return ` (${shown}${names.size > 8 ? ', ...' : ''})`;
}
