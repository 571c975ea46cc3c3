import type { ResolvedMonitoring } from '../../modules/config';
import { AUDIT_DATABASE, AUDIT_TABLE, AUDIT_WORKGROUP, auditTrailBucket } from '../../modules/policy';

/**
 * Which audit store the config gives the organization, and where, one sentence each: the
 * organization trail with Athena, CloudTrail Lake (only where Lake is already in use), both while
 * an organization moves from one to the other, or none.
 */
export function auditStores(monitoring: ResolvedMonitoring | undefined): string[] {
  const stores: string[] = [];
  const trail = monitoring?.auditTrail;
  if (trail) {
    const audit = trail.auditAccount;
    stores.push(
      `organization trail "${trail.name}" (management account ${trail.managementAccountId}, ${trail.region}) to s3://${auditTrailBucket(audit.id, trail.region)} in ${audit.name} (${audit.id}); ` +
        `Athena workgroup ${AUDIT_WORKGROUP}, table ${AUDIT_DATABASE}.${AUDIT_TABLE}`,
    );
  }
  const store = monitoring?.eventDataStore;
  if (store) stores.push(`CloudTrail Lake event data store "${store.name}" in ${store.account.name} (${store.account.id}), for an organization that already uses Lake`);
  return stores.length > 0 ? stores : ['none: add monitoring.auditTrail for an organization trail queried with Athena'];
}
