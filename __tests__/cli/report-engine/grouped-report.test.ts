import fc from 'fast-check';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateOrganization } from '../../../bench/generate-org';
import { COMMENT_LIMIT, fitComment, groupRows, reportJson, writeJsonFile, writeReport, type AccessCell, type AccessMatrix, type AccessRow } from '../../../cli/report';
import { synthesizeToTemp } from '../../support/synthesized-scps';

/**
 * The Markdown report lists only the layers whose access differs from the layer above and counts
 * the others under it; the JSON keeps every cell. Grouping must never hide a difference, and the
 * two files must tell the same story cell by cell.
 */

const ROOT_DIR = join(__dirname, '..', '..', '..');
const EXAMPLE = join(ROOT_DIR, 'examples', 'governance.yaml');

interface JsonRow {
  readonly layer: string;
  readonly kind: string;
  readonly lineage: readonly string[];
  readonly cells: Readonly<Record<string, AccessCell>>;
}

interface JsonReport {
  readonly columns: readonly { key: string }[];
  readonly rows: readonly JsonRow[];
}

function generatedConfig(accounts: number, units: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-grouped-'));
  const file = join(dir, 'governance.yaml');
  writeFileSync(file, generateOrganization({ accounts, units, seed: 11 }));
  return file;
}

async function writtenReport(configFile: string): Promise<{ markdown: string; json: JsonReport }> {
  const outdir = join(mkdtempSync(join(tmpdir(), 'modelgate-grouped-out-')), 'cdktf.out');
  cpSync((await synthesizeToTemp(configFile)).outdir, outdir, { recursive: true });
  const { markdownFile, jsonFile } = await writeReport({ configFile, outdir });
  return { markdown: readFileSync(markdownFile, 'utf8'), json: JSON.parse(readFileSync(jsonFile, 'utf8')) as JsonReport };
}

/** The label the Markdown table gives a row, without the Markdown escapes. */
function labelOf(row: Pick<JsonRow, 'lineage'>): string {
  const names = row.lineage.slice(1).map((layer) => layer.split('/').at(-1) ?? layer);
  const [last = 'root'] = names.slice(-1);
  return [...names.slice(0, -1), `**${last}**`].join(' › ');
}

const unescape = (text: string): string => text.replace(/\\([\\*_|])/g, '$1').replace(/&lt;/g, '<');

/** Layer label -> the decisions of its Markdown table row (✅ or ⛔), in column order. */
function tableRows(markdown: string): Map<string, string[]> {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith('| Layer |'));
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('| ')) break;
    const cells = line.slice(2, -2).split(/(?<!\\) \| /);
    rows.set(unescape(cells[0] ?? ''), cells.slice(1).map((cell) => (cell.startsWith('✅') ? 'Allowed' : 'Denied')));
  }
  return rows;
}

