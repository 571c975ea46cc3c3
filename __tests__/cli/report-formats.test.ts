import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportCommand } from '../../cli/commands/report';
import { COMMENT_LIMIT, pullRequestComment } from '../../cli/report';
import { SYNTH_RECORD_FILE } from '../../modules/synth-record';
import { synthesizeFile } from '../support/synth-fixture';
import { captureProcessOutput } from '../support/process-output';

const ROOT_DIR = join(__dirname, '..', '..');
const EXAMPLE_TEXT = readFileSync(join(ROOT_DIR, 'examples', 'governance.yaml'), 'utf8');

/** A config file of its own and a cdktf.out synthesized from it, both in a fresh folder. */
async function synthesizedCopy(): Promise<{ config: string; outdir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-formats-'));
  const config = join(dir, 'governance.yaml');
  writeFileSync(config, EXAMPLE_TEXT);
  const { outdir } = await synthesizeFile(config, join(dir, 'cdktf.out'));
  return { config, outdir };
}

describe('report output for pipelines', () => {
  const output = captureProcessOutput();
  let org: { config: string; outdir: string };
  beforeAll(async () => {
    org = await synthesizedCopy();
  });
  const run = (...args: string[]): Promise<unknown> => reportCommand().parseAsync(args, { from: 'user' });

  test('--format json and markdown print the report to stdout and write nothing', async () => {
    await run(org.config, '--out', org.outdir, '--format', 'json');
    expect(process.exitCode).toBeUndefined();
    expect(JSON.parse(output.stdout)).toMatchObject({ mode: 'full' });
    output.stdout = '';
    await run(org.config, '--out', org.outdir, '--format', 'markdown');
    expect(output.stdout).toMatch(/^# modelgate: effective access\n/);
    expect(existsSync(join(org.outdir, 'modelgate-report.md'))).toBe(false);
    expect(existsSync(join(org.outdir, 'modelgate-report.json'))).toBe(false);
  });

  test('--format comment: the whole report when it fits one comment', async () => {
    await run(org.config, '--out', org.outdir, '--format', 'comment');
    expect(output.stdout.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(output.stdout).toMatch(/^# modelgate: effective access\n/);
    expect(output.stdout).not.toContain('This comment shows the first');
  });

  test('a diff report is written beside the full report, not over it', async () => {
    const outdir = join(mkdtempSync(join(tmpdir(), 'modelgate-formats-')), 'cdktf.out');
    cpSync(org.outdir, outdir, { recursive: true });
    await run(org.config, '--out', outdir);
    await run(org.config, '--out', outdir, '--base', org.outdir);
    expect(readFileSync(join(outdir, 'modelgate-report.md'), 'utf8')).toMatch(/^# modelgate: effective access\n/);
    expect(readFileSync(join(outdir, 'modelgate-report-diff.md'), 'utf8')).toMatch(/^# modelgate: effective access changes\n/);
    expect(JSON.parse(readFileSync(join(outdir, 'modelgate-report-diff.json'), 'utf8'))).toMatchObject({ mode: 'diff' });
    expect(output.stdout).toContain(`wrote ${join(outdir, 'modelgate-report-diff.md')} and ${join(outdir, 'modelgate-report-diff.json')}`);
  });

  describe('stale output is refused', () => {
    test('a model added to a deny-list after synth: exit 1, saying what to run', async () => {
      const { config, outdir } = await synthesizedCopy();
      writeFileSync(config, EXAMPLE_TEXT.replace('deny: ["deepseek.*"]', 'deny: ["deepseek.*", "meta.llama3*"]'));
      expect(readFileSync(config, 'utf8')).not.toBe(EXAMPLE_TEXT);
      await run(config, '--out', outdir);
      expect(process.exitCode).toBe(1);
      expect(output.stderr).toBe(
        `modelgate report: ${outdir} is older than ${config}: the config now compiles to other policies or resources than the synthesized ones, ` +
          `and a report would prove the old decisions; run "npm run synth" (or "cdktf synth") on ${config}, then the report again\n`,
      );
      expect(existsSync(join(outdir, 'modelgate-report.md'))).toBe(false);
    });

    test('a change to comments and layout only is not a change of intent', async () => {
      const { config, outdir } = await synthesizedCopy();
      writeFileSync(config, `# reviewed\n${EXAMPLE_TEXT.replace(/^(\s*)#.*$/gm, '$1# edited')}`);
      await run(config, '--out', outdir, '--format', 'json');
      expect(output.stderr).toBe('');
      expect(process.exitCode).toBeUndefined();
    });

    test('an output without the synth record', async () => {
      const { config, outdir } = await synthesizedCopy();
      rmSync(join(outdir, SYNTH_RECORD_FILE));
      await run(config, '--out', outdir);
      expect(process.exitCode).toBe(1);
      expect(output.stderr).toContain(`has no ${SYNTH_RECORD_FILE}, so nothing says it was synthesized from ${config}`);
    });
  });
});

describe('pullRequestComment', () => {
  const section = (n: number): string => [`## Section ${n}`, '', '| a | b |', '|---|---|', ...Array.from({ length: 40 }, (_, i) => `| row ${i} | ${'x'.repeat(40)} |`), ''].join('\n');
  const markdown = `# title\n\n${Array.from({ length: 30 }, (_, n) => section(n)).join('\n')}`;

  test('a report that fits is returned as it is', () => {
    expect(pullRequestComment('# short\n', 'the link')).toBe('# short\n');
  });

  test('a longer one is cut before a section that does not fit, and says where the full report is', () => {
    const comment = pullRequestComment(markdown, 'https://ci.example/artifacts/modelgate-report.md', 10_000);
    expect(markdown.length).toBeGreaterThan(10_000);
    expect(comment.length).toBeLessThanOrEqual(10_000);
    expect(comment).toMatch(/\| row 39 \| x+ \|\n\n\n---\n\*\*This comment shows the first [\d,]+ of [\d,]+ lines of the report\*\* \(it has [\d,]+ characters; a comment holds 10,000\)\. The full report: https:\/\/ci\.example\/artifacts\/modelgate-report\.md\n$/);
    expect(markdown.startsWith(comment.slice(0, comment.indexOf('\n---\n')))).toBe(true);
  });

  test('a code block is never left open', () => {
    const fenced = `# t\n\n\`\`\`mermaid\n${'graph line\n'.repeat(2000)}\`\`\`\n`;
    const comment = pullRequestComment(fenced, 'link', 5_000);
    expect(comment.length).toBeLessThanOrEqual(5_000);
    expect((comment.match(/```/g) ?? []).length % 2).toBe(0);
  });
});
