import { parseConfig } from '../../../modules/config';

const ORG = `
organization:
  id: o-a1b2c3d4e5
  managementAccount: "111111111111"
  root: r-ab12
  units:
    Workloads:
      id: ou-ab12-22222222
      units: { Prod: { id: ou-ab12-33333333 }, Production: { id: ou-ab12-55555555 } }
  accounts:
    prod-api:  { id: "333333333333", unit: Workloads/Prod }
    prod-web:  { id: "444444444444", unit: Workloads/Prod }
    other:     { id: "555555555555", unit: Workloads/Production }
    shared:    { id: "666666666666", unit: Workloads }
    mgmt:      { id: "111111111111" }
breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]
deployment: { region: eu-west-1 }
models:
  root: { bedrock: { deny: ["deepseek.*", "mistral.*"] }, marketplace: { deny: ["deepseek*"] } }
  Workloads: { bedrock: { deny: ["deepseek.*"] } }
`;

const monitoringOf = (section: string) => parseConfig(`${ORG}monitoring:\n${section}`, 'governance.yaml').governance.monitoring;

describe('resolving monitoring', () => {
  test('no section, no monitoring', () => {
    expect(parseConfig(ORG, 'governance.yaml').governance.monitoring).toBeUndefined();
  });

  test('defaults: deployment.region, every member account but the management account, the deny globs as query patterns', () => {
    const monitoring = monitoringOf('  dashboard: true\n');
    expect(monitoring?.regions).toEqual(['eu-west-1']);
    expect(monitoring?.homeRegion).toBe('eu-west-1');
    expect(monitoring?.governedAccounts.map((a) => a.name)).toEqual(['prod-api', 'prod-web', 'other', 'shared']);
    expect(monitoring?.modelPatterns).toEqual(['deepseek*', 'deepseek.*', 'mistral.*']);
    expect(monitoring?.budgets).toEqual([]);
    expect(monitoring?.eventDataStore).toBeUndefined();
  });

  test('configured query patterns replace the deny globs', () => {
    expect(monitoringOf('  queries: { modelPatterns: [llama*, deepseek*, llama*] }\n')?.modelPatterns).toEqual(['deepseek*', 'llama*']);
  });

  test('regions are sorted, so reordering them does not change the output', () => {
    expect(monitoringOf('  regions: [us-west-2, eu-west-1]\n')?.regions).toEqual(['eu-west-1', 'us-west-2']);
  });

  test('the audit trail: created in the management account, its pieces in the audit account, the home region; the table projects every account and the regions where events are', () => {
    expect(monitoringOf('  auditAccount: shared\n  regions: [us-west-2]\n  auditTrail: { queryScanLimitGb: 0.5, bedrockDataEvents: [bidirectionalStreaming, asyncInvocations] }\n')?.auditTrail).toEqual({
      name: 'modelgate-organization-trail',
      managementAccountId: '111111111111',
      organizationId: 'o-a1b2c3d4e5',
      auditAccount: { name: 'shared', id: '666666666666' },
      region: 'eu-west-1',
      retentionDays: 366,
      bedrockDataEvents: ['asyncInvocations', 'bidirectionalStreaming'],
      queryScanLimitBytes: 536870912,
      accountIds: ['111111111111', '333333333333', '444444444444', '555555555555', '666666666666'],
      // monitoring.regions, the home region, and us-east-1 where Organizations and IAM log.
      regions: ['eu-west-1', 'us-east-1', 'us-west-2'],
    });
    expect(monitoringOf('  auditAccount: management\n  auditTrail: { objectLock: { mode: compliance, retentionDays: 30 } }\n')?.auditTrail).toMatchObject({
      auditAccount: { name: 'management', id: '111111111111' },
      objectLock: { mode: 'COMPLIANCE', retentionDays: 30 },
    });
  });

  test('the event data store: management by default, or a delegated administrator account by name', () => {
    expect(monitoringOf('  eventDataStore: {}\n')?.eventDataStore).toEqual({
      account: { name: 'management', id: '111111111111' },
      delegated: false,
      name: 'modelgate-audit',
      billingMode: 'EXTENDABLE_RETENTION_PRICING',
      retentionDays: 366,
      bedrockDataEvents: [],
    });
    const delegated = monitoringOf('  eventDataStore: { account: shared, billingMode: fixedRetention, bedrockDataEvents: [bidirectionalStreaming, asyncInvocations] }\n')?.eventDataStore;
    expect(delegated).toMatchObject({ account: { name: 'shared', id: '666666666666' }, delegated: true, billingMode: 'FIXED_RETENTION_PRICING', bedrockDataEvents: ['asyncInvocations', 'bidirectionalStreaming'] });
    // The management account named as an account is not a delegated administrator.
    expect(monitoringOf('  eventDataStore: { account: mgmt }\n')?.eventDataStore?.delegated).toBe(false);
  });

  test.each([
    ['root', []],
    ['prod-web', ['444444444444']],
    ['Workloads/Prod', ['333333333333', '444444444444']],
    // A sibling OU whose path starts the same is not under Workloads/Prod.
    ['Workloads/Production', ['555555555555']],
    ['Workloads', ['333333333333', '444444444444', '555555555555', '666666666666']],
  ])('a budget scoped to %s filters on linked accounts %j', (scope, accountIds) => {
    const [budget] = monitoringOf(`  budgets:\n    b: { scope: ${scope}, monthlyLimitUsd: 10, thresholds: [100, 80, 100], notify: [b@example.com, a@example.com] }\n`)?.budgets ?? [];
    expect(budget).toEqual({ name: 'b', scope, accountIds, monthlyLimitUsd: 10, thresholds: [80, 100], notify: ['a@example.com', 'b@example.com'], services: ['Amazon Bedrock'], metric: 'UnblendedCost' });
  });
});
