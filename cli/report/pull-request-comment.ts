import { COMMENT_LIMIT } from './comment-size';

/**
 * A Markdown report as one pull-request comment: the whole report when it fits, else its
 * beginning up to the last section that fits (never a cut table row or an open code block) and a
 * last line saying how much was left out and where the full report is.
 */
export function pullRequestComment(markdown: string, fullReport: string, limit = COMMENT_LIMIT): string {
  if (markdown.length <= limit) return markdown;
  const lines = markdown.split('\n');
  const footer = (shownLines: number): string =>
    `\n---\n**This comment shows the first ${shownLines.toLocaleString('en-US')} of ${lines.length.toLocaleString('en-US')} lines of the report** ` +
    `(it has ${markdown.length.toLocaleString('en-US')} characters; a comment holds ${limit.toLocaleString('en-US')}). The full report: ${fullReport}\n`;
  const room = limit - footer(lines.length).length - 4;
  let used = 0;
  let lastSection = 0;
  let lastLine = 0;
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (used + line.length + 1 > room) break;
    used += line.length + 1;
    if (line.startsWith('```')) inFence = !inFence;
    if (!inFence && lines[i + 1]?.startsWith('## ')) lastSection = i + 1;
    if (!inFence && !line.startsWith('|')) lastLine = i + 1;
  }
  const shown = lastSection > 0 ? lastSection : lastLine;
  return `${lines.slice(0, shown).join('\n')}\n${footer(shown)}`;
}
