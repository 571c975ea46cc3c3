import type { AlertSubscription, AuditTrailConfig, BudgetConfig, InvocationLoggingConfig } from './schema';
import { monitorsMemberAccounts } from './placement';
import { layerLineages } from '../organization/resolve';
import type { GovernanceConfig } from '../schema';

/** An AWS account that monitoring places resources in, by its name in the config. */
export interface MonitoredAccount {
  /** The account name in organization.accounts, or "management". */
  readonly name: string;
  readonly id: string;
}

/** The organization CloudTrail Lake event data store, resolved. */
export interface ResolvedEventDataStore {
  readonly account: MonitoredAccount;
  /** True when the store lives in a delegated administrator account rather than the management account. */
  readonly delegated: boolean;
  readonly name: string;
  readonly billingMode: 'EXTENDABLE_RETENTION_PRICING' | 'FIXED_RETENTION_PRICING';
  readonly retentionDays: number;
  readonly kmsKeyArn?: string;
  readonly bedrockDataEvents: readonly ('bidirectionalStreaming' | 'asyncInvocations')[];
}

/**
 * The organization trail and where its pieces live: the trail in the management account (an
 * organization trail is created there), the bucket, key, Glue table and Athena workgroup in the
 * audit account, all in the home region.
 */
export interface ResolvedAuditTrail {
  readonly name: string;
  readonly managementAccountId: string;
  readonly organizationId: string;
  /** Holds the log bucket, its key, the Glue table and the Athena workgroup. */
  readonly auditAccount: MonitoredAccount;
  /** deployment.region: the trail's home region and the region of the bucket, key, table and workgroup. */
  readonly region: string;
  readonly retentionDays: number;
  readonly objectLock?: { readonly mode: 'GOVERNANCE' | 'COMPLIANCE'; readonly retentionDays: number };
  readonly bedrockDataEvents: readonly ('bidirectionalStreaming' | 'asyncInvocations')[];
  readonly queryScanLimitBytes: number;
  /** Account ids the table projects (every account of organization.accounts and the management account), sorted. */
  readonly accountIds: readonly string[];
  /** Regions the table projects: monitoring.regions, the home region, and where global services such as Organizations log, sorted. */
  readonly regions: readonly string[];
}

/** One AWS Budget: a monthly limit on the listed services for some accounts. */
export interface ResolvedBudget {
  /** The key under monitoring.budgets. */
  readonly name: string;
  /** The scope as written: "root", an OU path or an account name. */
  readonly scope: string;
  /** Linked accounts the budget filters on; empty for "root" (every account of the organization). */
  readonly accountIds: readonly string[];
  readonly monthlyLimitUsd: number;
  readonly thresholds: readonly number[];
  readonly notify: readonly string[];
  readonly services: readonly string[];
  /** The cost metric tracked, e.g. UnblendedCost. */
  readonly metric: BudgetConfig['metric'];
}

/** `monitoring:` with names turned into account ids and defaults filled in. */
export interface ResolvedMonitoring {
  /** Regions of the per-account pieces, sorted; deployment.region when the config names none. */
  readonly regions: readonly string[];
  /** deployment.region: where the central bus, topic and dashboards live. */
  readonly homeRegion: string;
  /** Member accounts (every account in organization.accounts except the management account). */
  readonly governedAccounts: readonly MonitoredAccount[];
  readonly auditAccount?: MonitoredAccount;
  /**
   * Where the central alert bus, topic and key live: the audit account, in the home region. Present
   * when alerts are on and the organization id is known; the one place this is decided.
   */
  readonly centralAlerts?: { readonly account: MonitoredAccount; readonly region: string; readonly organizationId: string };
  /** The accounts that hold pieces of their own (alert rules, invocation logging, dashboard): every governed account when one is on. */
  readonly memberAccounts: readonly MonitoredAccount[];
  readonly eventDataStore?: ResolvedEventDataStore;
  readonly auditTrail?: ResolvedAuditTrail;
  /** Patterns searched in SageMaker CreateModel containers by the stored query. */
  readonly modelPatterns: readonly string[];
  readonly alerts?: { readonly subscriptions: readonly AlertSubscription[] };
  readonly invocationLogging?: InvocationLoggingConfig;
  readonly dashboard: boolean;
  readonly budgets: readonly ResolvedBudget[];
}

