import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describeComparison } from '../../runtimes/compare-synth';
import { compareSynthOutputs, jsonDifferences } from '../../runtimes/synth-comparison';
import { PROJECT_ROOT } from '../support/run-app';

/** A cdktf.out with one stack, as a runtime writes it. */
function stackJson(options: { stamp?: string; providerVersion?: string; source?: string; policy?: string } = {}): string {
  return JSON.stringify({
    '//': { metadata: { backend: 'local', stackName: 'root', version: options.stamp ?? '0.21.0' } },
    resource: { aws_organizations_policy: { deny: { content: options.policy ?? '{"Statement":[]}', name: 'modelgate-root-1' } } },
    terraform: { required_providers: { aws: { source: options.source ?? 'aws', version: options.providerVersion ?? '6.25.0' } } },
  });
}

function outdir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-compare-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

const CDKTF = { 'manifest.json': '{"version":"0.21.0","stacks":{}}', 'stacks/root/cdk.tf.json': stackJson(), 'queries/a.sql': 'SELECT 1' };
const CDKTN = {
  'manifest.json': '{"version":"0.24.0","stacks":{}}',
  'stacks/root/cdk.tf.json': stackJson({ stamp: '0.24.0', source: 'hashicorp/aws' }),
  'queries/a.sql': 'SELECT 1',
};

describe('jsonDifferences', () => {
  test.each([
    ['equal objects, keys in another order', { a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, []],
    ['a changed leaf', { a: { b: 1 } }, { a: { b: 2 } }, [{ at: 'a.b', left: 1, right: 2 }]],
    ['a key on one side only', { a: 1 }, { a: 1, b: 2 }, [{ at: 'b', left: undefined, right: 2 }]],
    ['a longer array', [1], [1, 2], [{ at: '[1]', left: undefined, right: 2 }]],
    ['an object against a string', { a: {} }, { a: '' }, [{ at: 'a', left: {}, right: '' }]],
  ])('%s', (_, left, right, expected) => {
    expect(jsonDifferences(left, right)).toEqual(expected);
  });
});

describe('compareSynthOutputs', () => {
  test('marks the version stamps and the provider source spelling as expected', () => {
    const comparison = compareSynthOutputs(outdir(CDKTF), outdir(CDKTN));
    expect(comparison.files).toEqual(['manifest.json', 'queries/a.sql', 'stacks/root/cdk.tf.json']);
    expect(comparison.bytesDiffer).toEqual(['manifest.json', 'stacks/root/cdk.tf.json']);
    expect(comparison.differences.map((d) => [d.file, d.at, d.left, d.right, d.expected !== undefined])).toEqual([
      ['manifest.json', 'version', '0.21.0', '0.24.0', true],
      ['stacks/root/cdk.tf.json', '//.metadata.version', '0.21.0', '0.24.0', true],
      ['stacks/root/cdk.tf.json', 'terraform.required_providers.aws.source', 'aws', 'hashicorp/aws', true],
    ]);
  });

  test('finds nothing in files that differ only in formatting', () => {
    const comparison = compareSynthOutputs(outdir({ 'manifest.json': '{"stacks": {\n}}' }), outdir({ 'manifest.json': '{"stacks":{}}' }));
    expect(comparison).toEqual({ files: ['manifest.json'], bytesDiffer: ['manifest.json'], differences: [] });
  });

  test.each([
    ['a changed policy', { 'stacks/root/cdk.tf.json': stackJson({ policy: '{"Statement":[{}]}' }) }, 'resource.aws_organizations_policy.deny.content'],
    ['another provider constraint (both runtimes write the configured one)', { 'stacks/root/cdk.tf.json': stackJson({ providerVersion: '6.66.0' }) }, 'terraform.required_providers.aws.version'],
    ['another provider source', { 'stacks/root/cdk.tf.json': stackJson({ source: 'acme/aws' }) }, 'terraform.required_providers.aws.source'],
    ['a changed query', { 'queries/a.sql': 'SELECT 2' }, ''],
  ])('reports %s as unexpected', (_, change, at) => {
    const comparison = compareSynthOutputs(outdir(CDKTF), outdir({ ...CDKTF, ...change }));
    expect(comparison.differences.filter((d) => !d.expected).map((d) => d.at)).toEqual([at]);
  });

  test('reports a file present on one side only', () => {
    const { differences } = compareSynthOutputs(outdir(CDKTF), outdir({ ...CDKTF, 'stacks/extra/cdk.tf.json': stackJson() }));
    expect(differences).toEqual([{ file: 'stacks/extra/cdk.tf.json', at: '', left: 'absent', right: 'present' }]);
  });
});

describe('compare-synth', () => {
  test('prints each difference with its reason and a count', () => {
    expect(describeComparison('cdktf', 'cdktn', compareSynthOutputs(outdir(CDKTF), outdir(CDKTN)))).toEqual([
      'compared 3 files of cdktf (left) and cdktn (right); 2 differ in bytes; JSON compared by value:',
      `  expected   manifest.json version: "0.21.0" -> "0.24.0" (the runtime's version stamp)`,
      `  expected   stacks/root/cdk.tf.json //.metadata.version: "0.21.0" -> "0.24.0" (the runtime's version stamp)`,
      '  expected   stacks/root/cdk.tf.json terraform.required_providers.aws.source: "aws" -> "hashicorp/aws" (the same provider, written without or with its namespace)',
      '3 expected, 0 unexpected differences',
    ]);
  });

  const run = (...args: string[]) => spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist', 'runtimes', 'compare-synth.js'), ...args], { encoding: 'utf8' });

  test.each([
    ['only expected differences', CDKTN, 0],
    ['an unexpected difference', { ...CDKTN, 'queries/a.sql': 'SELECT 2' }, 1],
  ])('exits with the status CI reads: %s', (_, right, status) => {
    expect(run(outdir(CDKTF), outdir(right)).status).toBe(status);
  });

  test('names a directory that does not exist', () => {
    expect(run(outdir(CDKTF), '/nonexistent/cdktf.out')).toMatchObject({ status: 2, stderr: 'compare-synth: no such directory: /nonexistent/cdktf.out\n' });
  });
});
