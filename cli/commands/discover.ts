import { BedrockClient } from '@aws-sdk/client-bedrock';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { RAMClient } from '@aws-sdk/client-ram';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, defaultConfigFile, formatProblem, loadConfigFile, MODEL_CATALOG_FILE, parseConfig } from '../../modules/config';
import { NO_PROGRESS, progressOnStderr, type Progress } from '../../modules/progress';
import { configFileArgument, missingConfigProblem } from '../config-file';
import {
  checkDrift,
  checkGuardrailEnforcement,
  driftJson,
  driftText,
  FileExistsError,
  governanceYaml,
  locateDrift,
  OrganizationReadError,
  readOrganization,
  writeNewFile,
  type LiveOrganization,
  type ReadStage,
} from '../discover';
import { EXIT, type ExitCode } from '../exit-codes';
import { runDiscoverHubPermissions } from './discover-hub-permissions';
import { runDiscoverModels } from './discover-models';

/** Options of `modelgate discover`. */
export interface DiscoverOptions {
  /** Where the starting governance.yaml goes. @default 'governance.yaml' */
  readonly output: string;
  /** Compare this config with the organization instead of writing one. @default undefined */
  readonly check?: string;
  /** Replace an existing output file. @default false */
  readonly force: boolean;
  /** Output format of the summary or the drift. @default 'text' */
  readonly format: 'text' | 'json';
  /** The progress of each stage of reading the organization. @default no progress */
  readonly progress?: (stage: ReadStage) => Progress;
}

