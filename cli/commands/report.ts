import { Command } from 'commander';
import { ConfigError, defaultConfigFile, formatProblem } from '../../modules/config';
import { progressOnStderr } from '../../modules/progress';
import { writeReport } from '../report';
import { configFileArgument } from '../config-file';
import { MissingSynthOutputError } from '../simulate';

interface ReportCommandOptions {
  readonly config?: string;
  readonly out: string;
  readonly base?: string;
  readonly progress?: boolean;
}

/** governance.yaml, or the file MODELGATE_CONFIG names; the example org when neither exists (as `npm run synth` does). */
function reportConfigFile(): string {
  const { file, isExample } = defaultConfigFile({ exampleWhenAbsent: true });
  if (isExample) process.stderr.write(`modelgate report: no governance.yaml here; reading the example organization (${file})\n`);
  return file;
}

/** `modelgate report`: the effective-access report of a synthesized cdktf.out, or with `--base` the cells that change. */
export function reportCommand(): Command {
  return new Command('report')
    .description(
      'Evaluate the synthesized SCPs (root -> OUs -> account) with an IAM policy simulator and write ' +
        '<out>/modelgate-report.md and modelgate-report.json: effective-access matrix, SCP budget, warnings, diagram',
    )
    .argument('[config]', 'the governance file the output was synthesized from (default: $MODELGATE_CONFIG, ./governance.yaml, or the example)')
    .option('--config <file>', 'the same, as an option')
    .option('--out <dir>', 'the synthesized cdktf.out to report on', 'cdktf.out')
    .option('--base <dir>', 'the cdktf.out of the base revision: report only the cells that change (exit code 0 either way)')
    .option('--progress', 'show progress on stderr even when it is not a terminal (on a terminal it shows after about 2 s)')
    .action(async (config: string | undefined, options: ReportCommandOptions, command: Command) => {
      const configFile = configFileArgument(command, config, options.config);
      const progress = progressOnStderr({ label: 'modelgate report: simulator requests', forced: options.progress === true });
      try {
        const { report, markdownFile, jsonFile } = await writeReport({
          configFile: configFile ?? reportConfigFile(),
          outdir: options.out,
          ...(options.base === undefined ? {} : { baseOutdir: options.base }),
          progress,
        });
        progress.finish();
        const { rows, columns } = report.matrix;
        const roleCells = report.roles.cells.flat().filter((cell) => cell !== undefined).length;
        const changed = report.mode === 'diff' ? report.changes.length + report.roleChanges.length : 0;
        const summary =
          report.mode === 'diff'
            ? `${changed} cell${changed === 1 ? '' : 's'} change against ${report.baseOutdir}`
            : `${rows.length} layers x ${columns.length} requests and ${report.roles.rows.length} roles (${roleCells} requests) evaluated`;
        process.stdout.write(`modelgate report: ${summary}; wrote ${markdownFile} and ${jsonFile}\n`);
      } catch (error) {
        process.exitCode = 1;
        if (error instanceof ConfigError) {
          const problems = error.problems.map(formatProblem);
          process.stderr.write(`modelgate report: ${problems.length} problem${problems.length > 1 ? 's' : ''} in the config:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
        } else if (error instanceof MissingSynthOutputError) {
          process.stderr.write(`modelgate report: ${error.message}\n`);
        } else {
          throw error;
        }
      }
    });
}
