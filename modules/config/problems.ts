import { isNode, LineCounter, type Document } from 'yaml';

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

  constructor(problems: readonly ConfigProblem[]) {
    const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
    super(sorted.map(formatProblem).join('\n'));
    this.problems = sorted;
    this.name = 'ConfigError';
  }
}

/** Renders a problem as `file:line:column config.path: message`, the form editors and CI logs link. */
export function formatProblem(problem: ConfigProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  return problem.path ? `${where} ${problem.path}: ${problem.message}` : `${where} ${problem.message}`;
}

/** `['models', 'Sandbox', 'allow', 0]` -> `models.Sandbox.allow[0]`; keys with dots or slashes are quoted. */
export function formatPath(path: ConfigPath): string {
  return path
    .map((part, i) => {
      if (typeof part === 'number') return `[${part}]`;
      const key = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(part) ? part : JSON.stringify(part);
      return i === 0 ? key : `.${key}`;
    })
    .join('');
}

/**
 * Locates config paths in the parsed YAML document. A path that does not exist in the file (a
 * missing required key) is reported at the deepest ancestor that does.
 */
export class ConfigLocator {
  constructor(
    private readonly file: string,
    private readonly document: Document,
    private readonly lines: LineCounter,
  ) {}

  problem(path: ConfigPath, message: string): ConfigProblem {
    const offset = this.offsetOf(path);
    const { line, col } = offset === undefined ? { line: 1, col: 1 } : this.lines.linePos(offset);
    return { file: this.file, line, column: col, path: formatPath(path), message };
  }

  private offsetOf(path: ConfigPath): number | undefined {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? this.document.contents : this.document.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return node.range[0];
    }
    return undefined;
  }
}
