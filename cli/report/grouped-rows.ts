import type { AccessMatrix } from './access-matrix';

/** The rows of a matrix as a reader needs them: those that add something, and those that only repeat their parent. */
export interface GroupedRows {
  /** The rows whose access differs from their parent's in at least one column (the root always), in matrix order. */
  readonly listed: readonly number[];
  /** For a parent row, its child rows (OUs and accounts) whose every cell has the parent's decision, in matrix order. */
  readonly sameAsParent: ReadonlyMap<number, readonly number[]>;
}

/**
 * Groups the rows whose effective access is identical to their parent's (the OU or root directly
 * above), column by column, under that parent; every other row is listed. A row is compared with
 * its own parent, never with an ancestor further up, so an account that differs from its OU is
 * always listed, even when the OU repeats the root.
 */
export function groupRows(matrix: AccessMatrix): GroupedRows {
  const rowOf = new Map(matrix.rows.map((row, i) => [row.layer, i]));
  const listed: number[] = [];
  const sameAsParent = new Map<number, number[]>();
  matrix.rows.forEach((row, i) => {
    const parentLayer = row.lineage.at(-2);
    const parent = parentLayer === undefined ? undefined : rowOf.get(parentLayer);
    if (parent === undefined || !sameDecisions(matrix, i, parent)) {
      listed.push(i);
      return;
    }
    const children = sameAsParent.get(parent) ?? [];
    children.push(i);
    sameAsParent.set(parent, children);
  });
  return { listed, sameAsParent };
}

function sameDecisions(matrix: AccessMatrix, row: number, parent: number): boolean {
  const cells = matrix.cells[row] ?? [];
  const parentCells = matrix.cells[parent] ?? [];
  return cells.length === parentCells.length && cells.every((cell, c) => cell.decision === parentCells[c]?.decision);
}
