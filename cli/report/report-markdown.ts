import { formatProblem } from '../../modules/config';
import type { AccessColumn } from './access-columns';
import type { AccessRow } from './access-matrix';
import type { DiffReport, EffectiveAccessReport, FullReport } from './effective-access-report';
import { DenyRefs, describeStatement, escapeCell, longCell, row, shortCell } from './markdown-cells';
import { roleAssumptions, roleChangesSection, rolesSection } from './role-markdown';

/** The report as GitHub-flavoured Markdown: tables and a Mermaid diagram, ready for a PR comment. */
export function reportMarkdown(report: EffectiveAccessReport): string {
  return `${(report.mode === 'full' ? fullMarkdown(report) : diffMarkdown(report)).join('\n')}\n`;
}

function fullMarkdown(report: FullReport): string[] {
  const { matrix } = report;
  const refs = new DenyRefs();
  const table = [
    row(['Layer', ...matrix.columns.map((c) => escapeCell(c.label))]),
    row(['---', ...matrix.columns.map(() => ':---:')]),
    ...matrix.rows.map((r, i) => row([rowLabel(r), ...(matrix.cells[i] ?? []).map((cell) => shortCell(cell, refs))])),
  ];
  return [
    '# modelgate: effective access',
    '',
    method(report),
    '',
    '## Organization',
    '',
    ...mermaid(report.diagram),
    '',
    '## Effective access',
    '',
    '✅ allowed, ⛔ denied by the statements listed under the table.',
    '',
    ...table,
    '',
    ...refs.legend(),
    '',
    ...columnLegend(matrix.columns),
    '',
    '## Roles',
    '',
    ...rolesSection(report.roles),
    '',
    '## SCP budget',
    '',
    ...budgetTable(report),
    '',
    '## Warnings',
    '',
    ...warnings(report),
    '',
    '## Routes no SCP closes',
    '',
    ...openRoutes(report),
    '',
    '## Assumptions',
    '',
    ...assumptions(report).map((a) => `- ${a}`),
  ];
}

function diffMarkdown(report: DiffReport): string[] {
  const { matrix, changes } = report;
  const count = changes.length + report.roleChanges.length;
  const summary =
    count === 0
      ? `No cell changes between \`${report.baseOutdir}\` and \`${report.outdir}\`: the effective access is the same.`
      : `${count} cell${count > 1 ? 's' : ''} change${count > 1 ? '' : 's'} between \`${report.baseOutdir}\` (before) and \`${report.outdir}\` (after), in ${report.changedLayers.length} layer${report.changedLayers.length > 1 ? 's' : ''} (highlighted below).`;
  const changedColumns = [...new Set(changes.map((c) => c.column))].sort((a, b) => a - b).flatMap((c) => matrix.columns[c] ?? []);
  return [
    '# modelgate: effective access changes',
    '',
    summary,
    '',
    ...(changes.length === 0
      ? []
      : [
          row(['Layer', 'Column', 'Before', 'After']),
          row(['---', '---', '---', '---']),
          ...changes.map((change) => {
            const r = matrix.rows[change.row];
            const c = matrix.columns[change.column];
            return row([r ? rowLabel(r) : '?', escapeCell(c?.label ?? '?'), longCell(change.before), longCell(change.after)]);
          }),
          '',
          ...columnLegend(changedColumns),
          '',
        ]),
    ...roleChangesSection(report.roleChanges),
    '## Organization',
    '',
    ...mermaid(report.diagram),
    '',
    method(report),
  ];
}

function method(report: EffectiveAccessReport): string {
  const principal = `arn:${report.governance.partition}:iam::<account>:role/${report.matrix.principalRole}`;
  return (
    `Each cell is a concrete request evaluated by an IAM policy simulator (\`@cloud-copilot/iam-simulate\`) against the ` +
    `SCPs synthesized in \`${report.outdir}\`, chained root → OUs → account as AWS Organizations evaluates them: the ` +
    `decisions come from the policies, not from \`${report.configFile}\`. The principal is \`${principal}\`, ` +
    'which no break-glass or `except` pattern matches, with identity permissions that allow everything, so only the SCPs decide. ' +
    'Root and OU rows are requests from an account directly in that layer with no rules of its own. ' +
    'Role cells are requests by each generated role (Canvas execution roles, model users) with its own ARN, against its ' +
    'account\'s SCP chain and its identity policies as synthesized.'
  );
}

function mermaid(diagram: string): string[] {
  return ['```mermaid', diagram, '```'];
}

function columnLegend(columns: readonly AccessColumn[]): string[] {
  return [
    '<details><summary>What each column requests</summary>',
    '',
    row(['Column', 'Path', 'Request']),
    row(['---', '---', '---']),
    ...columns.map((c) =>
      row([escapeCell(c.label), `\`${c.path}\``, `${escapeCell(c.description)}${c.madeUpModel ? ' (no known model id matches the glob; the id is made from it)' : ''}`]),
    ),
    '',
    '</details>',
  ];
}

