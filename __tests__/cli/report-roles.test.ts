import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport, MANAGED_POLICIES_STAND_IN, reportJson, reportMarkdown, type DiffReport, type FullReport, type RoleCell, type RoleMatrix } from '../../cli/report';
import { readSynthesizedRoles } from '../../cli/simulate';
import { synthesizeYaml } from '../support/synth-fixture';
import { synthesizeToTemp } from '../support/synthesized-scps';

/**
 * The Roles section: every generated role of the example makes each request with its own ARN,
 * against its account's SCP chain and the identity policies read from cdktf.out.
 */

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'governance.yaml');
const CANVAS = 'modelgate-canvas-analytics';
const PROFILE = 'modelgate-canvas-analytics-data-analyst';
const USER = 'app-invoker';

/** A cell in a few words: `Allowed`, or the denying statements as `<where>:<Sid>` (`role` for the role's own policies). */
function summary(cell: RoleCell | undefined): string {
  if (cell === undefined) return 'n/a';
  if (cell.decision === 'Allowed') return 'Allowed';
  return cell.deniedBy.map((d) => `${d.layer.startsWith('role ') ? 'role' : d.layer}:${d.sid ?? 'no Allow'}`).join(', ');
}

function table(roles: RoleMatrix): Record<string, Record<string, string>> {
  return Object.fromEntries(
    roles.rows.map((row, i) => [row.role.name, Object.fromEntries(roles.columns.map((c, j) => [c.key, summary(roles.cells[i]?.[j])]))]),
  );
}

/** A copy of cdktf.out with the statement `sid` removed from the inline policy of role `roleName`. */
function withoutRoleStatement(outdir: string, roleName: string, sid: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'modelgate-broken-role-')), 'cdktf.out');
  cpSync(outdir, copy, { recursive: true });
  const file = join(copy, 'stacks', 'account-prod-app', 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    resource: { aws_iam_role: Record<string, { name: string }>; aws_iam_role_policy: Record<string, { role: string; policy: string }> };
  };
  const roleId = Object.entries(json.resource.aws_iam_role).find(([, r]) => r.name === roleName)?.[0];
  let removed = 0;
  for (const policy of Object.values(json.resource.aws_iam_role_policy)) {
    if (policy.role !== `\${aws_iam_role.${roleId ?? '?'}.name}`) continue;
    const document = JSON.parse(policy.policy) as { Statement: { Sid?: string }[] };
    const kept = document.Statement.filter((s) => s.Sid !== sid);
    removed += document.Statement.length - kept.length;
    policy.policy = JSON.stringify({ ...document, Statement: kept });
  }
  if (removed !== 1) throw new Error(`expected one statement ${sid} on ${roleName}, found ${removed}`);
  writeFileSync(file, JSON.stringify(json, null, 2));
  return copy;
}

