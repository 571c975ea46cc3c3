import type { MonitoringConfig } from './schema';

/**
 * Whether member accounts get monitoring resources of their own (alert rules, invocation logging,
 * dashboards), and so each an account stack: the one place this is decided, for the size checks,
 * the resolved model and the stacks.
 */
export function monitorsMemberAccounts(monitoring: Pick<MonitoringConfig, 'alerts' | 'invocationLogging' | 'dashboard'> | undefined): boolean {
  return monitoring !== undefined && (monitoring.alerts !== undefined || monitoring.invocationLogging !== undefined || monitoring.dashboard);
}
