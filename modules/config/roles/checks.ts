import type { ConfigLocator } from '../document/config-locator';
import type { ConfigPath, ConfigProblem } from '../document/problems';
import { layerLineages } from '../organization/resolve';
import { listOf } from '../private/list-of';
import type { GovernanceConfig } from '../schema';
import { approveModels, type LayerBedrockRules } from './approved-models';
import { canvasBedrockRoleName, canvasExecutionRoleName, canvasProfileRoleName } from './role-names';

/** IAM role names are at most 64 characters. */
const ROLE_NAME_LIMIT = 64;

/** Problems of the `canvas:` and `modelUsers:` sections that the schema cannot see. */
export function checkAccountRoles(config: GovernanceConfig, at: ConfigLocator): { errors: ConfigProblem[]; warnings: ConfigProblem[] } {
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  const accounts = config.organization.accounts;
  const accountNames = Object.keys(accounts);
  const lineages = layerLineages(config);
  const knownAccount = (name: string, path: ConfigPath): boolean => {
    if (accounts[name] !== undefined) return true;
    errors.push(at.problem(path, `unknown account "${name}"; expected an account name from organization.accounts${listOf(accountNames)}`));
    return false;
  };

  for (const [name, workspace] of Object.entries(config.canvas)) {
    const base = ['canvas', name];
    knownAccount(workspace.account, [...base, 'account']);
    const seen = new Set<string>();
    workspace.userProfiles.forEach((profile, index) => {
      if (seen.has(profile)) errors.push(at.problem([...base, 'userProfiles', index], `user profile "${profile}" is listed twice`));
      seen.add(profile);
      const roleName = canvasProfileRoleName(name, profile);
      if (roleName.length > ROLE_NAME_LIMIT) {
        errors.push(
          at.problem(
            [...base, 'userProfiles', index],
            `the execution role of user profile "${profile}" would be named "${roleName}" (${roleName.length} characters), longer than the ${ROLE_NAME_LIMIT} IAM allows; shorten the workspace or profile name`,
          ),
        );
      }
    });
    if ('existingId' in workspace.domain && workspace.userProfiles.length === 0) {
      warnings.push(
        at.problem(
          [...base, 'domain', 'existingId'],
          'on an existing domain modelgate creates the execution role and no user profile: Canvas uses the role (and these app settings) only once you make it the domain default, or list userProfiles here',
        ),
      );
    }
  }

  const canvasRoles = new Map<string, string>();
  for (const [name, workspace] of Object.entries(config.canvas)) {
    const roles = [canvasExecutionRoleName(name), canvasBedrockRoleName(name), ...workspace.userProfiles.map((p) => canvasProfileRoleName(name, p))];
    for (const role of roles) canvasRoles.set(`${workspace.account}/${role}`, name);
  }
  for (const [name, user] of Object.entries(config.modelUsers)) {
    const base = ['modelUsers', name];
    const accountKnown = knownAccount(user.account, [...base, 'account']);
    const workspace = user.role ? canvasRoles.get(`${user.account}/${name}`) : undefined;
    if (workspace !== undefined) {
      errors.push(at.problem(base, `role name "${name}" is already taken in account "${user.account}" by Canvas workspace "${workspace}"; rename the model user`, { atKey: true }));
    }
    if ((user.role === undefined) === (user.permissionSet === undefined)) {
      errors.push(
        at.problem(base, `expected an IAM role or a permission set ("role: { assumedBy: ... }" or "permissionSet: { instanceArn: ... }"); found ${user.role ? 'both' : 'neither'}`),
      );
    }
    const assumedBy = user.role?.assumedBy;
    if (assumedBy && (assumedBy.accounts ?? []).length + (assumedBy.services ?? []).length === 0) {
      errors.push(at.problem([...base, 'role', 'assumedBy'], 'nobody may assume this role; name accounts (account names or 12-digit ids) or services such as lambda.amazonaws.com'));
    }
    (assumedBy?.accounts ?? []).forEach((account, index) => {
      if (!/^\d{12}$/.test(account)) knownAccount(account, [...base, 'role', 'assumedBy', 'accounts', index]);
    });
    if (user.models.length === 0) {
      errors.push(at.problem(base, 'role without any approved model: list the Bedrock models it may invoke, e.g. models: ["anthropic.claude-3-5-sonnet*"]'));
      continue;
    }
    if (!accountKnown) continue;
    const { approved, denied } = approveModels(user.models, bedrockLineage(config, lineages.get(user.account) ?? []));
    const named = denied.map((d) => `"${d.glob}" (denied by models.${d.layer})`).join(', ');
    if (approved.length === 0) {
      errors.push(at.problem([...base, 'models'], `role without any approved model: the rules of account "${user.account}" deny every model it lists: ${named}`));
    } else if (denied.length > 0) {
      warnings.push(at.problem([...base, 'models'], `not granted, because the rules of account "${user.account}" deny them in whole or in part: ${named}; list only allowed models`));
    }
  }
  return { errors, warnings };
}

/** The bedrock rules along a lineage (root first), each with its layer. */
function bedrockLineage(config: GovernanceConfig, lineage: readonly string[]): LayerBedrockRules[] {
  return lineage.map((layer) => {
    const rules = config.models[layer]?.bedrock;
    return rules ? { layer, rules } : { layer };
  });
}