const CANVAS_BEDROCK = {
  'bedrock:deepseek.r1-v1:0':
    'role:DenyBedrockModelsNotAllowedWorkloadsProd, role:DenyBedrockModelsRoot, root:DenyBedrockModels, Workloads/Prod:DenyBedrockModelsNotAllowed, prod-app:DenyBedrockInvokeWithoutGuardrail',
  // Allowed by every model rule, denied only because the request names no guardrail.
  'bedrock:anthropic.claude-3-5-sonnet-20240620-v1:0': 'prod-app:DenyBedrockInvokeWithoutGuardrail',
  'bedrock:amazon.nova-lite-v1:0':
    'role:DenyBedrockModelsNotAllowedWorkloadsProd, Workloads/Prod:DenyBedrockModelsNotAllowed, prod-app:DenyBedrockInvokeWithoutGuardrail',
  'bedrock-other:anthropic.claude-sonnet-4-20250514-v1:0':
    'role:DenyBedrockModelsNotAllowedWorkloadsProd, Workloads/Prod:DenyBedrockModelsNotAllowed, prod-app:DenyBedrockInvokeWithoutGuardrail',
};
const CANVAS_ENDPOINTS = {
  'jumpstart-endpoint-approved-tag': 'Allowed',
  'jumpstart-endpoint-other-tag': 'role:DenyJumpStartEndpointsNotApproved',
  // Not a JumpStart model: the deny is about model-id tags only.
  'jumpstart-endpoint-no-tag': 'Allowed',
};
const NO_USER_COLUMNS = { 'inference-profile': 'n/a', 's3-get-own-bucket': 'n/a', 's3-get-other-bucket': 'n/a' };
const EXPECTED: Record<string, Record<string, string>> = {
  [CANVAS]: { ...CANVAS_BEDROCK, ...CANVAS_ENDPOINTS, ...NO_USER_COLUMNS },
  [PROFILE]: { ...CANVAS_BEDROCK, ...CANVAS_ENDPOINTS, ...NO_USER_COLUMNS },
  [USER]: {
    'bedrock:deepseek.r1-v1:0': 'root:DenyBedrockModels, Workloads/Prod:DenyBedrockModelsNotAllowed, prod-app:DenyBedrockInvokeWithoutGuardrail',
    'bedrock:anthropic.claude-3-5-sonnet-20240620-v1:0': 'prod-app:DenyBedrockInvokeWithoutGuardrail',
    'bedrock:amazon.nova-lite-v1:0': 'Workloads/Prod:DenyBedrockModelsNotAllowed, prod-app:DenyBedrockInvokeWithoutGuardrail',
    'bedrock-other:anthropic.claude-sonnet-4-20250514-v1:0': 'Workloads/Prod:DenyBedrockModelsNotAllowed, prod-app:DenyBedrockInvokeWithoutGuardrail',
    'jumpstart-endpoint-approved-tag': 'n/a',
    'jumpstart-endpoint-other-tag': 'n/a',
    'jumpstart-endpoint-no-tag': 'n/a',
    'inference-profile': 'prod-app:DenyBedrockInvokeWithoutGuardrail',
    's3-get-own-bucket': 'Allowed',
    // The allow policy alone grants it nothing: an implicit deny by the role's own policies.
    's3-get-other-bucket': 'role:no Allow',
  },
};

