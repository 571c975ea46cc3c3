import { MAX_REPORTED_PROBLEMS } from './input-limits';
import { escapeUnsafe } from './unsafe-text';

/** A path into governance.yaml, e.g. ['models', 'Sandbox', 'bedrock', 'allow', 0]. */
export type ConfigPath = readonly (string | number)[];

/** One thing wrong (or worth a warning) in governance.yaml, located in the file. */
export interface ConfigProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Dotted config path, e.g. `models.Sandbox.bedrock.allow[0]`. */
  readonly path: string;
  readonly message: string;
}

/** Thrown when governance.yaml cannot be used; carries every problem found, not just the first. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  /** `unlisted`: further problems found but not described, counted in the last line. */
  constructor(problems: readonly ConfigProblem[], unlisted = 0) {
    const sorted = firstProblems([...problems].sort((a, b) => a.line - b.line || a.column - b.column), unlisted);
    super(sorted.map(formatProblem).join('\n'));
    this.problems = sorted;
    this.name = 'ConfigError';
  }
}

/** The first MAX_REPORTED_PROBLEMS problems, and one that counts the rest, at the first left out. */
function firstProblems(sorted: readonly ConfigProblem[], unlisted: number): readonly ConfigProblem[] {
  const more = Math.max(0, sorted.length - MAX_REPORTED_PROBLEMS) + unlisted;
  const last = sorted[Math.min(MAX_REPORTED_PROBLEMS, sorted.length) - 1];
  if (more === 0 || !last) return sorted;
  return [
    ...sorted.slice(0, MAX_REPORTED_PROBLEMS),
    { ...last, path: '', message: `and ${more.toLocaleString("en-US")} more problem${more > 1 ? "s" : ""}, not listed: fix the ones above first` },
  ];
}

/** Renders a problem as `file:line:column config.path: message`, the form editors and CI logs link. */
export function formatProblem(problem: ConfigProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  return problem.path ? `${where} ${problem.path}: ${problem.message}` : `${where} ${problem.message}`;
}

/**
 * `['models', 'Sandbox', 'allow', 0]` -> `models.Sandbox.allow[0]`; keys with dots or slashes are
 * quoted, and characters that would reorder or hide text in a terminal are escaped.
 */
export function formatPath(path: ConfigPath): string {
  return path
    .map((part, i) => {
      if (typeof part === 'number') return `[${part}]`;
      const key = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(part) ? part : escapeUnsafe(JSON.stringify(part));
      return i === 0 ? key : `.${key}`;
    })
    .join('');
}
