import { existsSync } from 'node:fs';

/** The example organization, read when there is no governance file and the caller allows it. */
export const EXAMPLE_CONFIG_FILE = 'examples/governance.yaml';

/** Which governance file to read when none is named on the command line. */
export interface ChosenConfigFile {
  readonly file: string;
  /** True when neither MODELGATE_CONFIG nor ./governance.yaml gave one and the example stands in. */
  readonly isExample: boolean;
}

/**
 * $MODELGATE_CONFIG, else ./governance.yaml. With `exampleWhenAbsent` (synth and report, so the
 * quick start works on a fresh clone), the example organization when ./governance.yaml does not
 * exist; the caller says so to the user.
 */
export function defaultConfigFile(options: { readonly exampleWhenAbsent?: boolean } = {}): ChosenConfigFile {
  if (process.env.MODELGATE_CONFIG) return { file: process.env.MODELGATE_CONFIG, isExample: false };
  if (options.exampleWhenAbsent && !existsSync('governance.yaml')) return { file: EXAMPLE_CONFIG_FILE, isExample: true };
  return { file: 'governance.yaml', isExample: false };
}