describe('Roles section of the example', () => {
  let outdir: string;
  let report: FullReport;

  beforeAll(async () => {
    ({ outdir } = await synthesizeToTemp(EXAMPLE));
    const built = await buildReport({ configFile: EXAMPLE, outdir });
    if (built.mode !== 'full') throw new Error('expected a full report');
    report = built;
  });

  test('one row per generated role of the account stacks, not the other roles there', () => {
    const all = readSynthesizedRoles(outdir).map((r) => r.name);
    expect(all).toEqual(expect.arrayContaining(['modelgate-canvas-analytics-bedrock', 'modelgate-alert-forwarder', CANVAS, PROFILE, USER]));
    expect(report.roles.rows.map((r) => [r.role.name, r.kind, r.layer, r.configEntry])).toEqual([
      [CANVAS, 'canvas', 'prod-app', 'canvas.analytics'],
      [PROFILE, 'canvas', 'prod-app', 'canvas.analytics'],
      [USER, 'modelUser', 'prod-app', 'modelUsers.app-invoker'],
    ]);
  });

  test('every role cell matches the expectation table', () => {
    expect(table(report.roles)).toEqual(EXPECTED);
  });

  test('each cell is a request by the role itself, with the role policy or SCP that denied it', () => {
    const roles = report.roles;
    roles.rows.forEach((row, i) =>
      roles.cells[i]?.forEach((cell) => expect(cell?.request.principalArn ?? row.arn).toBe(`arn:aws:iam::333333333333:role/${row.role.name}`)),
    );
    const canvas = roles.rows.findIndex((r) => r.role.name === CANVAS);
    const other = roles.columns.findIndex((c) => c.key === 'jumpstart-endpoint-other-tag');
    expect(roles.cells[canvas]?.[other]).toEqual({
      decision: 'Denied',
      deniedBy: [{ layer: `role ${CANVAS}`, policy: 'modelgate-model-governance', sid: 'DenyJumpStartEndpointsNotApproved' }],
      request: {
        principalArn: `arn:aws:iam::333333333333:role/${CANVAS}`,
        action: 'sagemaker:CreateEndpointConfig',
        resource: 'arn:aws:sagemaker:us-east-1:333333333333:endpoint-config/modelgate-report',
        context: { 'aws:RequestTag/sagemaker-sdk:jumpstart-model-id': 'deepseek-llm-r1' },
      },
    });
    const user = roles.rows.findIndex((r) => r.role.name === USER);
    const profile = roles.columns.findIndex((c) => c.key === 'inference-profile');
    expect(roles.cells[user]?.[profile]?.request.resource).toBe(
      'arn:aws:bedrock:us-east-1:333333333333:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0',
    );
  });

  test('roles with AWS managed policies get the allow-all stand-in, said in the assumptions and the JSON', () => {
    const markdown = reportMarkdown(report);
    expect(markdown).toContain(`for \`${CANVAS}\`, \`${PROFILE}\` the Roles section stands in one identity policy that allows everything`);
    const json = reportJson(report) as { roles: { rows: { name: string; identityPolicies: string[]; managedPolicies: string[] }[] } };
    expect(json.roles.rows.map((r) => [r.name, r.identityPolicies])).toEqual([
      [CANVAS, ['modelgate-model-governance', MANAGED_POLICIES_STAND_IN]],
      [PROFILE, ['modelgate-model-governance', MANAGED_POLICIES_STAND_IN]],
      [USER, ['modelgate-approved-models']],
    ]);
    expect(json.roles.rows[0]?.managedPolicies).toContain('arn:aws:iam::aws:policy/AmazonSageMakerCanvasFullAccess');
  });

  test('the Markdown table shows the role cells with R references resolved under it', () => {
    const markdown = reportMarkdown(report);
    expect(markdown).toContain('## Roles');
    expect(markdown).toMatch(/\| `app-invoker` \| prod-app \| model user \(`modelUsers.app-invoker`\) \| (?:[^|]+\|){4} — \| — \| — \| ⛔ R\d+ \| ✅ \| ⛔ R(\d+) \|/);
    const ref = /\| `app-invoker` .* ⛔ (R\d+) \|$/m.exec(markdown)?.[1];
    expect(markdown).toContain(`| ${ref ?? '?'} | role app-invoker | none: no Allow at this layer |  |`);
  });

  test('the excerpt in docs/report.md is this report\'s Roles table', () => {
    const page = readFileSync(join(__dirname, '..', '..', 'docs', 'report.md'), 'utf8');
    const section = reportMarkdown(report).split('\n## Roles\n\n')[1]?.split('\n\n<details>')[0] ?? 'no Roles section';
    expect(section).toContain('| `app-invoker` |');
    expect(page).toContain(section);
  });
});

test('a role with a customer managed policy, whose document the report cannot see, fails the report with its name', async () => {
  const { outdir } = await synthesizeToTemp(EXAMPLE);
  const copy = join(mkdtempSync(join(tmpdir(), 'modelgate-customer-policy-')), 'cdktf.out');
  cpSync(outdir, copy, { recursive: true });
  const file = join(copy, 'stacks', 'account-prod-app', 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    resource: { aws_iam_role: Record<string, { name: string }>; aws_iam_role_policy_attachment: Record<string, unknown> };
  };
  const roleId = Object.entries(json.resource.aws_iam_role).find(([, r]) => r.name === USER)?.[0] ?? '?';
  json.resource.aws_iam_role_policy_attachment.extra = { policy_arn: 'arn:aws:iam::333333333333:policy/team-extras', role: `\${aws_iam_role.${roleId}.name}` };
  writeFileSync(file, JSON.stringify(json));
  await expect(buildReport({ configFile: EXAMPLE, outdir: copy })).rejects.toThrow(
    'arn:aws:iam::333333333333:role/app-invoker has managed policies that are not AWS managed (arn:aws:iam::333333333333:policy/team-extras)',
  );
});

