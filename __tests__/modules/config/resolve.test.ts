import { parseConfig } from '../../../modules/config';

const yaml = `
organization:
  managementAccount: "111111111111"
  root: { id: r-ab12, existingPolicies: [p-ct1, p-ct2] }
  scpLimits: legacy
  fullAwsAccess: replaced
  units:
    Workloads:
      id: ou-ab12-22222222
      existingPolicies: [p-baseline]
      units:
        Prod: { id: ou-ab12-33333333, units: { Payments: { id: ou-ab12-44444444 } } }
  accounts:
    payments-api: { id: "555555555555", unit: Workloads/Prod/Payments }
    tooling:      { id: "666666666666" }
breakGlass: [arn:aws:iam::*:role/OrgBreakGlass, arn:aws:iam::*:role/Admin]
models:
  Workloads/Prod/Payments: { fineTuning: { deny: true } }
`;

describe('resolving the organization', () => {
  const { governance, warnings } = parseConfig(yaml, 'governance.yaml');

  test('lists the root, then OUs depth-first, then accounts, each with its lineage and stack name', () => {
    expect(governance.targets.map((t) => [t.kind, t.layer, t.id, t.lineage.join(' > '), t.stackName])).toEqual([
      ['root', 'root', 'r-ab12', 'root', 'root'],
      ['unit', 'Workloads', 'ou-ab12-22222222', 'root > Workloads', 'ou-workloads'],
      ['unit', 'Workloads/Prod', 'ou-ab12-33333333', 'root > Workloads > Workloads/Prod', 'ou-workloads-prod'],
      ['unit', 'Workloads/Prod/Payments', 'ou-ab12-44444444', 'root > Workloads > Workloads/Prod > Workloads/Prod/Payments', 'ou-workloads-prod-payments'],
      ['account', 'payments-api', '555555555555', 'root > Workloads > Workloads/Prod > Workloads/Prod/Payments > payments-api', 'account-payments-api'],
      ['account', 'tooling', '666666666666', 'root > tooling', 'account-tooling'],
    ]);
  });

  test('keeps the policies other tools attach, which take slots', () => {
    expect(governance.targets.map((t) => t.existingPolicies.length)).toEqual([2, 1, 0, 0, 0, 0]);
  });

  test('attaches rules to their layer and locates them in the file', () => {
    const payments = governance.targets.find((t) => t.layer === 'Workloads/Prod/Payments');
    expect(payments?.rules).toEqual({ fineTuning: { deny: true } });
    expect(governance.locate(payments?.rulesPath ?? [])).toBe('governance.yaml:18:28');
    expect(governance.targets.filter((t) => t.rules).map((t) => t.layer)).toEqual(['Workloads/Prod/Payments']);
  });

  test('applies the legacy limits, the FullAWSAccess choice and the break-glass list', () => {
    expect(governance.limits).toEqual({ maxCharacters: 5120, maxPoliciesPerTarget: 5 });
    expect(governance.fullAwsAccessAttached).toBe(false);
    expect(governance.breakGlass).toEqual(['arn:aws:iam::*:role/OrgBreakGlass', 'arn:aws:iam::*:role/Admin']);
    expect(warnings).toEqual([]);
  });

  test('defaults: local state, us-east-1, aws partition', () => {
    expect(governance.state).toEqual({ backend: 'local' });
    expect(governance.deployment).toEqual({ region: 'us-east-1', defaultTags: {}, accountRoleName: 'OrganizationAccountAccessRole', awsProviderVersion: '>= 6.25.0, < 7.0.0' });
    expect(governance.partition).toBe('aws');
  });
});
