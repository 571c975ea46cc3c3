import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig, type ValidationReport } from '../../cli/validate';
import { formatProblem } from '../../modules/config';
import { escapeUnsafe } from '../../modules/config/document/unsafe-text';
import { joinLines, mutate, Random, splitLines, type Mutant } from '../support/config-mutations';
import { PROJECT_ROOT } from '../support/run-app';

/**
 * A seeded mutation fuzzer of `modelgate validate`, run in this process: mutants of the example
 * organization (see config-mutations.ts) must each end in one of two ways, quickly: valid, or
 * refused with problems located at file:line:column. An exception, an unlocated or unprintable
 * problem, acceptance of an edit no config may survive, or a case over the time limit fails the
 * test, which prints the seed and the input reduced to the lines that still fail.
 *
 * The seed is fixed so that CI is reproducible; MODELGATE_FUZZ_SEED=<number> (or "random") and
 * MODELGATE_FUZZ_CASES=<count> explore further, MODELGATE_FUZZ_REPORT=1 prints the counts.
 */

const DEFAULT_SEED = 20261130;
const SEED = seedFromEnvironment();
const CASES = Number(process.env.MODELGATE_FUZZ_CASES ?? 300);
/** Per case; validating the example takes about 20 ms. */
const CASE_TIME_LIMIT_MS = 2000;

function seedFromEnvironment(): number {
  const value = process.env.MODELGATE_FUZZ_SEED;
  if (value === undefined || value === '') return DEFAULT_SEED;
  return value === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(value);
}

type Outcome = { readonly kind: 'accepted' | 'located' } | { readonly kind: 'failure'; readonly why: string };

/** What validation did with one input, judged by the rules above. */
async function judge(bytes: Buffer, file: string, mustFail: boolean): Promise<Outcome> {
  writeFileSync(file, bytes);
  const started = performance.now();
  let report: ValidationReport;
  try {
    report = await validateConfig(file);
  } catch (error) {
    return { kind: 'failure', why: `exception: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
  }
  const elapsed = performance.now() - started;
  if (elapsed > CASE_TIME_LIMIT_MS) return { kind: 'failure', why: `took ${Math.round(elapsed)} ms, over the ${CASE_TIME_LIMIT_MS} ms limit` };
  for (const problem of [...report.errors, ...report.warnings]) {
    const printed = formatProblem(problem);
    const located = problem.file === file && Number.isInteger(problem.line) && problem.line >= 1 && Number.isInteger(problem.column) && problem.column >= 1;
    if (!located) return { kind: 'failure', why: `problem not located: ${printed}` };
    if (problem.message.trim() === '' || /\n\s+at |\[object Object\]|\bundefined\b/.test(printed)) return { kind: 'failure', why: `problem not written for a reader: ${printed}` };
    if (escapeUnsafe(printed) !== printed) return { kind: 'failure', why: `problem prints an unsafe character: ${escapeUnsafe(printed)}` };
  }
  if (report.errors.length > 0) return { kind: 'located' };
  if (mustFail) return { kind: 'failure', why: 'accepted an edit that no config may survive' };
  return { kind: 'accepted' };
}

/** The input reduced, a line at a time, to the lines without which it no longer fails the same way. */
async function minimize(bytes: Buffer, file: string, mustFail: boolean, why: string): Promise<Buffer> {
  const sameFailure = async (candidate: Buffer): Promise<boolean> => {
    const outcome = await judge(candidate, file, mustFail);
    return outcome.kind === 'failure' && outcome.why.split(':')[0] === why.split(':')[0];
  };
  let lines = splitLines(bytes);
  for (let chunk = Math.ceil(lines.length / 2); chunk >= 1; chunk = chunk === 1 ? 0 : Math.ceil(chunk / 2)) {
    for (let start = 0; start < lines.length; ) {
      const candidate = [...lines.slice(0, start), ...lines.slice(start + chunk)];
      if (candidate.length > 0 && (await sameFailure(joinLines(candidate)))) lines = candidate;
      else start += chunk;
    }
  }
  return joinLines(lines);
}

describe(`validate on ${CASES} seeded mutations of examples/governance.yaml (seed ${SEED})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-'));
  const file = join(dir, 'governance.yaml');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('every mutant is valid or refused with located problems, within the time limit', async () => {
    const base = readFileSync(join(PROJECT_ROOT, 'examples', 'governance.yaml'), 'utf8');
    const random = new Random(SEED);
    const counts = { accepted: 0, located: 0, mustFail: 0 };
    for (let index = 0; index < CASES; index++) {
      const mutant: Mutant = mutate(base, random);
      const outcome = await judge(mutant.bytes, file, mutant.mustFail);
      if (outcome.kind === 'failure') {
        const minimal = await minimize(mutant.bytes, file, mutant.mustFail, outcome.why);
        throw new Error(
          `fuzz case ${index} of seed ${SEED} failed: ${outcome.why}\n` +
            `mutations: ${mutant.mutations.join('; ')}\n` +
            `reproduce: MODELGATE_FUZZ_SEED=${SEED} npx jest __tests__/config/fuzz-validate.test.ts\n` +
            `minimal input (${minimal.length} bytes, non-ASCII escaped):\n${escapeUnsafe(minimal.toString('latin1'))}`,
        );
      }
      counts[outcome.kind]++;
      if (mutant.mustFail) counts.mustFail++;
    }
    if (process.env.MODELGATE_FUZZ_REPORT) {
      process.stderr.write(`fuzz seed ${SEED}: ${CASES} mutants, ${counts.accepted} accepted, ${counts.located} refused with located problems (${counts.mustFail} had to be), 0 crashes\n`);
    }
    // Both outcomes occur: a fuzzer that only ever produced one of them would test little.
    expect(counts.accepted).toBeGreaterThan(0);
    expect(counts.located).toBeGreaterThan(0);
    expect(counts.accepted + counts.located).toBe(CASES);
  }, 120_000);
});
