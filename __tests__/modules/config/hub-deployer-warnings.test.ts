import { parseConfig } from '../../../modules/config';

/** An organization with a hub in shared-services (under Workloads) and `jumpstart` rules added per case. */
function warningsFor(models: string, extra = ''): string[] {
  const yaml = `
organization:
  managementAccount: "111111111111"
  root: r-ab12
  units:
    Workloads: { id: ou-ab12-22222222 }
  accounts:
    shared-services: { id: "444444444444", unit: Workloads }
    management: { id: "111111111111" }
breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]
${extra}
models:
${models}
jumpstartHubs:
  curated: { account: shared-services, description: d, models: [{ id: a-model }] }
  at-the-top: { account: management, description: d, models: [{ id: a-model }] }
`;
  return hubWarnings(yaml);
}

/** Only the warnings about hubs: other checks (principal patterns, traps between paths) have their own tests. */
function hubWarnings(yaml: string): string[] {
  return parseConfig(yaml, 'governance.yaml')
    .warnings.filter((w) => w.path.startsWith('jumpstartHubs'))
    .map((w) => `${w.path}: ${w.message}`);
}

describe('the role that applies a hub stack and publicHub: block', () => {
  test('warns, naming the layer and the role to exempt, when the block reaches the hub account', () => {
    expect(warningsFor('  root: { jumpstart: { publicHub: block } }')).toEqual([
      'jumpstartHubs.curated: "publicHub: block" at models.root.jumpstart also applies to arn:aws:iam::444444444444:role/OrganizationAccountAccessRole, the role that applies this hub\'s stack, and hub content references point at public hub content: the apply will likely be denied; add that role to models.root.jumpstart.except',
    ]);
  });

  test('checks every layer on the way to the account: here the OU', () => {
    expect(warningsFor('  Workloads: { jumpstart: { publicHub: block } }')).toEqual([expect.stringContaining('at models.Workloads.jumpstart')]);
  });

  test('uses the configured account role name', () => {
    expect(warningsFor('  root: { jumpstart: { publicHub: block } }', 'deployment: { accountRoleName: TerraformDeployer }')).toEqual([
      expect.stringContaining('arn:aws:iam::444444444444:role/TerraformDeployer'),
    ]);
  });

  test.each([
    ['an exact exemption', '  root: { jumpstart: { publicHub: block, except: [arn:aws:iam::444444444444:role/OrganizationAccountAccessRole] } }'],
    ['a wildcard exemption', '  root: { jumpstart: { publicHub: block, except: ["arn:aws:iam::*:role/Organization*"] } }'],
    ['no block', '  root: { jumpstart: { gatedModels: block } }'],
    ['a block elsewhere', '  shared-services: { jumpstart: { publicHub: allow } }'],
  ])('stays quiet with %s', (_, models) => {
    expect(warningsFor(models)).toEqual([]);
  });

  test('stays quiet when a break-glass pattern covers the role', () => {
    const yaml = `
organization:
  managementAccount: "111111111111"
  root: r-ab12
  accounts: { shared-services: { id: "444444444444" } }
breakGlass: ["arn:aws:iam::*:role/OrganizationAccountAccessRole"]
models: { root: { jumpstart: { publicHub: block } } }
jumpstartHubs:
  curated: { account: shared-services, description: d, models: [{ id: a-model }] }
`;
    expect(hubWarnings(yaml)).toEqual([]);
  });
});
