import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportCommand } from '../../cli/commands/report';
import { accessColumns, accessRows, buildReport, evaluateMatrix, organizationDiagram, probeRole, reportMarkdown, writeReport, type FullReport } from '../../cli/report';
import { generateOrganization } from '../../bench/generate-org';
import { MissingSynthOutputError } from '../../cli/simulate';
import { parseConfig, type Target } from '../../modules/config';
import { synthesizeYaml } from '../support/synth-fixture';
import { synthesizeToTemp } from '../support/synthesized-scps';
import { mergedSid } from '../../modules/policy';
import { captureProcessOutput } from '../support/process-output';

const ROOT_DIR = join(__dirname, '..', '..');
const EXAMPLE = join(ROOT_DIR, 'examples', 'governance.yaml');
const DENY_LIST = join(ROOT_DIR, '__tests__', 'fixtures', 'decisions-deny-list.yaml');

async function fullReport(configFile: string, outdir?: string): Promise<FullReport> {
  const report = await buildReport({ configFile, outdir: outdir ?? (await synthesizeToTemp(configFile)).outdir });
  if (report.mode !== 'full') throw new Error('expected a full report');
  return report;
}

/** A copy of a cdktf.out that a test may change. */
function copyOf(outdir: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'modelgate-report-')), 'cdktf.out');
  cpSync(outdir, copy, { recursive: true });
  return copy;
}

/** The `content` lengths of a stack's policies, read straight from its cdk.tf.json. */
function contentLengths(outdir: string, stack: string): number[] {
  const json = JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as {
    resource: { aws_organizations_policy: Record<string, { content: string }> };
  };
  return Object.values(json.resource.aws_organizations_policy).map((p) => p.content.length);
}

describe('SCP budget', () => {
  test('example: documents, characters of each and slots, counting FullAWSAccess and existing policies', async () => {
    const { outdir } = await synthesizeToTemp(EXAMPLE);
    const report = await fullReport(EXAMPLE);
    const summary = report.budgets.map((b) => ({
      layer: b.layer,
      characters: b.documents.map((d) => d.characters),
      maxCharacters: b.maxCharacters,
      slots: `${b.slotsUsed} of ${b.maxPolicies}`,
      existing: b.existingPolicies,
    }));
    expect(summary).toEqual([
      { layer: 'root', characters: contentLengths(outdir, 'root'), maxCharacters: 10240, slots: '5 of 10', existing: ['p-controltower'] },
      { layer: 'Sandbox', characters: contentLengths(outdir, 'ou-sandbox'), maxCharacters: 10240, slots: '2 of 10', existing: [] },
      { layer: 'Workloads/Prod', characters: contentLengths(outdir, 'ou-workloads-prod'), maxCharacters: 10240, slots: '2 of 10', existing: [] },
      { layer: 'prod-app', characters: contentLengths(outdir, 'account-prod-app'), maxCharacters: 10240, slots: '2 of 10', existing: [] },
    ]);
  });

  test('legacy limits, FullAWSAccess replaced, and a target with only existing policies', async () => {
    const { outdir } = await synthesizeYaml(`
organization:
  managementAccount: "111111111111"
  root: { id: r-ab12, existingPolicies: [p-guardrail, p-baseline] }
  fullAwsAccess: replaced
  scpLimits: legacy
  units: { Lab: { id: ou-ab12-11111111, existingPolicies: [p-lab] } }
breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]
models:
  root: { bedrock: { deny: ["deepseek.*"] } }
`);
    const file = join(outdir, '..', 'governance.yaml');
    const report = await fullReport(file, outdir);
    expect(report.budgets.map((b) => [b.layer, b.documents.length, b.maxCharacters, b.slotsUsed, b.maxPolicies, b.fullAwsAccess])).toEqual([
      ['root', 1, 5120, 3, 5, false],
      ['Lab', 0, 5120, 1, 5, false],
    ]);
    expect(reportMarkdown(report)).toContain('| Lab (ou-ab12-11111111) | 0 | - of 5,120 | 1 of 5 | `p-lab` |');
  });
});

