import { MAX_NAME_LENGTH, MAX_STACK_NAME_LENGTH, RESERVED_KEYS, stackNameFor } from '../../modules/config';
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

/** The OU nesting AWS allows; a short name of SHORT_UNIT_NAME characters at every level fits a stack name. */
const UNIT_LEVELS = 5;
const SHORT_UNIT_NAME = Math.floor((MAX_STACK_NAME_LENGTH - 'ou-'.length - (UNIT_LEVELS - 1)) / UNIT_LEVELS);

/**
 * Names every OU and account so that the result loads: names follow the NAME rule, no two OUs or
 * two accounts become the same stack name (which ignores case and punctuation), no account is
 * named "root" or like an OU path, no name is one the loader reserves ("constructor"...). Where a
 * name is taken or reserved, the id is appended: the first in name order keeps the plain name, so
 * the result does not depend on the order AWS lists things in. Names too long for a stack name
 * (an OU on a path whose stack name would pass MAX_STACK_NAME_LENGTH, an account name past it)
 * are cut, with the end of the id appended.
 */
export function assignLayerNames(organization: LiveOrganization): LayerNames {
  const suffixOf = (id: string): string => id.split('-').pop() ?? id;
  const natural = new Map(organization.units.map((unit) => [unit.id, sanitizeName(unit.name, `ou-${suffixOf(unit.id)}`)]));
  const cut = unitsToCut(organization, natural);

  const unitName = new Map<string, string>();
  const unitPath = new Map<string, string>([[organization.root.id, '']]);
  const unitStacks = new Set<string>();
  // Units come parents first, siblings in name order.
  for (const unit of organization.units) {
    const suffix = suffixOf(unit.id);
    const parent = unitPath.get(unit.parentId) ?? '';
    const pathOf = (name: string): string => (parent ? `${parent}/${name}` : name);
    const plain = natural.get(unit.id) ?? `ou-${suffix}`;
    let name = cut.has(unit.id) ? shortened(plain, suffix, SHORT_UNIT_NAME) : plain;
    if (unitStacks.has(stackNameFor('unit', pathOf(name))) || RESERVED_KEYS.has(name)) name = `${name}-${suffix}`;
    unitName.set(unit.id, name);
    unitPath.set(unit.id, pathOf(name));
    unitStacks.add(stackNameFor('unit', pathOf(name)));
  }
  unitPath.delete(organization.root.id);

  const paths = new Set(unitPath.values());
  const accountStacks = new Set<string>([stackNameFor('account', 'root')]);
  const accountName = new Map<string, string>();
  // Room is kept for the id that a taken name gets appended.
  const longestAccountName = Math.min(MAX_NAME_LENGTH, MAX_STACK_NAME_LENGTH - 'account-'.length) - ('-'.length + ACCOUNT_ID_LENGTH);
  for (const account of organization.accounts) {
    const plain = sanitizeName(account.name, `account-${account.id}`);
    let name = plain.length > longestAccountName ? shortened(plain, account.id, longestAccountName) : plain;
    if (accountStacks.has(stackNameFor('account', name)) || paths.has(name) || RESERVED_KEYS.has(name)) name = `${name}-${account.id}`;
    accountName.set(account.id, name);
    accountStacks.add(stackNameFor('account', name));
  }
  return { unitName, unitPath, accountName };
}

const ACCOUNT_ID_LENGTH = 12;

/**
 * The OUs to name short: those on a path (root to deepest descendant) whose stack name, with every
 * name as it is, would pass MAX_STACK_NAME_LENGTH. A path of short names always fits, and a path
 * through an OU kept as it is fitted with every name as it is, so every path fits.
 */
function unitsToCut(organization: LiveOrganization, natural: ReadonlyMap<string, string>): Set<string> {
  const path = new Map<string, string>([[organization.root.id, '']]);
  for (const unit of organization.units) {
    const parent = path.get(unit.parentId) ?? '';
    const name = natural.get(unit.id) ?? unit.id;
    path.set(unit.id, parent ? `${parent}/${name}` : name);
  }
  // Units are listed parents first: walking back, each child is done before its parent.
  const deepest = new Map<string, number>();
  for (const unit of [...organization.units].reverse()) {
    const own = stackNameFor('unit', path.get(unit.id) ?? '').length;
    deepest.set(unit.id, Math.max(own, deepest.get(unit.id) ?? 0));
    deepest.set(unit.parentId, Math.max(deepest.get(unit.parentId) ?? 0, deepest.get(unit.id) ?? 0));
  }
  const cut = new Set<string>();
  for (const unit of organization.units) if ((deepest.get(unit.id) ?? 0) > MAX_STACK_NAME_LENGTH) cut.add(unit.id);
  return cut;
}

/** The start of `name` and the end of `id`, in at most `length` characters. */
function shortened(name: string, id: string, length: number): string {
  const tail = id.slice(-8);
  const head = name.slice(0, Math.max(1, length - tail.length - 1)).replace(/[^A-Za-z0-9]+$/, '');
  return `${head || 'x'}-${tail}`;
}