function budgetTable(report: FullReport): string[] {
  if (report.budgets.length === 0) return ['No target holds SCPs from modelgate or declared existing policies.'];
  return [
    row(['Target', 'modelgate documents', 'Characters used (limit per document)', 'Slots used (limit)', 'Slots taken by']),
    row(['---', '---:', '---', '---', '---']),
    ...report.budgets.map((b) => {
      const characters = b.documents.map((d) => `${d.characters.toLocaleString('en-US')} (${Math.round((100 * d.characters) / b.maxCharacters)}%)`);
      const takenBy = [
        ...(b.fullAwsAccess ? ['FullAWSAccess'] : []),
        ...b.existingPolicies.map((p) => `\`${p}\``),
        ...(b.documents.length > 0 ? [`${b.documents.length} modelgate`] : []),
      ];
      return row([
        `${escapeCell(b.layer)} (${b.id})`,
        String(b.documents.length),
        `${characters.join(' + ') || '-'} of ${b.maxCharacters.toLocaleString('en-US')}`,
        `${b.slotsUsed} of ${b.maxPolicies}`,
        takenBy.join(' + '),
      ]);
    }),
  ];
}

function warnings(report: FullReport): string[] {
  const lines: string[] = [];
  const { managementAccount, exemptions, narrowed } = report;
  if (managementAccount) {
    lines.push(
      managementAccount.hasRules
        ? `- **Management account rules have no effect:** \`${managementAccount.layer}\` (${managementAccount.id}) is the management account; SCPs never restrict it, so its rules are not synthesized and it is not in the matrix. Govern it with IAM policies.`
        : `- **Management account:** \`${managementAccount.layer}\` (${managementAccount.id}) is not in the matrix: SCPs never restrict it.`,
    );
  }
  for (const e of exemptions.exemptions) {
    const where = e.everyDeny
      ? 'every deny statement'
      : e.statements.map((s) => `${escapeCell(s.layer)} \`${s.sid ?? s.policy ?? '?'}\``).join(', ');
    lines.push(`- **Exempted principal** \`${e.principal}\`: ${where}.`);
  }
  if (exemptions.unexempted.length > 0) {
    lines.push(
      `- **Deny statements that exempt nobody** (not even a break-glass principal): ${exemptions.unexempted.map((s) => `${escapeCell(s.layer)} \`${s.sid ?? s.policy ?? '?'}\``).join(', ')}.`,
    );
  }
  if (narrowed.length > 0) {
    lines.push('- **Allowed at a parent, denied below:**');
    lines.push('', row(['Column', 'Allowed at', 'Denied at', 'Denied by']), row(['---', '---', '---', '---']));
    for (const n of narrowed) {
      lines.push(row([escapeCell(n.column), escapeCell(n.parent), escapeCell(n.child), n.deniedBy.map(describeStatement).join('; ')]));
    }
    lines.push('');
  }
  for (const w of report.configWarnings) lines.push(`- Config: ${escapeCell(formatProblem(w))}`);
  return lines.length > 0 ? lines : ['None.'];
}

function openRoutes(report: FullReport): string[] {
  return [
    'SCPs restrict the principals of member accounts and nothing else; these routes stay open whatever the rules say.',
    '',
    row(['Route', 'What stays open', 'What narrows it']),
    row(['---', '---', '---']),
    ...report.openRoutes.map((r) => row([escapeCell(r.route), escapeCell(r.why), escapeCell(r.narrowedBy)])),
  ];
}

function assumptions(report: FullReport): string[] {
  const { governance } = report;
  const withExisting = governance.targets.filter((t) => t.existingPolicies.length > 0);
  return [
    governance.fullAwsAccessAttached
      ? 'FullAWSAccess is attached at every level (`fullAwsAccess: attached`).'
      : 'The config says FullAWSAccess was replaced (`fullAwsAccess: replaced`); the matrix still assumes some SCP allows these requests at every level, so it shows only what modelgate denies.',
    ...(withExisting.length > 0
      ? [`Existing policies (${withExisting.flatMap((t) => t.existingPolicies.map((p) => `\`${p}\``)).join(', ')}) take slots but are not evaluated: their content is not in cdktf.out.`]
      : []),
    ...roleAssumptions(report.roles),
    `Requests are made in ${governance.deployment.region} (\`deployment.region\`).`,
  ];
}

function rowLabel(r: AccessRow): string {
  // OU layers are paths ("Workloads/Prod"); the lineage already lists each parent.
  const names = r.lineage.slice(1).map((layer) => escapeCell(layer.split('/').at(-1) ?? layer));
  const [last = 'root'] = names.slice(-1);
  return [...names.slice(0, -1), `**${last}**`].join(' › ');
}
