import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseConfig } from '../modules/config';
import { bundleCurrent, SYNTH_APP_BUNDLE } from '../modules/code-bundle';
import { buildCheckReport, measureBuildCheck } from './build-check';
import { floorPlanOf } from './floor-plan';
import { DEFAULT_SEED, generateOrganization } from './generate-org';
import { withOneUnitChanged } from './one-unit-changed';

/**
 * The scale benchmark: synthesizes generated organizations of several sizes with the real app
 * (`node dist/main.js`, as a pipeline runs it) and prints wall time, peak memory and the size of
 * the output, beside two yardsticks: the smallest app that imports the provider barrel, and a bare
 * deep-import app that writes the same output as modelgate's synth (the floor, at 1,000 accounts
 * and more, and at the largest size), with modelgate on one thread beside it (the default shares a
 * large config's stacks among the cores; the floor has one thread). In the same rounds it times `modelgate report` on one size's
 * output, in full and as a diff against an output where one OU's rules changed, and at the end the
 * build check that `npm run synth` runs before the app.
 *
 * usage: node dist/bench/run.js [--sizes 10,100,1000,10000] [--repeat 5] [--warmup 1] [--seed N]
 *                               [--out bench/.out] [--rss time|preload] [--report-size 1000]
 *                               [--build-check yes|no]
 */

const PROJECT_ROOT = resolve(__dirname, '..', '..');
const APP = join(PROJECT_ROOT, 'dist', 'main.js');
const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'main.js');
const BASELINE = join(__dirname, 'yardstick-baseline.js');
const FLOOR = join(__dirname, 'yardstick-floor.js');
const REPORT_RSS = join(__dirname, 'report-rss.js');
const GNU_TIME = '/usr/bin/time';

interface Options {
  readonly sizes: readonly number[];
  readonly repeat: number;
  readonly warmup: number;
  readonly seed: number;
  readonly out: string;
  readonly rss: 'time' | 'preload';
  /** Accounts of the organization the report is timed on: the largest size up to this. */
  readonly reportSize: number;
  readonly buildCheck: boolean;
}

/** One measured process. */
interface Sample {
  readonly wallMs: number;
  /** User + system CPU time: less disturbed than wall time by other load on the machine. */
  readonly cpuMs: number;
  readonly rssKiB: number;
}

/** One program to measure, and its samples. */
interface Subject {
  readonly label: string;
  readonly script: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly outdir: string;
  /** Whether each run starts from an empty output folder (synth), or reads what is there (report). */
  readonly fresh: boolean;
  readonly samples: Sample[];
}

interface Target {
  readonly id: string;
  readonly documents: number;
  readonly characters: number;
  /** ceil(characters / limit): no packing can use fewer documents. */
  readonly lowerBound: number;
}

/** What a synth wrote. */
interface OutputSummary {
  readonly stacks: number;
  readonly resources: number;
  readonly policies: number;
  readonly attachments: number;
  readonly bytes: number;
  readonly targets: readonly Target[];
}

interface SizeRun {
  readonly accounts: number;
  readonly units: number;
  readonly accountsWithRules: number;
  readonly configBytes: number;
  readonly maxCharacters: number;
  readonly configFile: string;
  readonly subject: Subject;
}

