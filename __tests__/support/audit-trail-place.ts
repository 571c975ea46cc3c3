import type { AuditTrailPlace } from '../../modules/policy';

/**
 * Where the organization trail's pieces are in the audit-trail tests: the management account
 * 111111111111 holds the trail, the audit account 555555555555 its bucket, key and workgroup, in
 * eu-west-1 (the organization of __tests__/stacks/audit-trail.test.ts).
 */
export const AUDIT_TRAIL_PLACE: AuditTrailPlace = {
  partition: 'aws',
  region: 'eu-west-1',
  managementAccountId: '111111111111',
  auditAccountId: '555555555555',
  organizationId: 'o-a1b2c3d4e5',
  trailName: 'modelgate-organization-trail',
  breakGlass: ['arn:aws:iam::*:role/OrgBreakGlass'],
};
