import type { ConfigPath } from '../document/problems';
import type { LayerRules } from '../models/schema';
import type { GovernanceConfig } from '../schema';

/** Where an organization policy can be attached. */
export type TargetKind = 'root' | 'unit' | 'account';

/** One attachment target of the organization (root, OU or account), with the rules written for it. */
export interface Target {
  readonly kind: TargetKind;
  /** The layer key used in `models:`: "root", an OU path such as "Workloads/Prod", or an account name. */
  readonly layer: string;
  /** The AWS id: r-..., ou-..., or a 12-digit account id. */
  readonly id: string;
  /** Layer keys of the ancestors, root first, ending with this target. */
  readonly lineage: readonly string[];
  /** SCPs attached by other tools; each takes a slot. */
  readonly existingPolicies: readonly string[];
  /** The CDKTF stack name: root, ou-<path>, account-<name>. */
  readonly stackName: string;
  /** The rules written for this layer, if any. */
  readonly rules?: LayerRules;
  /** Config path of the rules (for messages). */
  readonly rulesPath: ConfigPath;
}

/** SCP size and count limits of AWS Organizations. */
export interface ScpLimits {
  readonly maxCharacters: number;
  readonly maxPoliciesPerTarget: number;
}

export const CURRENT_LIMITS: ScpLimits = { maxCharacters: 10240, maxPoliciesPerTarget: 10 };
export const LEGACY_LIMITS: ScpLimits = { maxCharacters: 5120, maxPoliciesPerTarget: 5 };

/** An OU as found while walking the nested `units:` mapping. */
export interface UnitEntry {
  readonly path: string;
  readonly id: string;
  readonly parentPath: string | undefined;
  readonly existingPolicies: readonly string[];
  readonly configPath: ConfigPath;
}

/** Walks nested units depth-first, in file order, giving each its path ("Workloads/Prod"). */
export function listUnits(config: Pick<GovernanceConfig, 'organization'>): UnitEntry[] {
  const found: UnitEntry[] = [];
  type Units = GovernanceConfig['organization']['units'];
  const walk = (units: Units, parentPath: string | undefined, configPath: ConfigPath): void => {
    for (const [name, unit] of Object.entries(units)) {
      const path = parentPath ? `${parentPath}/${name}` : name;
      const here = [...configPath, name];
      found.push({ path, id: unit.id, parentPath, existingPolicies: unit.existingPolicies ?? [], configPath: here });
      walk(unit.units ?? {}, path, [...here, 'units']);
    }
  };
  walk(config.organization.units, undefined, ['organization', 'units']);
  return found;
}

/**
 * Every layer ("root", each OU path, each account name) with its lineage: the layer keys from the
 * root down to it. An account whose unit is unknown hangs under the root (the semantic checks report it).
 * It is the one lineage computation of modelgate: every target carries its lineage from here.
 * Computed once per organization: the checks and the resolution of several sections all ask.
 */
export function layerLineages(config: Pick<GovernanceConfig, 'organization'>): ReadonlyMap<string, readonly string[]> {
  let lineages = computedLineages.get(config.organization);
  if (!lineages) {
    lineages = lineagesOf(config);
    computedLineages.set(config.organization, lineages);
  }
  return lineages;
}

const computedLineages = new WeakMap<GovernanceConfig['organization'], ReadonlyMap<string, readonly string[]>>();

function lineagesOf(config: Pick<GovernanceConfig, 'organization'>): ReadonlyMap<string, readonly string[]> {
  const lineages = new Map<string, readonly string[]>([['root', ['root']]]);
  for (const unit of listUnits(config)) {
    lineages.set(unit.path, [...(lineages.get(unit.parentPath ?? 'root') ?? ['root']), unit.path]);
  }
  for (const [name, account] of Object.entries(config.organization.accounts)) {
    lineages.set(name, [...(lineages.get(account.unit ?? 'root') ?? ['root']), name]);
  }
  return lineages;
}

/** Stack names are lower-case and path-safe; collisions are reported by the semantic checks. */
export function stackNameFor(kind: TargetKind, layer: string): string {
  if (kind === 'root') return 'root';
  const slug = layer.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${kind === 'unit' ? 'ou' : 'account'}-${slug}`;
}

export function limitsOf(setting: GovernanceConfig['organization']['scpLimits']): ScpLimits {
  if (setting === 'current') return CURRENT_LIMITS;
  if (setting === 'legacy') return LEGACY_LIMITS;
  return { maxCharacters: setting.maxCharacters, maxPoliciesPerTarget: setting.maxPoliciesPerTarget };
}

/** Every attachment target: the root, then OUs in depth-first order, then accounts in file order. */
export function resolveTargets(config: GovernanceConfig): Target[] {
  const org = config.organization;
  const rootId = typeof org.root === 'string' ? org.root : org.root.id;
  const rootPolicies = typeof org.root === 'string' ? [] : (org.root.existingPolicies ?? []);
  const lineageOf = layerLineages(config);
  const target = (kind: TargetKind, layer: string, id: string, lineage: readonly string[], existing: readonly string[]): Target => ({
    kind,
    layer,
    id,
    lineage,
    existingPolicies: existing,
    stackName: stackNameFor(kind, layer),
    rules: config.models[layer],
    rulesPath: ['models', layer],
  });
  const targets: Target[] = [target('root', 'root', rootId, ['root'], rootPolicies)];
  for (const unit of listUnits(config)) {
    targets.push(target('unit', unit.path, unit.id, lineageOf.get(unit.path) ?? [], unit.existingPolicies));
  }
  for (const [name, account] of Object.entries(org.accounts)) {
    targets.push(target('account', name, account.id, lineageOf.get(name) ?? ['root', name], account.existingPolicies ?? []));
  }
  return targets;
}