function main(argv: readonly string[]): void {
  const options = parseOptions(argv);
  const loadStart = loadavg()[0] as number;
  mkdirSync(options.out, { recursive: true });
  const usageFile = join(options.out, '.usage');
  const sizes = options.sizes.map((accounts) => prepareSize(accounts, options));
  const baseline = subject('baseline', BASELINE, [], join(options.out, 'baseline', 'cdktf.out'));
  const largest = sizes[sizes.length - 1] as SizeRun;
  // The floor of every size from 1,000 accounts on, and of the largest.
  const floors = sizes
    .filter((size) => size.accounts >= 1000 || size === largest)
    .map((size): FloorRun => {
      const planFile = join(options.out, `floor-plan-${size.accounts}.json`);
      return {
        size,
        planFile,
        planned: false,
        subject: subject('floor', FLOOR, [planFile], join(options.out, `floor-${size.accounts}`, 'cdktf.out')),
        oneThread: subject(`modelgate ${size.accounts}, one thread`, APP, [], join(options.out, `${size.accounts}-one-thread`, 'cdktf.out'), {
          MODELGATE_CONFIG: size.configFile,
          MODELGATE_SYNTH_THREADS: '1',
        }),
      };
    });
  // The floor writes what modelgate's synth wrote; the output is deterministic, so any run's will do.
  const planFloor = (floor: FloorRun): void => {
    if (!floor.planned) writeFileSync(floor.planFile, JSON.stringify(floorPlanOf(floor.size.subject.outdir)));
    floor.planned = true;
  };
  const floorOf = (size: SizeRun): FloorRun | undefined => floors.find((f) => f.size === size);
  const reported = [...sizes].reverse().find((size) => size.accounts <= options.reportSize) ?? (sizes[0] as SizeRun);
  const reports = prepareReports(reported, options);

  for (let i = 0; i < options.warmup; i++) {
    progress(`warm-up ${i + 1}/${options.warmup}`);
    for (const size of new Set([sizes[0] as SizeRun, ...floors.map((f) => f.size), reported])) runOnce(size.subject, options, usageFile);
    runOnce(baseline, options, usageFile);
    for (const floor of floors) {
      planFloor(floor);
      runOnce(floor.subject, options, usageFile);
      runOnce(floor.oneThread, options, usageFile);
    }
    runOnce(reports.full, options, usageFile);
    runOnce(reports.diff, options, usageFile);
  }
  // Rounds interleave every program, so that load from elsewhere on the machine spreads over all of
  // them; a size's floor and its one-thread synth run right after its synth, so that each round
  // gives a ratio of three runs made under the same load (the paired ratios of ratioReport).
  for (let round = 1; round <= options.repeat; round++) {
    progress(`round ${round}/${options.repeat}`);
    for (const size of sizes) {
      size.subject.samples.push(runOnce(size.subject, options, usageFile));
      const floor = floorOf(size);
      if (!floor) continue;
      planFloor(floor);
      floor.subject.samples.push(runOnce(floor.subject, options, usageFile));
      floor.oneThread.samples.push(runOnce(floor.oneThread, options, usageFile));
    }
    baseline.samples.push(runOnce(baseline, options, usageFile));
    // The report reads the output the synth of its size wrote in this round.
    reports.full.samples.push(runOnce(reports.full, options, usageFile));
    reports.diff.samples.push(runOnce(reports.diff, options, usageFile));
  }
  rmSync(usageFile, { force: true });
  const buildCheck = options.buildCheck ? measureBuildCheck(PROJECT_ROOT, join(options.out, 'build-check'), options.repeat) : undefined;

  const outputs = new Map(sizes.map((s) => [s, summarizeOutput(s.subject.outdir, s.maxCharacters)]));
  const floorOutputs = new Map(floors.map((f) => [f, summarizeOutput(f.subject.outdir, f.size.maxCharacters)]));
  const identical = new Map(floors.map((f) => [f, identicalStacks(f.size.subject.outdir, f.subject.outdir)]));

  const lines: string[] = [];
  lines.push(
    `modelgate scale benchmark: ${options.sizes.join(', ')} accounts, ${options.repeat} run${options.repeat > 1 ? 's' : ''} each (median, min-max), seed ${options.seed}`,
    `node ${process.version}, ${cpus().length} CPUs, load average ${loadStart.toFixed(2)} at start and ${(loadavg()[0] as number).toFixed(2)} at end (other load inflates wall time more than CPU time)`,
    `peak RSS and CPU time from ${options.rss === 'time' ? '/usr/bin/time -f "%M %U %S"' : 'process.resourceUsage() at exit (preloaded bench/report-rss)'}; output under ${shortPath(options.out)}`,
    bundleLine(join(PROJECT_ROOT, 'dist')),
    '',
  );
  for (const size of sizes) lines.push(...sizeReport(size, outputs.get(size) as OutputSummary), '');
  lines.push(...yardstickReport(baseline, floors, floorOutputs, identical), '');
  lines.push(...scalingReport(sizes, outputs), '');
  lines.push(...reportReport(reported, reports), '');
  lines.push(...ratioReport(sizes, outputs, baseline, floors, reported, reports));
  if (buildCheck !== undefined) lines.push('', ...buildCheckReport(buildCheck));
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** A floor yardstick and the size whose output it writes. */
interface FloorRun {
  readonly size: SizeRun;
  readonly planFile: string;
  planned: boolean;
  readonly subject: Subject;
  /** modelgate's synth of the same size on one thread (MODELGATE_SYNTH_THREADS=1), as the floor writes. */
  readonly oneThread: Subject;
}

/** `modelgate report` timed on one size's output: in full, and as a diff where one OU's rules changed. */
interface ReportRuns {
  readonly full: Subject;
  readonly diff: Subject;
  /** The OU whose rules the diff's config changes. */
  readonly changedUnit: string;
}

/**
 * Writes the config with one OU's rules changed and synthesizes it once (its output is only read),
 * and returns the report programs: in full on the size's own output, and with `--base` set to it.
 */
function prepareReports(size: SizeRun, options: Options): ReportRuns {
  const dir = join(options.out, `${size.accounts}-one-unit-changed`);
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, 'governance.yaml');
  const { text, unit } = withOneUnitChanged(readFileSync(size.configFile, 'utf8'));
  writeFileSync(configFile, text);
  const outdir = join(dir, 'cdktf.out');
  rmSync(outdir, { recursive: true, force: true });
  const synth = spawnSync(process.execPath, [APP], { cwd: PROJECT_ROOT, env: { ...process.env, MODELGATE_CONFIG: configFile, CDKTF_OUTDIR: outdir }, encoding: 'utf8' });
  if (synth.status !== 0) fail(`synth of the ${size.accounts}-account config with ${unit} changed failed:\n${synth.stderr}`);
  return {
    full: { ...subject(`report ${size.accounts}`, CLI, ['report', size.configFile, '--out', size.subject.outdir], size.subject.outdir), fresh: false },
    diff: { ...subject(`report --base ${size.accounts}`, CLI, ['report', configFile, '--out', outdir, '--base', size.subject.outdir], outdir), fresh: false },
    changedUnit: unit,
  };
}

