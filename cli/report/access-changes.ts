import type { ResolvedGovernance } from '../../modules/config';
import { NO_PROGRESS, type Progress } from '../../modules/progress';
import type { SynthesizedPolicies } from '../simulate';
import type { AccessColumn } from './access-columns';
import {
  answerQuestions,
  cellCombiner,
  LevelAnswers,
  planQuestions,
  type AccessCell,
  type AccessRow,
  type CellsOfRow,
  type PlannedCell,
} from './access-matrix';
import type { LevelVerdict } from './level-verdicts';

/** One cell whose decision differs between the base output and this one. */
export interface AccessChange {
  /** Index into the rows. */
  readonly row: number;
  /** Index into the columns. */
  readonly column: number;
  readonly before: AccessCell;
  readonly after: AccessCell;
}

/**
 * The cells whose decision differs between two outputs, row by row and column by column; a
 * different deny statement with the same decision is no change in access.
 *
 * Only what changed is evaluated. A cell's decision follows from its levels' evaluations
 * (Allowed, ExplicitlyDenied, ImplicitlyDenied), and a level whose SCPs are the same in both
 * outputs evaluates the same request alike, so a decision can change only where a level with
 * changed SCPs (a changed level) evaluates the cell differently: the simulator is asked about the
 * changed levels of every cell they reach first, in both outputs, and the whole chain of a cell
 * is evaluated, in both outputs, only where some changed level's evaluation differs.
 *
 * @param governance the resolved config (partition, and target ids to name the layers)
 * @param basePolicies the SCPs of the base output, by target id
 * @param policies the SCPs of this output, by target id
 * @param rows the rows, from `accessRows`
 * @param columns the columns
 * @param principalRole the role name of the requesting principal (in each row's account)
 * @param progress told how many of the simulator requests are answered
 */
export async function accessChanges(
  governance: ResolvedGovernance,
  basePolicies: SynthesizedPolicies,
  policies: SynthesizedPolicies,
  rows: readonly AccessRow[],
  columns: readonly AccessColumn[],
  principalRole: string,
  progress: Progress = NO_PROGRESS,
): Promise<AccessChange[]> {
  const changed = changedLevels(basePolicies, policies);
  const every = columns.map((_, c) => c);
  const reached = rows.flatMap((row, index) => {
    const levels = row.chain.filter((id) => changed.has(id));
    return levels.length === 0 ? [] : [{ index, cells: { row, columns: every, levels } }];
  });
  // Shared by both outputs: a level the change leaves alone is asked about once.
  const answers = new LevelAnswers();
  const ask = async (selection: readonly CellsOfRow[]): Promise<readonly (readonly PlannedCell[])[]> => {
    const plan = planQuestions(governance, [basePolicies, policies], selection, columns, principalRole, answers);
    await answerQuestions(plan, answers, progress);
    return plan.cells;
  };

  const [before, after] = await ask(reached.map((r) => r.cells));
  const evaluations = (cell: PlannedCell): string => cell.keys.map((key) => (answers.verdicts.get(key) as LevelVerdict).evaluation).join();
  const suspects = reached.flatMap(({ index, cells: { row } }, position) => {
    const differing = every.filter((c) => {
      const cell = position * columns.length + c;
      return evaluations(before?.[cell] as PlannedCell) !== evaluations(after?.[cell] as PlannedCell);
    });
    return differing.length === 0 ? [] : [{ index, cells: { row, columns: differing, levels: row.chain } }];
  });

  const [wholeBefore, wholeAfter] = await ask(suspects.map((s) => s.cells));
  const cellOf = cellCombiner(governance, answers);
  const places = suspects.flatMap(({ index, cells }) => cells.columns.map((column) => ({ row: index, column })));
  return places.flatMap((place, k): AccessChange[] => {
    const was = cellOf(wholeBefore?.[k] as PlannedCell);
    const is = cellOf(wholeAfter?.[k] as PlannedCell);
    return was.decision === is.decision ? [] : [{ ...place, before: was, after: is }];
  });
}

/** The ids of the levels (root, OUs, accounts) whose SCPs, names or documents, differ between the two outputs. */
function changedLevels(basePolicies: SynthesizedPolicies, policies: SynthesizedPolicies): Set<string> {
  const text = (list: SynthesizedPolicies, id: string): string => JSON.stringify((list.get(id) ?? []).map((p) => [p.name, p.content]));
  const ids = new Set([...policies.keys(), ...basePolicies.keys()]);
  return new Set([...ids].filter((id) => text(policies, id) !== text(basePolicies, id)));
}
