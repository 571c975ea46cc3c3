import { existsSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, defaultConfigFile, formatProblem, loadConfigFile } from '../../modules/config';
import { configFileArgument } from '../config-file';
import { EXIT } from '../exit-codes';
import { startRunTaskServer } from '../run-task';

interface RunTaskCommandOptions {
  readonly config?: string;
  readonly port: number;
  readonly host: string;
  readonly hmacKeyEnv: string;
  readonly failOn: 'widened' | 'any';
}

function portNumber(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number, 0 to 65535');
  return port;
}

/** `modelgate run-task`: a Terraform Cloud run task that reviews each run's plan as `report --plan` does. */
export function runTaskCommand(): Command {
  return new Command('run-task')
    .description(
      'Serve a Terraform Cloud run task (post-plan): check the request signature, fetch the run\'s plan JSON with the run\'s token, ' +
        'review it as "report --plan" does and send the result, one outcome per changed cell, to the run. Serve it behind HTTPS.',
    )
    .argument('[config]', 'the governance file to evaluate plans against (default: $MODELGATE_CONFIG or ./governance.yaml)')
    .option('--config <file>', 'the same, as an option')
    .option('--port <n>', 'the port to listen on (0: any free port)', portNumber, 8080)
    .option('--host <address>', 'the address to listen on; keep 127.0.0.1 behind a reverse proxy that terminates HTTPS', '127.0.0.1')
    .option('--hmac-key-env <name>', 'the environment variable holding the run task\'s HMAC key', 'MODELGATE_RUN_TASK_HMAC_KEY')
    .addOption(new Option('--fail-on <change>', 'fail the task when access is widened (or an SCP is over the limit), or on any change').choices(['widened', 'any']).default('widened'))
    .action(async (config: string | undefined, options: RunTaskCommandOptions, command: Command) => {
      const configFile = configFileArgument(command, config, options.config) ?? defaultConfigFile().file;
      if (!existsSync(configFile)) {
        process.stderr.write(`modelgate run-task: ${configFile}: no such file; name the governance file as an argument or with --config\n`);
        process.exitCode = EXIT.problems;
        return;
      }
      try {
        loadConfigFile(configFile);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        process.stderr.write(`modelgate run-task: ${error.problems.length} problem${error.problems.length > 1 ? 's' : ''} in the config:\n${error.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
        process.exitCode = EXIT.problems;
        return;
      }
      const hmacKey = process.env[options.hmacKeyEnv] || undefined;
      if (hmacKey === undefined) process.stderr.write(`modelgate run-task: ${options.hmacKeyEnv} is not set: requests are not authenticated; set the run task's HMAC key there\n`);
      const server = await startRunTaskServer({ configFile, failOn: options.failOn, ...(hmacKey === undefined ? {} : { hmacKey }) }, options.port, options.host);
      process.stderr.write(`modelgate run-task: listening on ${server.url}, reviewing plans against ${configFile} (--fail-on ${options.failOn})\n`);
      const stop = (): void => void server.close().finally(() => process.exit(EXIT.ok));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
