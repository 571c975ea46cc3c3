import { ConfigError, formatProblem, parseConfig } from '../../modules/config';

/**
 * Principal patterns are exemptions from every deny. A pattern that anybody can match is refused
 * where it is written (breakGlass, every except, exemptPrincipals), with the location and what to
 * write instead; a risky one warns. Parsed in-process: these are config checks, not app runs.
 */

const ORGANIZATION = [
  /*  1 */ 'organization:',
  /*  2 */ '  managementAccount: "111111111111"',
  /*  3 */ '  root: r-ab12',
  /*  4 */ '  units:',
  /*  5 */ '    Sandbox: { id: ou-ab12-11111111 }',
  /*  6 */ '  accounts:',
  /*  7 */ '    sandbox-dev: { id: "222222222222", unit: Sandbox }',
];

function config(breakGlass: string, ...rest: string[]): string {
  return `${[...ORGANIZATION, /* 8 */ `breakGlass: ${breakGlass}`, ...rest].join('\n')}\n`;
}

const SANDBOX_IMPORT = (except: string): string[] => [
  /*  9 */ 'models:',
  /* 10 */ '  Sandbox:',
  /* 11 */ `    customModelImport: { deny: true, except: [${except}] }`,
];

/** The problems of a refused config, formatted as the app prints them. */
function refused(text: string): string[] {
  try {
    parseConfig(text, 'governance.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('the config was accepted');
}

function warnings(text: string): string[] {
  return parseConfig(text, 'governance.yaml').warnings.map(formatProblem);
}

describe('patterns that exempt everyone or nearly everyone are refused', () => {
  test.each([
    ['arn:aws:iam::*:*', 'exempts every principal'],
    ['arn:*:iam::*:*', 'exempts every principal'],
    ['arn:aws:iam::*:role/*', 'exempts nearly every role'],
    ['arn:aws:iam::111111111111:role/*', 'exempts nearly every role'],
    ['arn:aws:iam::*:role/aws-reserved/*', 'exempts nearly every role'],
    ['arn:aws:iam::*:role/a*', 'exempts nearly every role'],
    ['arn:aws:iam::*:role/*/*', 'exempts nearly every role'],
    ['arn:aws:iam::*:user/*', 'exempts nearly every user'],
    ['arn:aws:iam::*:r*', 'exempts principals of any type'],
    ['arn:aws:iam::*:*OrgBreakGlass', 'exempts every principal'],
  ])('breakGlass: [%s] -> %s', (pattern, says) => {
    const problems = refused(config(`["${pattern}"]`));
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^governance\\.yaml:8:\\d+ breakGlass\\[0\\]: .*${says}`))]);
  });

  test.each([
    ['arn:aws:iam::*:role/*', 'models.Sandbox.customModelImport.except[0]', 'exempts nearly every role'],
    ['arn:aws:sts::*:assumed-role/MLPlatform/*', 'models.Sandbox.customModelImport.except[0]', 'never a safe exemption'],
    ['arn:aws:sts::222222222222:federated-user/MLPlatform', 'models.Sandbox.customModelImport.except[0]', 'sts:GetFederationToken'],
    ['arn:aws-cn:iam::222222222222:role/MLPlatform', 'models.Sandbox.customModelImport.except[0]', 'partition "aws-cn" never matches'],
  ])('except: [%s] is refused at %s', (pattern, path, says) => {
    const problems = refused(config('[arn:aws:iam::*:role/OrgBreakGlass]', ...SANDBOX_IMPORT(`"${pattern}"`)));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^governance\\.yaml:11:\\d+ ${path.replace(/[.[\]]/g, '\\$&')}: .*${says}`));
  });

  test('every refused pattern is reported at once, with a suggestion', () => {
    const problems = refused(
      config(
        '[arn:aws:iam::*:role/*]',
        ...SANDBOX_IMPORT('"arn:aws:iam::*:*"'),
        /* 12 */ 'exemptPrincipals:',
        /* 13 */ '  managedBy: ["arn:aws:iam::*:role/x*"]',
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^governance\.yaml:8:\d+ breakGlass\[0\]: .*name the role, e\.g\. "role\/OrgBreakGlass"/),
      expect.stringMatching(/^governance\.yaml:11:\d+ models\.Sandbox\.customModelImport\.except\[0\]: .*exempts every principal/),
      expect.stringMatching(/^governance\.yaml:13:\d+ exemptPrincipals\.managedBy\[0\]: .*exempts nearly every role/),
    ]);
  });

  test.each([
    'arn:aws:iam::*:role/OrgBreakGlass',
    'arn:aws:iam::*:role/Org*Glass',
    'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_PlatformAdmin_*',
    'arn:aws:iam::*:role/ab',
    'arn:aws:iam::222222222222:user/EmergencyUser',
    'arn:*:iam::222222222222:role/OrgBreakGlass',
  ])('breakGlass: [%s] is accepted', (pattern) => {
    expect(() => parseConfig(config(`["${pattern}"]`), 'governance.yaml')).not.toThrow();
  });
});

