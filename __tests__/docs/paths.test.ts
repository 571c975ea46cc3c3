import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repositoryPaths } from '../support/markdown-links';

const ROOT = resolve(__dirname, '..', '..');
const PAGES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const NOT_SOURCE = new Set(['node_modules', '.git', 'dist', 'cdktf.out', 'coverage']);

/** Every file and folder of the repository (folders end in '/'), relative to `root`. */
function entries(root: string, folder = ''): string[] {
  return readdirSync(join(root, folder)).flatMap((name) => {
    if (NOT_SOURCE.has(name)) return [];
    const path = folder === '' ? name : `${folder}/${name}`;
    return statSync(join(root, path)).isDirectory() ? [`${path}/`, ...entries(root, path)] : [path];
  });
}

/**
 * Whether a written path names something in `existing`. `*` stands for any run of characters
 * within a name (`bad-input*.test.ts`), `<name>` for one name (`modules/<name>/`): such a path
 * must match at least one entry.
 */
function exists(path: string, existing: ReadonlySet<string>): boolean {
  if (!/[*<]/.test(path)) return existing.has(path);
  const pattern = new RegExp(`^${path.split(/(\*|<[^>/]+>)/).map((part) => (part === '*' ? '[^/]*' : part.startsWith('<') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`);
  return [...existing].some((entry) => pattern.test(entry));
}

/** The paths a page names that are not in the repository, as `page:line path`. */
function missingPaths(page: string, markdown: string, existing: ReadonlySet<string>): string[] {
  return repositoryPaths(markdown)
    .filter(({ path }) => !exists(path, existing))
    .map(({ line, path }) => `${page}:${line} ${path}`);
}

describe('repository paths written in README.md and docs/', () => {
  const existing = new Set(entries(ROOT));

  test('each page names some (the check reads them)', () => {
    expect(repositoryPaths(readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8')).length).toBeGreaterThan(20);
  });

  test.each(PAGES)('every path %s names exists', (page) => {
    expect(missingPaths(page, readFileSync(join(ROOT, page), 'utf8'), existing)).toEqual([]);
  });
});

describe('the path check can fail', () => {
  const existing = new Set(['modules/', 'modules/policy/', 'modules/policy/render.ts', '__tests__/config/bad-input-roles.test.ts']);

  test('a moved file, a missing folder and a placeholder that matches nothing are reported with their line', () => {
    const page = [
      'The renderer is `modules/policy/render.ts`; the packer was `modules/policy/private/pack.ts`.',
      '```',
      'modules/in/a/fence.ts is not read',
      '```',
      'Run `npx jest __tests__/config/bad-input*.test.ts` and `npx jest __tests__/config/fuzz*.test.ts`.',
      'Each section has `modules/config/<section>/`, each module `modules/<name>/`.',
      'Not paths: `cdktf.out/stacks/root/cdk.tf.json`, `modules/policy`, `npm run docs`.',
    ].join('\n');
    expect(missingPaths('page.md', page, existing)).toEqual([
      'page.md:1 modules/policy/private/pack.ts',
      'page.md:5 __tests__/config/fuzz*.test.ts',
      'page.md:6 modules/config/<section>/',
    ]);
  });
});
