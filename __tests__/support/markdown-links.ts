/**
 * Reading Markdown as GitHub renders it, for the tests of README.md and docs/: the relative links
 * of a page, and the anchors its headings get.
 */

/** One `[text](target)` of a page, outside code. */
export interface MarkdownLink {
  readonly line: number;
  readonly target: string;
}

/** The page with fenced code blocks, inline code and HTML comments blanked out, lines kept. */
export function withoutCode(markdown: string): string {
  const blank = (text: string): string => text.replace(/[^\n]/g, ' ');
  return markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, blank)
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/(`+)[^`\n][\s\S]*?\1/g, blank);
}

/** Every link of the page that is not a web address: relative files and `#anchors`. */
export function relativeLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  withoutCode(markdown)
    .split('\n')
    .forEach((text, index) => {
      for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1] ?? '';
        if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) links.push({ line: index + 1, target });
      }
    });
  return links;
}

/**
 * The anchors of the page's headings, as GitHub makes them: the heading's text lower-cased, link
 * targets and punctuation dropped, spaces turned into hyphens, a repeated anchor numbered -1, -2.
 */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of withoutFences(markdown).matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const text = (match[1] ?? '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

function withoutFences(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** One repository path written in inline code on a page, e.g. `modules/policy/render.ts`. */
export interface WrittenPath {
  readonly line: number;
  readonly path: string;
}

/** The top-level folders whose paths a page may name; a path ends in a file extension or a slash. */
const REPOSITORY_PATH = /^(?:modules|stacks|cli|examples|bench|runtimes|docs|__tests__)\/\S*(?:\.[A-Za-z0-9]+|\/)$/;

/**
 * Every repository path written in inline code outside fenced blocks: each word of a code span
 * (`npx jest __tests__/docs/` names one too), without the punctuation that closes a sentence.
 */
export function repositoryPaths(markdown: string): WrittenPath[] {
  const paths: WrittenPath[] = [];
  markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ' '))
    .split('\n')
    .forEach((text, index) => {
      for (const [, code = ''] of text.matchAll(/`([^`]+)`/g)) {
        for (const word of code.split(/\s+/)) {
          const path = word.replace(/^[("']+|[)"',;:]+$/g, '');
          if (REPOSITORY_PATH.test(path)) paths.push({ line: index + 1, path });
        }
      }
    });
  return paths;
}
