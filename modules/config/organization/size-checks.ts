import { MAX_ACCOUNT_STACKS, MAX_ACCOUNTS, MAX_MONITORED_ACCOUNT_REGIONS, MAX_STACK_NAME_LENGTH, MAX_UNIT_DEPTH, MAX_UNITS } from '../document/input-limits';
import type { ConfigLocator } from '../document/config-locator';
import type { ConfigProblem } from '../document/problems';
import { monitorsMemberAccounts } from '../monitoring/placement';
import { listUnits, stackNameFor } from './resolve';
import type { GovernanceConfig } from '../schema';

/**
 * The size checks of an organization: what AWS Organizations itself allows (OUs, nesting), what
 * keeps every derived name valid (stack names), and what keeps synth within a documented time and
 * memory (accounts, account stacks, monitored account-regions). Each problem names the limit.
 */
export function checkOrganizationSize(config: GovernanceConfig, at: ConfigLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const units = listUnits(config);
  const accounts = Object.entries(config.organization.accounts);
  const n = (value: number): string => value.toLocaleString('en-US');

  if (accounts.length > MAX_ACCOUNTS) {
    problems.push(at.problem(['organization', 'accounts'], `${n(accounts.length)} accounts, more than the ${n(MAX_ACCOUNTS)} modelgate reads in one governance file`));
  }
  if (units.length > MAX_UNITS) {
    problems.push(at.problem(['organization', 'units'], `${n(units.length)} OUs, more than the ${n(MAX_UNITS)} OUs AWS Organizations allows in an organization`));
  }
  const tooDeep = units.find((unit) => unit.path.split('/').length > MAX_UNIT_DEPTH);
  if (tooDeep) {
    problems.push(
      at.problem(tooDeep.configPath, `OU "${tooDeep.path}" is nested ${tooDeep.path.split('/').length} levels under the root; AWS Organizations allows ${MAX_UNIT_DEPTH} levels of OUs with service control policies`, {
        atKey: true,
      }),
    );
  }

  const longName = (kind: 'unit' | 'account', layer: string, path: readonly (string | number)[]): void => {
    const stack = stackNameFor(kind, layer);
    if (stack.length <= MAX_STACK_NAME_LENGTH) return;
    problems.push(
      at.problem(
        path,
        `${kind === 'unit' ? 'OU path' : 'account name'} "${layer.length > 60 ? `${layer.slice(0, 57)}...` : layer}" makes the stack name "${stack.slice(0, 40)}..." of ${stack.length} characters; ` +
          `stack names are at most ${MAX_STACK_NAME_LENGTH} characters, so that the SCP names modelgate-<stack>-<n> fit the 128 characters AWS Organizations allows: shorten the ${kind === 'unit' ? 'names on this path' : 'name'}`,
        { atKey: true },
      ),
    );
  };
  for (const unit of units) longName('unit', unit.path, unit.configPath);
  for (const [name] of accounts) longName('account', name, ['organization', 'accounts', name]);

  const { managementAccount } = config.organization;
  const members = accounts.filter(([, account]) => account.id !== managementAccount);
  const holding = new Set(
    [...Object.values(config.canvas), ...Object.values(config.modelUsers), ...Object.values(config.jumpstartHubs), ...Object.values(config.guardrails)].map((entry) => entry.account),
  );
  const monitoring = config.monitoring;
  const everyMember = monitorsMemberAccounts(monitoring);
  const accountStacks = accounts.filter(([name, account]) => holding.has(name) || (account.id !== managementAccount && (everyMember || Object.hasOwn(config.models, name)))).length;
  if (accountStacks > MAX_ACCOUNT_STACKS) {
    problems.push(
      at.problem(
        ['organization', 'accounts'],
        `${n(accountStacks)} accounts need a stack of their own (rules, resources or monitoring), more than the ${n(MAX_ACCOUNT_STACKS)} synth builds at most: move account rules up to their OUs, where one SCP covers every account`,
      ),
    );
  }
  if (monitoring && everyMember) {
    const regions = (monitoring.regions ?? [config.deployment.region]).length;
    const pairs = members.length * regions;
    if (pairs > MAX_MONITORED_ACCOUNT_REGIONS) {
      problems.push(
        at.problem(
          ['monitoring'],
          `alerts, invocation logging and dashboards go to ${n(members.length)} member accounts in ${regions} region${regions > 1 ? 's' : ''}: ${n(pairs)} account-regions, more than the ${n(MAX_MONITORED_ACCOUNT_REGIONS)} synth places at most ` +
            '(each holds about 10 resources): name fewer monitoring.regions, or leave alerts, invocationLogging and dashboard out and keep the organization-wide auditTrail',
        ),
      );
    }
  }
  return problems;
}
