import { formatProblem } from '../../modules/config';
import type { ValidationReport, TargetBudget } from './validate-config';

/** The `--format json` document: stable keys, one object per problem and per target. */
export function validationJson(report: ValidationReport): string {
  const scps = report.targets.reduce((n, t) => n + t.documents.length, 0);
  const document = {
    config: report.config,
    valid: report.errors.length === 0,
    errors: report.errors.map(problemJson),
    warnings: report.warnings.map(problemJson),
    summary: { targets: report.targets.length, targetsWithScps: report.targets.filter((t) => t.documents.length > 0).length, scps },
    awsProviderVersions: awsProviderVersions(report),
    auditStores: report.auditStores,
    targets: report.targets,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function problemJson(problem: ValidationReport['errors'][number]): Record<string, string | number> {
  return { file: problem.file, line: problem.line, column: problem.column, path: problem.path, message: problem.message };
}

/** Human output: problems first (as `file:line:column path: message`, which editors and CI logs link), then the budget. */
export function validationText(report: ValidationReport): { readonly stdout: string; readonly stderr: string } {
  const lines = (problems: ValidationReport['errors'], label: string): string[] => problems.map((p) => `${label}: ${formatProblem(p)}`);
  if (report.errors.length > 0) {
    const count = report.errors.length;
    const stderr = [
      `modelgate validate: ${count} error${count > 1 ? 's' : ''} in ${report.config}:`,
      ...report.errors.map((p) => `  ${formatProblem(p)}`),
      ...lines(report.warnings, 'warning'),
    ];
    return { stdout: '', stderr: `${stderr.join('\n')}\n` };
  }
  const governed = report.targets.filter((t) => t.documents.length > 0);
  const scps = governed.reduce((n, t) => n + t.documents.length, 0);
  const warnings = report.warnings.length;
  const stdout = [
    `${report.config}: valid${warnings > 0 ? ` with ${warnings} warning${warnings > 1 ? 's' : ''}` : ''}; ${report.targets.length} target${report.targets.length === 1 ? '' : 's'}, ${governed.length} with modelgate SCPs, ${scps} SCP${scps === 1 ? '' : 's'}`,
    ...governed.map(budgetLine),
    ...report.auditStores.map((store) => `audit store: ${store}`),
    ...providerLines(report),
  ];
  return { stdout: `${stdout.join('\n')}\n`, stderr: warnings > 0 ? `${lines(report.warnings, 'warning').join('\n')}\n` : '' };
}

function budgetLine(target: TargetBudget): string {
  const n = (value: number): string => value.toLocaleString('en-US');
  const largest = Math.max(...target.documents.map((d) => d.characters));
  const { slots } = target;
  const used = slots.fullAwsAccess + slots.existing + slots.modelgate;
  return (
    `  ${target.kind === 'root' ? 'root' : `${target.kind === 'unit' ? 'OU' : 'account'} ${target.layer}`} (${target.id}): ${target.documents.length} SCP${target.documents.length === 1 ? '' : 's'}, ${n(target.characters)} characters ` +
    `(largest ${n(largest)} of ${n(target.maxCharactersPerScp)}), slots ${used} of ${slots.limit} ` +
    `(FullAWSAccess ${slots.fullAwsAccess}, existing ${slots.existing}, modelgate ${slots.modelgate})`
  );
}

/** Stack -> the hashicorp/aws versions it accepts. */
function awsProviderVersions(report: ValidationReport): Record<string, string> {
  return Object.fromEntries(report.targets.map((t) => [t.stack, t.awsProviderVersion]));
}

/** One line for the constraint most stacks share, one per stack that needs a newer release. */
function providerLines(report: ValidationReport): string[] {
  if (report.targets.length === 0) return [];
  const counts = new Map<string, number>();
  for (const t of report.targets) counts.set(t.awsProviderVersion, (counts.get(t.awsProviderVersion) ?? 0) + 1);
  const common = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  const raised = report.targets.filter((t) => t.awsProviderVersion !== common);
  return [`hashicorp/aws: ${common}`, ...raised.map((t) => `  stack ${t.stack}: ${t.awsProviderVersion} (${t.awsProviderNeeds.length > 0 ? t.awsProviderNeeds.join('; ') : 'its resources need a newer release'})`)];
}
