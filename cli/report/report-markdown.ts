import { formatProblem } from '../../modules/config';
import type { AccessColumn } from './access-columns';
import type { AccessMatrix, AccessRow, DenyingStatement } from './access-matrix';
import { fitComment, limitRows, type MarkdownLimits } from './comment-size';
import type { DiffReport, EffectiveAccessReport, FullReport } from './effective-access-report';
import { groupRows, type GroupedRows } from './grouped-rows';
import { guardrailCoverage } from './guardrail-enforcement';
import { DenyRefs, describeStatement, escapeCell, longCell, row, shortCell } from './markdown-cells';
import { roleAssumptions, roleChangesSection, rolesSection } from './role-markdown';

/**
 * The report as GitHub-flavoured Markdown: tables and a Mermaid diagram, ready for a PR comment.
 * Layers with the same access as the layer above are counted under it rather than repeated, and
 * the whole stays within one comment ({@link fitComment}); the JSON report keeps every cell.
 */
export function reportMarkdown(report: EffectiveAccessReport): string {
  if (report.mode === 'diff') return fitComment((limits) => `${diffMarkdown(report, limits).join('\n')}\n`);
  const grouped = groupRows(report.matrix);
  const table = tableRows(report.matrix, grouped);
  return fitComment((limits) => `${fullMarkdown(report, grouped, table, limits).join('\n')}\n`);
}

/**
 * The rows of the matrix table, rendered once for every try at fitting the comment: the first n
 * rows number the same deny statements whatever n, the statements in order of first use.
 */
interface TableRows {
  /** One table row per listed layer. */
  readonly lines: readonly string[];
  /** The deny statements the rows refer to, numbered in this order. */
  readonly statements: readonly DenyingStatement[];
  /** For each row, how many of the statements the rows up to it refer to. */
  readonly used: readonly number[];
}

function tableRows(matrix: AccessMatrix, grouped: GroupedRows): TableRows {
  const refs = new DenyRefs();
  const used: number[] = [];
  const lines = grouped.listed.map((i) => {
    const line = row([rowLabel(matrix.rows[i] as AccessRow), ...(matrix.cells[i] ?? []).map((cell) => shortCell(cell, refs))]);
    used.push(refs.statements.length);
    return line;
  });
  return { lines, statements: refs.statements, used };
}

/** Where the JSON report lies, for the notes that count what the Markdown leaves out. */
const IN_JSON = 'every cell is in modelgate-report.json';

