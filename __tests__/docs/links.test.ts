import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { headingAnchors, relativeLinks } from '../support/markdown-links';

const ROOT = resolve(__dirname, '..', '..');
const PAGES = ['README.md', 'CHANGELOG.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** What is wrong with one link of `page`, or undefined when it resolves. */
function brokenLink(page: string, target: string): string | undefined {
  const [path = '', anchor] = target.split('#');
  const file = path === '' ? join(ROOT, page) : resolve(dirname(join(ROOT, page)), decodeURIComponent(path));
  if (relative(ROOT, file).startsWith('..')) return 'points outside the repository';
  if (!existsSync(file)) return 'no such file';
  if (anchor === undefined) return undefined;
  if (!file.endsWith('.md') || statSync(file).isDirectory()) return 'an anchor into a file that is not Markdown';
  return headingAnchors(readFileSync(file, 'utf8')).has(anchor) ? undefined : `no heading with the anchor #${anchor}`;
}

describe('relative links of README.md and docs/', () => {
  test('the pages are there', () => {
    expect(PAGES).toEqual(expect.arrayContaining(['README.md', 'docs/configuration.md', 'docs/rules.md', 'docs/aws-facts.md', 'docs/architecture.md']));
  });

  test.each(PAGES)('every relative link of %s resolves to a file and a heading', (page) => {
    const links = relativeLinks(readFileSync(join(ROOT, page), 'utf8'));
    const broken = links.map((link) => ({ ...link, problem: brokenLink(page, link.target) })).filter((link) => link.problem !== undefined);
    expect(broken.map((link) => `${page}:${link.line} ${link.target}: ${link.problem}`)).toEqual([]);
  });

  test('the README links every page of docs/', () => {
    const linked = new Set(relativeLinks(readFileSync(join(ROOT, 'README.md'), 'utf8')).map((link) => link.target.split('#')[0]));
    expect(PAGES.filter((page) => page.startsWith('docs/') && !linked.has(page))).toEqual([]);
  });
});

describe('markdown-links', () => {
  test('anchors are made as GitHub makes them', () => {
    const anchors = headingAnchors('# A small governance.yaml\n## Exempt principals: `breakGlass` and `except`\n## Node.js versions\n## Notes\n## Notes\n```\n# not a heading\n```\n');
    expect([...anchors]).toEqual(['a-small-governanceyaml', 'exempt-principals-breakglass-and-except', 'nodejs-versions', 'notes', 'notes-1']);
  });

  test('links in code, in comments and to the web are not followed', () => {
    const page = 'See [rules](docs/rules.md#x) and [site](https://example.com).\n`[a](b.md)`\n```\n[c](d.md)\n```\n<!-- [e](f.md) -->\n';
    expect(relativeLinks(page)).toEqual([{ line: 1, target: 'docs/rules.md#x' }]);
  });
});