describe('warnings', () => {
  let report: FullReport;
  beforeAll(async () => {
    report = await fullReport(DENY_LIST);
  });

  test('rules on the management account: one note, not repeated as a config warning', () => {
    expect(report.managementAccount).toEqual({ layer: 'management', id: '111111111111', hasRules: true });
    expect(report.configWarnings.filter((w) => w.path === 'models.management')).toEqual([]);
    expect(reportMarkdown(report)).toContain('**Management account rules have no effect:** `management` (111111111111)');
  });

  test('exempted principals, read from the synthesized Deny statements', () => {
    const root = (sid: string) => ({ layer: 'root', policy: 'modelgate-root-1', sid });
    expect(report.exemptions).toEqual({
      exemptions: [
        { principal: 'arn:aws:iam::*:role/OrgBreakGlass', everyDeny: true, statements: [] },
        {
          principal: 'arn:aws:iam::*:role/HubCurator',
          everyDeny: false,
          statements: [
            root('DenyJumpStartGatedModels'),
            root('DenyJumpStartWeightsOfPublicHubModels'),
            root('DenyRegisterEndpointsWithBedrock'),
            root('DenySageMakerPublicHub'),
          ],
        },
        { principal: 'arn:aws:iam::*:role/MLPlatform', everyDeny: false, statements: [root(mergedSid(['DenyCustomModelImport', 'DenyFineTuning']))] },
      ],
      unexempted: [],
    });
  });

  test('models allowed at a parent but denied below', () => {
    expect(report.narrowed.map((n) => `${n.column}: ${n.parent} -> ${n.child} (${n.deniedBy.map((s) => s.policy).join()})`)).toEqual([
      'mistral.*: root -> Research (modelgate-ou-research-1)',
      'cohere.*: root -> Research (modelgate-ou-research-1)',
      'ai21.*: root -> Research (modelgate-ou-research-1)',
      'Model no rule names: root -> Research (modelgate-ou-research-1)',
      'mistral.*: root -> Platform (modelgate-ou-platform-1)',
      'cohere.*: Platform -> Platform/Teams (modelgate-ou-platform-teams-1)',
      'ai21.*: Platform/Teams -> team-app (modelgate-account-team-app-1)',
    ]);
  });

  test('breakGlass: none shows the denies that exempt nobody, and the config warning', async () => {
    const { outdir } = await synthesizeYaml(`
organization:
  managementAccount: "111111111111"
  root: r-ab12
breakGlass: none
models:
  root: { bedrock: { deny: ["deepseek.*"] } }
`);
    const none = await fullReport(join(outdir, '..', 'governance.yaml'), outdir);
    expect(none.exemptions.exemptions).toEqual([]);
    expect(none.exemptions.unexempted.map((s) => s.sid)).toEqual(['DenyBedrockMantleModels', 'DenyBedrockModels']);
    expect(none.configWarnings.map((w) => w.path).sort()).toEqual(['breakGlass', 'models.root.bedrock.deny']);
    expect(none.matrix.principalRole).toBe('Developer');
  });
});