/** Layer -> the layer above it whose access it has, from the "same access" lines under the table. */
function groupedLayers(markdown: string, rows: readonly JsonRow[]): Map<string, string> {
  const byLayer = new Map(rows.map((r) => [r.layer, r]));
  const grouped = new Map<string, string>();
  for (const line of markdown.split('\n')) {
    const match = /^- .+ under (?:the root|`([^`]+)`): as the (?:root|OU) \((.*)\)$/.exec(line);
    if (!match) continue;
    const parent = match[1] ?? 'root';
    for (const name of [...(match[2] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string)) {
      expect(byLayer.get(name)?.lineage.at(-2)).toBe(parent);
      grouped.set(name, parent);
    }
  }
  return grouped;
}

function decisionsOf(row: JsonRow, columns: readonly { key: string }[]): string[] {
  return columns.map((c) => row.cells[c.key]?.decision ?? 'missing');
}

/** Every layer is in the table or under its parent, never both, and either way with the JSON's decisions. */
function expectAgreement(markdown: string, json: JsonReport): void {
  const table = tableRows(markdown);
  const grouped = groupedLayers(markdown, json.rows);
  const byLayer = new Map(json.rows.map((r) => [r.layer, r]));
  for (const row of json.rows) {
    const listed = table.get(labelOf(row));
    const parent = grouped.get(row.layer);
    expect({ layer: row.layer, listed: listed !== undefined, grouped: parent !== undefined }).toEqual({ layer: row.layer, listed: parent === undefined, grouped: listed === undefined });
    const shown = listed ?? decisionsOf(byLayer.get(parent ?? '') as JsonRow, json.columns);
    expect({ layer: row.layer, decisions: shown }).toEqual({ layer: row.layer, decisions: decisionsOf(row, json.columns) });
  }
}

describe('grouping', () => {
  /** A random tree (each row's parent comes before it) with random decisions in a few columns. */
  const matrices = fc
    .array(fc.record({ parent: fc.nat(), decisions: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }) }), { minLength: 1, maxLength: 30 })
    .map((entries): AccessMatrix => {
      const lineages: string[][] = [];
      const rows: AccessRow[] = entries.map((_, i) => {
        const lineage = i === 0 ? ['root'] : [...(lineages[(entries[i]?.parent ?? 0) % i] ?? ['root']), `l${i}`];
        lineages.push(lineage);
        return { layer: lineage.at(-1) as string, kind: i === 0 ? 'root' : i % 2 === 0 ? 'unit' : 'account', id: String(i), lineage, chain: lineage, account: String(i) };
      });
      const cells = entries.map((e) => e.decisions.map((allowed): AccessCell => ({ decision: allowed ? 'Allowed' : 'Denied', deniedBy: [] })));
      return { principalRole: 'Probe', rows, columns: [], cells };
    });

  test('never hides a difference: a grouped row has its parent\'s decisions, a listed row differs from its parent or has none', () => {
    fc.assert(
      fc.property(matrices, (matrix) => {
        const { listed, sameAsParent } = groupRows(matrix);
        const rowOf = new Map(matrix.rows.map((r, i) => [r.layer, i]));
        const decisions = (i: number): string[] => (matrix.cells[i] ?? []).map((c) => c.decision);
        const grouped = [...sameAsParent].flatMap(([parent, children]) => children.map((child) => ({ parent, child })));
        expect([...listed, ...grouped.map((g) => g.child)].sort((a, b) => a - b)).toEqual(matrix.rows.map((_, i) => i));
        for (const { parent, child } of grouped) {
          expect(rowOf.get(matrix.rows[child]?.lineage.at(-2) ?? '')).toBe(parent);
          expect(decisions(child)).toEqual(decisions(parent));
        }
        for (const i of listed) {
          const parent = rowOf.get(matrix.rows[i]?.lineage.at(-2) ?? '');
          if (parent !== undefined) expect(decisions(i)).not.toEqual(decisions(parent));
        }
      }),
    );
  });
});

describe('the Markdown and the JSON agree cell by cell', () => {
  test('on the example', async () => {
    const { markdown, json } = await writtenReport(EXAMPLE);
    expectAgreement(markdown, json);
  }, 120_000);

  test('on a generated organization, where accounts repeat their OU and some differ from it', async () => {
    const { markdown, json } = await writtenReport(generatedConfig(40, 8));
    expectAgreement(markdown, json);
    const grouped = groupedLayers(markdown, json.rows);
    const table = tableRows(markdown);
    // The generated rules make both cases occur, so the test sees each.
    expect(grouped.size).toBeGreaterThan(0);
    const differing = json.rows.filter((r) => {
      const parent = json.rows.find((p) => p.layer === r.lineage.at(-2));
      return r.kind === 'account' && parent !== undefined && decisionsOf(r, json.columns).join() !== decisionsOf(parent, json.columns).join();
    });
    expect(differing.length).toBeGreaterThan(0);
    for (const row of differing) expect({ layer: row.layer, listed: table.has(labelOf(row)) }).toEqual({ layer: row.layer, listed: true });
  }, 240_000);
});

describe('one pull-request comment', () => {
  test('a large organization\'s Markdown fits 65,536 characters and says where the rest is', async () => {
    const { markdown } = await writtenReport(generatedConfig(400, 50));
    expect(markdown.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(markdown).toContain('modelgate-report.json');
  }, 600_000);

  test('fitComment drops the diagram first, then halves the rows until the text fits', () => {
    const render = (limits: { tableRows: number; diagram: boolean }): string =>
      `${limits.diagram ? 'D'.repeat(50) : ''}${'r\n'.repeat(Math.min(limits.tableRows, 1000))}`;
    expect(fitComment(render, 3000)).toBe('D'.repeat(50) + 'r\n'.repeat(1000));
    expect(fitComment(render, 2010)).toBe('r\n'.repeat(1000));
    expect(fitComment(render, 700)).toBe('r\n'.repeat(256));
  });
});

describe('the streamed JSON', () => {
  test('is byte for byte JSON.stringify(value, null, 2) and a newline', async () => {
    const outdir = join(mkdtempSync(join(tmpdir(), 'modelgate-json-')), 'cdktf.out');
    cpSync((await synthesizeToTemp(EXAMPLE)).outdir, outdir, { recursive: true });
    const { report, jsonFile } = await writeReport({ configFile: EXAMPLE, outdir });
    expect(readFileSync(jsonFile, 'utf8')).toBe(`${JSON.stringify(reportJson(report), null, 2)}\n`);
  }, 120_000);

  test.each<[string, unknown]>([
    ['nested objects, empty ones and arrays', { a: { b: [1, { c: [] }], d: {} }, e: [], f: [[1, 2], []], g: 'x\ny' }],
    ['values JSON leaves out or writes as null', { a: undefined, b: () => 1, c: [undefined, () => 1, 2], d: null }],
    ['an object with toJSON', { when: new Date(0), list: [new Date(1)] }],
    ['a top-level array', [{ a: 1 }, [2], 'three']],
    ['a scalar', 42],
  ])('%s', (_name, value) => {
    const file = join(mkdtempSync(join(tmpdir(), 'modelgate-json-')), 'out.json');
    writeJsonFile(file, value);
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });
});
