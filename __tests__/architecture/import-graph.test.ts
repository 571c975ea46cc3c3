import { join } from 'node:path';
import { importCycles, importGraph, importPath, reachableFrom } from '../support/import-graph';

const ROOT = join(__dirname, '..', '..');
const graph = importGraph(ROOT, ['modules', 'stacks', 'cli', 'main.ts', 'synth-app.ts']);
const files = [...graph.edges.keys()];

/**
 * The floors of docs/architecture.md, lowest first: config <- policy <- constructs <- stacks <- cli, main.ts and synth-app.ts.
 * A file may import its own floor or a lower one, never a higher one.
 */
function floorOf(file: string): number {
  if (file.startsWith('modules/config/')) return 0;
  if (file.startsWith('modules/policy/')) return 1;
  if (file.startsWith('modules/')) return 2;
  if (file.startsWith('stacks/')) return 3;
  return 4;
}

const FLOORS = ['config', 'policy', 'constructs', 'stacks', 'cli/main.ts'];

describe('the import graph of modules/, stacks/, cli/ and main.ts', () => {
  test('is read: every relative import resolves to a file', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((f) => (graph.edges.get(f) ?? []).filter((t) => t.startsWith('unresolved:')).map((t) => `${f} -> ${t}`))).toEqual([]);
  });

  test('has no cycle', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  test('no import runs up the floors (config <- policy <- constructs <- stacks <- cli, main.ts)', () => {
    const upward = files.flatMap((file) =>
      (graph.edges.get(file) ?? [])
        .filter((target) => graph.edges.has(target) && floorOf(target) > floorOf(file))
        .map((target) => `${file} (${FLOORS[floorOf(file)]}) -> ${target} (${FLOORS[floorOf(target)]})`),
    );
    expect(upward).toEqual([]);
  });

  test.each(['modules/config/', 'modules/policy/'])('no file of %s reaches cdktf, constructs or a provider package, however indirectly', (folder) => {
    const core = files.filter((f) => f.startsWith(folder));
    expect(core.length).toBeGreaterThan(10);
    const reached = core.flatMap((file) =>
      [...reachableFrom(graph, file)].filter((node) => /^(cdktf|constructs|@cdktf\/|@cdktn\/)/.test(node)).map((pkg) => importPath(graph, file, pkg).join(' -> ')),
    );
    expect(reached).toEqual([]);
  });

  test.each(['modules/config/index.ts', 'modules/policy/index.ts', 'stacks/index.ts', 'main.ts', 'synth-app.ts'])('%s reaches no AGPL simulator, however indirectly', (start) => {
    expect(importPath(graph, start, '@cloud-copilot/iam-simulate')).toEqual([]);
  });
});

describe('the checks on the import graph can fail', () => {
  const toy = {
    edges: new Map<string, string[]>([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'cdktf']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['d.ts']],
      ['e.ts', []],
    ]),
  };

  test('a cycle of three files and a file importing itself are both found', () => {
    expect(importCycles(toy)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['d.ts']]);
  });

  test('a package reached through two files is found, with the path to it', () => {
    expect(reachableFrom(toy, 'a.ts').has('cdktf')).toBe(true);
    expect(importPath(toy, 'a.ts', 'cdktf')).toEqual(['a.ts', 'b.ts', 'cdktf']);
    expect(reachableFrom(toy, 'e.ts').size).toBe(0);
  });
});