describe('a deliberately broken synthesized role policy', () => {
  let outdir: string;
  let broken: string;
  let brokenReport: FullReport;
  let diff: DiffReport;

  beforeAll(async () => {
    ({ outdir } = await synthesizeToTemp(EXAMPLE));
    // The execution role's JumpStart deny, gone as if someone edited the JSON by hand.
    broken = withoutRoleStatement(outdir, CANVAS, 'DenyJumpStartEndpointsNotApproved');
    const [b, d] = await Promise.all([
      buildReport({ configFile: EXAMPLE, outdir: broken }),
      buildReport({ configFile: EXAMPLE, outdir: broken, baseOutdir: outdir }),
    ]);
    if (b.mode !== 'full' || d.mode !== 'diff') throw new Error('unexpected report modes');
    [brokenReport, diff] = [b, d];
  });

  test('the full report shows the other JumpStart model allowed for that role only', () => {
    expect(table(brokenReport.roles)).toEqual({
      ...EXPECTED,
      [CANVAS]: { ...EXPECTED[CANVAS], 'jumpstart-endpoint-other-tag': 'Allowed' },
    });
  });

  test('diff mode lists the role cell and highlights its account', () => {
    expect(diff.changes).toEqual([]);
    expect(reportJson(diff)).toMatchObject({
      roleChanges: [
        {
          role: `arn:aws:iam::333333333333:role/${CANVAS}`,
          layer: 'prod-app',
          column: 'jumpstart-endpoint-other-tag',
          label: 'JumpStart endpoint, other model',
          before: { decision: 'Denied', deniedBy: [{ layer: `role ${CANVAS}`, policy: 'modelgate-model-governance', sid: 'DenyJumpStartEndpointsNotApproved' }] },
          after: { decision: 'Allowed', deniedBy: [] },
        },
      ],
      changedLayers: ['prod-app'],
    });
    expect(diff.roleChanges).toHaveLength(1);
    const markdown = reportMarkdown(diff);
    expect(markdown).toContain('1 cell changes between');
    expect(markdown).toContain(
      [
        '### Roles',
        '',
        '| Role | Column | Before | After |',
        '| --- | --- | --- | --- |',
        `| \`arn:aws:iam::333333333333:role/${CANVAS}\` | JumpStart endpoint, other model | ⛔ Denied by \`DenyJumpStartEndpointsNotApproved\` in \`modelgate-model-governance\` (role ${CANVAS}) | ✅ Allowed |`,
      ].join('\n'),
    );
    // prod-app is node 5 of the example.
    expect(diff.diagram).toMatch(/class n5 changed$/);
  });
});

test('a change that removes a model user: diff mode lists each of its Bedrock cells with no after', async () => {
  const { outdir: base } = await synthesizeToTemp(EXAMPLE);
  const example = readFileSync(EXAMPLE, 'utf8');
  const withoutUsers = example.replace(/\nmodelUsers:\n(?: .*\n)+/, '\n');
  expect(withoutUsers).not.toContain('app-invoker');
  const { outdir } = await synthesizeYaml(withoutUsers);
  const diff = await buildReport({ configFile: join(outdir, '..', 'governance.yaml'), outdir, baseOutdir: base });
  if (diff.mode !== 'diff') throw new Error('expected a diff report');
  expect(diff.changes).toEqual([]);
  expect(diff.roles.rows.map((r) => r.role.name)).toEqual([CANVAS, PROFILE]);
  // The inference profile and S3 requests come from the user's config entry, which this config no longer has.
  const columns = ['bedrock:deepseek.r1-v1:0', 'bedrock:anthropic.claude-3-5-sonnet-20240620-v1:0', 'bedrock:amazon.nova-lite-v1:0', 'bedrock-other:anthropic.claude-sonnet-4-20250514-v1:0'];
  expect(diff.roleChanges.map((c) => [c.role, c.column, c.before?.decision, c.after])).toEqual(
    columns.map((column) => [`arn:aws:iam::333333333333:role/${USER}`, column, 'Denied', undefined]),
  );
  expect(diff.changedLayers).toEqual(['prod-app']);
  expect(reportMarkdown(diff)).toContain(
    `| \`arn:aws:iam::333333333333:role/${USER}\` | anthropic.claude-3-5-sonnet\\* | ⛔ Denied by \`DenyBedrockInvokeWithoutGuardrail\` in \`modelgate-account-prod-app-1\` (prod-app) | — (no such role or cell) |`,
  );
});
