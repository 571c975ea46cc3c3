import type { ConfigLocator } from '../document/config-locator';
import type { ConfigProblem } from '../document/problems';
import { listUnits } from '../organization/resolve';
import { listOf } from '../private/list-of';
import type { GovernanceConfig } from '../schema';
import type { LayerRules } from './schema';

/**
 * Cross-checks of `models:`: every layer names the root, an OU path or an account; each layer's
 * rules are consistent; rules on the management account, which SCPs never restrict, are a warning.
 */
export function checkModels(config: GovernanceConfig, at: ConfigLocator): { readonly errors: ConfigProblem[]; readonly warnings: ConfigProblem[] } {
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  const unitPaths = new Set(listUnits(config).map((u) => u.path));
  const accountNames = new Set(Object.keys(config.organization.accounts));
  for (const [layer, rules] of Object.entries(config.models)) {
    if (layer !== 'root' && !unitPaths.has(layer) && !accountNames.has(layer)) {
      errors.push(
        at.problem(
          ['models', layer],
          `unknown layer "${layer}"; expected "root", an OU path${listOf(unitPaths)}, or an account name${listOf(accountNames)}`,
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
  return { errors, warnings };
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
