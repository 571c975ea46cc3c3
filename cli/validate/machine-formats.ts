import { relative, sep } from 'node:path';
import type { ConfigProblem } from '../../modules/config';
import { packageVersion } from '../package-version';
import type { ValidationReport } from './validate-config';

/** A path relative to the working folder (the repository root in CI), with forward slashes, as code scanning and annotations expect. */
function repositoryPath(file: string, cwd: string): string {
  return relative(cwd, file).split(sep).join('/');
}

const RULES = [
  { id: 'modelgate/config-error', level: 'error', text: 'governance.yaml cannot be synthesized' },
  { id: 'modelgate/config-warning', level: 'warning', text: 'governance.yaml is valid, but this is probably not what you mean' },
] as const;

/**
 * SARIF 2.1.0 (the format GitHub code scanning uploads with github/codeql-action/upload-sarif):
 * one result per problem, located at its file, line and column, the config path in the message.
 */
export function validationSarif(report: ValidationReport, cwd = process.cwd()): string {
  const result = (problem: ConfigProblem, rule: (typeof RULES)[number]): Record<string, unknown> => ({
    ruleId: rule.id,
    level: rule.level,
    message: { text: problem.path ? `${problem.path}: ${problem.message}` : problem.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: repositoryPath(problem.file, cwd) }, region: { startLine: problem.line, startColumn: problem.column } } }],
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'modelgate',
            version: packageVersion(),
            rules: RULES.map((rule) => ({ id: rule.id, shortDescription: { text: rule.text }, defaultConfiguration: { level: rule.level } })),
          },
        },
        results: [...report.errors.map((p) => result(p, RULES[0])), ...report.warnings.map((p) => result(p, RULES[1]))],
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

// Escaping as @actions/core's command.ts does it (escapeData, escapeProperty).
const escapeData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands (`::error file=...,line=...,col=...::message`): annotations on the pull request's files. */
export function validationAnnotations(report: ValidationReport, cwd = process.cwd()): string {
  const line = (problem: ConfigProblem, level: 'error' | 'warning'): string =>
    `::${level} file=${escapeProperty(repositoryPath(problem.file, cwd))},line=${problem.line},col=${problem.column},title=${escapeProperty(`modelgate ${problem.path || 'config'}`)}::${escapeData(problem.message)}`;
  const lines = [...report.errors.map((p) => line(p, 'error')), ...report.warnings.map((p) => line(p, 'warning'))];
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
