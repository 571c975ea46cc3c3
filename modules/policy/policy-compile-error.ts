import { formatProblem, type ConfigProblem } from '../config/light';

/**
 * Rules that cannot become valid policies; carries every problem found, across all targets, each
 * located in the file and named by its config path like the config's own problems.
 */
export class PolicyCompileError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'PolicyCompileError';
  }
}
