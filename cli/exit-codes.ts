/**
 * The exit codes of every `modelgate` command, so a pipeline can tell what went wrong without
 * reading the output.
 */
export const EXIT = {
  /** Everything checked out. */
  ok: 0,
  /** The config has errors, `discover --check` found drift, or the command failed unexpectedly. */
  problems: 1,
  /** The command line itself is wrong (unknown command or option, bad option value). */
  usage: 2,
  /** `validate --strict`: no errors, but warnings. */
  warnings: 3,
  /** `discover`: AWS Organizations could not be read (credentials, permissions, no organization). */
  aws: 4,
  /** `report --plan --fail-on`: the plan changes access as --fail-on names. */
  accessChanged: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