function parseOptions(argv: readonly string[]): Options {
  const usage =
    'usage: node dist/bench/run.js [--sizes 10,100,1000,10000] [--repeat 5] [--warmup 1] [--seed N] [--out DIR] [--rss time|preload] [--report-size 1000] [--build-check yes|no]';
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] as string;
    const value = argv[i + 1];
    if (!/^--(sizes|repeat|warmup|seed|out|rss|report-size|build-check)$/.test(flag) || value === undefined) fail(`unexpected argument "${flag}"\n${usage}`);
    values[flag.slice(2)] = value as string;
  }
  const integer = (name: string, fallback: number, min: number): number => {
    const value = values[name] === undefined ? fallback : Number(values[name]);
    if (!Number.isInteger(value) || value < min) fail(`--${name} takes an integer >= ${min}, not "${values[name]}"\n${usage}`);
    return value;
  };
  const sizes = (values.sizes ?? '10,100,1000,10000').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) fail(`--sizes takes account counts such as 10,100,1000, not "${values.sizes}"\n${usage}`);
  const rss = values.rss ?? (existsSync(GNU_TIME) ? 'time' : 'preload');
  if (rss !== 'time' && rss !== 'preload') fail(`--rss takes "time" or "preload", not "${rss}"\n${usage}`);
  if (rss === 'time' && !existsSync(GNU_TIME)) fail(`--rss time needs ${GNU_TIME} (Debian package "time"); use --rss preload`);
  const buildCheck = values['build-check'] ?? 'yes';
  if (buildCheck !== 'yes' && buildCheck !== 'no') fail(`--build-check takes "yes" or "no", not "${buildCheck}"\n${usage}`);
  return {
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    repeat: integer('repeat', 5, 1),
    warmup: integer('warmup', 1, 0),
    seed: integer('seed', DEFAULT_SEED, 0),
    out: resolve(values.out ?? join(PROJECT_ROOT, 'bench', '.out')),
    rss: rss as Options['rss'],
    reportSize: integer('report-size', 1000, 1),
    buildCheck: buildCheck === 'yes',
  };
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/** Writes the generated governance.yaml of one size and reads back what the config declares. */
function prepareSize(accounts: number, options: Options): SizeRun {
  const dir = join(options.out, String(accounts));
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, 'governance.yaml');
  const text = generateOrganization({ accounts, seed: options.seed });
  writeFileSync(configFile, text);
  const { governance } = parseConfig(text, configFile);
  // The default number of threads, whatever the environment running the bench sets.
  const app = subject(`modelgate ${accounts}`, APP, [], join(dir, 'cdktf.out'), { MODELGATE_CONFIG: configFile, MODELGATE_SYNTH_THREADS: '' });
  return {
    accounts,
    units: governance.targets.filter((t) => t.kind === 'unit').length,
    accountsWithRules: governance.targets.filter((t) => t.kind === 'account' && t.rules !== undefined).length,
    configBytes: Buffer.byteLength(text),
    maxCharacters: governance.limits.maxCharacters,
    configFile,
    subject: app,
  };
}

