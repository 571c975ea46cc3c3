import type { ConfigLocator } from '../document/config-locator';
import type { ConfigProblem } from '../document/problems';
import { layerLineages, listUnits } from '../organization/resolve';
import { listOf } from '../private/list-of';
import type { GovernanceConfig } from '../schema';

/** The most days CloudTrail Lake keeps events with fixed-retention pricing. */
const FIXED_RETENTION_MAX_DAYS = 2557;

/** Cross-checks of `monitoring:` against the organization: account names, OU paths, the organization id. */
export function checkMonitoring(config: GovernanceConfig, at: ConfigLocator): ConfigProblem[] {
  const monitoring = config.monitoring;
  if (!monitoring) return [];
  const problems: ConfigProblem[] = [];
  const accounts = config.organization.accounts;
  const accountNames = Object.keys(accounts);
  const unitPaths = listUnits(config).map((u) => u.path);
  const lineages = layerLineages(config);
  const base = ['monitoring'];
  const accountOrManagement = (name: string, path: readonly (string | number)[], role: string): void => {
    if (name !== 'management' && accounts[name] === undefined) {
      problems.push(at.problem(path, `unknown account "${name}" for ${role}; expected "management" or an account name from organization.accounts${listOf(accountNames)}`));
    }
  };

  const named = accounts.management;
  if (named !== undefined && named.id !== config.organization.managementAccount) {
    problems.push(at.problem(['organization', 'accounts', 'management'], `monitoring uses the word "management" for the management account (${config.organization.managementAccount}), but an account named "management" has id ${named.id}; rename that account`));
  }
  if (monitoring.auditAccount !== undefined) accountOrManagement(monitoring.auditAccount, [...base, 'auditAccount'], 'the audit account');
  if (monitoring.alerts) {
    if (monitoring.auditAccount === undefined) {
      problems.push(at.problem([...base, 'alerts'], 'alerts need an audit account for the central event bus and SNS topic: add "auditAccount: <account name>" (or "management") under monitoring'));
    }
    if (config.organization.id === undefined) {
      problems.push(at.problem(['organization'], 'monitoring.alerts limits the central event bus to your organization, so it needs organization.id: add "id: o-..." (aws organizations describe-organization)'));
    }
  }
  const store = monitoring.eventDataStore;
  if (store) {
    accountOrManagement(store.account, [...base, 'eventDataStore', 'account'], 'the event data store');
    if (store.billingMode === 'fixedRetention' && store.retentionDays > FIXED_RETENTION_MAX_DAYS) {
      problems.push(at.problem([...base, 'eventDataStore', 'retentionDays'], `expected at most ${FIXED_RETENTION_MAX_DAYS} days with billingMode fixedRetention; found ${store.retentionDays}: lower it, or use billingMode extendableRetention (up to 3653 days)`));
    }
  }
  const trail = monitoring.auditTrail;
  if (trail) {
    if (monitoring.auditAccount === undefined) {
      problems.push(at.problem([...base, 'auditTrail'], 'the audit trail needs an audit account for its bucket, key and Athena workgroup: add "auditAccount: <account name>" (or "management") under monitoring'));
    }
    if (config.organization.id === undefined) {
      problems.push(at.problem(['organization'], 'monitoring.auditTrail writes to AWSLogs/<organization id>/ and admits only your organization trail, so it needs organization.id: add "id: o-..." (aws organizations describe-organization)'));
    }
    if (trail.objectLock && trail.objectLock.retentionDays > trail.retentionDays) {
      problems.push(at.problem([...base, 'auditTrail', 'objectLock', 'retentionDays'], `expected at most retentionDays (${trail.retentionDays}); found ${trail.objectLock.retentionDays}: the lifecycle rule could not delete a log file that is still locked. Lower objectLock.retentionDays, or raise retentionDays`));
    }
  }
  const regions = monitoring.regions ?? [];
  regions.forEach((region, i) => {
    if (regions.indexOf(region) !== i) problems.push(at.problem([...base, 'regions', i], `region "${region}" is listed twice`));
  });
  const logging = monitoring.invocationLogging;
  if (logging && !logging.s3 && !logging.cloudWatchLogs) {
    problems.push(at.problem([...base, 'invocationLogging'], 'invocation logging needs a destination: set "s3: true" or "cloudWatchLogs: true", or remove invocationLogging'));
  }
  for (const [name, budget] of Object.entries(monitoring.budgets)) {
    const path = [...base, 'budgets', name, 'scope'];
    const scope = budget.scope;
    if (scope === 'root') continue;
    if (accounts[scope] !== undefined) continue;
    if (!unitPaths.includes(scope)) {
      problems.push(at.problem(path, `unknown scope "${scope}"; expected "root", an OU path${listOf(unitPaths)}, or an account name${listOf(accountNames)}`));
    } else if (!accountNames.some((a) => lineages.get(a)?.includes(scope))) {
      problems.push(at.problem(path, `OU "${scope}" has no accounts in organization.accounts, so the budget would filter on no account; list its accounts there, or budget the accounts by name`));
    }
  }
  return problems;
}
