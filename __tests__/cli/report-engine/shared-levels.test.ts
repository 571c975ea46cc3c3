import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateOrganization } from '../../../bench/generate-org';
import { withOneUnitChanged } from '../../../bench/one-unit-changed';
import { accessColumns, accessRows, buildReport, evaluateMatrix, exemptionsOf, probeRole, type AccessMatrix, type DiffReport } from '../../../cli/report';
import { readSynthesizedPolicies, type SynthesizedPolicies, type SynthesizedPolicy } from '../../../cli/simulate';
import { loadConfigFile, type ResolvedGovernance } from '../../../modules/config';
import { evaluateChainByChain } from '../../support/chain-matrix';
import { synthesizeToTemp } from '../../support/synthesized-scps';

/**
 * The report's engine asks the simulator about each level once per distinct request and combines
 * the answers; the reference asks about every cell's whole chain. Both must agree on every cell:
 * decision and denying statements, in order.
 */

const ROOT_DIR = join(__dirname, '..', '..', '..');

async function expectSameCells(governance: ResolvedGovernance, policies: SynthesizedPolicies): Promise<number> {
  const rows = accessRows(governance);
  const columns = accessColumns(governance);
  const role = probeRole(exemptionsOf(governance, policies).exemptions, governance.partition, rows.map((r) => r.account));
  const fast = await evaluateMatrix(governance, policies, rows, columns, role);
  const reference = await evaluateChainByChain(governance, policies, rows, columns, role);
  const label = (i: number, c: number): string => `${rows[i]?.layer} / ${columns[c]?.key}`;
  const cellsByLabel = (cells: readonly (readonly unknown[])[]): Record<string, unknown> =>
    Object.fromEntries(cells.flatMap((row, i) => row.map((cell, c) => [label(i, c), cell])));
  expect(cellsByLabel(fast.cells)).toEqual(cellsByLabel(reference));
  return rows.length * columns.length;
}

async function expectSameCellsFor(configFile: string): Promise<number> {
  const { outdir } = await synthesizeToTemp(configFile);
  return expectSameCells(loadConfigFile(configFile).governance, readSynthesizedPolicies(outdir));
}

test.each([
  ['the example', join(ROOT_DIR, 'examples', 'governance.yaml')],
  ['the allow-list fixture', join(ROOT_DIR, '__tests__', 'fixtures', 'decisions-allow-list.yaml')],
  ['the deny-list fixture', join(ROOT_DIR, '__tests__', 'fixtures', 'decisions-deny-list.yaml')],
  ['the exemptions fixture', join(ROOT_DIR, '__tests__', 'fixtures', 'decisions-exemptions.yaml')],
  ['the model-actions fixture', join(ROOT_DIR, '__tests__', 'fixtures', 'decisions-model-actions.yaml')],
  ['the provenance fixture', join(ROOT_DIR, '__tests__', 'fixtures', 'decisions-provenance.yaml')],
])('%s: every cell as the chain-by-chain evaluation', async (_name, configFile) => {
  expect(await expectSameCellsFor(configFile)).toBeGreaterThan(0);
}, 120_000);

test('a generated organization: every cell as the chain-by-chain evaluation', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-engine-'));
  const configFile = join(dir, 'governance.yaml');
  writeFileSync(configFile, generateOrganization({ accounts: 24, units: 8, seed: 7 }));
  expect(await expectSameCellsFor(configFile)).toBeGreaterThan(24 * 10);
}, 240_000);

