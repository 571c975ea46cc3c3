import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport, modelGlobsIn, reportJson, reportMarkdown, type AccessMatrix, type DiffReport, type FullReport } from '../../cli/report';
import { readSynthesizedPolicies } from '../../cli/simulate';
import { synthesizeYaml } from '../support/synth-fixture';
import { synthesizeToTemp } from '../support/synthesized-scps';

/**
 * The report is a proof only if it reads the synthesized policies: break one statement in a copy
 * of cdktf.out and the matrix must change, and the diff mode must list exactly the cells that do.
 */

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'governance.yaml');

/** A copy of cdktf.out with the statement `sid` removed from every policy of `stack`. */
function withoutStatement(outdir: string, stack: string, sid: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'modelgate-broken-')), 'cdktf.out');
  cpSync(outdir, copy, { recursive: true });
  const file = join(copy, 'stacks', stack, 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as { resource: { aws_organizations_policy: Record<string, { content: string }> } };
  let removed = 0;
  for (const policy of Object.values(json.resource.aws_organizations_policy)) {
    const document = JSON.parse(policy.content) as { Statement: { Sid?: string }[] };
    const kept = document.Statement.filter((s) => s.Sid !== sid);
    removed += document.Statement.length - kept.length;
    policy.content = JSON.stringify({ ...document, Statement: kept });
  }
  if (removed !== 1) throw new Error(`expected one statement ${sid} in ${stack}, found ${removed}`);
  writeFileSync(file, JSON.stringify(json, null, 2));
  return copy;
}

/** `layer: column` of every cell whose decision differs between two matrices over the same rows and columns. */
function differingCells(a: AccessMatrix, b: AccessMatrix): string[] {
  return a.rows.flatMap((row, i) =>
    a.columns.flatMap((column, c) => (a.cells[i]?.[c]?.decision === b.cells[i]?.[c]?.decision ? [] : [`${row.layer}: ${column.label}`])),
  );
}

