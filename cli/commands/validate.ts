import { Command, Option } from 'commander';
import { defaultConfigFile } from '../../modules/config';
import { NO_PROGRESS, progressOnStderr, type Progress } from '../../modules/progress';
import { configFileArgument, missingConfigProblem } from '../config-file';
import { EXIT, type ExitCode } from '../exit-codes';
import { validateConfig, validationAnnotations, validationJson, validationSarif, validationText, type ValidationReport } from '../validate';

export type ValidateFormat = 'text' | 'json' | 'sarif' | 'github';

/** Options of `modelgate validate`. */
export interface ValidateOptions {
  /** The governance file. @default MODELGATE_CONFIG, else governance.yaml */
  readonly config: string;
  /** Output format: text, json, sarif (code scanning) or github (workflow-command annotations). @default 'text' */
  readonly format: ValidateFormat;
  /** Exit with EXIT.warnings when there are warnings but no errors. @default false */
  readonly strict: boolean;
  /** Told how many targets are compiled. @default no progress */
  readonly progress?: Progress;
}

/** Runs `validate` and writes its output; returns the exit code. */
export async function runValidate(options: ValidateOptions, out: { stdout(text: string): void; stderr(text: string): void }): Promise<ExitCode> {
  const missing = missingConfigProblem(options.config);
  const report: ValidationReport = missing
    ? { config: options.config, errors: [missing], warnings: [], targets: [], auditStores: [] }
    : await validateConfig(options.config, options.progress ?? NO_PROGRESS);
  options.progress?.finish();
  if (options.format === 'json') {
    out.stdout(validationJson(report));
  } else if (options.format === 'sarif') {
    out.stdout(validationSarif(report));
  } else if (options.format === 'github') {
    out.stdout(validationAnnotations(report));
  } else {
    const { stdout, stderr } = validationText(report);
    if (stdout) out.stdout(stdout);
    if (stderr) out.stderr(stderr);
  }
  if (report.errors.length > 0) return EXIT.problems;
  return options.strict && report.warnings.length > 0 ? EXIT.warnings : EXIT.ok;
}

/** `modelgate validate`: the checks of synth, without writing anything. */
export function validateCommand(): Command {
  return new Command('validate')
    .summary('check governance.yaml: schema, references, IAM catalog, SCP limits; writes nothing')
    .description(
      'Loads governance.yaml and compiles every policy as synth does (schema, cross-references, IAM catalog, ' +
        'break-glass guard, packing within the SCP size limit and the free slots of each target), without ' +
        'building the cdktf app or writing output. Prints every problem as file:line:column path: message, ' +
        'then the SCP budget of each target.',
    )
    .argument('[config]', 'governance file (default: $MODELGATE_CONFIG, else governance.yaml)')
    .option('-c, --config <file>', 'the same, as an option')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif', 'github']).default('text'))
    .option('--strict', `exit ${EXIT.warnings} when there are warnings (and no errors)`, false)
    .option('--progress', 'show progress on stderr even when it is not a terminal (on a terminal it shows after about 2 s)')
    .addHelpText(
      'after',
      [
        '',
        'Exit codes:',
        `  ${EXIT.ok}  valid (warnings are printed but do not fail, unless --strict)`,
        `  ${EXIT.problems}  errors: the config cannot be synthesized`,
        `  ${EXIT.usage}  usage error`,
        `  ${EXIT.warnings}  --strict and warnings, no errors`,
        '',
        'Examples:',
        '  $ modelgate validate',
        '  $ modelgate validate examples/governance.yaml --format json | jq .targets',
        '  $ modelgate validate --strict     # fail a pipeline on warnings too',
        '  $ modelgate validate --format sarif > modelgate.sarif   # for GitHub code scanning',
        '  $ modelgate validate --format github                    # annotations in a GitHub Actions step',
      ].join('\n'),
    )
    .action(async (config: string | undefined, options: { config?: string; format: ValidateFormat; strict: boolean; progress?: boolean }, command: Command) => {
      const progress = progressOnStderr({ label: 'modelgate validate: targets compiled', forced: options.progress === true });
      process.exitCode = await runValidate(
        { config: configFileArgument(command, config, options.config) ?? defaultConfigFile().file, format: options.format, strict: options.strict, progress },
        { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
      );
    });
}
