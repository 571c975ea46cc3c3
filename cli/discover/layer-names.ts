import { stackNameFor } from '../../modules/config';
import type { LiveOrganization } from './live-organization';

/** The names a discovered organization gets in governance.yaml. */
export interface LayerNames {
  /** OU id -> its name among its siblings. */
  readonly unitName: ReadonlyMap<string, string>;
  /** OU id -> its path, e.g. "Workloads/Prod". */
  readonly unitPath: ReadonlyMap<string, string>;
  /** Account id -> its name under organization.accounts. */
  readonly accountName: ReadonlyMap<string, string>;
}

/** governance.yaml's rule for unit and account names. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Makes a name of letters, digits, _ . - from an AWS name: accents are dropped, any other run of
 * characters becomes "-". An AWS name with nothing usable left gives `fallback`.
 */
export function sanitizeName(name: string, fallback: string): string {
  const safe = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/-+$/, '');
  return NAME.test(safe) ? safe : fallback;
}

/**
 * Names every OU and account so that the result loads: names follow the NAME rule, no two OUs or
 * two accounts become the same stack name (which ignores case and punctuation), no account is
 * named "root" or like an OU path. Where a name is taken, the id is appended: the first in
 * name order keeps the plain name, so the result does not depend on the order AWS lists things in.
 */
export function assignLayerNames(organization: LiveOrganization): LayerNames {
  const unitName = new Map<string, string>();
  const unitPath = new Map<string, string>([[organization.root.id, '']]);
  const unitStacks = new Set<string>();
  // Units come parents first, siblings in name order.
  for (const unit of organization.units) {
    const suffix = unit.id.split('-').pop() ?? unit.id;
    const parent = unitPath.get(unit.parentId) ?? '';
    const pathOf = (name: string): string => (parent ? `${parent}/${name}` : name);
    let name = sanitizeName(unit.name, `ou-${suffix}`);
    if (unitStacks.has(stackNameFor('unit', pathOf(name)))) name = `${name}-${suffix}`;
    unitName.set(unit.id, name);
    unitPath.set(unit.id, pathOf(name));
    unitStacks.add(stackNameFor('unit', pathOf(name)));
  }
  unitPath.delete(organization.root.id);

  const paths = new Set(unitPath.values());
  const accountStacks = new Set<string>([stackNameFor('account', 'root')]);
  const accountName = new Map<string, string>();
  for (const account of organization.accounts) {
    let name = sanitizeName(account.name, `account-${account.id}`);
    if (accountStacks.has(stackNameFor('account', name)) || paths.has(name)) name = `${name}-${account.id}`;
    accountName.set(account.id, name);
    accountStacks.add(stackNameFor('account', name));
  }
  return { unitName, unitPath, accountName };
}