describe('organization diagram', () => {
  test('root -> OUs -> accounts, each node saying what its layer adds and holds', async () => {
    const report = await fullReport(EXAMPLE);
    expect(report.diagram.split('\n')).toEqual([
      'flowchart TD',
      '  n0["<b>root</b> r-ab12<br/>deny models: deepseek.*<br/>API keys: shortTermOnly<br/>Marketplace deny: all<br/>JumpStart block: publicHub, gatedModels, registerWithBedrock<br/>deny custom model import (with exceptions)<br/>3 SCPs"]',
      '  n1["<b>Sandbox</b> ou-ab12-11111111<br/>allow models: anthropic.claude-3-5-sonnet*, amazon.nova-*<br/>deny fine-tuning<br/>1 SCP"]',
      '  n2["<b>Workloads</b> ou-ab12-22222222"]',
      '  n3["<b>Prod</b> ou-ab12-33333333<br/>allow models: anthropic.claude-3-5-sonnet*<br/>API keys: deny<br/>deny OpenAI-compatible endpoint<br/>subscriptions: deny<br/>deny fine-tuning<br/>hub curated-models (shared)<br/>1 SCP"]',
      '  n4["<b>sandbox-dev</b> 222222222222"]',
      '  n5["<b>prod-app</b> 333333333333<br/>require guardrail (1)<br/>Canvas analytics<br/>model user app-invoker<br/>guardrail standard<br/>1 SCP"]',
      '  n6["<b>shared-services</b> 444444444444<br/>hub curated-models"]',
      '  n0 --> n1',
      '  n0 --> n2',
      '  n2 --> n3',
      '  n1 --> n4',
      '  n3 --> n5',
      '  n2 --> n6',
    ]);
  });

  test('many accounts without rules under one parent are one node, highlighted when one of them changes', () => {
    const { governance } = parseConfig(
      [
        'organization:',
        '  managementAccount: "111111111111"',
        '  root: r-ab12',
        '  units: { Lab: { id: ou-ab12-11111111 } }',
        '  accounts:',
        ...[1, 2, 3, 4, 5, 6].map((n) => `    lab-${n}: { id: "20000000000${n}", unit: Lab }`),
        '    solo: { id: "300000000000" }',
        'breakGlass: none',
        'models:',
        '  lab-6: { fineTuning: { deny: true } }',
      ].join('\n'),
      'g.yaml',
    );
    const diagram = organizationDiagram(governance, new Map(), new Set(['lab-4']));
    expect(diagram.split('\n')).toEqual([
      'flowchart TD',
      '  n0["<b>root</b> r-ab12"]',
      '  n1["<b>Lab</b> ou-ab12-11111111"]',
      '  n7["<b>lab-6</b> 200000000006<br/>deny fine-tuning"]',
      '  n8["<b>solo</b> 300000000000"]',
      '  n1a["<b>5 accounts</b> without rules of their own<br/>lab-1, lab-2, lab-3 and 2 more"]',
      '  n0 --> n1',
      '  n1 --> n7',
      '  n0 --> n8',
      '  n1 --> n1a',
      '  classDef changed fill:#fff4c2,stroke:#d97706,stroke-width:3px',
      '  class n1a changed',
    ]);
  });

  test('a hub shared with the organization and an account: each receiving layer says so, and a holding account is never grouped', () => {
    const { governance } = parseConfig(
      [
        'organization:',
        '  managementAccount: "111111111111"',
        '  id: o-a1b2c3d4e5',
        '  root: r-ab12',
        '  units: { Lab: { id: ou-ab12-11111111 } }',
        '  accounts:',
        ...[1, 2, 3, 4, 5, 6, 7].map((n) => `    lab-${n}: { id: "20000000000${n}", unit: Lab }`),
        'breakGlass: none',
        'jumpstartHubs:',
        '  shared:',
        '    account: lab-7',
        '    description: Shared models',
        '    storage: create',
        '    models: [{ id: huggingface-llm-mistral-7b-instruct }]',
        '    shareWith: [organization, lab-1]',
        'modelUsers:',
        '  invoker: { account: lab-2, models: ["amazon.nova-*"], role: { assumedBy: { services: [lambda.amazonaws.com] } } }',
      ].join('\n'),
      'g.yaml',
    );
    expect(organizationDiagram(governance, new Map()).split('\n')).toEqual([
      'flowchart TD',
      '  n0["<b>root</b> r-ab12<br/>hub shared (shared)"]',
      '  n1["<b>Lab</b> ou-ab12-11111111"]',
      '  n2["<b>lab-1</b> 200000000001<br/>hub shared (shared)"]',
      '  n3["<b>lab-2</b> 200000000002<br/>model user invoker"]',
      '  n8["<b>lab-7</b> 200000000007<br/>hub shared"]',
      '  n1a["<b>4 accounts</b> without rules of their own<br/>lab-3, lab-4, lab-5 and 1 more"]',
      '  n0 --> n1',
      '  n1 --> n2',
      '  n1 --> n3',
      '  n1 --> n8',
      '  n1 --> n1a',
    ]);
  });

  test('a diagram too large for Mermaid keeps the rules on the OUs only', () => {
    const { governance } = parseConfig(generateOrganization({ accounts: 1000 }), 'g.yaml');
    const diagram = organizationDiagram(governance, new Map());
    expect(diagram.length).toBeLessThanOrEqual(50000);
    const nodeOf = (predicate: (t: Target) => boolean): string => {
      const index = governance.targets.findIndex(predicate);
      return diagram.split('\n').find((line) => line.startsWith(`  n${index}[`)) ?? `no node n${index}`;
    };
    expect(nodeOf((t) => t.kind === 'account' && t.rules !== undefined)).toMatch(/^ {2}n\d+\["<b>[^<]+<\/b> \d{12}"\]$/);
    expect(nodeOf((t) => t.kind === 'unit' && t.rules?.bedrock?.allow !== undefined)).toContain('allow models: ');
  });

  test('the management account is drawn, marked as out of reach of SCPs', async () => {
    const report = await fullReport(DENY_LIST);
    expect(report.diagram).toContain('["<b>management</b> 111111111111<br/>management account: SCPs do not apply"]');
  });
});

