import type { ResolvedGovernance } from '../config';
import {
  alertBusPolicy,
  alertKeyPolicy,
  alertTopicPolicy,
  bedrockLoggingTrustPolicy,
  forwarderPolicy,
  forwarderTrustPolicy,
  invocationLogBucketPolicy,
  invocationLoggingRolePolicy,
  monitoringPolicyProblems,
  type NamedPolicy,
} from './resource-policies';

/** Every IAM, key, topic, bus and bucket policy that monitoring places for this organization. */
export function monitoringPolicies(governance: ResolvedGovernance): NamedPolicy[] {
  const monitoring = governance.monitoring;
  if (!monitoring) return [];
  const { partition } = governance;
  const policies: NamedPolicy[] = [];
  const audit = monitoring.auditAccount;
  if (monitoring.alerts && audit && governance.organizationId) {
    const place = { partition, accountId: audit.id, region: monitoring.homeRegion };
    policies.push(alertKeyPolicy(place), alertTopicPolicy(place), alertBusPolicy(place, governance.organizationId));
    policies.push(forwarderTrustPolicy(), forwarderPolicy(partition, { accountId: audit.id, region: monitoring.homeRegion }));
  }
  const logging = monitoring.invocationLogging;
  if (logging) {
    for (const account of monitoring.governedAccounts) {
      if (logging.s3) for (const region of monitoring.regions) policies.push(invocationLogBucketPolicy({ partition, accountId: account.id, region }));
      if (logging.cloudWatchLogs) policies.push(bedrockLoggingTrustPolicy(account.id), invocationLoggingRolePolicy(partition, account.id, monitoring.regions));
    }
  }
  return policies;
}

/** Catalog problems of the monitoring policies, one sentence each; empty when all check out. */
export function checkMonitoringPolicies(governance: ResolvedGovernance): Promise<string[]> {
  return monitoringPolicyProblems(monitoringPolicies(governance));
}
