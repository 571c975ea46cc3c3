/**
 * What a command prints when it fails in a way it does not expect (a bug, not bad input): one
 * line saying what broke and where to report it. The stack trace helps whoever fixes the bug, not
 * whoever runs the command, so it is printed only when MODELGATE_DEBUG=1 asks for it.
 */
export function unexpectedErrorMessage(command: string, error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  if (env.MODELGATE_DEBUG === '1' && error instanceof Error && error.stack) return `${command}: ${error.stack}\n`;
  return (
    `${command}: unexpected error: ${summary(error)}. This is a bug in modelgate: please report it to the modelgate maintainers ` +
    'with the command you ran (MODELGATE_DEBUG=1 prints the stack trace to include)\n'
  );
}

/**
 * Makes `unexpectedErrorMessage` the last word on any error nothing else caught (a throw in an
 * event handler, a rejected promise nobody awaited), instead of Node's stack trace; exits `exitCode`.
 */
export function reportUnexpectedErrors(command: string, exitCode: number): void {
  const report = (error: unknown): void => {
    process.stderr.write(unexpectedErrorMessage(command, error));
    process.exit(exitCode);
  };
  process.on('uncaughtException', report);
  process.on('unhandledRejection', report);
}

/** The error's kind and the first line of its message, kept to one short line. */
function summary(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
