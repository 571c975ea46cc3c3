#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { reportUnexpectedErrors, unexpectedErrorMessage } from './unexpected-error';
import { discoverCommand } from './commands/discover';
import { reportCommand } from './commands/report';
import { runTaskCommand } from './commands/run-task';
import { validateCommand } from './commands/validate';
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

/** The `modelgate` program: every command, and the settings they share. */
function buildProgram(): Command {
  const program = new Command('modelgate')
    .description('Govern which AI models can be used across an AWS Organization: the command line of modelgate.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .showHelpAfterError('(run "modelgate --help" for usage)')
    .addHelpText('after', EXAMPLES);

  program.addCommand(validateCommand());
  program.addCommand(discoverCommand());
  program.addCommand(reportCommand());
  program.addCommand(runTaskCommand());

  // Usage errors exit with EXIT.usage instead of commander's 1, for every command registered above.
  for (const command of [program, ...program.commands]) command.exitOverride();
  return program;
}

async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv]);
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
