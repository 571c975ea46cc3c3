import type { ResolvedGovernance } from '../../modules/config';
import type { AccessMatrix, DenyingStatement } from './access-matrix';

/** A cell allowed at a layer and denied in a layer below it. */
export interface NarrowedAccess {
  readonly column: string;
  readonly parent: string;
  readonly child: string;
  readonly deniedBy: readonly DenyingStatement[];
}

/** The management account, when the config names it: SCPs never restrict it. */
export interface ManagementAccountNote {
  readonly layer: string;
  readonly id: string;
  /** Whether the config writes rules for it (they have no effect). */
  readonly hasRules: boolean;
}

/**
 * Cells that flip from Allowed at a parent (the root or an OU) to Denied in a child (a nested OU
 * or an account): where a layer narrows what its parent allows.
 */
export function narrowedAccess(matrix: AccessMatrix): NarrowedAccess[] {
  const rowOf = new Map(matrix.rows.map((row, i) => [row.layer, i]));
  const found: NarrowedAccess[] = [];
  matrix.rows.forEach((row, i) => {
    const parent = row.lineage.at(-2);
    const p = parent === undefined ? undefined : rowOf.get(parent);
    if (parent === undefined || p === undefined) return;
    matrix.columns.forEach((column, c) => {
      const before = matrix.cells[p]?.[c];
      const after = matrix.cells[i]?.[c];
      if (before?.decision === 'Allowed' && after?.decision === 'Denied') {
        found.push({ column: column.label, parent, child: row.layer, deniedBy: after.deniedBy });
      }
    });
  });
  return found;
}

/** The management account entry of the config, if any. */
export function managementAccountNote(governance: ResolvedGovernance): ManagementAccountNote | undefined {
  const target = governance.targets.find((t) => t.kind === 'account' && t.id === governance.managementAccount);
  return target === undefined ? undefined : { layer: target.layer, id: target.id, hasRules: target.rules !== undefined };
}
