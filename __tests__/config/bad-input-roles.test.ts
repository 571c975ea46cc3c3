import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expectRejected, problemPattern, reportedProblems, type Expected } from '../support/bad-input';
import type { AppRun } from '../support/run-app';
import { synthInProcess } from '../support/synth-in-process';

/**
 * Bad `canvas:` and `modelUsers:` sections, as a platform engineer meets them: synth (run in this
 * process, see synth-in-process.ts) exits 1, each problem at `governance.yaml:<line>:<column>`
 * with its config path, and nothing written. Each case edits one line of the valid organization below.
 */

const BASE: readonly string[] = [
  /*  1 */ 'organization:',
  /*  2 */ '  managementAccount: "111111111111"',
  /*  3 */ '  root: r-ab12',
  /*  4 */ '  units:',
  /*  5 */ '    Workloads:',
  /*  6 */ '      id: ou-ab12-22222222',
  /*  7 */ '      units:',
  /*  8 */ '        Prod: { id: ou-ab12-33333333 }',
  /*  9 */ '  accounts:',
  /* 10 */ '    prod-app: { id: "333333333333", unit: Workloads/Prod }',
  /* 11 */ '    shared-services: { id: "444444444444", unit: Workloads }',
  /* 12 */ 'breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]',
  /* 13 */ 'models:',
  /* 14 */ '  root: { customModelImport: { deny: true },',
  /* 15 */ '    bedrock: { deny: ["deepseek.*"] } }',
  /* 16 */ '  Workloads/Prod:',
  /* 17 */ '    bedrock: { allow: ["anthropic.claude-3-5-sonnet*"] }',
  /* 18 */ 'canvas:',
  /* 19 */ '  analytics:',
  /* 20 */ '    account: prod-app',
  /* 21 */ '    domain: { vpcId: vpc-0a1b2c3d4e5f60718, subnetIds: [subnet-0a1b2c3d4e5f60718] }',
  /* 22 */ '    userProfiles: [data-analyst]',
  /* 23 */ 'modelUsers:',
  /* 24 */ '  app-invoker:',
  /* 25 */ '    account: prod-app',
  /* 26 */ '    role: { assumedBy: { services: [lambda.amazonaws.com] } }',
  /* 27 */ '    models: ["anthropic.claude-3-5-sonnet*"]',
];

/** The base with line `n` replaced by `lines` (none removes it). */
function edit(n: number, ...lines: string[]): string {
  return yaml([...BASE.slice(0, n - 1), ...lines, ...BASE.slice(n)]);
}

function yaml(lines: readonly string[]): string {
  return `${lines.join('\n')}\n`;
}

const LONG_PROFILE = 'a'.repeat(38);
const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';

