import { join } from 'node:path';
import { scpChainFor, statementsOf, type ScpLevel } from '../../cli/simulate';
import { arnLike, decideCase, deniesAllButExempted, denyStatementsCovering, expectDecision, row, synthesizeToTemp, type DecisionCase } from '../support/synthesized-scps';

/**
 * An attacker's playbook against the exemptions. Every deny exempts the break-glass principals and
 * its rule's `except` principals by `ArnNotLike aws:PrincipalArn`, so an ordinary principal with IAM
 * rights in a member account tries to become one: create a role of the exempt name, re-trust or
 * re-permission an existing one, pass it to a service it controls, mint credentials for an exempt
 * user, rename a user to an exempt name, or assume an exempt role. Each route must be denied to it,
 * and stay open to the managers and the break-glass principals.
 */

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'governance.yaml');
const FIXTURE = join(__dirname, '..', 'fixtures', 'decisions-exemptions.yaml');

const role = (account: string, name: string): string => `arn:aws:iam::${account}:role/${name}`;
const user = (account: string, name: string): string => `arn:aws:iam::${account}:user/${name}`;
const fm = (model: string): string => `arn:aws:bedrock:us-east-1::foundation-model/${model}`;
const DEEPSEEK = 'deepseek.r1-v1:0';

describe('the example organization (examples/governance.yaml)', () => {
  const SANDBOX = '222222222222';
  const PROD = '333333333333';
  const SHARED = '444444444444';
  const chains: Record<string, ScpLevel[]> = {};

  beforeAll(async () => {
    const { outdir } = await synthesizeToTemp(EXAMPLE);
    chains[SANDBOX] = scpChainFor(outdir, ['r-ab12', 'ou-ab12-11111111', SANDBOX]);
    chains[PROD] = scpChainFor(outdir, ['r-ab12', 'ou-ab12-22222222', 'ou-ab12-33333333', PROD]);
    chains[SHARED] = scpChainFor(outdir, ['r-ab12', 'ou-ab12-22222222', SHARED]);
  });
  const chainOf = (c: DecisionCase): ScpLevel[] => {
    const chain = chains[c.principalArn.split(':')[4] ?? ''];
    if (!chain) throw new Error(`no chain for ${c.principalArn}`);
    return chain;
  };

  const attacker = (account: string): string => role(account, 'Developer');
  const manager = (account: string): string => role(account, 'OrganizationAccountAccessRole');

  const cases: DecisionCase[] = [
    // The route the review found: create role/OrgBreakGlass, trust yourself, and every deny is gone.
    row('Developer creates role/OrgBreakGlass in its own account', attacker(PROD), 'iam:CreateRole', role(PROD, 'OrgBreakGlass'), undefined, 'Denied'),
    row('Developer rewrites the trust policy of role/OrgBreakGlass', attacker(PROD), 'iam:UpdateAssumeRolePolicy', role(PROD, 'OrgBreakGlass'), undefined, 'Denied'),
    row('Developer passes role/OrgBreakGlass to a Lambda function it writes', attacker(PROD), 'iam:PassRole', role(PROD, 'OrgBreakGlass'), { 'iam:PassedToService': 'lambda.amazonaws.com' }, 'Denied'),
    row('Developer adds an inline policy to role/OrgBreakGlass', attacker(PROD), 'iam:PutRolePolicy', role(PROD, 'OrgBreakGlass'), undefined, 'Denied'),
    row('Developer attaches a managed policy to role/OrgBreakGlass', attacker(PROD), 'iam:AttachRolePolicy', role(PROD, 'OrgBreakGlass'), { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' }, 'Denied'),
    row('Developer removes the permissions boundary of role/OrgBreakGlass', attacker(PROD), 'iam:DeleteRolePermissionsBoundary', role(PROD, 'OrgBreakGlass'), undefined, 'Denied'),
    row('Developer deletes role/OrgBreakGlass', attacker(PROD), 'iam:DeleteRole', role(PROD, 'OrgBreakGlass'), undefined, 'Denied'),
    row('Developer retags role/OrgBreakGlass (tags a trust condition may read)', attacker(PROD), 'iam:TagRole', role(PROD, 'OrgBreakGlass'), { 'aws:TagKeys': 'team' }, 'Denied'),
    // except principals: the Sandbox importer and the hub curators of shared-services.
    row('Sandbox Developer creates role/MLPlatform (may import weights)', attacker(SANDBOX), 'iam:CreateRole', role(SANDBOX, 'MLPlatform'), undefined, 'Denied'),
    row('Sandbox Developer re-trusts role/MLPlatform', attacker(SANDBOX), 'iam:UpdateAssumeRolePolicy', role(SANDBOX, 'MLPlatform'), undefined, 'Denied'),
    row('shared-services Developer re-trusts role/MLPlatform (hub curator)', attacker(SHARED), 'iam:UpdateAssumeRolePolicy', role(SHARED, 'MLPlatform'), undefined, 'Denied'),
    row('shared-services Developer re-trusts the exempt OrganizationAccountAccessRole', attacker(SHARED), 'iam:UpdateAssumeRolePolicy', role(SHARED, 'OrganizationAccountAccessRole'), undefined, 'Denied'),
    // The managers are protected too: becoming one would be the same route one step removed.
    row('Developer creates the manager role/OrganizationAccountAccessRole in a Sandbox account', attacker(SANDBOX), 'iam:CreateRole', manager(SANDBOX), undefined, 'Denied'),
    row('Developer re-trusts the manager role/OrganizationAccountAccessRole', attacker(PROD), 'iam:UpdateAssumeRolePolicy', manager(PROD), undefined, 'Denied'),
    // What must keep working.
    row('the manager creates role/OrgBreakGlass', manager(PROD), 'iam:CreateRole', role(PROD, 'OrgBreakGlass'), undefined, 'Allowed'),
    row('the manager re-trusts role/MLPlatform in Sandbox', manager(SANDBOX), 'iam:UpdateAssumeRolePolicy', role(SANDBOX, 'MLPlatform'), undefined, 'Allowed'),
    row('break glass re-trusts itself', role(PROD, 'OrgBreakGlass'), 'iam:UpdateAssumeRolePolicy', role(PROD, 'OrgBreakGlass'), undefined, 'Allowed'),
    row('Developer creates an ordinary application role', attacker(PROD), 'iam:CreateRole', role(PROD, 'OrdersService'), undefined, 'Allowed'),
    row('Developer passes an ordinary role to Lambda', attacker(PROD), 'iam:PassRole', role(PROD, 'OrdersService'), { 'iam:PassedToService': 'lambda.amazonaws.com' }, 'Allowed'),
    // A role with a path does not match role/OrgBreakGlass: creating it is allowed, and it gains nothing.
    row('Developer creates role/tools/OrgBreakGlass (a path)', attacker(PROD), 'iam:CreateRole', role(PROD, 'tools/OrgBreakGlass'), undefined, 'Allowed'),
    row('role/tools/OrgBreakGlass invokes a denied model', role(PROD, 'tools/OrgBreakGlass'), 'bedrock:InvokeModel', fm(DEEPSEEK), undefined, 'Denied'),
    row('role/OrgBreakGlass invokes a denied model (what the exemption is for)', role(PROD, 'OrgBreakGlass'), 'bedrock:InvokeModel', fm(DEEPSEEK), undefined, 'Allowed'),
    // The Sandbox exemption is pinned to sandbox-dev: the same name elsewhere is not exempt.
    row('role/MLPlatform in prod-app starts a Custom Model Import job', role(PROD, 'MLPlatform'), 'bedrock:CreateModelImportJob', '*', undefined, 'Denied'),
  ];

  test.each(cases)('$name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });
});

describe('users, IAM Identity Center roles, assumers and layer exemptions (decisions-exemptions.yaml)', () => {
  const RESEARCH = '222222222222';
  const TOOLS = '333333333333';
  const DATA = '444444444444';
  const chains: Record<string, ScpLevel[]> = {};

  beforeAll(async () => {
    const { outdir } = await synthesizeToTemp(FIXTURE);
    chains[RESEARCH] = scpChainFor(outdir, ['r-e5e5', 'ou-e5e5-aaaaaaaa', RESEARCH]);
    chains[TOOLS] = scpChainFor(outdir, ['r-e5e5', 'ou-e5e5-bbbbbbbb', TOOLS]);
    chains[DATA] = scpChainFor(outdir, ['r-e5e5', 'ou-e5e5-bbbbbbbb', DATA]);
  });
  const chainOf = (c: DecisionCase): ScpLevel[] => {
    const chain = chains[c.principalArn.split(':')[4] ?? ''];
    if (!chain) throw new Error(`no chain for ${c.principalArn}`);
    return chain;
  };

  const attacker = (account: string): string => role(account, 'Developer');
  const SSO_ADMIN = (account: string): string => role(account, 'aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_PlatformAdmin_0123456789abcdef');
  const SSO_READER = (account: string): string => role(account, 'aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_ReadOnly_0123456789abcdef');

  const cases: DecisionCase[] = [
    // An exempt IAM user: any way to obtain its credentials is a way to be exempt.
    row('Developer creates an access key for the exempt user', attacker(TOOLS), 'iam:CreateAccessKey', user(TOOLS, 'EmergencyUser'), undefined, 'Denied'),
    row('Developer gives the exempt user a console password', attacker(TOOLS), 'iam:CreateLoginProfile', user(TOOLS, 'EmergencyUser'), undefined, 'Denied'),
    row('Developer resets its console password', attacker(TOOLS), 'iam:UpdateLoginProfile', user(TOOLS, 'EmergencyUser'), undefined, 'Denied'),
    row('Developer reactivates an old access key of it', attacker(TOOLS), 'iam:UpdateAccessKey', user(TOOLS, 'EmergencyUser'), undefined, 'Denied'),
    row('Developer mints a Bedrock API key (service-specific credential) for it', attacker(TOOLS), 'iam:CreateServiceSpecificCredential', user(TOOLS, 'EmergencyUser'), { 'iam:ServiceSpecificCredentialServiceName': 'bedrock.amazonaws.com' }, 'Denied'),
    row('Developer removes its MFA device', attacker(TOOLS), 'iam:DeactivateMFADevice', user(TOOLS, 'EmergencyUser'), undefined, 'Denied'),
    // IAM authorizes a rename on the old and the new name; the new name is the exempt one.
    row('Developer renames user/alice to EmergencyUser (authorized on the new name too)', attacker(TOOLS), 'iam:UpdateUser', user(TOOLS, 'EmergencyUser'), undefined, 'Denied'),
    row('Developer creates an ordinary user', attacker(TOOLS), 'iam:CreateUser', user(TOOLS, 'alice'), undefined, 'Allowed'),
    // IAM Identity Center permission-set roles live under /aws-reserved/sso.amazonaws.com/.
    row('the PlatformAdmin permission set invokes a denied model', SSO_ADMIN(TOOLS), 'bedrock:InvokeModel', fm(DEEPSEEK), undefined, 'Allowed'),
    row('another permission set invokes a denied model', SSO_READER(TOOLS), 'bedrock:InvokeModel', fm(DEEPSEEK), undefined, 'Denied'),
    // assumableBy: only the help desk (and managers, break glass) may assume an exempt role.
    row('Developer assumes role/OrgBreakGlass (trusted by the account root)', attacker(RESEARCH), 'sts:AssumeRole', role(RESEARCH, 'OrgBreakGlass'), undefined, 'Denied'),
    row('Developer assumes the exempt Importer of Research', attacker(RESEARCH), 'sts:AssumeRole', role(RESEARCH, 'Importer'), undefined, 'Denied'),
    row('HelpDesk assumes role/OrgBreakGlass', role(RESEARCH, 'HelpDesk'), 'sts:AssumeRole', role(RESEARCH, 'OrgBreakGlass'), undefined, 'Allowed'),
    row('Developer assumes an ordinary role', attacker(RESEARCH), 'sts:AssumeRole', role(RESEARCH, 'OrdersService'), undefined, 'Allowed'),
    row('Developer assumes the manager role (a pipeline reaching its provisioning role)', attacker(RESEARCH), 'sts:AssumeRole', role(RESEARCH, 'AccountVending'), undefined, 'Allowed'),
    row('Developer re-trusts the HelpDesk role (an assumer is protected too)', attacker(RESEARCH), 'iam:UpdateAssumeRolePolicy', role(RESEARCH, 'HelpDesk'), undefined, 'Denied'),
    row('Developer re-trusts the manager role', attacker(RESEARCH), 'iam:UpdateAssumeRolePolicy', role(RESEARCH, 'AccountVending'), undefined, 'Denied'),
    row('the manager creates the Importer role', role(RESEARCH, 'AccountVending'), 'iam:CreateRole', role(RESEARCH, 'Importer'), undefined, 'Allowed'),
    // Layer exemptions are protected where they apply.
    row('Research Developer creates role/Importer (exempt from the import deny there)', attacker(RESEARCH), 'iam:CreateRole', role(RESEARCH, 'Importer'), undefined, 'Denied'),
    row('platform-data Developer re-trusts role/Trainer (exempt from the fine-tuning deny there)', attacker(DATA), 'iam:UpdateAssumeRolePolicy', role(DATA, 'Trainer'), undefined, 'Denied'),
    row('platform-tools Developer creates a role named Trainer (exempt nowhere in its account)', attacker(TOOLS), 'iam:CreateRole', role(TOOLS, 'Trainer'), undefined, 'Allowed'),
    row('role/Importer imports weights in Research', role(RESEARCH, 'Importer'), 'bedrock:CreateModelImportJob', '*', undefined, 'Allowed'),
    row('Developer imports weights in Research', attacker(RESEARCH), 'bedrock:CreateModelImportJob', '*', undefined, 'Denied'),
  ];

  test.each(cases)('$name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });

  // Roles under /aws-reserved/ are made and changed by IAM Identity Center only; IAM refuses
  // everyone else (UnmodifiableEntity), and the simulator models that refusal as an implicit deny
  // that hides any SCP. The SCP deny is there as well, for the day that refusal changes.
  test.each(['iam:CreateRole', 'iam:UpdateAssumeRolePolicy', 'iam:PassRole'])('Developer %s on a role under the Identity Center path: refused by IAM and by the SCPs', async (action) => {
    const c = row('Identity Center path', attacker(TOOLS), action, SSO_ADMIN(TOOLS), undefined, 'Denied');
    const result = await decideCase(chainOf(c), c);
    expect(result.detail.evaluation).toBe('ImplicitlyDenied');
    const covering = denyStatementsCovering(statementsOf(chainOf(c)), action, SSO_ADMIN(TOOLS)).filter(deniesAllButExempted);
    expect(covering.map((s) => s.Sid)).toEqual(['ProtectExemptRoles']);
    const exempted = covering[0]?.Condition?.ArnNotLike?.['aws:PrincipalArn'] ?? [];
    expect(exempted.filter((pattern) => arnLike(pattern, attacker(TOOLS)))).toEqual([]);
  });
});
