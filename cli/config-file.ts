import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { ConfigProblem } from '../modules/config';
import { EXIT } from './exit-codes';

/**
 * A problem saying the governance file is missing and how to get one; undefined when it exists.
 * `howToName` says how this command is told which file to read.
 */
export function missingConfigProblem(file: string, howToName = 'name it as an argument or with --config, set MODELGATE_CONFIG'): ConfigProblem | undefined {
  if (existsSync(file)) return undefined;
  return {
    file,
    line: 1,
    column: 1,
    path: '',
    message: `no such file; ${howToName}, or write a starting one from your organization with "modelgate discover"`,
  };
}

/**
 * The governance file named on the command line, as linters take it (`modelgate validate
 * governance.yaml`) or with `optionName`; undefined when neither names one. Two different files
 * are a usage error: the command would have to guess which one was meant.
 */
export function configFileArgument(command: Command, argument: string | undefined, option: string | undefined, optionName = '--config'): string | undefined {
  if (argument !== undefined && option !== undefined && resolve(argument) !== resolve(option)) {
    command.error(`error: two governance files given, "${argument}" and ${optionName} "${option}"; name one`, { exitCode: EXIT.usage, code: 'modelgate.twoConfigFiles' });
  }
  return argument ?? option;
}
