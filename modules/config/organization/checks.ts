import type { ConfigLocator } from '../document/config-locator';
import type { ConfigPath, ConfigProblem } from '../document/problems';
import { listOf } from '../private/list-of';
import type { GovernanceConfig } from '../schema';
import { listUnits, stackNameFor, type TargetKind } from './resolve';
import { checkOrganizationSize } from './size-checks';

/**
 * Cross-checks of `organization:`: its size, ids used once, account units that exist, names that
 * stay unambiguous as layers of `models:`, and stack names that do not collide.
 */
export function checkOrganization(config: GovernanceConfig, at: ConfigLocator): ConfigProblem[] {
  const errors: ConfigProblem[] = [...checkOrganizationSize(config, at)];
  const units = listUnits(config);
  const unitPaths = new Set(units.map((u) => u.path));
  const accounts = Object.entries(config.organization.accounts);

  const ids = new Map<string, string>();
  const claimId = (id: string, owner: string, path: ConfigPath): void => {
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
  const claimStack = (kind: TargetKind, layer: string, path: ConfigPath): void => {
    const stack = stackNameFor(kind, layer);
    const previous = stackOwners.get(stack);
    if (previous) errors.push(at.problem(path, `"${layer}" and "${previous}" both become stack "${stack}"; rename one`));
    else stackOwners.set(stack, layer);
  };
  for (const unit of units) claimStack('unit', unit.path, unit.configPath);
  for (const [name] of accounts) claimStack('account', name, ['organization', 'accounts', name]);
  return errors;
}