describe('a deliberately broken synthesized policy', () => {
  let outdir: string;
  let broken: string;
  let original: FullReport;
  let brokenReport: FullReport;
  let diff: DiffReport;

  beforeAll(async () => {
    ({ outdir } = await synthesizeToTemp(EXAMPLE));
    // The root's "deny deepseek.*" statement, gone as if someone edited the JSON by hand.
    broken = withoutStatement(outdir, 'root', 'DenyBedrockModels');
    const [a, b, d] = await Promise.all([
      buildReport({ configFile: EXAMPLE, outdir }),
      buildReport({ configFile: EXAMPLE, outdir: broken }),
      buildReport({ configFile: EXAMPLE, outdir: broken, baseOutdir: outdir }),
    ]);
    if (a.mode !== 'full' || b.mode !== 'full' || d.mode !== 'diff') throw new Error('unexpected report modes');
    [original, brokenReport, diff] = [a, b, d];
  });

  test('the full report shows deepseek allowed where nothing else denies it', () => {
    // Sandbox and Prod keep deepseek out through their allow-lists: only these cells flip.
    expect(differingCells(original.matrix, brokenReport.matrix)).toEqual([
      'root: deepseek.*',
      'Workloads: deepseek.*',
      'shared-services: deepseek.*',
    ]);
    const sandbox = brokenReport.matrix.rows.findIndex((r) => r.layer === 'Sandbox');
    expect(brokenReport.matrix.cells[sandbox]?.[0]?.deniedBy).toEqual([
      { layer: 'Sandbox', policy: 'modelgate-ou-sandbox-1', sid: 'DenyBedrockModelsNotAllowed' },
    ]);
  });

  test('diff mode lists exactly the changed cells, before -> after', () => {
    const rootDeny = { decision: 'Denied', deniedBy: [{ layer: 'root', policy: 'modelgate-root-2', sid: 'DenyBedrockModels' }] };
    expect(reportJson(diff)).toMatchObject({
      mode: 'diff',
      base: outdir,
      out: broken,
      changes: [
        { layer: 'root', id: 'r-ab12', column: 'bedrock:deepseek.r1-v1:0', label: 'deepseek.*', before: rootDeny, after: { decision: 'Allowed', deniedBy: [] } },
        { layer: 'Workloads', id: 'ou-ab12-22222222', column: 'bedrock:deepseek.r1-v1:0', before: rootDeny, after: { decision: 'Allowed' } },
        { layer: 'shared-services', id: '444444444444', column: 'bedrock:deepseek.r1-v1:0', before: rootDeny, after: { decision: 'Allowed' } },
      ],
      changedLayers: ['root', 'Workloads', 'shared-services'],
    });
    expect((reportJson(diff).changes as unknown[]).length).toBe(3);
  });

  test('the diff Markdown is a PR comment: the changed cells and the diagram with those layers highlighted', () => {
    const markdown = reportMarkdown(diff);
    expect(markdown).toContain('3 cells change between');
    expect(markdown).toContain(
      [
        '| Layer | Column | Before | After |',
        '| --- | --- | --- | --- |',
        '| **root** | deepseek.\\* | ⛔ Denied by `DenyBedrockModels` in `modelgate-root-2` (root) | ✅ Allowed |',
        '| **Workloads** | deepseek.\\* | ⛔ Denied by `DenyBedrockModels` in `modelgate-root-2` (root) | ✅ Allowed |',
        '| Workloads › **shared-services** | deepseek.\\* | ⛔ Denied by `DenyBedrockModels` in `modelgate-root-2` (root) | ✅ Allowed |',
      ].join('\n'),
    );
    // root, Workloads and shared-services are nodes 0, 2 and 6 of the example.
    expect(diff.diagram).toMatch(/classDef changed [^\n]+\n {2}class n0,n2,n6 changed$/);
    expect(markdown).toContain(`\`\`\`mermaid\n${diff.diagram}\n\`\`\``);
  });

  test('the same output twice: no changes, nothing highlighted', async () => {
    const same = await buildReport({ configFile: EXAMPLE, outdir, baseOutdir: outdir });
    if (same.mode !== 'diff') throw new Error('expected a diff report');
    expect(same.changes).toEqual([]);
    expect(same.diagram).not.toContain('changed');
    expect(reportMarkdown(same)).toContain('No cell changes between');
  });
});

describe('a change that drops a rule from the config', () => {
  test('the base output\'s model globs stay columns, so the model the rule denied shows up as newly allowed', async () => {
    const { outdir: base } = await synthesizeToTemp(EXAMPLE);
    const example = readFileSync(EXAMPLE, 'utf8');
    const changed = example.replace('deny: ["deepseek.*"]', 'deny: ["mistral.*"]');
    expect(changed).not.toBe(example);
    const { outdir } = await synthesizeYaml(changed);
    const diff = await buildReport({ configFile: join(outdir, '..', 'governance.yaml'), outdir, baseOutdir: base });
    if (diff.mode !== 'diff') throw new Error('expected a diff report');
    const changes = diff.changes.map((c) => `${diff.matrix.rows[c.row]?.layer}: ${diff.matrix.columns[c.column]?.label} ${c.before.decision} -> ${c.after.decision}`);
    expect(changes).toEqual([
      'root: mistral.* Allowed -> Denied',
      'root: deepseek.* Denied -> Allowed',
      'Workloads: mistral.* Allowed -> Denied',
      'Workloads: deepseek.* Denied -> Allowed',
      'shared-services: mistral.* Allowed -> Denied',
      'shared-services: deepseek.* Denied -> Allowed',
    ]);
  });

  test('model globs are read from resource patterns and hub-content conditions', async () => {
    const { outdir } = await synthesizeToTemp(join(__dirname, '..', 'fixtures', 'decisions-deny-list.yaml'));
    expect(modelGlobsIn(readSynthesizedPolicies(outdir))).toEqual({
      bedrock: ['ai21.*', 'amazon.nova-*', 'cohere.*', 'deepseek.*', 'deepseek.r1*', 'meta.llama3-70b*', 'mistral.*'],
      marketplace: ['deepseek*'],
    });
  });
});
