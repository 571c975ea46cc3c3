import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';
import type { MonitoredAccount, ResolvedGovernance } from '../modules/config';
import {
  athenaQueries,
  AlertRules,
  AuditQueryWorkgroup,
  CentralAlerts,
  InvocationLogging,
  MANAGEMENT_ACCOUNT_ALERTS,
  MEMBER_ACCOUNT_ALERTS,
  ModelDashboard,
  ModelSpendBudgets,
  OrganizationAuditTrail,
  OrganizationEventDataStore,
  storedQueries,
} from '../modules/monitoring';
import { AUDIT_DATABASE, AUDIT_TABLE } from '../modules/policy/light';
import type { MonitoringPolicies } from '../modules/policy';
import { memberAccountProvider } from './member-account-provider';

/**
 * AWS Organizations is a global service whose API calls CloudTrail records, and EventBridge
 * delivers, in one Region: US East (N. Virginia) in the aws partition.
 */
function organizationsEventRegion(partition: string, fallback: string): string {
  return partition === 'aws' ? 'us-east-1' : fallback;
}

/**
 * The organization-wide pieces, in the root stack: the organization trail with its bucket, key and
 * Athena workgroup (in the audit account) and its named queries, the event data store and its queries, the
 * central alert bus and topic (in the audit account), the SCP-change alerts of the management
 * account, and the budgets. Accounts other than the management account are reached through a
 * provider that assumes deployment.accountRoleName there; everything stays in the root stack's state.
 */
export function placeOrganizationMonitoring(scope: Construct, governance: ResolvedGovernance, policies: MonitoringPolicies, managementProvider: AwsProvider): void {
  const monitoring = governance.monitoring;
  if (!monitoring) return;
  const providers = new Map<string, AwsProvider>([[governance.managementAccount, managementProvider]]);
  // One provider per account, named after the account, whichever pieces it holds.
  const providerFor = (account: MonitoredAccount): AwsProvider => {
    let provider = providers.get(account.id);
    if (!provider) {
      provider = memberAccountProvider(scope, `account-${account.name.replace(/[^A-Za-z0-9_-]/g, '-')}`, governance, account.id);
      providers.set(account.id, provider);
    }
    return provider;
  };

  const store = monitoring.eventDataStore;
  if (store) {
    new OrganizationEventDataStore(scope, 'audit-event-data-store', {
      store,
      storeProvider: providerFor(store.account),
      managementProvider,
      queries: storedQueries(monitoring),
    });
  }
  const trail = monitoring.auditTrail;
  if (trail && policies.auditTrail) {
    const auditProvider = providerFor(trail.auditAccount);
    const audit = new OrganizationAuditTrail(scope, 'audit-trail', { trail, managementProvider, auditProvider, policies: policies.auditTrail });
    new AuditQueryWorkgroup(scope, 'audit-queries', {
      trail,
      provider: auditProvider,
      kmsKeyArn: audit.key.arn,
      resultsBucketPolicy: policies.auditTrail.resultsBucketPolicy,
      queries: athenaQueries(monitoring, { database: AUDIT_DATABASE, table: AUDIT_TABLE }),
    });
  }
  const central = monitoring.centralAlerts;
  if (central && policies.centralAlerts && policies.forwarder) {
    new CentralAlerts(scope, 'central-alerts', {
      provider: providerFor(central.account),
      region: central.region,
      policies: policies.centralAlerts,
      subscriptions: monitoring.alerts?.subscriptions ?? [],
    });
    new AlertRules(scope, 'management-alerts', {
      provider: managementProvider,
      partition: governance.partition,
      regions: [organizationsEventRegion(governance.partition, monitoring.homeRegion)],
      alerts: MANAGEMENT_ACCOUNT_ALERTS,
      audit: { accountId: central.account.id, region: central.region },
      forwarderPolicies: policies.forwarder,
    });
  }
  if (monitoring.budgets.length > 0) new ModelSpendBudgets(scope, 'spend-budgets', { provider: managementProvider, budgets: monitoring.budgets });
}

/** One member account's pieces, in its account stack: alert rules, invocation logging, dashboard. */
export function placeAccountMonitoring(
  scope: Construct,
  governance: ResolvedGovernance,
  policies: MonitoringPolicies,
  account: { readonly name: string; readonly id: string },
  provider: () => AwsProvider,
): void {
  const monitoring = governance.monitoring;
  if (!monitoring || !monitoring.memberAccounts.some((a) => a.id === account.id)) return;
  const { partition } = governance;
  const central = monitoring.centralAlerts;
  if (central && policies.forwarder) {
    new AlertRules(scope, 'alerts', {
      provider: provider(),
      partition,
      regions: monitoring.regions,
      alerts: MEMBER_ACCOUNT_ALERTS,
      audit: { accountId: central.account.id, region: central.region },
      forwarderPolicies: policies.forwarder,
    });
  }
  const logging = policies.invocationLogging.get(account.id);
  if (monitoring.invocationLogging && logging) {
    new InvocationLogging(scope, 'invocation-logging', { provider: provider(), accountId: account.id, regions: monitoring.regions, config: monitoring.invocationLogging, policies: logging });
  }
  if (monitoring.dashboard) {
    new ModelDashboard(scope, 'dashboard', { provider: provider(), accountName: account.name, homeRegion: monitoring.homeRegion, regions: monitoring.regions });
  }
}