describe('written files', () => {
  test('Markdown and JSON twins in cdktf.out, byte-identical across runs', async () => {
    const outdir = copyOf((await synthesizeToTemp(EXAMPLE)).outdir);
    const first = await writeReport({ configFile: EXAMPLE, outdir });
    const [markdown, json] = [readFileSync(first.markdownFile, 'utf8'), readFileSync(first.jsonFile, 'utf8')];
    await writeReport({ configFile: EXAMPLE, outdir });
    expect(readFileSync(first.markdownFile, 'utf8')).toBe(markdown);
    expect(readFileSync(first.jsonFile, 'utf8')).toBe(json);
    expect(first.markdownFile).toBe(join(outdir, 'modelgate-report.md'));

    expect(markdown).toContain('```mermaid\nflowchart TD\n');
    // Globs are escaped so that two of them in one cell never turn into emphasis.
    expect(markdown).toContain('| Layer | deepseek.\\* | anthropic.claude-3-5-sonnet\\* | amazon.nova-\\* |');
    expect(markdown).toContain('| **root** | ⛔ D1 | ✅ | ✅ | ✅ |');
    expect(markdown).toContain('| D1 | root | `modelgate-root-2` | `DenyBedrockModels` |');

    const data = JSON.parse(json) as {
      principal: string;
      columns: { key: string; request: { resource: string } }[];
      rows: { layer: string; cells: Record<string, { decision: string }> }[];
    };
    expect(data.principal).toBe('arn:aws:iam::<account>:role/Developer');
    expect(data.columns.find((c) => c.key === 'jumpstart-private-hub')?.request.resource).toBe(
      'arn:aws:sagemaker:us-east-1:<account>:endpoint-config/modelgate-report',
    );
    const { matrix } = first.report;
    expect(data.rows.map((r) => [r.layer, Object.values(r.cells).map((c) => c.decision)])).toEqual(
      matrix.rows.map((r, i) => [r.layer, (matrix.cells[i] ?? []).map((c) => c.decision)]),
    );
  });
});

