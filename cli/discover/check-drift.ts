import type { ConfigPath, ResolvedGovernance, Target } from '../../modules/config';
import { assignLayerNames } from './layer-names';
import { isFullAwsAccess, isModelgatePolicy, type LiveOrganization, type LivePolicy } from './live-organization';

/** The kinds of difference between governance.yaml and the live organization. */
export type DriftKind =
  | 'organization'
  | 'unknownAccount'
  | 'missingAccount'
  | 'movedAccount'
  | 'unknownUnit'
  | 'missingUnit'
  | 'unitId'
  | 'movedUnit'
  | 'undeclaredPolicy'
  | 'staleExistingPolicy';

/** One difference, located at the config entry it concerns. */
export interface Drift {
  readonly kind: DriftKind;
  /** Config path, e.g. organization.accounts.prod-app.unit. */
  readonly path: ConfigPath;
  readonly message: string;
}

/**
 * Compares a config with the live organization. OUs and accounts are matched by id (names are the
 * config's own); where an OU id is not found, a live OU of the same name under the same parent
 * tells an OU that was recreated from one that is gone.
 */
export function checkDrift(governance: ResolvedGovernance, live: LiveOrganization): Drift[] {
  const drift: Drift[] = [];
  const found = (kind: DriftKind, path: ConfigPath, message: string): void => {
    drift.push({ kind, path, message });
  };
  const byLayer = new Map(governance.targets.map((t) => [t.layer, t]));
  const parentOf = (target: Target): Target | undefined => byLayer.get(target.lineage[target.lineage.length - 2] ?? 'root');
  const liveUnits = new Map(live.units.map((u) => [u.id, u]));
  const liveAccounts = new Map(live.accounts.map((a) => [a.id, a]));
  const names = assignLayerNames(live);
  // Where a live OU or account is, in the config's words when the config knows its OU.
  const configUnitOf = new Map(governance.targets.filter((t) => t.kind === 'unit').map((t) => [t.id, t.layer]));
  const whereIs = (parentId: string): string => {
    if (parentId === live.root.id) return 'the root';
    const unit = liveUnits.get(parentId);
    return `OU "${configUnitOf.get(parentId) ?? names.unitPath.get(parentId) ?? unit?.name ?? parentId}" (${parentId})`;
  };

  if (governance.organizationId && governance.organizationId !== live.id) {
    found('organization', ['organization', 'id'], `the organization is ${live.id}, the config says ${governance.organizationId}`);
  }
  if (governance.managementAccount !== live.managementAccountId) {
    found('organization', ['organization', 'managementAccount'], `the management account is ${live.managementAccountId}, the config says ${governance.managementAccount}`);
  }
  const root = byLayer.get('root');
  if (root && root.id !== live.root.id) found('organization', ['organization', 'root'], `the root is ${live.root.id}, the config says ${root.id}`);

  const declaredIds = new Set(governance.targets.map((t) => t.id));
  // A live OU already reported as the new id of a declared one is not reported again as unknown.
  const recreated = new Set<string>();
  for (const target of governance.targets) {
    if (target.kind === 'unit') {
      const liveUnit = liveUnits.get(target.id);
      const expectedParent = parentOf(target)?.id ?? live.root.id;
      if (!liveUnit) {
        const name = target.layer.split('/').pop() ?? target.layer;
        const namesake = live.units.find((u) => u.parentId === expectedParent && (u.name === name || names.unitName.get(u.id) === name));
        if (namesake) {
          recreated.add(namesake.id);
          found('unitId', [...unitPath(target.layer), 'id'], `OU "${target.layer}" has id ${namesake.id} in the organization, the config says ${target.id}`);
        } else {
          found('missingUnit', [...unitPath(target.layer), 'id'], `OU "${target.layer}" (${target.id}) is not in the organization (deleted, or a wrong id)`);
        }
      } else if (liveUnit.parentId !== expectedParent) {
        found('movedUnit', unitPath(target.layer), `OU "${target.layer}" (${target.id}) is under ${whereIs(liveUnit.parentId)} in the organization, the config puts it under ${whereIs(expectedParent)}`);
      }
    }
    if (target.kind === 'account') {
      const account = liveAccounts.get(target.id);
      const path: ConfigPath = ['organization', 'accounts', target.layer];
      const expectedParent = parentOf(target)?.id ?? live.root.id;
      if (!account) {
        found('missingAccount', [...path, 'id'], `account "${target.layer}" (${target.id}) is not in the organization (closed, removed, or a wrong id)`);
      } else if (account.parentId !== expectedParent) {
        found('movedAccount', target.lineage.length > 2 ? [...path, 'unit'] : path, `account "${target.layer}" (${target.id}) is in ${whereIs(account.parentId)}, the config says ${whereIs(expectedParent)}`);
      }
    }
    const attached = target.kind === 'root' ? live.root.policies : (liveUnits.get(target.id) ?? liveAccounts.get(target.id))?.policies;
    if (attached) drift.push(...slotDrift(target, attached, governance.fullAwsAccessAttached));
  }

  for (const unit of live.units) {
    if (!declaredIds.has(unit.id) && !recreated.has(unit.id)) {
      found('unknownUnit', ['organization', 'units'], `OU "${names.unitPath.get(unit.id) ?? unit.name}" (${unit.id}) under ${whereIs(unit.parentId)} is not in the config`);
    }
  }
  for (const account of live.accounts) {
    if (!declaredIds.has(account.id)) {
      found('unknownAccount', ['organization', 'accounts'], `account "${account.name}" (${account.id}) in ${whereIs(account.parentId)} is not in the config`);
    }
  }
  return drift;
}

/** SCPs that take slots the config does not count, and declared ones that are no longer attached. */
function slotDrift(target: Target, attached: readonly LivePolicy[], fullAwsAccessAttached: boolean): Drift[] {
  const path: ConfigPath = configPathOf(target);
  const declared = new Set(target.existingPolicies);
  const drift: Drift[] = [];
  const what = target.kind === 'root' ? `the root (${target.id})` : `${target.kind === 'unit' ? 'OU' : 'account'} "${target.layer}" (${target.id})`;
  for (const policy of attached) {
    if (isModelgatePolicy(policy) || declared.has(policy.id) || declared.has(policy.name)) continue;
    if (isFullAwsAccess(policy)) {
      if (!fullAwsAccessAttached) {
        drift.push({ kind: 'undeclaredPolicy', path: ['organization', 'fullAwsAccess'], message: `FullAWSAccess is attached to ${what} and takes a slot, but the config says fullAwsAccess: replaced` });
      }
      continue;
    }
    drift.push({
      kind: 'undeclaredPolicy',
      path,
      message: `SCP ${policy.id} ("${policy.name}") is attached to ${what} and takes a slot; add it to existingPolicies`,
    });
  }
  for (const entry of target.existingPolicies) {
    if (!attached.some((p) => p.id === entry || p.name === entry)) {
      drift.push({ kind: 'staleExistingPolicy', path: [...path, 'existingPolicies'], message: `existing policy "${entry}" is not attached to ${what}; remove it to free its slot` });
    }
  }
  return drift;
}

function configPathOf(target: Target): ConfigPath {
  if (target.kind === 'root') return ['organization', 'root'];
  if (target.kind === 'unit') return unitPath(target.layer);
  return ['organization', 'accounts', target.layer];
}

/** "Workloads/Prod" -> organization.units.Workloads.units.Prod */
function unitPath(layer: string): ConfigPath {
  return ['organization', 'units', ...layer.split('/').flatMap((name, i) => (i === 0 ? [name] : ['units', name]))];
}