function subject(label: string, script: string, args: readonly string[], outdir: string, env: Record<string, string> = {}): Subject {
  return { label, script, args, env: { ...env, CDKTF_OUTDIR: outdir }, outdir, fresh: true, samples: [] };
}

/** Runs the program once (a synth in a fresh output directory); wall time is measured around the whole process. */
function runOnce(program: Subject, options: Options, usageFile: string): Sample {
  if (program.fresh) rmSync(program.outdir, { recursive: true, force: true });
  mkdirSync(dirname(program.outdir), { recursive: true });
  rmSync(usageFile, { force: true });
  const env = { ...process.env, ...program.env };
  const [command, args] =
    options.rss === 'time'
      ? [GNU_TIME, ['-f', '%M %U %S', '-o', usageFile, process.execPath, program.script, ...program.args]]
      : [process.execPath, ['--require', REPORT_RSS, program.script, ...program.args]];
  if (options.rss === 'preload') env.BENCH_RSS_FILE = usageFile;
  // The previous program's writes (up to 12 MB in 3,000 folders) are flushed first, so that their
  // writeback does not slow whichever program comes next in the round.
  spawnSync('sync');
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: PROJECT_ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    fail(`${program.label} failed (${result.error?.message ?? `exit status ${result.status}`}):\n${result.stderr}`);
  }
  const [rssKiB = NaN, userSeconds = NaN, systemSeconds = NaN] = (readFileSync(usageFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
  if (!(rssKiB > 0 && userSeconds >= 0 && systemSeconds >= 0)) fail(`${program.label}: no peak RSS and CPU time were reported in ${usageFile}`);
  return { wallMs, cpuMs: (userSeconds + systemSeconds) * 1000, rssKiB };
}

/** Counts stacks and resources, and groups the SCPs by the target their attachment names. */
function summarizeOutput(outdir: string, maxCharacters: number): OutputSummary {
  const stacksDir = join(outdir, 'stacks');
  const stackNames = readdirSync(stacksDir);
  let resources = 0;
  let policies = 0;
  let attachments = 0;
  const byTarget = new Map<string, { documents: number; characters: number }>();
  for (const name of stackNames) {
    const json = JSON.parse(readFileSync(join(stacksDir, name, 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, Record<string, Record<string, unknown>>> };
    const resource = json.resource ?? {};
    for (const entries of Object.values(resource)) resources += Object.keys(entries).length;
    const content = new Map(Object.entries(resource.aws_organizations_policy ?? {}).map(([id, p]) => [id, String(p.content)]));
    policies += content.size;
    for (const attachment of Object.values(resource.aws_organizations_policy_attachment ?? {})) {
      attachments++;
      const policyId = /^\$\{aws_organizations_policy\.([^.]+)\.id\}$/.exec(String(attachment.policy_id))?.[1];
      const document = policyId === undefined ? undefined : content.get(policyId);
      if (document === undefined) throw new Error(`stack ${name}: attachment to ${String(attachment.target_id)} names no policy of the stack`);
      const target = byTarget.get(String(attachment.target_id)) ?? { documents: 0, characters: 0 };
      byTarget.set(String(attachment.target_id), { documents: target.documents + 1, characters: target.characters + document.length });
    }
  }
  const targets = [...byTarget].map(([id, t]) => ({ id, ...t, lowerBound: Math.ceil(t.characters / maxCharacters) }));
  return { stacks: stackNames.length, resources, policies, attachments, bytes: directoryBytes(outdir), targets };
}

function directoryBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const path = join(dir, entry.name);
    return sum + (entry.isDirectory() ? directoryBytes(path) : statSync(path).size);
  }, 0);
}