const cases: readonly { name: string; yaml: string; problems: readonly Expected[]; count?: number }[] = [
  {
    name: 'role without any approved model: every model it lists is denied by the account\'s layers',
    yaml: edit(27, '    models: ["deepseek.r1-v1:0", "amazon.nova-pro-v1:0"]'),
    problems: [
      {
        line: 27, column: 13,
        path: 'modelUsers.app-invoker.models',
        says: ['role without any approved model', '"deepseek.r1-v1:0" (denied by models.root)', '"amazon.nova-pro-v1:0" (denied by models.Workloads/Prod)'],
      },
    ],
  },
  {
    name: 'role without any approved model: no models at all',
    yaml: edit(27),
    problems: [{ line: 25, column: 5, path: 'modelUsers.app-invoker', says: ['role without any approved model', 'models: ['] }],
  },
  {
    name: 'a Canvas workspace in an unknown account',
    yaml: edit(20, '    account: prod-ap'),
    problems: [{ line: 20, column: 14, path: 'canvas.analytics.account', says: ['unknown account "prod-ap"', '"prod-app"', '"shared-services"'] }],
  },
  {
    name: 'a model user in an unknown account',
    yaml: edit(25, '    account: staging'),
    problems: [{ line: 25, column: 14, path: 'modelUsers.app-invoker.account', says: ['unknown account "staging"', '"prod-app"'] }],
  },
  {
    name: 'a malformed VPC id',
    yaml: edit(21, '    domain: { vpcId: vpc-123, subnetIds: [subnet-0a1b2c3d4e5f60718] }'),
    problems: [{ line: 21, column: 22, path: 'canvas.analytics.domain.vpcId', says: ['VPC id such as "vpc-0a1b2c3d4e5f60718"', 'found "vpc-123"'] }],
  },
  {
    name: 'an existing domain id and new-domain settings at once',
    yaml: edit(21, '    domain: { existingId: d-abc123xyz, vpcId: vpc-0a1b2c3d4e5f60718 }'),
    problems: [{ line: 21, column: 40, path: 'canvas.analytics.domain.vpcId', says: ['unknown key "vpcId"', '"existingId"'] }],
  },
  {
    name: 'an auth mode SageMaker does not have',
    yaml: edit(21, '    domain: { vpcId: vpc-0a1b2c3d4e5f60718, subnetIds: [subnet-0a1b2c3d4e5f60718], authMode: LDAP }'),
    problems: [{ line: 21, column: 13, path: 'canvas.analytics.domain', says: ['authMode: IAM|SSO'] }],
  },
  {
    name: 'a new domain without subnets',
    yaml: edit(21, '    domain: { vpcId: vpc-0a1b2c3d4e5f60718, subnetIds: [] }'),
    problems: [{ line: 21, column: 56, path: 'canvas.analytics.domain.subnetIds', says: ['at least one subnet id', 'found []'] }],
  },
  {
    name: 'a workspace name SageMaker refuses',
    yaml: edit(19, '  analytics_team:'),
    problems: [{ line: 19, column: 3, path: 'canvas.analytics_team', says: ['invalid name "analytics_team"', 'letters, digits and hyphens'] }],
  },
  {
    name: 'a JumpStart model glob with a space',
    yaml: edit(22, '    jumpstartModels: ["huggingface llm"]'),
    problems: [{ line: 22, column: 23, path: 'canvas.analytics.jumpstartModels[0]', says: ['JumpStart model id or glob', 'found "huggingface llm"'] }],
  },
  {
    name: 'a user profile listed twice',
    yaml: edit(22, '    userProfiles: [data-analyst, data-analyst]'),
    problems: [{ line: 22, column: 34, path: 'canvas.analytics.userProfiles[1]', says: ['"data-analyst" is listed twice'] }],
  },
  {
    name: 'a user profile whose role name would pass the IAM limit',
    yaml: edit(22, `    userProfiles: [${LONG_PROFILE}]`),
    problems: [{ line: 22, column: 20, path: 'canvas.analytics.userProfiles[0]', says: [`modelgate-canvas-analytics-${LONG_PROFILE}`, '65 characters', '64'] }],
  },
  {
    name: 'a model user that is both a role and a permission set',
    yaml: edit(26, '    role: { assumedBy: { services: [lambda.amazonaws.com] } }', `    permissionSet: { instanceArn: "${INSTANCE}" }`),
    problems: [{ line: 25, column: 5, path: 'modelUsers.app-invoker', says: ['expected an IAM role or a permission set', 'found both'] }],
  },
  {
    name: 'a model user that is neither a role nor a permission set',
    yaml: edit(26),
    problems: [{ line: 25, column: 5, path: 'modelUsers.app-invoker', says: ['expected an IAM role or a permission set', 'found neither'] }],
  },
  {
    name: 'a role nobody may assume',
    yaml: edit(26, '    role: { assumedBy: {} }'),
    problems: [{ line: 26, column: 24, path: 'modelUsers.app-invoker.role.assumedBy', says: ['nobody may assume this role'] }],
  },
  {
    name: 'a role trusted by an unknown account name',
    yaml: edit(26, '    role: { assumedBy: { accounts: [shared-servics] } }'),
    problems: [{ line: 26, column: 37, path: 'modelUsers.app-invoker.role.assumedBy.accounts[0]', says: ['unknown account "shared-servics"', '"shared-services"'] }],
  },
  {
    name: 'a malformed Identity Center instance ARN',
    yaml: edit(26, '    permissionSet: { instanceArn: "arn:aws:sso:::instance/abc" }'),
    problems: [{ line: 26, column: 35, path: 'modelUsers.app-invoker.permissionSet.instanceArn', says: ['IAM Identity Center instance ARN', 'found "arn:aws:sso:::instance/abc"'] }],
  },
  {
    name: 'a session longer than 12 hours',
    yaml: edit(26, `    permissionSet: { instanceArn: "${INSTANCE}", sessionDuration: PT24H }`),
    problems: [{ line: 26, column: 102, path: 'modelUsers.app-invoker.permissionSet.sessionDuration', says: ['1 to 12 hours'] }],
  },
  {
    name: 'an S3 bucket name with capitals',
    yaml: edit(27, '    models: ["anthropic.claude-3-5-sonnet*"]', '    s3: [{ bucket: Acme-Prompts }]'),
    problems: [{ line: 28, column: 20, path: 'modelUsers.app-invoker.s3[0].bucket', says: ['S3 bucket name', 'found "Acme-Prompts"'] }],
  },
  {
    name: 'a model-user role named like a Canvas role of the same account',
    yaml: edit(24, '  modelgate-canvas-analytics:'),
    problems: [{ line: 24, column: 3, path: 'modelUsers.modelgate-canvas-analytics', says: ['already taken in account "prod-app" by Canvas workspace "analytics"'] }],
    count: 1,
  },
  {
    name: 'a model user whose allow policy would pass the IAM limit for a role',
    yaml: edit(25, '    account: shared-services').replace(
      '    models: ["anthropic.claude-3-5-sonnet*"]',
      `    models: [${Array.from({ length: 120 }, (_, i) => `"vendor${i}.model-number-${i}-v1:0"`).join(', ')}]`,
    ),
    problems: [{ line: 25, column: 5, path: 'modelUsers.app-invoker.models', says: ['the inline policy of role app-invoker needs', 'more than the 10,240 IAM allows', 'wider glob'] }],
    count: 1,
  },
  {
    name: 'schema and cross-reference problems of both sections in one run',
    yaml: yaml(
      BASE.map((line, i) =>
        i + 1 === 21 ? '    domain: { vpcId: vpc-123, subnetIds: [subnet-0a1b2c3d4e5f60718] }' : i + 1 === 25 ? '    account: staging' : line,
      ),
    ),
    problems: [
      { line: 21, column: 22, path: 'canvas.analytics.domain.vpcId', says: ['VPC id'] },
      { line: 25, column: 14, path: 'modelUsers.app-invoker.account', says: ['unknown account "staging"'] },
    ],
    count: 2,
  },
];