/** Where `discover` reads from and writes to; tests inject a mocked client. */
export interface DiscoverIo {
  /** Called once, after the checks that need no AWS call have passed. */
  readonly client: () => OrganizationsClient;
  /** A Bedrock client per region, for --check of the guardrails a Bedrock organization policy enforces. @default no such check */
  readonly bedrock?: (region: string) => BedrockClient;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Runs `discover`: writes a starting governance.yaml, or with `check` compares one; returns the exit code. */
export async function runDiscover(options: DiscoverOptions, io: DiscoverIo): Promise<ExitCode> {
  const fail = (code: ExitCode, message: string): ExitCode => {
    io.stderr(`modelgate discover: ${message}\n`);
    return code;
  };
  const read = async (): Promise<LiveOrganization> => {
    // One stage's progress at a time: the next stage, the end or an error finishes it.
    let shown: Progress = NO_PROGRESS;
    const progress = (stage: ReadStage): Progress => {
      shown.finish();
      shown = options.progress?.(stage) ?? NO_PROGRESS;
      return shown;
    };
    try {
      return await readOrganization({ client: io.client(), progress });
    } finally {
      shown.finish();
    }
  };
  try {
    if (options.check !== undefined) {
      const missing = missingConfigProblem(options.check, 'name an existing governance file after --check or set MODELGATE_CONFIG');
      if (missing) return fail(EXIT.problems, formatProblem(missing));
      const { governance } = loadConfigFile(options.check);
      const live = await read();
      const drift = locateDrift(checkDrift(governance, live), governance);
      const guardrails = io.bedrock ? await checkGuardrailEnforcement(governance, { organizations: io.client(), bedrock: io.bedrock }) : [];
      io.stdout(options.format === 'json' ? driftJson(options.check, live, drift, guardrails) : driftText(options.check, live, drift, guardrails));
      return drift.length > 0 || guardrails.some((check) => !check.ok) ? EXIT.problems : EXIT.ok;
    }
    // Refuse before the first AWS call: reading a large organization takes a while.
    if (!options.force) missingOrRefuse(options.output);
    const live = await read();
    const text = governanceYaml(live);
    assertLoads(text, options.output);
    writeNewFile(options.output, text, { overwrite: options.force });
    const existing = [live.root, ...live.units, ...live.accounts].reduce((n, t) => n + t.policies.filter((p) => p.id !== 'p-FullAWSAccess').length, 0);
    io.stdout(
      options.format === 'json'
        ? `${JSON.stringify({ output: options.output, organization: live.id, units: live.units.length, accounts: live.accounts.length }, null, 2)}\n`
        : `wrote ${options.output}: organization ${live.id}, ${live.units.length} OUs, ${live.accounts.length} accounts, ${existing} attached SCPs besides FullAWSAccess.\n` +
            `Next: name your break-glass principals (breakGlass), write rules under models:, then run "modelgate validate ${options.output}".\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof OrganizationReadError) return fail(EXIT.aws, `${error.message}; nothing was written`);
    if (error instanceof FileExistsError) return fail(EXIT.problems, error.message);
    if (error instanceof ConfigError) {
      const where = options.check ?? options.output;
      const count = error.problems.length;
      return fail(EXIT.problems, `${count} problem${count > 1 ? 's' : ''} in ${where}:\n${error.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    }
    throw error;
  }
}

/** The starting file must load as it is; a failure here is a bug in discover, and nothing is written. */
function assertLoads(text: string, file: string): void {
  try {
    parseConfig(text, file);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new Error(`the file discover made for this organization does not load, so nothing was written (please report this):\n${error.message}`);
  }
}

function missingOrRefuse(file: string): void {
  if (!missingConfigProblem(file)) throw new FileExistsError(file);
}

/** What each stage of reading the organization counts. */
const STAGE_LABELS: Readonly<Record<ReadStage, string>> = {
  parents: 'modelgate discover: root and OUs listed (of those found so far)',
  policies: 'modelgate discover: targets whose SCPs are read',
};

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

/**
 * The file `--check` compares: named after it or as the argument, else the default governance file;
 * undefined without --check, where an argument is a usage error (discover writes its output with --output).
 */
function checkedConfigFile(command: Command, argument: string | undefined, check: string | true | undefined): string | undefined {
  if (check === undefined) {
    if (argument === undefined) return undefined;
    command.error(`error: discover reads a governance file only with --check ("modelgate discover --check ${argument}"); to write a starting one, name it with --output`, {
      exitCode: EXIT.usage,
      code: 'modelgate.configWithoutCheck',
    });
  }
  return configFileArgument(command, argument, check === true ? undefined : check, '--check') ?? defaultConfigFile().file;
}

/** `modelgate discover`: read the live organization with the standard AWS credential chain. */
export function discoverCommand(): Command {
  return new Command('discover')
    .summary('write a starting governance.yaml from your AWS Organization, or --check one against it')
    .description(
      'Reads the organization with the AWS SDK (standard credential chain: AWS_PROFILE, environment, SSO, ' +
        'instance role), from the management account or a delegated administrator: the root, every OU, every ' +
        'account and the SCPs attached to each. Writes a starting governance.yaml (ids, names, existing SCPs, ' +
        'no rules), never a partial one, or with --check compares an existing config with the organization.',
    )
    .argument('[config]', 'with --check: the governance file to compare (the same as naming it after --check)')
    .option('-o, --output <file>', 'where to write the starting config', 'governance.yaml')
    .addOption(new Option('--check [file]', 'compare a config (default: $MODELGATE_CONFIG, else governance.yaml) with the organization; writes nothing').conflicts(['output', 'force']))
    .addOption(
      new Option('--models [file]', `write the Bedrock and SageMaker public hub model ids of this account and region (default file: ${MODEL_CATALOG_FILE}), for validate to check model selectors against`).conflicts([
        'output',
        'check',
      ]),
    )
    .addOption(
      new Option('--hub-permissions', 'list the AWS managed RAM permissions for SageMaker hubs in the region, and which one a hub shared with deploying accounts should use').conflicts([
        'output',
        'check',
        'models',
      ]),
    )
    .option('--partition <partition>', 'with --hub-permissions: the partition the ARNs are compared in', 'aws')
    .option('--force', 'replace the output file if it exists', false)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--region <region>', 'region of the Organizations endpoint (default: $AWS_REGION, else us-east-1)')
    .option('--max-attempts <n>', 'attempts per AWS call, retries included, on throttling and transient errors', positiveInteger, 10)
    .addOption(new Option('--retry-mode <mode>', 'SDK retry mode: adaptive also slows down requests while throttled').choices(['adaptive', 'standard']).default('adaptive'))
    .option('--progress', 'show progress on stderr even when it is not a terminal (on a terminal it shows after about 2 s)')
    .option('--progress-every <n>', 'deprecated: the same as --progress (progress is shown by time, not every n accounts)', positiveInteger)
    .addHelpText(
      'after',
      [
        '',
        'Exit codes:',
        `  ${EXIT.ok}  file written; with --check: the config matches the organization`,
        `  ${EXIT.problems}  the output exists (use --force); with --check: drift found, a Bedrock organization policy's one-time step missing, or the config has errors`,
        `  ${EXIT.usage}  usage error`,
        `  ${EXIT.aws}  the organization could not be read (credentials, permissions, not an organization, throttled); nothing written`,
        '',
        'Examples:',
        '  $ AWS_PROFILE=management modelgate discover --output governance.yaml',
        '  $ modelgate discover --check governance.yaml --format json',
        '  $ modelgate discover --check --format json     # the config in $MODELGATE_CONFIG or ./governance.yaml',
        `  $ modelgate discover --models --region us-east-1     # refresh ${MODEL_CATALOG_FILE}`,
        '  $ modelgate discover --hub-permissions --region us-east-1     # the RAM permission names for jumpstartHubs.<hub>.permissionArn',
      ].join('\n'),
    )
    .action(
      async (
        config: string | undefined,
        options: {
          output: string;
          check?: string | true;
          models?: string | true;
          hubPermissions?: true;
          partition: string;
          force: boolean;
          format: 'text' | 'json';
          region?: string;
          maxAttempts: number;
          retryMode: 'adaptive' | 'standard';
          progress?: boolean;
          progressEvery?: number;
        },
        command: Command,
      ) => {
        const region = options.region ?? process.env.AWS_REGION ?? 'us-east-1';
        const retries = { maxAttempts: options.maxAttempts, retryMode: options.retryMode };
        if (options.models !== undefined) {
          if (config !== undefined) {
            command.error(`error: --models writes a model catalog and reads no governance file: remove "${config}"`, { exitCode: EXIT.usage, code: 'modelgate.configWithModels' });
          }
          process.exitCode = await runDiscoverModels(options.models === true ? MODEL_CATALOG_FILE : options.models, options.format, {
            clients: () => ({ bedrock: new BedrockClient({ region, ...retries }), sagemaker: new SageMakerClient({ region, ...retries }), region }),
            stdout: (text) => process.stdout.write(text),
            stderr: (text) => process.stderr.write(text),
          });
          return;
        }
        if (options.hubPermissions) {
          if (config !== undefined) {
            command.error(`error: --hub-permissions reads no governance file: remove "${config}"`, { exitCode: EXIT.usage, code: 'modelgate.configWithHubPermissions' });
          }
          process.exitCode = await runDiscoverHubPermissions(options.format, {
            client: () => ({ ram: new RAMClient({ region, ...retries }), region, partition: options.partition }),
            stdout: (text) => process.stdout.write(text),
            stderr: (text) => process.stderr.write(text),
          });
          return;
        }
        const check = checkedConfigFile(command, config, options.check);
        const client = (): OrganizationsClient => new OrganizationsClient({ region, ...retries });
        const bedrock = (guardrailRegion: string): BedrockClient => new BedrockClient({ region: guardrailRegion, ...retries });
        if (options.progressEvery !== undefined) {
          process.stderr.write('modelgate discover: --progress-every is deprecated and reads as --progress: progress shows on a terminal after about 2 s, elsewhere with --progress\n');
        }
        const forced = options.progress === true || options.progressEvery !== undefined;
        const progress = (stage: ReadStage): Progress => progressOnStderr({ label: STAGE_LABELS[stage], forced });
        process.exitCode = await runDiscover(
          { output: options.output, force: options.force, format: options.format, progress, ...(check !== undefined ? { check } : {}) },
          { client, bedrock, stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
        );
      },
    );
}