function fullMarkdown(report: FullReport, grouped: GroupedRows, listedRows: TableRows, limits: MarkdownLimits): string[] {
  const { matrix } = report;
  const rows = listedRows.lines.slice(0, limits.tableRows);
  // Only the rows shown number deny statements, so that the legend lists no statement the table does not use.
  const refs = new DenyRefs();
  for (const statement of listedRows.statements.slice(0, listedRows.used[rows.length - 1] ?? 0)) refs.ref(statement);
  const left = grouped.listed.length - rows.length;
  const table = [
    row(['Layer', ...matrix.columns.map((c) => escapeCell(c.label))]),
    row(['---', ...matrix.columns.map(() => ':---:')]),
    ...rows,
    ...(left > 0 ? ['', `… and ${left} more layer${left === 1 ? '' : 's'} whose access differs from the layer above: ${IN_JSON}.`] : []),
  ];
  return [
    '# modelgate: effective access',
    '',
    method(report),
    '',
    '## Organization',
    '',
    ...mermaid(report.diagram, limits),
    '',
    '## Effective access',
    '',
    '✅ allowed, ⛔ denied by the statements listed under the table. A layer whose every cell is as the layer above is not repeated: it is counted under the table.',
    '',
    ...table,
    '',
    ...sameAsParentLines(matrix, grouped, limits),
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
    ...budgetTable(report, limits),
    '',
    ...guardrailSection(report, limits),
    '## Warnings',
    '',
    ...warnings(report, limits),
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

function diffMarkdown(report: DiffReport, limits: MarkdownLimits): string[] {
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
          ...limitRows(
            changes.map((change) => {
              const r = matrix.rows[change.row];
              const c = matrix.columns[change.column];
              return row([r ? rowLabel(r) : '?', escapeCell(c?.label ?? '?'), longCell(change.before), longCell(change.after)]);
            }),
            limits.tableRows,
            (left) => `… and ${left} more changed cell${left === 1 ? '' : 's'}: ${IN_JSON}.`,
          ),
          '',
          ...columnLegend(changedColumns),
          '',
        ]),
    ...roleChangesSection(report.roleChanges),
    '## Organization',
    '',
    ...mermaid(report.diagram, limits),
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

function mermaid(diagram: string, limits: MarkdownLimits): string[] {
  if (!limits.diagram) return ['The diagram is too large for one pull-request comment: it is in modelgate-report.json (`diagram`, Mermaid source).'];
  return ['```mermaid', diagram, '```'];
}

/** One line per parent: how many layers below it have its access in every column, and which. */
function sameAsParentLines(matrix: AccessMatrix, grouped: GroupedRows, limits: MarkdownLimits): string[] {
  if (grouped.sameAsParent.size === 0) return [];
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  const lines = [...grouped.sameAsParent].sort(([a], [b]) => a - b).map(([parent, children]) => {
    const above = matrix.rows[parent] as AccessRow;
    const layers = children.map((i) => matrix.rows[i] as AccessRow);
    const accounts = layers.filter((l) => l.kind === 'account').length;
    const units = layers.length - accounts;
    const what = [...(accounts > 0 ? [count(accounts, 'account')] : []), ...(units > 0 ? [count(units, 'OU')] : [])].join(' and ');
    const shown = layers.slice(0, limits.namesPerGroup).map((l) => `\`${l.layer}\``);
    const more = layers.length - shown.length;
    const names = `${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
    return `- ${what} under ${above.kind === 'root' ? 'the root' : `\`${above.layer}\``}: as ${above.kind === 'root' ? 'the root' : 'the OU'} (${names})`;
  });
  return ['Same access as the layer above in every column, so not repeated in the table:', '', ...lines, ''];
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

function budgetTable(report: FullReport, limits: MarkdownLimits): string[] {
  if (report.budgets.length === 0) return ['No target holds SCPs from modelgate or declared existing policies.'];
  return [
    row(['Target', 'modelgate documents', 'Characters used (limit per document)', 'Slots used (limit)', 'Slots taken by']),
    row(['---', '---:', '---', '---', '---']),
    ...limitRows(report.budgets.map((b) => {
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
    }), limits.tableRows, (left) => `… and ${left} more target${left === 1 ? '' : 's'}: every budget is in modelgate-report.json.`),
  ];
}

/** Which layers a required guardrail reaches, by route; no section when the config requires none. */
function guardrailSection(report: FullReport, limits: MarkdownLimits): string[] {
  const coverage = guardrailCoverage(report.governance);
  if (coverage.length === 0) return [];
  const routes = (entries: readonly { readonly from: string; readonly guardrails: readonly string[] }[]): string =>
    entries.map((e) => `${escapeCell(e.from)}: ${e.guardrails.map((g) => `\`${escapeCell(g)}\``).join(', ')}`).join('; ') || '-';
  return [
    '## Guardrail enforcement',
    '',
    'Organization policy: a Bedrock policy (BEDROCK_POLICY) of the root or an OU; Bedrock applies its guardrail to every model call below it, whatever the request names. ' +
      'SCP route: model invocation is denied unless the request names one of the guardrails (`bedrock:GuardrailIdentifier`). Each cell lists the layers it comes from.',
    '',
    row(['Layer', 'Organization policy', 'SCP route']),
    row(['---', '---', '---']),
    ...limitRows(
      coverage.map((c) => row([`${escapeCell(c.layer)} (${c.id})`, routes(c.organizationPolicy), routes(c.scp)])),
      limits.tableRows,
      (left) => `… and ${left} more layer${left === 1 ? '' : 's'}: every one is in modelgate-report.json.`,
    ),
    '',
  ];
}

function warnings(report: FullReport, limits: MarkdownLimits): string[] {
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
    const narrowedRows = narrowed.map((n) => row([escapeCell(n.column), escapeCell(n.parent), escapeCell(n.child), n.deniedBy.map(describeStatement).join('; ')]));
    lines.push(...limitRows(narrowedRows, limits.tableRows, (left) => `… and ${left} more: every one is in modelgate-report.json.`));
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