describe('bad canvas and modelUsers sections', () => {
  const runs: AppRun[] = [];
  afterAll(() => {
    for (const run of runs) rmSync(run.cwd, { recursive: true, force: true });
  });

  test('the base organization the cases edit is valid, without warnings', async () => {
    const run = await synthInProcess(yaml(BASE));
    runs.push(run);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readdirSync(join(run.outdir, 'stacks')).sort()).toEqual(['account-prod-app', 'ou-workloads-prod', 'root']);
  });

  test.each(cases)('$name', async ({ yaml: text, problems, count }) => {
    const run = await synthInProcess(text);
    runs.push(run);
    const reported = reportedProblems(run.stderr);
    for (const problem of problems) expect(reported).toContainEqual(expect.stringMatching(problemPattern(problem)));
    if (count !== undefined) expect(reported).toHaveLength(count);
    expectRejected(run);
  });

  test('a model user with some denied models: a warning names them, and only the approved ones are granted', async () => {
    const run = await synthInProcess(edit(27, '    models: ["anthropic.claude-3-5-sonnet*", "amazon.nova-pro-v1:0"]'));
    runs.push(run);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      /^warning: governance\.yaml:27:13 modelUsers\.app-invoker\.models: not granted, because the rules of account "prod-app" deny them in whole or in part: "amazon\.nova-pro-v1:0" \(denied by models\.Workloads\/Prod\)/m,
    );
    const stack = readFileSync(join(run.outdir, 'stacks', 'account-prod-app', 'cdk.tf.json'), 'utf8');
    expect(stack).toContain('foundation-model/anthropic.claude-3-5-sonnet*');
    expect(stack).not.toContain('amazon.nova-pro');
  });

  test('an existing domain without user profiles: a warning says the role is not used until made the default', async () => {
    const run = await synthInProcess(edit(21, '    domain: { existingId: d-abc123xyz }').replace('    userProfiles: [data-analyst]\n', ''));
    runs.push(run);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^warning: governance\.yaml:21:27 canvas\.analytics\.domain\.existingId: .*make it the domain default, or list userProfiles/m);
  });
});