test('a level that names one account is asked again for each account, and agrees cell by cell', async () => {
  const configFile = join(ROOT_DIR, 'examples', 'governance.yaml');
  const { outdir } = await synthesizeToTemp(configFile);
  const { governance } = loadConfigFile(configFile);
  const accounts = governance.targets.filter((t) => t.kind === 'account' && t.id !== governance.managementAccount);
  const first = accounts[0];
  if (first === undefined) throw new Error('the example declares no member account');
  // A root policy that tells accounts apart by the principal's account and by the resource's.
  const byAccount: SynthesizedPolicy = {
    name: 'account-bound',
    stack: 'root',
    content: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'OneAccount', Effect: 'Deny', Action: 'bedrock:*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': first.id } } },
        { Sid: 'OneEndpointConfig', Effect: 'Deny', Action: 'sagemaker:CreateEndpointConfig', Resource: `arn:aws:sagemaker:*:${first.id}:endpoint-config/*` },
      ],
    }),
  };
  const policies = new Map(readSynthesizedPolicies(outdir));
  const rootId = governance.targets.find((t) => t.kind === 'root')?.id ?? '';
  policies.set(rootId, [...(policies.get(rootId) ?? []), byAccount]);
  expect(await expectSameCells(governance, policies)).toBeGreaterThan(0);
}, 120_000);

/**
 * The changes diff mode lists for `headText` against `baseText`, and those a full evaluation of
 * both outputs finds, cell by cell: `layer / column: before -> after` with the denying statements.
 */
async function diffAgainstFullEvaluation(baseText: string, headText: string): Promise<{ listed: string[]; expected: string[]; report: DiffReport }> {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-engine-diff-'));
  const baseFile = join(dir, 'base.yaml');
  const headFile = join(dir, 'head.yaml');
  writeFileSync(baseFile, baseText);
  writeFileSync(headFile, headText);
  const [base, head] = [await synthesizeToTemp(baseFile), await synthesizeToTemp(headFile)];
  const report = await buildReport({ configFile: headFile, outdir: head.outdir, baseOutdir: base.outdir });
  if (report.mode !== 'diff') throw new Error('expected a diff report');

  const { governance } = loadConfigFile(headFile);
  const [headPolicies, basePolicies] = [readSynthesizedPolicies(head.outdir), readSynthesizedPolicies(base.outdir)];
  const { rows, columns, principalRole } = report.matrix;
  const full = async (policies: SynthesizedPolicies): Promise<AccessMatrix> => evaluateMatrix(governance, policies, rows, columns, principalRole);
  const [before, after] = [await full(basePolicies), await full(headPolicies)];
  const line = (row: number, column: number, was: unknown, is: unknown): string =>
    `${rows[row]?.layer} / ${columns[column]?.key}: ${JSON.stringify(was)} -> ${JSON.stringify(is)}`;
  const expected = after.cells.flatMap((cells, row) =>
    cells.flatMap((cell, column) => {
      const was = before.cells[row]?.[column];
      return cell.decision === was?.decision ? [] : [line(row, column, was, cell)];
    }),
  );
  return { listed: report.changes.map((c) => line(c.row, c.column, c.before, c.after)), expected, report };
}

test('diff mode on a generated organization with one OU changed lists exactly the changes a full evaluation of both outputs finds', async () => {
  const text = generateOrganization({ accounts: 24, units: 8, seed: 7 });
  const { listed, expected, report } = await diffAgainstFullEvaluation(text, withOneUnitChanged(text).text);
  expect(expected.length).toBeGreaterThan(0);
  expect(listed).toEqual(expected);
  // The matrix of a diff holds rows and columns, no cell: the changes carry before and after.
  expect(report.matrix.rows.length).toBeGreaterThan(24);
  expect(report.matrix.cells.every((cells) => cells.length === 0)).toBe(true);
}, 240_000);

test.each([
  ['a root deny-list entry replaced', (yaml: string) => yaml.replace('deny: ["deepseek.*"]', 'deny: ["mistral.*"]')],
  ['an OU allow-list narrowed', (yaml: string) => withOneUnitChanged(yaml).text],
])('diff mode on the example, %s: exactly the changes a full evaluation of both outputs finds', async (_name, change) => {
  const text = readFileSync(join(ROOT_DIR, 'examples', 'governance.yaml'), 'utf8');
  const changed = change(text);
  expect(changed).not.toBe(text);
  const { listed, expected } = await diffAgainstFullEvaluation(text, changed);
  expect(expected.length).toBeGreaterThan(0);
  expect(listed).toEqual(expected);
}, 240_000);
