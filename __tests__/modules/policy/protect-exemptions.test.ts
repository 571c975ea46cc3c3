import { exemptedPatterns, withExemptionProtection, type ExemptionProtectionInput } from '../../../modules/policy/protect-exemptions';
import { ROLE_CHANGING_ACTIONS, USER_CHANGING_ACTIONS } from '../../../modules/policy/rules/exempt-principal-protection';
import { deny, type RuleContext } from '../../../modules/policy/rules/rule-context';
import { checkAgainstCatalog } from '../../../modules/policy/catalog';
import type { RuleStatement } from '../../../modules/policy/statement';

const BREAK_GLASS = 'arn:aws:iam::*:role/OrgBreakGlass';
const MANAGER = 'arn:aws:iam::*:role/AccountVending';
const IMPORTER = 'arn:aws:iam::222222222222:role/Importer';
const EMERGENCY = 'arn:aws:iam::222222222222:user/EmergencyUser';

const context: RuleContext = { partition: 'aws', breakGlass: [BREAK_GLASS], layerPath: 'models.Sandbox' };
const input = (exemptPrincipals: ExemptionProtectionInput['exemptPrincipals'] = { managedBy: [MANAGER] }): ExemptionProtectionInput => ({
  partition: 'aws',
  breakGlass: [BREAK_GLASS],
  exemptPrincipals,
});

const importDeny = (except: readonly string[] = [IMPORTER]): RuleStatement =>
  deny(context, 'customModelImport', 'DenyCustomModelImport', { Action: ['bedrock:CreateModelImportJob'], Resource: ['*'] }, except);

/** The protective statements added, as `Sid <- source: resources (exempting ...)`. */
function added(statements: readonly RuleStatement[], before: number): string[] {
  return statements.slice(before).map(({ statement: s, source }) => `${s.Sid} <- ${source}: ${(s.Resource ?? []).join(' ')} (exempting ${(s.Condition?.ArnNotLike?.['aws:PrincipalArn'] ?? []).join(' ')})`);
}

describe('withExemptionProtection', () => {
  test('protects every exempted principal, the managers, and nothing twice', () => {
    const { statements, protectedPatterns } = withExemptionProtection([importDeny()], new Set(), input());
    expect(added(statements, 1)).toEqual([
      `ProtectExemptRoles <- exemptPrincipals.managedBy: ${MANAGER} (exempting ${MANAGER} ${BREAK_GLASS})`,
      `ProtectExemptRoles <- breakGlass: ${BREAK_GLASS} (exempting ${MANAGER} ${BREAK_GLASS})`,
      `ProtectExemptRoles <- models.Sandbox.customModelImport: ${IMPORTER} (exempting ${MANAGER} ${BREAK_GLASS})`,
    ]);
    expect([...protectedPatterns].sort()).toEqual([MANAGER, BREAK_GLASS, IMPORTER].sort());
  });

  test('a pattern an ancestor protects is not protected again below it', () => {
    const { statements } = withExemptionProtection([importDeny()], new Set([BREAK_GLASS, MANAGER]), input());
    expect(added(statements, 1)).toEqual([`ProtectExemptRoles <- models.Sandbox.customModelImport: ${IMPORTER} (exempting ${MANAGER} ${BREAK_GLASS})`]);
  });

  test('a layer whose denies exempt nothing gets no protection', () => {
    const none = { partition: 'aws', breakGlass: [], exemptPrincipals: { managedBy: [MANAGER] } };
    const bare = deny({ ...context, breakGlass: [] }, 'fineTuning', 'DenyFineTuning', { Action: ['bedrock:CreateModelCustomizationJob'], Resource: ['*'] });
    const { statements, protectedPatterns } = withExemptionProtection([bare], new Set(), none);
    expect(statements).toEqual([bare]);
    expect(protectedPatterns.size).toBe(0);
  });

  test('users get the user calls; the root user is never protected (it cannot be created)', () => {
    const { statements } = withExemptionProtection([importDeny([EMERGENCY, 'arn:aws:iam::222222222222:root'])], new Set([BREAK_GLASS, MANAGER]), input());
    expect(statements.slice(1).map((s) => [s.statement.Sid, s.statement.Action, s.statement.Resource])).toEqual([
      ['ProtectExemptUsers', [...USER_CHANGING_ACTIONS], [EMERGENCY]],
    ]);
  });

  test('assumableBy limits who assumes the exempt roles, not the managers or assumers themselves', () => {
    const helpDesk = 'arn:aws:iam::222222222222:role/HelpDesk';
    const { statements } = withExemptionProtection([importDeny()], new Set(), input({ managedBy: [MANAGER], assumableBy: [helpDesk] }));
    const assume = statements.filter((s) => s.statement.Sid === 'DenyAssumingExemptRoles');
    expect(assume.map((s) => s.statement.Resource)).toEqual([[BREAK_GLASS], [IMPORTER]]);
    for (const s of assume) expect(s.statement.Condition?.ArnNotLike?.['aws:PrincipalArn']).toEqual([MANAGER, BREAK_GLASS, helpDesk].sort());
    const protectedRoles = statements.filter((s) => s.statement.Sid === 'ProtectExemptRoles').flatMap((s) => s.statement.Resource ?? []);
    expect(protectedRoles.sort()).toEqual([MANAGER, BREAK_GLASS, helpDesk, IMPORTER].sort());
  });

  test('a principal both exempted by a rule and named a manager is still limited by assumableBy', () => {
    const { statements } = withExemptionProtection([importDeny([MANAGER])], new Set(), input({ managedBy: [MANAGER], assumableBy: ['arn:aws:iam::222222222222:role/HelpDesk'] }));
    const assumeResources = statements.filter((s) => s.statement.Sid === 'DenyAssumingExemptRoles').flatMap((s) => s.statement.Resource ?? []);
    expect(assumeResources).toContain(MANAGER);
  });

  test('the protective statements pass the IAM catalog check', async () => {
    const { statements } = withExemptionProtection(
      [importDeny([IMPORTER, EMERGENCY])],
      new Set(),
      input({ managedBy: [MANAGER], assumableBy: ['arn:aws:iam::222222222222:role/HelpDesk'] }),
    );
    expect(await checkAgainstCatalog(statements)).toEqual([]);
  });
});

test('exemptedPatterns reads the ArnNotLike aws:PrincipalArn of Deny statements, with the first rule that wrote each', () => {
  const other = deny(context, 'fineTuning', 'DenyFineTuning', { Action: ['bedrock:CreateModelCustomizationJob'], Resource: ['*'] }, [IMPORTER, EMERGENCY]);
  expect([...exemptedPatterns([importDeny(), other])]).toEqual([
    [BREAK_GLASS, 'models.Sandbox.customModelImport'],
    [IMPORTER, 'models.Sandbox.customModelImport'],
    [EMERGENCY, 'models.Sandbox.fineTuning'],
  ]);
});

test('the role calls cover creating, re-trusting, re-permissioning, passing and deleting a role', () => {
  expect(ROLE_CHANGING_ACTIONS).toEqual(
    expect.arrayContaining(['iam:CreateRole', 'iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PassRole', 'iam:DeleteRole', 'iam:PutRolePermissionsBoundary']),
  );
});