/** How many of modelgate's stacks the floor wrote byte for byte: the check that both wrote the same. */
function identicalStacks(modelgate: string, floor: string): { same: number; of: number } {
  const names = readdirSync(join(modelgate, 'stacks'));
  const same = names.filter((name) => {
    const floorFile = join(floor, 'stacks', name, 'cdk.tf.json');
    return existsSync(floorFile) && readFileSync(floorFile).equals(readFileSync(join(modelgate, 'stacks', name, 'cdk.tf.json')));
  }).length;
  return { same, of: names.length };
}

function sizeReport(size: SizeRun, output: OutputSummary): string[] {
  const { samples } = size.subject;
  const documents = output.targets.map((t) => t.documents);
  const lowerBound = output.targets.reduce((sum, t) => sum + t.lowerBound, 0);
  const above = output.targets.filter((t) => t.documents > t.lowerBound).length;
  return [
    `## modelgate synth: ${size.accounts} accounts`,
    `${size.units} OUs, ${size.accountsWithRules} accounts with rules of their own; governance.yaml ${thousands(size.configBytes)} bytes`,
    ...table([
      ['metric', 'median', 'min-max'],
      ['wall time', ms(median(samples.map((s) => s.wallMs))), spread(samples.map((s) => s.wallMs), ms)],
      ['CPU time', ms(median(samples.map((s) => s.cpuMs))), spread(samples.map((s) => s.cpuMs), ms)],
      ['peak RSS', mib(median(samples.map((s) => s.rssKiB))), spread(samples.map((s) => s.rssKiB), mib)],
    ]),
    `output: ${thousands(output.stacks)} stacks, ${thousands(output.resources)} resources (${thousands(output.policies)} policies, ${thousands(output.attachments)} attachments), ${thousands(output.bytes)} bytes under cdktf.out`,
    `SCP documents: ${thousands(output.policies)} for ${thousands(output.targets.length)} targets (${(output.policies / Math.max(output.targets.length, 1)).toFixed(2)} per target, max ${Math.max(0, ...documents)}); ` +
      `lower bound ${thousands(lowerBound)} (ceil(characters / ${thousands(size.maxCharacters)}) per target); ${above} target${above === 1 ? '' : 's'} above it`,
  ];
}

function yardstickReport(
  baseline: Subject,
  floors: readonly FloorRun[],
  floorOutputs: ReadonlyMap<FloorRun, OutputSummary>,
  identical: ReadonlyMap<FloorRun, { same: number; of: number }>,
): string[] {
  const row = (name: string, s: Subject): string[] => [
    name,
    ms(median(s.samples.map((x) => x.wallMs))),
    spread(s.samples.map((x) => x.wallMs), ms),
    ms(median(s.samples.map((x) => x.cpuMs))),
    mib(median(s.samples.map((x) => x.rssKiB))),
  ];
  return [
    '## yardsticks',
    ...table([
      ['app', 'wall median', 'wall min-max', 'CPU median', 'peak RSS median'],
      row('baseline: provider barrel, 1 stack, 1 policy', baseline),
      ...floors.map((f) => row(`floor: deep imports, writes the ${f.size.accounts}-account output`, f.subject)),
      ...floors.map((f) => row(`modelgate on one thread (MODELGATE_SYNTH_THREADS=1), ${f.size.accounts} accounts`, f.oneThread)),
    ]),
    ...floors.map((f) => {
      const output = floorOutputs.get(f) as OutputSummary;
      const same = identical.get(f) as { same: number; of: number };
      return `floor wrote ${thousands(output.stacks)} stacks and ${thousands(output.resources)} resources; ${same.same} of ${same.of} stacks byte-identical to modelgate's` +
        (floors.length > 1 ? ` (${f.size.accounts} accounts)` : '');
    }),
  ];
}

