import type { Document, LineCounter, Node } from 'yaml';
import { formatPath, type ConfigPath, type ConfigProblem } from './problems';

/** Where one entry is written: the node of its value and, in a mapping, the node of its key. */
interface Placed {
  readonly value?: Node;
  readonly key?: Node;
}

/**
 * Locates config paths in governance.yaml. The file is parsed a second time, keeping positions,
 * only when a location is asked for: that is on the error path, so a valid file is parsed once by
 * the fast parser. Every entry is indexed by its path in one walk, so that locating costs the same
 * for the thousandth problem of a 50,000-account file as for the first. A path that does not exist
 * in the file (a missing required key, or a place reached through an alias) is reported at the
 * deepest ancestor that does.
 */
export class ConfigLocator {
  private parsed: { readonly document: Document; readonly lines: LineCounter } | undefined;
  private placed: Map<string, Placed> | undefined;

  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {}

  /**
   * The YAML document with positions, and its syntax errors. Duplicate keys are left to js-yaml,
   * which reports them on the fast path: checking them here costs time in the square of a mapping's size.
   */
  get document(): { readonly document: Document; readonly lines: LineCounter } {
    if (!this.parsed) {
      const { LineCounter, parseDocument } = loadYaml();
      const lines = new LineCounter();
      const document = parseDocument(this.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
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
    const range = this.index().get(pathKey(path))?.value?.range;
    return range ? this.text.slice(range[0], range[1]).trim() : undefined;
  }

  /** The config path of the deepest key or value written over `offset` in the text; [] outside any. */
  pathAt(offset: number): ConfigPath {
    const { isMap, isNode, isScalar, isSeq } = loadYaml();
    const covers = (node: unknown): boolean => isNode(node) && !!node.range && node.range[0] <= offset && offset < node.range[2];
    const path: (string | number)[] = [];
    let node: unknown = this.document.document.contents;
    for (;;) {
      if (isMap(node)) {
        const pair = node.items.find((p) => covers(p.key) || covers(p.value));
        if (!pair || !isScalar(pair.key)) return path;
        path.push(String(pair.key.value));
        if (covers(pair.key)) return path;
        node = pair.value;
      } else if (isSeq(node)) {
        const index = node.items.findIndex(covers);
        if (index < 0) return path;
        path.push(index);
        node = node.items[index];
      } else {
        return path;
      }
    }
  }

  private keyOffsetOf(path: ConfigPath): number | undefined {
    return this.index().get(pathKey(path))?.key?.range?.[0];
  }

  private offsetOf(path: ConfigPath): number | undefined {
    for (let depth = path.length; depth >= 0; depth--) {
      const range = this.index().get(pathKey(path.slice(0, depth)))?.value?.range;
      if (range) return range[0];
    }
    return undefined;
  }

  /** Every mapping entry and list item of the document by its path, found in one walk. */
  private index(): Map<string, Placed> {
    if (this.placed) return this.placed;
    const { isMap, isNode, isScalar, isSeq } = loadYaml();
    const placed = new Map<string, Placed>();
    const contents = this.document.document.contents;
    const pending: { readonly path: ConfigPath; readonly node: unknown }[] = [{ path: [], node: contents }];
    if (isNode(contents)) placed.set(pathKey([]), { value: contents });
    for (let next = pending.pop(); next; next = pending.pop()) {
      const { path, node } = next;
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isScalar(pair.key)) continue;
          const child = [...path, String(pair.key.value)];
          const key = pathKey(child);
          if (placed.has(key)) continue;
          placed.set(key, { ...(isNode(pair.value) ? { value: pair.value } : {}), key: pair.key });
          pending.push({ path: child, node: pair.value });
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, index) => {
          const child = [...path, index];
          if (isNode(item)) placed.set(pathKey(child), { value: item });
          pending.push({ path: child, node: item });
        });
      }
    }
    this.placed = placed;
    return placed;
  }
}

/** A map key for a path: list indexes and mapping keys stay distinct ([0] is not ["0"]). */
function pathKey(path: ConfigPath): string {
  return JSON.stringify(path);
}

/** The position-keeping parser is loaded on the error path only: valid files never pay for it. */
function loadYaml(): typeof import('yaml') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, see above
  return require('yaml') as typeof import('yaml');
}
