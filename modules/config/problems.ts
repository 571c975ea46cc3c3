import type { Document, LineCounter } from 'yaml';

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
 * Locates config paths in governance.yaml. The file is parsed a second time, keeping positions,
 * only when a location is asked for: that is on the error path, so a valid file is parsed once by
 * the fast parser. A path that does not exist in the file (a missing required key) is reported at
 * the deepest ancestor that does.
 */
export class ConfigLocator {
  private parsed: { readonly document: Document; readonly lines: LineCounter } | undefined;

  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {}

  /** The YAML document with positions, and its syntax errors. */
  get document(): { readonly document: Document; readonly lines: LineCounter } {
    if (!this.parsed) {
      const { LineCounter, parseDocument } = loadYaml();
      const lines = new LineCounter();
      const document = parseDocument(this.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
      this.parsed = { document, lines };
    }
    return this.parsed;
  }

  /** A problem at `path`; with `atKey`, at the key of that entry (for a wrong name) rather than its value. */
  problem(path: ConfigPath, message: string, options: { readonly atKey?: boolean } = {}): ConfigProblem {
    const offset = (options.atKey ? this.keyOffsetOf(path) : undefined) ?? this.offsetOf(path);
    const { line, col } = offset === undefined ? { line: 1, col: 1 } : this.document.lines.linePos(offset);
    return { file: this.file, line, column: col, path: formatPath(path), message };
  }

  /** `file:line:column` of a config path. */
  locate(path: ConfigPath): string {
    const { file, line, column } = this.problem(path, '');
    return `${file}:${line}:${column}`;
  }

  /** The text as written in the file at `path` (e.g. `022222222222` where YAML read a number). */
  sourceAt(path: ConfigPath): string | undefined {
    const node = this.document.document.getIn(path, true);
    return loadYaml().isNode(node) && node.range ? this.text.slice(node.range[0], node.range[1]).trim() : undefined;
  }

  private keyOffsetOf(path: ConfigPath): number | undefined {
    const { isMap, isNode, isScalar } = loadYaml();
    const { document } = this.document;
    const parent = path.length === 1 ? document.contents : document.getIn(path.slice(0, -1), true);
    if (!isMap(parent)) return undefined;
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]);
    return pair && isNode(pair.key) && pair.key.range ? pair.key.range[0] : undefined;
  }

  private offsetOf(path: ConfigPath): number | undefined {
    const { document } = this.document;
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
      if (loadYaml().isNode(node) && node.range) return node.range[0];
    }
    return undefined;
  }
}

/** The position-keeping parser is loaded on the error path only: valid files never pay for it. */
function loadYaml(): typeof import('yaml') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, see above
  return require('yaml') as typeof import('yaml');
}
