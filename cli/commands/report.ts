import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { ConfigError, defaultConfigFile, formatProblem } from '../../modules/config';
import { progressOnStderr } from '../../modules/progress';
import { assertCurrentOutput, buildReport, pullRequestComment, reportJson, reportMarkdown, StaleOutputError, writeReport, type EffectiveAccessReport } from '../report';
import { configFileArgument } from '../config-file';
import { EXIT } from '../exit-codes';
import { buildPlanReview, failsOn, PlanFileError, planReviewJson, planReviewMarkdown } from '../plan-review';
import { MissingSynthOutputError } from '../simulate';

/** Where the report goes: files in cdktf.out (and a summary line), or one document on stdout. */
export type ReportFormat = 'files' | 'markdown' | 'json' | 'comment';

interface ReportCommandOptions {
  readonly config?: string;
  readonly out: string;
  readonly base?: string;
  readonly progress?: boolean;
  readonly format: ReportFormat;
  readonly fullReport?: string;
  readonly plan?: string;
  readonly failOn?: 'widened' | 'any';
}

/**
 * `report --plan`: the effective-access diff of `terraform show -json` plans, written or printed,
 * and the exit code --fail-on asks for.
 */
async function reportPlan(configFile: string, options: ReportCommandOptions & { plan: string }): Promise<void> {
  const review = await buildPlanReview({ configFile, plan: options.plan });
  const markdown = planReviewMarkdown(review);
  if (options.format === 'files') {
    mkdirSync(options.out, { recursive: true });
    const markdownFile = join(options.out, 'modelgate-report-plan.md');
    const jsonFile = join(options.out, 'modelgate-report-plan.json');
    writeFileSync(markdownFile, markdown);
    writeFileSync(jsonFile, planReviewJson(review));
    const widened = review.flips.filter((f) => f.kind === 'widened').length;
    process.stdout.write(
      `modelgate report: ${review.plans.length} plan${review.plans.length === 1 ? '' : 's'}: ${widened} cell${widened === 1 ? '' : 's'} widened, ${review.flips.length - widened} narrowed, ` +
        `${review.overLimit.length} SCP${review.overLimit.length === 1 ? '' : 's'} over the limit, ${review.attachmentsAdded.length} attachment${review.attachmentsAdded.length === 1 ? '' : 's'} added, ${review.attachmentsRemoved.length} removed; wrote ${markdownFile} and ${jsonFile}\n`,
    );
  } else {
    process.stdout.write(options.format === 'json' ? planReviewJson(review) : options.format === 'comment' ? pullRequestComment(markdown, options.fullReport ?? 'modelgate-report-plan.md') : markdown);
  }
  if (failsOn(review, options.failOn)) process.exitCode = EXIT.accessChanged;
}

/** governance.yaml, or the file MODELGATE_CONFIG names; the example org when neither exists (as `npm run synth` does). */
function reportConfigFile(): string {
  const { file, isExample } = defaultConfigFile({ exampleWhenAbsent: true });
  if (isExample) process.stderr.write(`modelgate report: no governance.yaml here; reading the example organization (${file})\n`);
  return file;
}

function summaryOf(report: EffectiveAccessReport): string {
  const { rows, columns } = report.matrix;
  const roleCells = report.roles.cells.flat().filter((cell) => cell !== undefined).length;
  const changed = report.mode === 'diff' ? report.changes.length + report.roleChanges.length : 0;
  return report.mode === 'diff'
    ? `${changed} cell${changed === 1 ? '' : 's'} change against ${report.baseOutdir}`
    : `${rows.length} layers x ${columns.length} requests and ${report.roles.rows.length} roles (${roleCells} requests) evaluated`;
}

/** The report as one document for stdout. */
function documentOf(report: EffectiveAccessReport, format: Exclude<ReportFormat, 'files'>, fullReport: string): string {
  if (format === 'json') return `${JSON.stringify(reportJson(report), null, 2)}\n`;
  const markdown = reportMarkdown(report);
  return format === 'comment' ? pullRequestComment(markdown, fullReport) : markdown;
}

/** `modelgate report`: the effective-access report of a synthesized cdktf.out, or with `--base` the cells that change. */
export function reportCommand(): Command {
  return new Command('report')
    .description(
      'Evaluate the synthesized SCPs (root -> OUs -> account) with an IAM policy simulator and write ' +
        '<out>/modelgate-report.md and modelgate-report.json (with --base: modelgate-report-diff.md and .json): ' +
        'effective-access matrix, SCP budget, warnings, diagram. Refuses an output synthesized from another version of the config.',
    )
    .argument('[config]', 'the governance file the output was synthesized from (default: $MODELGATE_CONFIG, ./governance.yaml, or the example)')
    .option('--config <file>', 'the same, as an option')
    .option('--out <dir>', 'the synthesized cdktf.out to report on', 'cdktf.out')
    .option('--base <dir>', 'the cdktf.out of the base revision: report only the cells that change (exit code 0 either way)')
    .addOption(
      new Option('--format <format>', 'files: write the report into <out> (default); markdown or json: print it to stdout and write nothing; comment: Markdown that fits one pull-request comment')
        .choices(['files', 'markdown', 'json', 'comment'])
        .default('files'),
    )
    .option('--full-report <link>', 'with --format comment: the URL or path of the full report, named when the comment is shortened')
    .option('--plan <file or folder>', 'review "terraform show -json" plans (a file, or a folder of <stack>.json): the cells that flip between the prior state and the plan, SCPs over the limit, attachments added or removed; written to <out>/modelgate-report-plan.md and .json')
    .addOption(new Option('--fail-on <change>', `with --plan: exit ${EXIT.accessChanged} when access is widened (or an SCP is over the limit), or on any change`).choices(['widened', 'any']))
    .option('--progress', 'show progress on stderr even when it is not a terminal (on a terminal it shows after about 2 s)')
    .action(async (config: string | undefined, options: ReportCommandOptions, command: Command) => {
      const configFile = configFileArgument(command, config, options.config) ?? reportConfigFile();
      const progress = progressOnStderr({ label: 'modelgate report: simulator requests', forced: options.progress === true });
      try {
        if (options.plan !== undefined) {
          await reportPlan(configFile, { ...options, plan: options.plan });
          return;
        }
        await assertCurrentOutput(configFile, options.out);
        const reportOptions = { configFile, outdir: options.out, ...(options.base === undefined ? {} : { baseOutdir: options.base }), progress };
        if (options.format === 'files') {
          const { report, markdownFile, jsonFile } = await writeReport(reportOptions);
          progress.finish();
          process.stdout.write(`modelgate report: ${summaryOf(report)}; wrote ${markdownFile} and ${jsonFile}\n`);
        } else {
          const report = await buildReport(reportOptions);
          progress.finish();
          const fullReport = options.fullReport ?? 'run "modelgate report" and read modelgate-report.md in cdktf.out';
          process.stdout.write(documentOf(report, options.format, fullReport));
        }
      } catch (error) {
        process.exitCode = 1;
        if (error instanceof ConfigError) {
          const problems = error.problems.map(formatProblem);
          process.stderr.write(`modelgate report: ${problems.length} problem${problems.length > 1 ? 's' : ''} in the config:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
        } else if (error instanceof MissingSynthOutputError || error instanceof StaleOutputError || error instanceof PlanFileError) {
          process.stderr.write(`modelgate report: ${error.message}\n`);
        } else {
          throw error;
        }
      }
    });
}