function reportReport(size: SizeRun, reports: ReportRuns): string[] {
  const row = (name: string, s: Subject): string[] => [
    name,
    ms(median(s.samples.map((x) => x.wallMs))),
    spread(s.samples.map((x) => x.wallMs), ms),
    ms(median(s.samples.map((x) => x.cpuMs))),
    mib(median(s.samples.map((x) => x.rssKiB))),
  ];
  return [
    `## modelgate report: ${size.accounts} accounts`,
    `full: every layer x every request; diff: --base the same output, against the config with the rules of ${reports.changedUnit} changed`,
    ...table([
      ['report', 'wall median', 'wall min-max', 'CPU median', 'peak RSS median'],
      row('full', reports.full),
      row('diff (one OU changed)', reports.diff),
    ]),
  ];
}

function scalingReport(sizes: readonly SizeRun[], outputs: ReadonlyMap<SizeRun, OutputSummary>): string[] {
  return [
    '## scaling',
    ...table([
      ['accounts', 'stacks', 'resources', 'wall median', 'per account', 'CPU median', 'peak RSS median'],
      ...sizes.map((size) => {
        const output = outputs.get(size) as OutputSummary;
        const wall = median(size.subject.samples.map((s) => s.wallMs));
        return [
          thousands(size.accounts),
          thousands(output.stacks),
          thousands(output.resources),
          ms(wall),
          `${(wall / size.accounts).toFixed(2)} ms`,
          ms(median(size.subject.samples.map((s) => s.cpuMs))),
          mib(median(size.subject.samples.map((s) => s.rssKiB))),
        ];
      }),
    ]),
  ];
}

