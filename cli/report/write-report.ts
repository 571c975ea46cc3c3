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

/** Builds the report and writes `modelgate-report.md` and `modelgate-report.json` (streamed) into cdktf.out. */
export async function writeReport(options: ReportOptions): Promise<WrittenReport> {
  const report = await buildReport(options);
  const markdownFile = join(options.outdir, 'modelgate-report.md');
  const jsonFile = join(options.outdir, 'modelgate-report.json');
  writeFileSync(markdownFile, reportMarkdown(report));
  writeJsonFile(jsonFile, reportJson(report));
  return { report, markdownFile, jsonFile };
}
