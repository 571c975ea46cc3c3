import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateOrganization } from '../../bench/generate-org';
import { parseConfig } from '../../modules/config';
import { PROJECT_ROOT } from '../support/run-app';

const RUN = join(PROJECT_ROOT, 'dist', 'bench', 'run.js');

function bench(...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [RUN, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' });
}

describe('the scale benchmark, smoke run on 10 and 100 accounts', () => {
  let out: string;
  let result: SpawnSyncReturns<string>;

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'modelgate-bench-run-'));
    // No warm-up: this run checks the report, not the figures.
    result = bench('--sizes', '10,100', '--repeat', '1', '--warmup', '0', '--out', out);
  }, 300_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('exits 0', () => {
    expect(result.stderr).not.toMatch(/failed/);
    expect(result.status).toBe(0);
  });

  test.each([
    '## modelgate synth: 10 accounts',
    '## modelgate synth: 100 accounts',
    '## yardsticks',
    '## scaling',
    '## modelgate report: 100 accounts',
    '## ratios',
    '## no-op build (unchanged tree, the example organization)',
  ])('prints the section "%s"', (header) => {
    expect(result.stdout.split('\n')).toContain(header);
  });

  test.each([
    ['wall time per size', /^wall time +\d[\d,]* ms +\d[\d,]* ms - \d[\d,]* ms$/m],
    ['CPU time per size', /^CPU time +\d[\d,]* ms +\d[\d,]* ms - \d[\d,]* ms$/m],
    ['peak RSS per size', /^peak RSS +\d+\.\d MiB +\d+\.\d MiB - \d+\.\d MiB$/m],
    ['both yardsticks', /^baseline: provider barrel, 1 stack, 1 policy .*\n^floor: deep imports, writes the 100-account output /m],
    ['modelgate on one thread beside the floor', /^modelgate on one thread \(MODELGATE_SYNTH_THREADS=1\), 100 accounts +[\d,]+ ms /m],
    // The suites' global setup runs the bundle step after tsc, as `npm run build` does.
    ['whether synth runs its code bundle', /^code bundle \(dist\/synth-app\.bundle\.js\): current$/m],
  ])('reports %s', (_name, line) => {
    expect(result.stdout).toMatch(line);
  });

  describe('the 100-account section', () => {
    const section = (): string => result.stdout.split(/^(?=## )/m).find((part) => part.startsWith('## modelgate synth: 100 accounts')) ?? '';
    const numbers = (pattern: RegExp, text = section()): number[] => {
      const match = pattern.exec(text);
      expect(match).not.toBeNull();
      return (match as RegExpExecArray).slice(1).map((n) => Number(n.replace(/,/g, '')));
    };
    const OUTPUT = /^output: ([\d,]+) stacks, ([\d,]+) resources \(([\d,]+) policies, ([\d,]+) attachments\), [\d,]+ bytes under cdktf\.out$/m;

    test('counts one stack for the root, each OU and each account with rules, and one attachment per policy', () => {
      const { governance } = parseConfig(generateOrganization({ accounts: 100 }), 'generated.yaml');
      const layers = governance.targets.filter((t) => t.kind !== 'account' || t.rules !== undefined).length;
      const [stacks, resources, policies, attachments] = numbers(OUTPUT);
      expect(stacks).toBe(layers);
      expect(attachments).toBe(policies);
      expect(resources).toBe((policies as number) + (attachments as number));
    });

    test('compares the SCP documents per target with the lower bound', () => {
      const [stacks, , policies] = numbers(OUTPUT);
      const [documents, targets, lowerBound, above] = numbers(
        /^SCP documents: ([\d,]+) for ([\d,]+) targets \(\d+\.\d\d per target, max \d+\); lower bound ([\d,]+) \(ceil\(characters \/ 10,240\) per target\); (\d+) targets? above it$/m,
      );
      expect(documents).toBe(policies);
      expect(targets).toBe(stacks);
      expect(lowerBound).toBeLessThanOrEqual(documents as number);
      expect(above).toBeLessThanOrEqual(targets as number);
    });

    test('shows that the floor wrote the same stacks, byte for byte', () => {
      const [stacks, resources] = numbers(OUTPUT);
      expect(numbers(/^floor wrote ([\d,]+) stacks and ([\d,]+) resources; ([\d,]+) of ([\d,]+) stacks byte-identical to modelgate's$/m, result.stdout)).toEqual([
        stacks,
        resources,
        stacks,
        stacks,
      ]);
    });
  });

  test.each([
    ['time against the baseline', /^time modelgate \/ baseline: 10 accounts \d+\.\d\d \| 100 accounts \d+\.\d\d$/m],
    ['time against the floor', /^time modelgate \/ floor: 100 accounts \d+\.\d\d /m],
    ['time on one thread against the floor', /^time modelgate on one thread \/ floor: 100 accounts \d+\.\d\d \(CPU \d+\.\d\d\)$/m],
    ['time against the floor, paired by round', /^time modelgate \/ floor, paired \(median of each round's ratio, the two run one after the other\): 100 accounts \d+\.\d\d, \d+\.\d\d - \d+\.\d\d \(one thread \d+\.\d\d, \d+\.\d\d - \d+\.\d\d\)$/m],
    ['CPU time against both yardsticks', /^CPU modelgate \/ baseline: 10 accounts \d+\.\d\d \| 100 accounts \d+\.\d\d; modelgate \/ floor: 100 accounts \d+\.\d\d$/m],
    ['memory against the baseline', /^RSS modelgate \/ baseline: 10 accounts \d+\.\d\d \| 100 accounts \d+\.\d\d$/m],
    ['memory against the floor', /^RSS modelgate \/ floor: 100 accounts \d+\.\d\d$/m],
    ['time per account', /^time per account: 10 accounts \d+\.\d\d ms \| 100 accounts \d+\.\d\d ms$/m],
    ['memory growth against stack growth', /^RSS growth: 10 -> 100: stacks x\d+\.\d\d, RSS x\d+\.\d\d$/m],
    ['the report against synth', /^report \/ synth, 100 accounts: full \d+\.\d\d \(CPU \d+\.\d\d\); diff, one OU changed \d+\.\d\d \(CPU \d+\.\d\d\)$/m],
    ['the no-op build', /^build check \d[\d,]* ms; npm run synth \d[\d,]* ms; node dist\/main\.js \d[\d,]* ms; npm run synth \/ app \d+\.\d\d$/m],
    [
      'growth from 10 to 100 accounts',
      /^growth: 10 -> 100 accounts \(x10\.0, 14 -> 81 stacks\): time x\d+\.\d\d, CPU x\d+\.\d\d; [+-]\d+\.\d\d ms wall, [+-]\d+\.\d\d ms CPU per added account; [+-]\d+\.\d\d ms CPU per added stack$/m,
    ],
  ])('prints the ratio line for %s', (_name, line) => {
    expect(result.stdout).toMatch(line);
  });

  test('leaves the generated configs and the synthesized output in the output folder', () => {
    for (const path of ['10/governance.yaml', '10/cdktf.out/manifest.json', '100/governance.yaml', '100/cdktf.out/manifest.json', 'floor-plan-100.json', '100/cdktf.out/modelgate-report.md']) {
      expect(existsSync(join(out, path))).toBe(true);
    }
  });
});

describe('the scale benchmark, bad arguments', () => {
  test.each([
    [['--sizes', 'ten'], /--sizes takes account counts/],
    [['--repeat', '0'], /--repeat takes an integer >= 1/],
    [['--rss', 'psutil'], /--rss takes "time" or "preload"/],
    [['--fast'], /unexpected argument "--fast"/],
  ])('%j exits 2 before running anything', (args, message) => {
    const result = bench(...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