/** Resolves `monitoring:`; assumes checkMonitoring found no errors. */
export function resolveMonitoring(config: GovernanceConfig): ResolvedMonitoring | undefined {
  const monitoring = config.monitoring;
  if (!monitoring) return undefined;
  const { accounts, managementAccount } = config.organization;
  const account = (name: string): MonitoredAccount =>
    name === 'management' ? { name, id: managementAccount } : { name, id: accounts[name]?.id ?? managementAccount };
  const store = monitoring.eventDataStore;
  const storeAccount = store ? account(store.account) : undefined;
  const lineages = layerLineages(config);
  const governedAccounts = Object.entries(accounts)
    .filter(([, a]) => a.id !== managementAccount)
    .map(([name, a]) => ({ name, id: a.id }));
  const auditAccount = monitoring.auditAccount ? account(monitoring.auditAccount) : undefined;
  const organizationId = config.organization.id;
  return {
    regions: [...(monitoring.regions ?? [config.deployment.region])].sort(),
    homeRegion: config.deployment.region,
    governedAccounts,
    ...(auditAccount ? { auditAccount } : {}),
    ...(monitoring.alerts && auditAccount && organizationId ? { centralAlerts: { account: auditAccount, region: config.deployment.region, organizationId } } : {}),
    memberAccounts: monitorsMemberAccounts(monitoring) ? governedAccounts : [],
    ...(store && storeAccount
      ? {
          eventDataStore: {
            account: storeAccount,
            delegated: storeAccount.id !== managementAccount,
            name: store.name,
            billingMode: store.billingMode === 'fixedRetention' ? 'FIXED_RETENTION_PRICING' : 'EXTENDABLE_RETENTION_PRICING',
            retentionDays: store.retentionDays,
            ...(store.kmsKeyArn ? { kmsKeyArn: store.kmsKeyArn } : {}),
            bedrockDataEvents: [...new Set(store.bedrockDataEvents)].sort(),
          },
        }
      : {}),
    ...(monitoring.auditTrail && auditAccount && organizationId ? { auditTrail: auditTrail(config, monitoring.auditTrail, auditAccount, organizationId) } : {}),
    modelPatterns: monitoring.queries?.modelPatterns ? [...new Set(monitoring.queries.modelPatterns)].sort() : denyGlobs(config),
    ...(monitoring.alerts ? { alerts: { subscriptions: monitoring.alerts.subscriptions } } : {}),
    ...(monitoring.invocationLogging ? { invocationLogging: monitoring.invocationLogging } : {}),
    dashboard: monitoring.dashboard,
    budgets: Object.entries(monitoring.budgets).map(([name, budget]) => ({
      name,
      scope: budget.scope,
      accountIds: budgetAccounts(config, budget.scope, lineages),
      monthlyLimitUsd: budget.monthlyLimitUsd,
      thresholds: [...new Set(budget.thresholds)].sort((a, b) => a - b),
      notify: [...new Set(budget.notify)].sort(),
      services: [...new Set(budget.services)].sort(),
      metric: budget.metric,
    })),
  };
}

/** GB as Athena counts them for the bytes-scanned cutoff: 1 GB = 1024^3 bytes (whole bytes). */
const GIGABYTE = 1024 ** 3;

function auditTrail(config: GovernanceConfig, trail: AuditTrailConfig, auditAccount: MonitoredAccount, organizationId: string): ResolvedAuditTrail {
  const { managementAccount, accounts, partition } = config.organization;
  const home = config.deployment.region;
  // Global services (IAM, Organizations) log in us-east-1 in the aws partition; elsewhere in the home region.
  const globalRegion = partition === 'aws' ? 'us-east-1' : home;
  return {
    name: trail.name,
    managementAccountId: managementAccount,
    organizationId,
    auditAccount,
    region: home,
    retentionDays: trail.retentionDays,
    ...(trail.objectLock ? { objectLock: { mode: trail.objectLock.mode === 'compliance' ? 'COMPLIANCE' : 'GOVERNANCE', retentionDays: trail.objectLock.retentionDays } } : {}),
    bedrockDataEvents: [...new Set(trail.bedrockDataEvents)].sort(),
    queryScanLimitBytes: Math.round(trail.queryScanLimitGb * GIGABYTE),
    accountIds: [...new Set([managementAccount, ...Object.values(accounts).map((a) => a.id)])].sort(),
    regions: [...new Set([...(config.monitoring?.regions ?? []), home, globalRegion])].sort(),
  };
}

/** The accounts a budget scope holds: one account, or every account at or below an OU (none listed for the root: all of them). */
function budgetAccounts(config: GovernanceConfig, scope: string, lineages: ReadonlyMap<string, readonly string[]>): string[] {
  if (scope === 'root') return [];
  const accounts = config.organization.accounts;
  const named = accounts[scope];
  if (named) return [named.id];
  return Object.entries(accounts)
    .filter(([name]) => lineages.get(name)?.includes(scope))
    .map(([, a]) => a.id)
    .sort();
}

/** Every model the config denies by name, at any layer: what the CreateModel query looks for by default. */
function denyGlobs(config: GovernanceConfig): string[] {
  const globs = new Set<string>();
  for (const rules of Object.values(config.models)) {
    for (const path of [rules.bedrock, rules.marketplace]) {
      if (Array.isArray(path?.deny)) for (const glob of path.deny) globs.add(glob);
    }
  }
  return [...globs].sort();
}
