import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport, type EffectiveAccessReport, type ReportOptions } from './effective-access-report';
import { reportJson } from './report-json';
import { reportMarkdown } from './report-markdown';
import { writeJsonFile } from './write-json';

/** The report and where it was written. */
export interface WrittenReport {
  readonly report: EffectiveAccessReport;
  readonly markdownFile: string;
  readonly jsonFile: string;
}

/**
 * Builds the report and writes it into cdktf.out: `modelgate-report.md` and `.json` (streamed) for the full
 * report, `modelgate-report-diff.md` and `.json` for a diff (so that one never replaces the other).
 */
export async function writeReport(options: ReportOptions): Promise<WrittenReport> {
  const report = await buildReport(options);
  const stem = join(options.outdir, report.mode === 'diff' ? 'modelgate-report-diff' : 'modelgate-report');
  const markdownFile = `${stem}.md`;
  const jsonFile = `${stem}.json`;
  writeFileSync(markdownFile, reportMarkdown(report));
  writeJsonFile(jsonFile, reportJson(report));
  return { report, markdownFile, jsonFile };
}