function ratioReport(
  sizes: readonly SizeRun[],
  outputs: ReadonlyMap<SizeRun, OutputSummary>,
  baseline: Subject,
  floors: readonly FloorRun[],
  reported: SizeRun,
  reports: ReportRuns,
): string[] {
  const wall = (s: Subject): number => median(s.samples.map((x) => x.wallMs));
  const cpu = (s: Subject): number => median(s.samples.map((x) => x.cpuMs));
  const rss = (s: Subject): number => median(s.samples.map((x) => x.rssKiB));
  const perSize = (value: (size: SizeRun) => string): string => sizes.map((size) => `${size.accounts} accounts ${value(size)}`).join(' | ');
  const perFloor = (value: (floor: FloorRun) => string): string => floors.map((f) => `${f.size.accounts} accounts ${value(f)}`).join(' | ');
  const stacks = (size: SizeRun): number => (outputs.get(size) as OutputSummary).stacks;
  // The work follows the stacks (the root, every OU, the accounts with rules), so the cost per added stack is the linearity check.
  const growth = sizes.slice(1).map((size, index) => {
    const previous = sizes[index] as SizeRun;
    const addedAccounts = size.accounts - previous.accounts;
    const addedStacks = stacks(size) - stacks(previous);
    const cpuAdded = cpu(size.subject) - cpu(previous.subject);
    return (
      `${previous.accounts} -> ${size.accounts} accounts (x${(size.accounts / previous.accounts).toFixed(1)}, ${stacks(previous)} -> ${stacks(size)} stacks): ` +
      `time x${(wall(size.subject) / wall(previous.subject)).toFixed(2)}, CPU x${(cpu(size.subject) / cpu(previous.subject)).toFixed(2)}; ` +
      `${signed((wall(size.subject) - wall(previous.subject)) / addedAccounts)} ms wall, ${signed(cpuAdded / addedAccounts)} ms CPU per added account; ` +
      `${addedStacks > 0 ? `${signed(cpuAdded / addedStacks)} ms CPU per added stack` : 'no added stack'}`
    );
  });
  // Memory grows sublinearly in stacks when the RSS factor stays below the stack factor.
  const memory = sizes.slice(1).map((size, index) => {
    const previous = sizes[index] as SizeRun;
    return `${previous.accounts} -> ${size.accounts}: stacks x${(stacks(size) / stacks(previous)).toFixed(2)}, RSS x${(rss(size.subject) / rss(previous.subject)).toFixed(2)}`;
  });
  const synth = reported.subject;
  return [
    '## ratios',
    `time modelgate / baseline: ${perSize((size) => (wall(size.subject) / wall(baseline)).toFixed(2))}`,
    `time modelgate / floor: ${perFloor((f) => `${(wall(f.size.subject) / wall(f.subject)).toFixed(2)} (modelgate ${ms(wall(f.size.subject) - wall(f.subject))} above the floor: config, policy compile, catalog check)`)}`,
    `time modelgate / floor, paired (median of each round's ratio, the two run one after the other): ${perFloor((f) => `${pairedRatio(f.size.subject, f.subject)} (one thread ${pairedRatio(f.oneThread, f.subject)})`)}`,
    `time modelgate on one thread / floor: ${perFloor((f) => `${(wall(f.oneThread) / wall(f.subject)).toFixed(2)} (CPU ${(cpu(f.oneThread) / cpu(f.subject)).toFixed(2)})`)}`,
    `CPU modelgate / baseline: ${perSize((size) => (cpu(size.subject) / cpu(baseline)).toFixed(2))}; modelgate / floor: ${perFloor((f) => (cpu(f.size.subject) / cpu(f.subject)).toFixed(2))}`,
    `RSS modelgate / baseline: ${perSize((size) => (rss(size.subject) / rss(baseline)).toFixed(2))}`,
    `RSS modelgate / floor: ${perFloor((f) => (rss(f.size.subject) / rss(f.subject)).toFixed(2))}`,
    `RSS growth: ${memory.length > 0 ? memory.join(' | ') : 'needs two sizes or more'}`,
    `time per account: ${perSize((size) => `${(wall(size.subject) / size.accounts).toFixed(2)} ms`)}`,
    `growth: ${growth.length > 0 ? growth.join(' | ') : 'needs two sizes or more'}`,
    `report / synth, ${reported.accounts} accounts: full ${(wall(reports.full) / wall(synth)).toFixed(2)} (CPU ${(cpu(reports.full) / cpu(synth)).toFixed(2)}); ` +
      `diff, one OU changed ${(wall(reports.diff) / wall(synth)).toFixed(2)} (CPU ${(cpu(reports.diff) / cpu(synth)).toFixed(2)})`,
  ];
}

/** The median of the rounds' wall-time ratios of `a` to `b`, with their range: each round ran them one after the other. */
function pairedRatio(a: Subject, b: Subject): string {
  const ratios = a.samples.map((sample, round) => sample.wallMs / (b.samples[round]?.wallMs ?? Number.NaN));
  return `${median(ratios).toFixed(2)}, ${spread(ratios, (n) => n.toFixed(2))}`;
}

function shortPath(path: string): string {
  const inProject = relative(PROJECT_ROOT, path);
  return inProject.startsWith('..') ? path : inProject || '.';
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function spread(values: readonly number[], format: (n: number) => string): string {
  return `${format(Math.min(...values))} - ${format(Math.max(...values))}`;
}

function ms(value: number): string {
  return `${thousands(Math.round(value))} ms`;
}

function mib(kib: number): string {
  return `${(kib / 1024).toFixed(1)} MiB`;
}

function thousands(value: number): string {
  return value.toLocaleString('en-US');
}

/** Left-aligned columns, two spaces apart, with a rule under the header. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths = (rows[0] ?? []).map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const render = (row: readonly string[]): string => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const [header, ...body] = rows;
  return [render(header ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(render)];
}

/** How synth loads its code in this build (modules/code-bundle): its figures depend on it. */
function bundleLine(dist: string): string {
  const state = bundleCurrent(dist, SYNTH_APP_BUNDLE) ? 'current' : 'missing or stale, so synth loads its modules one by one (npm run build writes it)';
  return `code bundle (dist/${SYNTH_APP_BUNDLE}.bundle.js): ${state}`;
}

if (require.main === module) main(process.argv.slice(2));