describe('errors', () => {
  test('a missing cdktf.out says to synthesize first', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'modelgate-report-')), 'cdktf.out');
    await expect(buildReport({ configFile: EXAMPLE, outdir: missing })).rejects.toThrow(new MissingSynthOutputError(`${missing} not found: run npm run synth first`));
  });

  test('a cdktf.out older than the config (a layer with rules has no stack)', async () => {
    const outdir = copyOf((await synthesizeToTemp(EXAMPLE)).outdir);
    rmSync(join(outdir, 'stacks', 'ou-sandbox'), { recursive: true });
    await expect(buildReport({ configFile: EXAMPLE, outdir })).rejects.toThrow(
      /has no stack ou-sandbox \(layer "Sandbox"\): it is older than the config; run npm run synth first/,
    );
  });

  test('a missing --base names the option', async () => {
    const { outdir } = await synthesizeToTemp(EXAMPLE);
    await expect(buildReport({ configFile: EXAMPLE, outdir, baseOutdir: join(outdir, 'nope') })).rejects.toThrow(
      /^--base: .*nope not found: pass the cdktf.out of the base revision$/,
    );
  });
});

describe('the report command', () => {
  const output = captureProcessOutput();

  const run = (...args: string[]): Promise<unknown> => reportCommand().parseAsync(args, { from: 'user' });

  test('writes both files and says so; --base exits 0 with changes', async () => {
    const outdir = copyOf((await synthesizeToTemp(EXAMPLE)).outdir);
    await run('--config', EXAMPLE, '--out', outdir);
    expect(process.exitCode).toBeUndefined();
    expect(output.stdout).toBe(`modelgate report: 7 layers x 12 requests and 3 roles (21 requests) evaluated; wrote ${join(outdir, 'modelgate-report.md')} and ${join(outdir, 'modelgate-report.json')}\n`);

    output.stdout = '';
    const { outdir: base } = await synthesizeToTemp(DENY_LIST);
    await run('--config', EXAMPLE, '--out', outdir, '--base', base);
    expect(process.exitCode).toBeUndefined();
    expect(output.stdout).toMatch(/^modelgate report: \d+ cells change against /);
    expect(readFileSync(join(outdir, 'modelgate-report-diff.md'), 'utf8')).toMatch(/^# modelgate: effective access changes\n/);
  });

  test('a missing cdktf.out: exit code 1 and the message', async () => {
    await run('--config', EXAMPLE, '--out', join(tmpdir(), 'modelgate-no-such-dir', 'cdktf.out'));
    expect(process.exitCode).toBe(1);
    expect(output.stderr).toMatch(/^modelgate report: .*cdktf\.out not found: run npm run synth first\n$/);
  });

  test('a bad config: exit code 1 and every problem with its location', async () => {
    const { outdir } = await synthesizeYaml('organization:\n  managementAccount: "111111111111"\n  root: r-ab12\nbreakGlass: none\n');
    const bad = join(outdir, '..', 'bad.yaml');
    writeFileSync(bad, 'organization:\n  managementAccount: "1"\n  root: r-ab12\n');
    await run('--config', bad, '--out', outdir);
    expect(process.exitCode).toBe(1);
    expect(output.stderr).toContain('modelgate report: 2 problems in the config:\n');
    expect(output.stderr).toContain(`\n  ${bad}:1:1 breakGlass: missing;`);
    expect(output.stderr).toContain(`\n  ${bad}:2:22 organization.managementAccount: expected a 12-digit account id`);
  });

  test('--help lists the options', () => {
    const help = reportCommand().helpInformation();
    for (const option of ['--config <file>', '--out <dir>', '--base <dir>']) expect(help).toContain(option);
  });
});

describe('columns and principal', () => {
  const governanceOf = (models: string): ReturnType<typeof parseConfig>['governance'] =>
    parseConfig(`organization:\n  managementAccount: "111111111111"\n  root: r-ab12\nbreakGlass: [arn:aws:iam::*:role/OrgBreakGlass]\nmodels:\n${models}`, 'g.yaml').governance;

  test('a glob no known model matches gets a request with an id made from it', () => {
    const columns = accessColumns(governanceOf('  root: { bedrock: { deny: ["acme.frontier-?x*"] } }\n'));
    expect(columns[0]).toMatchObject({ label: 'acme.frontier-?x*', madeUpModel: true, description: 'bedrock:InvokeModel on acme.frontier-xxx' });
  });

  test('without model rules, the paths run on a model no rule names', () => {
    const columns = accessColumns(governanceOf('  root: { fineTuning: { deny: true } }\n'));
    expect(columns.map((c) => c.key)).toEqual([
      'bedrock-other:anthropic.claude-3-5-sonnet-20240620-v1:0',
      'openai-compatible-endpoint',
      'fine-tuning',
      'api-keys-long-term',
      'api-keys-short-term',
      'custom-model-import',
      'marketplace-other:deepseek-llm-r1',
      'jumpstart-public-hub',
      'jumpstart-private-hub',
    ]);
  });

  test.each([
    [['arn:aws:iam::*:role/OrgBreakGlass'], 'Developer'],
    [['arn:aws:iam::*:role/Dev*'], 'ModelgateReportDeveloper'],
    [['arn:aws:iam::222222222222:role/*Developer'], 'modelgate-report-probe-7f3a'],
  ])('the requesting role is one no exemption matches (%j -> %s)', (principals, role) => {
    const exemptions = principals.map((principal) => ({ principal, everyDeny: true, statements: [] }));
    expect(probeRole(exemptions, 'aws', ['000000000000', '222222222222'])).toBe(role);
  });

  test('when every probe role is exempted, the report refuses to guess', () => {
    expect(() => probeRole([{ principal: 'arn:aws:iam::*:role/*', everyDeny: true, statements: [] }], 'aws', ['000000000000'])).toThrow(
      /every probe role .* is exempted/,
    );
  });
});

describe('evaluateMatrix', () => {
  const governance = parseConfig(
    'organization:\n  managementAccount: "111111111111"\n  root: r-ab12\n  accounts: { app: { id: "222222222222" } }\nbreakGlass: none\n',
    'g.yaml',
  ).governance;
  const policy = (statement: Record<string, unknown>): string => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
  const column = (key: string, action: string, resource: string) =>
    ({ key, label: key, path: 'bedrock' as const, description: key, source: { kind: 'scps' as const }, request: () => ({ action, resource }) });
  const columns = [
    column('invoke', 'bedrock:InvokeModel', 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0'),
    column('import', 'bedrock:CreateModelImportJob', '*'),
  ];

  test.each([
    ['NotAction: everything but bedrock:Invoke*', { Sid: 'OnlyInvoke', Effect: 'Deny', NotAction: 'bedrock:Invoke*', Resource: '*' }, ['Allowed', 'Denied']],
    ['Action: bedrock:invokemodel (actions are case-insensitive)', { Sid: 'NoInvoke', Effect: 'Deny', Action: ['bedrock:invokemodel'], Resource: '*' }, ['Denied', 'Allowed']],
  ])('a Deny with %s', async (_name, statement, decisions) => {
    const policies = new Map([['222222222222', [{ name: 'p', content: policy(statement), stack: 'account-app' }]]]);
    const rows = accessRows(governance).filter((r) => r.layer === 'app');
    const matrix = await evaluateMatrix(governance, policies, rows, columns, 'Developer');
    expect(matrix.cells[0]?.map((c) => c.decision)).toEqual(decisions);
    expect(matrix.cells[0]?.flatMap((c) => c.deniedBy)).toEqual([{ layer: 'app', policy: 'p', sid: statement.Sid }]);
  });
});

test('a hand-edited statement without Action or NotAction is refused, not skipped', async () => {
  const governance = parseConfig('organization:\n  managementAccount: "111111111111"\n  root: r-ab12\nbreakGlass: none\n', 'g.yaml').governance;
  const broken = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'NoAction', Effect: 'Deny', Resource: '*' }] });
  const policies = new Map([['r-ab12', [{ name: 'p', content: broken, stack: 'root' }]]]);
  await expect(evaluateMatrix(governance, policies, accessRows(governance), accessColumns(governance), 'Developer')).rejects.toThrow(/iam-simulate could not evaluate/);
});
