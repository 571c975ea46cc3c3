import type { ConfigLocator } from '../document/config-locator';
import type { ConfigProblem } from '../document/problems';
import type { GovernanceConfig } from '../schema';

/**
 * Audit-store choices that work but may surprise, each silenced by a written acknowledgement:
 * CloudTrail Lake takes no new customers, and S3 Object Lock cannot be turned off. An
 * acknowledgement with nothing to acknowledge is a warning too.
 */
export function checkAuditStores(config: GovernanceConfig, at: ConfigLocator): ConfigProblem[] {
  const monitoring = config.monitoring;
  const acknowledged = config.acknowledgements ?? {};
  const warnings: ConfigProblem[] = [];
  const store = monitoring?.eventDataStore !== undefined;
  if (store && acknowledged.existingCloudTrailLake === undefined) {
    warnings.push(
      at.problem(
        ['monitoring', 'eventDataStore'],
        // CloudTrail User Guide, "CloudTrail Lake availability change".
        'CloudTrail Lake takes no new customers since May 31, 2026: eventDataStore works only for an organization that already uses Lake. ' +
          'Otherwise use monitoring.auditTrail (an organization trail queried with Athena); if you already use Lake, write acknowledgements: { existingCloudTrailLake: "<who checked it, when>" }',
        { atKey: true },
      ),
    );
  }
  if (!store && acknowledged.existingCloudTrailLake !== undefined) {
    warnings.push(at.problem(['acknowledgements', 'existingCloudTrailLake'], 'nothing to acknowledge: monitoring has no eventDataStore; remove this acknowledgement', { atKey: true }));
  }
  const lock = monitoring?.auditTrail?.objectLock;
  if (lock && acknowledged.auditTrailObjectLock === undefined) {
    warnings.push(
      at.problem(
        ['monitoring', 'auditTrail', 'objectLock'],
        `S3 Object Lock cannot be turned off once the bucket has it${lock.mode === 'compliance' ? ', and in compliance mode nobody, not even the root user, can delete a log file before its ' + String(lock.retentionDays) + ' days are over' : ''}; ` +
          'if this is decided, write acknowledgements: { auditTrailObjectLock: "<who approved it, when and why>" }',
        { atKey: true },
      ),
    );
  }
  if (!lock && acknowledged.auditTrailObjectLock !== undefined) {
    warnings.push(at.problem(['acknowledgements', 'auditTrailObjectLock'], 'nothing to acknowledge: monitoring.auditTrail has no objectLock; remove this acknowledgement', { atKey: true }));
  }
  return warnings;
}
