import { formatProblem } from '../../modules/config';
import type { AccessColumn } from './access-columns';
import type { AccessMatrix } from './access-matrix';
import type { EffectiveAccessReport } from './effective-access-report';
import { guardrailCoverage } from './guardrail-enforcement';
import { hasStandIn, MANAGED_POLICIES_STAND_IN, type RoleMatrix } from './role-matrix';

/** Stands for the row's account in the column requests of the JSON report. */
const ACCOUNT_PLACEHOLDER = '<account>';

/** The report as plain data: the Markdown's twin, for pipelines. */
export function reportJson(report: EffectiveAccessReport): Record<string, unknown> {
  const { matrix, governance } = report;
  const header = {
    report: 'modelgate-effective-access',
    version: 1,
    mode: report.mode,
    config: report.configFile,
    out: report.outdir,
    principal: `arn:${governance.partition}:iam::${ACCOUNT_PLACEHOLDER}:role/${matrix.principalRole}`,
  };
  if (report.mode === 'diff') {
    return {
      ...header,
      base: report.baseOutdir,
      changes: report.changes.map((change) => {
        const row = matrix.rows[change.row];
        return {
          layer: row?.layer,
          id: row?.id,
          column: matrix.columns[change.column]?.key,
          label: matrix.columns[change.column]?.label,
          before: change.before,
          after: change.after,
        };
      }),
      roleChanges: report.roleChanges,
      changedLayers: report.changedLayers,
      columns: matrix.columns.map(columnJson),
      diagram: report.diagram,
    };
  }
  return {
    ...header,
    columns: matrix.columns.map(columnJson),
    rows: rowsJson(matrix),
    roles: rolesJson(report.roles),
    budget: report.budgets,
    warnings: {
      ...(report.managementAccount ? { managementAccount: report.managementAccount } : {}),
      exemptedPrincipals: report.exemptions.exemptions,
      unexemptedDenies: report.exemptions.unexempted,
      allowedAtParentDeniedBelow: report.narrowed,
      config: report.configWarnings.map(formatProblem),
    },
    routesNoScpCloses: report.openRoutes,
    guardrailEnforcement: guardrailCoverage(governance),
    diagram: report.diagram,
  };
}

function columnJson(column: AccessColumn): Record<string, unknown> {
  return {
    key: column.key,
    label: column.label,
    path: column.path,
    description: column.description,
    ...(column.madeUpModel ? { madeUpModel: true } : {}),
    policies: column.source.kind,
    request: column.request(ACCOUNT_PLACEHOLDER),
  };
}

function rowsJson(matrix: AccessMatrix): Record<string, unknown>[] {
  return matrix.rows.map((row, i) => ({
    layer: row.layer,
    kind: row.kind,
    id: row.id,
    lineage: row.lineage,
    account: row.account,
    cells: Object.fromEntries(matrix.columns.map((column, c) => [column.key, matrix.cells[i]?.[c]])),
  }));
}

/** The Roles section: each cell carries its request, whose principal is the role's ARN. */
function rolesJson(roles: RoleMatrix): Record<string, unknown> {
  return {
    columns: roles.columns.map((c) => ({ key: c.key, label: c.label, description: c.description, roles: c.kinds })),
    rows: roles.rows.map((row, i) => ({
      role: row.arn,
      name: row.role.name,
      kind: row.kind,
      layer: row.layer,
      account: row.role.account,
      ...(row.configEntry ? { configEntry: row.configEntry } : {}),
      identityPolicies: [...row.role.inlinePolicies.map((p) => p.name), ...(hasStandIn(row) ? [MANAGED_POLICIES_STAND_IN] : [])],
      managedPolicies: row.role.managedPolicyArns,
      cells: Object.fromEntries(roles.columns.flatMap((column, c) => {
        const cell = roles.cells[i]?.[c];
        return cell === undefined ? [] : [[column.key, cell]];
      })),
    })),
  };
}
