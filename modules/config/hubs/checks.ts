import type { ConfigLocator } from '../document/config-locator';
import type { ConfigProblem } from '../document/problems';
import { globMatches } from '../globs';
import { layerLineages, listUnits } from '../organization/resolve';
import { listOf } from '../private/list-of';
import type { GovernanceConfig } from '../schema';
import { SHARE_WITH_ORGANIZATION } from './schema';

/**
 * Cross-checks `jumpstartHubs:`: the holding account exists, hub names are unique per account,
 * each model is listed once, every share target is the organization, a known OU path or a
 * known account other than the hub's own, and a named RAM permission is of the organization's partition.
 */
export function checkJumpstartHubs(config: GovernanceConfig, at: ConfigLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const accounts = config.organization.accounts;
  const unitPaths = new Set(listUnits(config).map((u) => u.path));
  const hubOwners = new Map<string, string>();
  for (const [key, hub] of Object.entries(config.jumpstartHubs)) {
    const base = ['jumpstartHubs', key];
    if (accounts[hub.account] === undefined) {
      problems.push(at.problem([...base, 'account'], `unknown account "${hub.account}"; expected an account name from organization.accounts${listOf(Object.keys(accounts))}`));
    }
    const name = hub.hubName ?? key;
    const owner = `${hub.account}/${name}`;
    const previous = hubOwners.get(owner);
    if (previous !== undefined) {
      problems.push(
        at.problem(hub.hubName === undefined ? base : [...base, 'hubName'], `hub name "${name}" is already used by jumpstartHubs.${previous} in account "${hub.account}"; SageMaker hub names are unique per account and region: rename one`, {
          atKey: hub.hubName === undefined,
        }),
      );
    } else hubOwners.set(owner, key);

    const partition = hub.permissionArn?.split(':')[1];
    if (partition !== undefined && partition !== config.organization.partition) {
      problems.push(at.problem([...base, 'permissionArn'], `is a RAM permission of partition "${partition}", but organization.partition is "${config.organization.partition}"; use the ARN RAM lists in your partition`));
    }

    const models = new Map<string, number>();
    hub.models.forEach((model, index) => {
      const first = models.get(model.id);
      if (first !== undefined) {
        problems.push(at.problem([...base, 'models', index, 'id'], `model "${model.id}" is already listed at models[${first}]; list each model once (minVersion sets the lowest version)`));
      } else models.set(model.id, index);
    });

    const targets = new Map<string, number>();
    (hub.shareWith ?? []).forEach((target, index) => {
      const path = [...base, 'shareWith', index];
      const first = targets.get(target);
      if (first !== undefined) {
        problems.push(at.problem(path, `"${target}" is already listed at shareWith[${first}]; list each share target once`));
        return;
      }
      targets.set(target, index);
      if (target === SHARE_WITH_ORGANIZATION || unitPaths.has(target)) {
        if (config.organization.id === undefined) {
          const what = target === SHARE_WITH_ORGANIZATION ? 'the organization' : `OU "${target}"`;
          problems.push(at.problem(path, `sharing with ${what} needs the organization id, which AWS RAM puts in its ARN; add organization.id (e.g. "id: o-a1b2c3d4e5")`));
        }
      } else if (accounts[target] !== undefined) {
        if (target === hub.account) problems.push(at.problem(path, `account "${target}" holds this hub already; share with other accounts, OUs or the organization`));
      } else {
        problems.push(
          at.problem(
            path,
            `unknown share target "${target}"; expected "${SHARE_WITH_ORGANIZATION}", an OU path${listOf(unitPaths)}, or an account name${listOf(Object.keys(accounts))}`,
          ),
        );
      }
    });
  }
  return problems;
}

/**
 * Warns when `publicHub: block` applies to a hub's account and does not exempt the role that
 * applies the hub's stack: the IAM reference lists hub content as a required resource of
 * sagemaker:CreateHubContentReference, and the public hub content is what a reference points at,
 * so the apply is likely denied. The management account is skipped: SCPs do not restrict it.
 */
export function checkHubDeployers(config: GovernanceConfig, at: ConfigLocator): ConfigProblem[] {
  const warnings: ConfigProblem[] = [];
  const { partition, managementAccount, accounts } = config.organization;
  const breakGlass = config.breakGlass === 'none' ? [] : config.breakGlass;
  const lineages = layerLineages(config);
  for (const [key, hub] of Object.entries(config.jumpstartHubs)) {
    const account = accounts[hub.account];
    if (account === undefined || account.id === managementAccount) continue;
    const deployer = `arn:${partition}:iam::${account.id}:role/${config.deployment.accountRoleName}`;
    for (const layer of lineages.get(hub.account) ?? []) {
      const jumpstart = config.models[layer]?.jumpstart;
      if (jumpstart?.publicHub !== 'block') continue;
      if ([...breakGlass, ...(jumpstart.except ?? [])].some((pattern) => globMatches(pattern, deployer))) continue;
      warnings.push(
        at.problem(
          ['jumpstartHubs', key],
          `"publicHub: block" at models.${layer}.jumpstart also applies to ${deployer}, the role that applies this hub's stack, and hub content references point at public hub content: the apply will likely be denied; add that role to models.${layer}.jumpstart.except`,
          { atKey: true },
        ),
      );
    }
  }
  return warnings;
}
