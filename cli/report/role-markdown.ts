import type { RoleChange } from './effective-access-report';
import type { GeneratedRole } from './generated-roles';
import { DenyRefs, escapeCell, longCell, row, shortCell } from './markdown-cells';
import type { RoleColumn } from './role-columns';
import { hasStandIn, MANAGED_POLICIES_STAND_IN, type RoleMatrix } from './role-matrix';

const KIND_LABEL: Readonly<Record<GeneratedRole['kind'], string>> = { canvas: 'Canvas execution role', modelUser: 'model user' };

/** The Roles section of the full report: one row per generated role, its own policies deciding. */
export function rolesSection(roles: RoleMatrix): string[] {
  if (roles.rows.length === 0) return ['No Canvas execution role or model user is synthesized.'];
  const refs = new DenyRefs('R');
  const table = [
    row(['Role', 'Account', 'Kind', ...roles.columns.map((c) => escapeCell(c.label))]),
    row(['---', '---', '---', ...roles.columns.map(() => ':---:')]),
    ...roles.rows.map((r, i) =>
      row([
        `\`${r.role.name}\``,
        escapeCell(r.layer),
        `${KIND_LABEL[r.kind]}${r.configEntry ? ` (\`${r.configEntry}\`)` : ''}`,
        ...(roles.cells[i] ?? []).map((cell) => (cell === undefined ? '—' : shortCell(cell, refs))),
      ]),
    ),
  ];
  return [
    'Each role makes the requests itself (its ARN is the principal), evaluated against the SCP chain of its account and the ' +
      'role\'s own identity policies as synthesized in cdktf.out. ✅ allowed, ⛔ denied by the statements listed under the table, ' +
      '— the column does not apply to this role.',
    '',
    ...table,
    '',
    ...refs.legend(),
    '',
    ...roleColumnLegend(roles.columns),
  ];
}

/** The role cells that change, for diff mode. */
export function roleChangesSection(changes: readonly RoleChange[]): string[] {
  if (changes.length === 0) return [];
  const side = (cell: RoleChange['before']): string => (cell === undefined ? '— (no such role or cell)' : longCell(cell));
  return [
    '### Roles',
    '',
    row(['Role', 'Column', 'Before', 'After']),
    row(['---', '---', '---', '---']),
    ...changes.map((c) => row([`\`${c.role}\``, escapeCell(c.label), side(c.before), side(c.after)])),
    '',
  ];
}

/** The assumption the stand-in makes, when some role has AWS managed policies. */
export function roleAssumptions(roles: RoleMatrix): string[] {
  const withManaged = roles.rows.filter(hasStandIn);
  if (withManaged.length === 0) return [];
  return [
    `AWS managed policies are not in cdktf.out: for ${withManaged.map((r) => `\`${r.role.name}\``).join(', ')} the Roles section ` +
      `stands in one identity policy that allows everything ("${MANAGED_POLICIES_STAND_IN}"), so its cells show what the SCPs and ` +
      'modelgate\'s inline policies leave; an Allow there does not prove the managed policies grant the request.',
  ];
}

function roleColumnLegend(columns: readonly RoleColumn[]): string[] {
  return [
    '<details><summary>What each role column requests</summary>',
    '',
    row(['Column', 'Roles', 'Request']),
    row(['---', '---', '---']),
    ...columns.map((c) => row([escapeCell(c.label), c.kinds.map((k) => KIND_LABEL[k]).join(', '), escapeCell(c.description)])),
    '',
    '</details>',
  ];
}
