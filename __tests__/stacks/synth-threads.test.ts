import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOrganization } from '../../bench/generate-org';
import { parseConfig } from '../../modules/config';
import { compileGovernance, type CompiledGovernance } from '../../modules/policy';
import { stackTargets } from '../../stacks/governance-stacks';
import { MAIN_THREAD_LEAD, synthShares } from '../../stacks/synth-shares';
import { heapGrowthFlag, LARGE_CONFIG_HEAP_GROWTH_PERCENT, limitHeapGrowth, MAX_SYNTH_THREADS, PARALLEL_CONFIG_BYTES, synthThreadCount, SynthThreadsError } from '../../modules/synth-threads';
import { PROJECT_ROOT } from '../support/run-app';

const EXAMPLE = join(PROJECT_ROOT, 'examples', 'governance.yaml');

async function compiledOf(text: string, file: string): Promise<CompiledGovernance> {
  return compileGovernance(parseConfig(text, file).governance);
}

describe('synthThreadCount', () => {
  const small = { configBytes: PARALLEL_CONFIG_BYTES - 1, cores: 8 };
  const large = { configBytes: PARALLEL_CONFIG_BYTES, cores: 8 };

  test('a config below PARALLEL_CONFIG_BYTES stays on one thread', () => {
    expect(synthThreadCount({ setting: undefined, ...small })).toBe(1);
  });

  test('a large config uses a thread per core, up to MAX_SYNTH_THREADS', () => {
    expect(synthThreadCount({ setting: undefined, ...large })).toBe(MAX_SYNTH_THREADS);
    expect(synthThreadCount({ setting: undefined, configBytes: large.configBytes, cores: 2 })).toBe(2);
    expect(synthThreadCount({ setting: undefined, configBytes: large.configBytes, cores: 1 })).toBe(1);
  });

  test('MODELGATE_SYNTH_THREADS decides whatever the size, within the cores', () => {
    expect(synthThreadCount({ setting: '1', ...large })).toBe(1);
    expect(synthThreadCount({ setting: ' 3 ', ...small })).toBe(3);
    expect(synthThreadCount({ setting: '4', configBytes: 10, cores: 2 })).toBe(2);
    expect(synthThreadCount({ setting: '', ...small })).toBe(1);
  });

  test.each(['0', '-1', '1.5', 'two', '5', 'auto'])('MODELGATE_SYNTH_THREADS=%s is refused, saying what to set', (setting) => {
    expect(() => synthThreadCount({ setting, ...large })).toThrow(
      new SynthThreadsError(setting),
    );
    expect(new SynthThreadsError(setting).message).toBe(
      `MODELGATE_SYNTH_THREADS=${setting} is not a number of threads: set a whole number from 1 to 4, or unset it to let synth choose`,
    );
  });
});

describe('synthShares', () => {
  test('one thread writes every stack', async () => {
    const compiled = await compiledOf(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
    expect(synthShares(compiled.governance, stackTargets(compiled), 1)).toEqual(stackTargets(compiled).map(() => 0));
  });

  test('the root stack and the stacks that depend on it stay on the main thread; the example still gives every thread a stack', async () => {
    const compiled = await compiledOf(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
    const targets = stackTargets(compiled);
    const shares = synthShares(compiled.governance, targets, 2);
    const threadOf = (stack: string): number | undefined => shares[targets.findIndex((t) => t.target.stackName === stack)];
    expect(threadOf('root')).toBe(0);
    // Its private hub is shared with the organization, which the root stack enables: a dependency.
    expect(threadOf('account-shared-services')).toBe(0);
    expect(shares.filter((thread) => thread === 1).length).toBeGreaterThan(0);
  });

  test('in a large organization the main thread takes its lead, then the stacks go round the threads', async () => {
    const text = generateOrganization({ accounts: 400 });
    const compiled = await compiledOf(text, 'generated-400.yaml');
    const targets = stackTargets(compiled);
    const shares = synthShares(compiled.governance, targets, 3);
    expect(shares).toHaveLength(targets.length);
    const movable = shares.slice(1);
    expect(movable.slice(0, MAIN_THREAD_LEAD)).toEqual(movable.slice(0, MAIN_THREAD_LEAD).map(() => 0));
    expect(movable.slice(MAIN_THREAD_LEAD, MAIN_THREAD_LEAD + 6)).toEqual([0, 1, 2, 0, 1, 2]);
    const counts = [0, 1, 2].map((thread) => shares.filter((s) => s === thread).length);
    // The rest is shared evenly: no thread has more than one stack above another, beside the lead.
    expect(Math.max(...counts.slice(1)) - Math.min(...counts.slice(1))).toBeLessThanOrEqual(1);
    expect(counts[0]).toBeGreaterThan(counts[1] as number);
  });
});

describe('heap growth of a large synth', () => {
  test('a config from PARALLEL_CONFIG_BYTES on caps V8 heap growth at 1.5x the live objects', () => {
    const set: string[] = [];
    limitHeapGrowth(PARALLEL_CONFIG_BYTES, (flags) => set.push(flags));
    expect(set).toEqual([`--heap-growing-percent=${LARGE_CONFIG_HEAP_GROWTH_PERCENT}`]);
    expect(LARGE_CONFIG_HEAP_GROWTH_PERCENT).toBe(50);
  });

  test("a smaller config keeps V8's default", () => {
    const set: string[] = [];
    limitHeapGrowth(PARALLEL_CONFIG_BYTES - 1, (flags) => set.push(flags));
    expect(set).toEqual([]);
    expect(heapGrowthFlag(10)).toBeUndefined();
  });
});
