import { existsSync } from 'node:fs';
import type { ConfigProblem } from '../modules/config';

/**
 * A problem saying the governance file is missing and how to get one; undefined when it exists.
 * `howToName` says how this command is told which file to read.
 */
export function missingConfigProblem(file: string, howToName = 'pass --config <file>, set MODELGATE_CONFIG'): ConfigProblem | undefined {
  if (existsSync(file)) return undefined;
  return {
    file,
    line: 1,
    column: 1,
    path: '',
    message: `no such file; ${howToName}, or write a starting one from your organization with "modelgate discover"`,
  };
}
