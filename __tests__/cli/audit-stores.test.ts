import { auditStores } from '../../cli/validate/audit-stores';
import { parseConfig } from '../../modules/config';

const ORG = [
  'organization:',
  '  id: o-a1b2c3d4e5',
  '  managementAccount: "111111111111"',
  '  root: r-ab12',
  '  accounts: { security: { id: "555555555555" } }',
  'breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]',
  'deployment: { region: eu-west-1 }',
];
const storesOf = (...monitoring: string[]): string[] => auditStores(parseConfig([...ORG, ...monitoring].join('\n'), 'governance.yaml').governance.monitoring);

describe('the audit store validate names', () => {
  test('the organization trail: where the trail, the bucket and the workgroup are', () => {
    expect(storesOf('monitoring:', '  auditAccount: security', '  auditTrail: {}')).toEqual([
      'organization trail "modelgate-organization-trail" (management account 111111111111, eu-west-1) to s3://modelgate-trail-555555555555-eu-west-1 in security (555555555555); ' +
        'Athena workgroup modelgate-audit, table modelgate_audit.cloudtrail_logs',
    ]);
  });

  test('both while moving from Lake: the trail first, then the Lake store with its condition', () => {
    const stores = storesOf('monitoring:', '  auditAccount: security', '  auditTrail: {}', '  eventDataStore: { account: security }');
    expect(stores).toHaveLength(2);
    expect(stores[1]).toBe('CloudTrail Lake event data store "modelgate-audit" in security (555555555555), for an organization that already uses Lake');
  });

  test('none, with what to add', () => {
    expect(storesOf()).toEqual(['none: add monitoring.auditTrail for an organization trail queried with Athena']);
    expect(storesOf('monitoring:', '  dashboard: true')).toEqual(['none: add monitoring.auditTrail for an organization trail queried with Athena']);
  });
});
