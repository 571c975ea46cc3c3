import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The import graph of the project's own TypeScript, read from the source text: every `import` and
 * `export ... from`, type-only ones included (they still tie the files together), and every
 * `require('...')` and `import('...')` (a module loaded on first use is still a dependency). Relative
 * specifiers resolve to files; a package is a node of its own, named by its specifier.
 */
export interface ImportGraph {
  /** File (relative to the project root, '/'-separated) or package specifier -> what it imports. */
  readonly edges: ReadonlyMap<string, readonly string[]>;
}

const SPECIFIER = /(?:^|[\s;])(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"]([^'"]+)['"]|\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g;

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  // A data file (known-models.json) is imported by its full name.
  return [`${base}.ts`, join(base, 'index.ts'), base].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** Reads the graph of the given roots (folders or files) under the project root. */
export function importGraph(root: string, roots: readonly string[]): ImportGraph {
  const files = roots.flatMap((r) => (r.endsWith('.ts') ? [join(root, r)] : sources(join(root, r))));
  const name = (path: string): string => relative(root, path).split('\\').join('/');
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const targets = [...readFileSync(file, 'utf8').matchAll(SPECIFIER)].map(([, imported, loaded]) => {
      const specifier = imported ?? loaded ?? '';
      if (!specifier.startsWith('.')) return specifier;
      const target = resolveRelative(file, specifier);
      return target === undefined ? `unresolved:${specifier}` : name(target);
    });
    edges.set(name(file), [...new Set(targets)].sort());
  }
  return { edges };
}

/** The import cycles: strongly connected components of more than one file, or a file importing itself (Tarjan). */
export function importCycles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.edges.get(node) ?? []) {
      if (!graph.edges.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.edges.get(node) ?? []).includes(node)) cycles.push(component.sort());
  };
  for (const node of graph.edges.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/** Everything `start` reaches through imports, itself excluded: files and packages. */
export function reachableFrom(graph: ImportGraph, start: string): Set<string> {
  const seen = new Set<string>();
  const queue = [...(graph.edges.get(start) ?? [])];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    if (seen.has(node)) continue;
    seen.add(node);
    queue.push(...(graph.edges.get(node) ?? []));
  }
  return seen;
}

/** One path of imports from `start` to `goal`, to name in a failure; empty when there is none. */
export function importPath(graph: ImportGraph, start: string, goal: string): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    if (node === goal) {
      const path = [goal];
      for (let at = previous.get(goal); at !== undefined; at = previous.get(at)) path.unshift(at);
      return path;
    }
    for (const target of graph.edges.get(node) ?? []) {
      if (target !== start && !previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [];
}