describe('warnings', () => {
  test('an except principal in every account suggests pinning the account', () => {
    expect(warnings(config('[arn:aws:iam::*:role/OrgBreakGlass]', ...SANDBOX_IMPORT('"arn:aws:iam::*:role/MLPlatform"')))).toEqual([
      expect.stringMatching(/^governance\.yaml:11:\d+ models\.Sandbox\.customModelImport\.except\[0\]: exempts a principal of this name in every account; .*pin that account: "arn:aws:iam::<account-id>:role\/MLPlatform"/),
    ]);
  });

  test('break glass and managers are expected in every account: no warning for their wildcard', () => {
    const text = config('[arn:aws:iam::*:role/OrgBreakGlass]', /* 9 */ 'exemptPrincipals:', /* 10 */ '  managedBy: [arn:aws:iam::*:role/AccountVending]');
    expect(warnings(text)).toEqual([]);
  });

  test('the root user of every account', () => {
    expect(warnings(config('["arn:aws:iam::*:root"]'))).toEqual([expect.stringMatching(/^governance\.yaml:8:\d+ breakGlass\[0\]: exempts the root user of every member account/)]);
  });

  test('a service-linked role has no exemption to gain', () => {
    expect(warnings(config('[arn:aws:iam::*:role/OrgBreakGlass]', ...SANDBOX_IMPORT('"arn:aws:iam::222222222222:role/aws-service-role/bedrock.amazonaws.com/AWSServiceRoleForBedrock"')))).toEqual([
      expect.stringMatching(/except\[0\]: .*service-linked role: SCPs never restrict service-linked roles/),
    ]);
  });

  test('assumableBy with no exempt role to assume', () => {
    const text = config('["arn:aws:iam::222222222222:user/EmergencyUser"]', /* 9 */ 'exemptPrincipals:', /* 10 */ '  assumableBy: [arn:aws:iam::222222222222:role/HelpDesk]');
    expect(warnings(text)).toEqual([expect.stringMatching(/^governance\.yaml:10:\d+ exemptPrincipals\.assumableBy: no rule exempts a role/)]);
  });

  test('no break glass and no manager: nobody can change the deployer role that monitoring exempts', () => {
    const text = config('none', /* 9 */ 'monitoring:', /* 10 */ '  invocationLogging: { s3: true }');
    expect(warnings(text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^governance\.yaml:8:\d+ breakGlass: nobody may create or change OrganizationAccountAccessRole in member accounts/)]),
    );
    expect(warnings(config('none', 'exemptPrincipals:', '  managedBy: [arn:aws:iam::*:role/AccountVending]', 'monitoring:', '  invocationLogging: { s3: true }'))).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/nobody may create or change OrganizationAccountAccessRole/)]),
    );
  });

  test('no break glass and no manager: nobody can provision the except principals', () => {
    expect(warnings(config('none', ...SANDBOX_IMPORT('"arn:aws:iam::222222222222:role/MLPlatform"')))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^governance\.yaml:8:\d+ breakGlass: nobody may create or change the principals the except lists exempt/)]),
    );
  });
});

test('exemptPrincipals is resolved for the compiler', () => {
  const { governance } = parseConfig(
    config('[arn:aws:iam::*:role/OrgBreakGlass]', 'exemptPrincipals:', '  managedBy: [arn:aws:iam::*:role/AccountVending]', '  assumableBy: [arn:aws:iam::222222222222:role/HelpDesk]'),
    'governance.yaml',
  );
  expect(governance.exemptPrincipals).toEqual({ managedBy: ['arn:aws:iam::*:role/AccountVending'], assumableBy: ['arn:aws:iam::222222222222:role/HelpDesk'] });
});
