import { existsSync } from 'node:fs';
import { compareSynthOutputs, type SynthComparison } from './synth-comparison';

/**
 * Prints how two cdktf.out directories differ (e.g. the example synthesized on cdktf and on cdktn)
 * and exits with 1 when any difference is not one the runtimes are expected to have.
 *
 * usage: node dist/runtimes/compare-synth.js <left cdktf.out> <right cdktf.out>
 */

const show = (value: unknown): string => JSON.stringify(value);

/** The comparison as lines a reviewer reads in the CI log. */
export function describeComparison(leftName: string, rightName: string, comparison: SynthComparison): string[] {
  const unexpected = comparison.differences.filter((d) => !d.expected);
  return [
    `compared ${comparison.files.length} files of ${leftName} (left) and ${rightName} (right); ${comparison.bytesDiffer.length} differ in bytes; JSON compared by value:`,
    ...comparison.differences.map((d) => `  ${d.expected ? 'expected  ' : 'UNEXPECTED'} ${d.file} ${d.at || '(whole file)'}: ${show(d.left)} -> ${show(d.right)}${d.expected ? ` (${d.expected})` : ''}`),
    `${comparison.differences.length - unexpected.length} expected, ${unexpected.length} unexpected difference${unexpected.length === 1 ? '' : 's'}`,
  ];
}

function main(args: readonly string[]): number {
  if (args.length !== 2) {
    process.stderr.write('usage: node dist/runtimes/compare-synth.js <left cdktf.out> <right cdktf.out>\n');
    return 2;
  }
  const missing = args.filter((dir) => !existsSync(dir));
  if (missing.length > 0) {
    process.stderr.write(`compare-synth: no such directory: ${missing.join(', ')}\n`);
    return 2;
  }
  const [left, right] = args;
  const comparison = compareSynthOutputs(left, right);
  process.stdout.write(`${describeComparison(left, right, comparison).join('\n')}\n`);
  return comparison.differences.some((d) => !d.expected) ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
