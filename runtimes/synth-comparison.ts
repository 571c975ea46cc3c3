import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One place where two cdktf.out directories disagree. */
export interface SynthDifference {
  /** The file, relative to cdktf.out. */
  readonly file: string;
  /** Where in the file's JSON, e.g. `terraform.required_providers.aws.version`; empty for a whole file. */
  readonly at: string;
  readonly left: unknown;
  readonly right: unknown;
  /** Why two runtimes differ here by design; absent for a difference in what gets deployed. */
  readonly expected?: string;
}

/** What comparing two cdktf.out directories found. */
export interface SynthComparison {
  /** Every file present on either side, sorted. */
  readonly files: readonly string[];
  /** Files whose bytes differ (their JSON may still be equal: the runtimes format empty objects differently). */
  readonly bytesDiffer: readonly string[];
  readonly differences: readonly SynthDifference[];
}

/** A difference two runtimes are allowed to have; `matches` sees the file, the JSON path and both values. */
interface ExpectedDifference {
  readonly reason: string;
  matches(file: string, at: string, left: unknown, right: unknown): boolean;
}

const EXACT_VERSION = /^\d+\.\d+\.\d+$/;
const isExactVersion = (value: unknown): boolean => typeof value === 'string' && EXACT_VERSION.test(value);
const isStackFile = (file: string): boolean => /^stacks\/[^/]+\/cdk\.tf\.json$/.test(file);
/** Terraform reads a provider source without a namespace as hashicorp/<name>. */
const fullSource = (source: unknown): unknown => (typeof source === 'string' && !source.includes('/') ? `hashicorp/${source}` : source);

const EXPECTED: readonly ExpectedDifference[] = [
  {
    reason: "the runtime's version stamp",
    matches: (file, at, left, right) =>
      ((isStackFile(file) && at === '//.metadata.version') || (file === 'manifest.json' && at === 'version')) && isExactVersion(left) && isExactVersion(right),
  },
  {
    reason: 'the same provider, written without or with its namespace',
    matches: (file, at, left, right) => isStackFile(file) && at === 'terraform.required_providers.aws.source' && fullSource(left) === fullSource(right),
  },
];

function filesUnder(dir: string): string[] {
  const walk = (at: string): string[] =>
    readdirSync(at)
      .map((entry) => join(at, entry))
      .flatMap((path) => (statSync(path).isDirectory() ? walk(path) : [relative(dir, path)]));
  return walk(dir);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const pathTo = (at: string, key: string): string => (at === '' ? key : `${at}.${key}`);

/** Leaf-level differences between two JSON values: one entry per path whose values differ. */
export function jsonDifferences(left: unknown, right: unknown, at = ''): { at: string; left: unknown; right: unknown }[] {
  if (Array.isArray(left) && Array.isArray(right)) {
    return Array.from({ length: Math.max(left.length, right.length) }, (_, i) => jsonDifferences(left[i], right[i], `${at}[${i}]`)).flat();
  }
  if (isObject(left) && isObject(right) && !Array.isArray(left) && !Array.isArray(right)) {
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
    return keys.flatMap((key) => jsonDifferences(left[key], right[key], pathTo(at, key)));
  }
  return JSON.stringify(left) === JSON.stringify(right) ? [] : [{ at, left, right }];
}

function withReason(file: string, difference: { at: string; left: unknown; right: unknown }): SynthDifference {
  const expected = EXPECTED.find((e) => e.matches(file, difference.at, difference.left, difference.right));
  return expected ? { file, ...difference, expected: expected.reason } : { file, ...difference };
}

/**
 * Compares two cdktf.out directories: JSON files value by value (so formatting does not count),
 * other files byte for byte, and marks the differences two runtimes are expected to have.
 */
export function compareSynthOutputs(leftDir: string, rightDir: string): SynthComparison {
  const left = new Set(filesUnder(leftDir));
  const right = new Set(filesUnder(rightDir));
  const files = [...new Set([...left, ...right])].sort();
  const bytesDiffer: string[] = [];
  const differences: SynthDifference[] = [];
  for (const file of files) {
    if (!left.has(file) || !right.has(file)) {
      differences.push({ file, at: '', left: left.has(file) ? 'present' : 'absent', right: right.has(file) ? 'present' : 'absent' });
      continue;
    }
    const [a, b] = [readFileSync(join(leftDir, file), 'utf8'), readFileSync(join(rightDir, file), 'utf8')];
    if (a === b) continue;
    bytesDiffer.push(file);
    if (file.endsWith('.json')) differences.push(...jsonDifferences(JSON.parse(a), JSON.parse(b)).map((d) => withReason(file, d)));
    else differences.push({ file, at: '', left: `${a.length} characters`, right: `${b.length} characters` });
  }
  return { files, bytesDiffer, differences };
}
