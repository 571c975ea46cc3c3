#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { reportUnexpectedErrors, unexpectedErrorMessage } from './unexpected-error';
import { EXIT } from './exit-codes';
import { packageVersion } from './package-version';

const EXAMPLES = `
Examples:
  $ modelgate validate                                  check ./governance.yaml, write nothing
  $ modelgate validate examples/governance.yaml --format json
  $ modelgate discover --output governance.yaml         write a starting config from your organization
  $ modelgate discover --check governance.yaml          compare the config with the live organization
  $ modelgate report                                    what each layer may use, proven on the synthesized cdktf.out
  $ modelgate report --base ../main/cdktf.out           only what a change alters, for a pull-request comment
  $ modelgate report --plan plans/ --fail-on widened    review terraform show -json plans; exit ${EXIT.accessChanged} if access widens
  $ modelgate run-task --port 8080                       a Terraform Cloud run task reviewing each run's plan (HMAC key in $MODELGATE_RUN_TASK_HMAC_KEY)

Exit codes: ${EXIT.ok} ok, ${EXIT.problems} config errors or drift, ${EXIT.usage} usage error, ${EXIT.warnings} warnings with validate --strict, ${EXIT.aws} AWS Organizations could not be read, ${EXIT.accessChanged} report --plan --fail-on found that change.
An unexpected error prints one line; MODELGATE_DEBUG=1 prints its stack trace too.
Synthesize with "npm run synth"; "modelgate <command> --help" describes each command.`;

/**
 * Each command, its module loaded only when needed: `report` then never loads the AWS SDK clients
 * that only `discover` uses (about half a second per run). In the order help lists them.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  validate: async () => (await import('./commands/validate')).validateCommand(),
  discover: async () => (await import('./commands/discover')).discoverCommand(),
  report: async () => (await import('./commands/report')).reportCommand(),
  'run-task': async () => (await import('./commands/run-task')).runTaskCommand(),
};

/**
 * The commands the arguments need: the one they name, or every command (for help, a mistyped
 * command, or none) so that commander can list them and suggest the nearest.
 */
async function commandsFor(argv: readonly string[]): Promise<Command[]> {
  const named = argv.slice(2).find((arg) => !arg.startsWith('-'));
  const load = named !== undefined && Object.hasOwn(COMMANDS, named) ? [COMMANDS[named] as () => Promise<Command>] : Object.values(COMMANDS);
  return Promise.all(load.map((command) => command()));
}

/** The `modelgate` program: the commands the arguments need, and the settings they share. */
function buildProgram(commands: readonly Command[]): Command {
  const program = new Command('modelgate')
    .description('Govern which AI models can be used across an AWS Organization: the command line of modelgate.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .showHelpAfterError('(run "modelgate --help" for usage)')
    .addHelpText('after', EXAMPLES);

  for (const command of commands) program.addCommand(command);

  // Usage errors exit with EXIT.usage instead of commander's 1, for every command registered above.
  for (const command of [program, ...program.commands]) command.exitOverride();
  return program;
}

async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram(await commandsFor(argv)).parseAsync([...argv]);
  } catch (error) {
    // Help and --version end with exit code 0; anything else commander rejects is a usage error.
    if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    else throw error;
  }
}

// A reader that closed the pipe early (`modelgate validate --format json | head`) wants no more output.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit();
});

reportUnexpectedErrors('modelgate', EXIT.problems);
main(process.argv).catch((error: unknown) => {
  process.stderr.write(unexpectedErrorMessage('modelgate', error));
  process.exitCode = EXIT.problems;
});
