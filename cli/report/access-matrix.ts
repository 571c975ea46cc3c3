import type { ResolvedGovernance, TargetKind } from '../../modules/config';
import { NO_PROGRESS, type Progress } from '../../modules/progress';
import { FULL_AWS_ACCESS_NAME, scpChainFor, type Decision, type DecisionRequest, type ScpLevel, type SynthesizedPolicies } from '../simulate';
import { accountBlind } from './account-blind';
import type { AccessColumn } from './access-columns';
import { actionLevel, type ActionLevel } from './action-level';
import { decideRequests, type LevelEvaluation, type LevelVerdict } from './level-verdicts';

/**
 * The account a root or OU row is evaluated from: it stands for any account directly in that
 * layer with no rules of its own, and is no account of the config.
 */
export const LAYER_ACCOUNT = '000000000000';

/** One row of the matrix: the root, an OU or an account, with the path AWS evaluates for it. */
export interface AccessRow {
  /** The layer key of governance.yaml: `root`, an OU path, or an account name. */
  readonly layer: string;
  readonly kind: TargetKind;
  /** The AWS id of the layer (r-..., ou-..., or the account id). */
  readonly id: string;
  /** Layer keys from the root to this layer. */
  readonly lineage: readonly string[];
  /** AWS ids from the root to this layer: the SCP levels AWS evaluates. */
  readonly chain: readonly string[];
  /** The account whose principal makes the requests. */
  readonly account: string;
}

/** A statement that denied a request. */
export interface DenyingStatement {
  /** The layer the denying policy is attached to. */
  readonly layer: string;
  /** The `aws_organizations_policy` name, absent for an implicit deny (no Allow at that layer). */
  readonly policy?: string;
  readonly sid?: string;
}

/** One evaluated cell. */
export interface AccessCell {
  readonly decision: Decision;
  /** Empty when allowed. */
  readonly deniedBy: readonly DenyingStatement[];
}

/** The effective-access matrix: `cells[row][column]` follows `rows` and `columns`. */
export interface AccessMatrix {
  readonly principalRole: string;
  readonly rows: readonly AccessRow[];
  readonly columns: readonly AccessColumn[];
  readonly cells: readonly (readonly AccessCell[])[];
}

/**
 * The rows: the root, every OU and every account, in config order, except the management
 * account, which SCPs never restrict.
 */
export function accessRows(governance: ResolvedGovernance): AccessRow[] {
  const idOf = new Map(governance.targets.map((t) => [t.layer, t.id]));
  return governance.targets
    .filter((t) => !(t.kind === 'account' && t.id === governance.managementAccount))
    .map((t) => ({
      layer: t.layer,
      kind: t.kind,
      id: t.id,
      lineage: t.lineage,
      chain: t.lineage.map((layer) => idOf.get(layer) ?? layer),
      account: t.kind === 'account' ? t.id : LAYER_ACCOUNT,
    }));
}

/**
 * Room for the numbers of requests in a question's key (`level documents x ROOM + request`): a Map
 * holds fewer than 2^24 entries, so no text is ever numbered that high, and two different questions
 * never share a key (well within the integers a double represents exactly).
 */
const ROOM = 2 ** 24;

/**
 * The simulator's answers by question (level documents and request), shared by the evaluations
 * of one run (the base and this output in diff mode). Documents and requests are numbered, so
 * that a question's key is one number however large the level's policies are.
 */
export class LevelAnswers {
  readonly verdicts = new Map<number, LevelVerdict>();
  private readonly numbers = new Map<string, number>();

  /** The number of a level's documents or of a request, the same for the same text. */
  numberOf(text: string): number {
    let n = this.numbers.get(text);
    if (n === undefined) {
      n = this.numbers.size;
      this.numbers.set(text, n);
    }
    return n;
  }
}

/** The key of the question "what does the level with these documents say to this request". */
function questionKey(content: number, request: number): number {
  return content * ROOM + request;
}

/** Some cells of one row, and the levels of its chain they are judged by. */
export interface CellsOfRow {
  readonly row: AccessRow;
  /** Indexes into the columns, in order. */
  readonly columns: readonly number[];
  /** The ids of the levels asked about: the row's chain, or a part of it in its order. */
  readonly levels: readonly string[];
}

/** One planned cell: its levels, root first, and the key of the simulator's answer for each. */
export interface PlannedCell {
  readonly levels: readonly ActionLevel[];
  readonly keys: readonly number[];
}

/** A question for the simulator: one level and a request. */
interface Question {
  readonly level: ActionLevel;
  readonly request: DecisionRequest;
  /**
   * The number of the request as far as the level can tell it apart from others (its account as a
   * placeholder when the level is account-blind, without its resource when the level is
   * resource-blind): questions with the same one go to the simulator together, with the request
   * of any of them.
   */
  readonly requestKey: number;
}

/** The questions of some cells, in one or more outputs. */
export interface QuestionPlan {
  /** Per output, in the order given: its cells, in the order of the rows and their columns. */
  readonly cells: readonly (readonly PlannedCell[])[];
  /**
   * The questions whose answers were not known when planned, by key. They include one check per
   * distinct request (up to its account) with a level holding no statement: the simulator refuses
   * a request it cannot evaluate (an ARN of no resource type of the action, a context key it would
   * drop) whatever the policies, and a request whose levels are all resource-blind would otherwise
   * never reach it as itself.
   */
  readonly open: ReadonlyMap<number, Question>;
}

/**
 * Evaluates every row x column request with the simulator against the synthesized SCPs chained
 * root -> OUs -> account. The decision comes from the policies alone, never from the config.
 * Every column's source is `scps` today: its requests carry an identity policy that allows
 * everything, so that the SCPs alone decide.
 *
 * AWS allows a request only if every level of the chain allows it, and the simulator evaluates
 * each level on its own and combines them the same way, so the simulator is asked about each
 * level once per distinct request and the cells are combined from those answers: the levels an
 * account shares with its OU, and every level equal in its documents to another, cost nothing
 * more. A level whose statements cannot tell accounts apart ({@link accountBlind}) answers the
 * same request of every account at once, and one whose statements all apply to every resource
 * ({@link ActionLevel.resourceBlind}) answers every request that differs only in its resource.
 *
 * @param governance the resolved config (partition, and target ids to name the layers)
 * @param policies the SCPs read from cdktf.out, by target id
 * @param rows the rows, from {@link accessRows}
 * @param columns the columns
 * @param principalRole the role name of the requesting principal (in each row's account)
 * @param answers answers already known (e.g. from the base output in diff mode): only new questions reach the simulator
 * @param progress told how many of the simulator requests are answered
 */
export async function evaluateMatrix(
  governance: ResolvedGovernance,
  policies: SynthesizedPolicies,
  rows: readonly AccessRow[],
  columns: readonly AccessColumn[],
  principalRole: string,
  answers = new LevelAnswers(),
  progress: Progress = NO_PROGRESS,
): Promise<AccessMatrix> {
  const every = columns.map((_, c) => c);
  const plan = planQuestions(governance, [policies], rows.map((row) => ({ row, columns: every, levels: row.chain })), columns, principalRole, answers);
  await answerQuestions(plan, answers, progress);
  const cellOf = cellCombiner(governance, answers);
  const planned = plan.cells[0] as readonly PlannedCell[];
  const cells: AccessCell[][] = rows.map((_, r) => planned.slice(r * columns.length, (r + 1) * columns.length).map(cellOf));
  return { principalRole, rows, columns, cells };
}

/**
 * Asks the simulator the open questions of a plan that are not answered yet, grouped by request:
 * one simulator call per request judges all its levels.
 */
export async function answerQuestions(plan: QuestionPlan, answers: LevelAnswers, progress: Progress = NO_PROGRESS): Promise<void> {
  const byRequest = new Map<number, { job: { request: DecisionRequest; levels: ScpLevel['policies'][] }; keys: number[] }>();
  for (const [key, { level, request, requestKey }] of plan.open) {
    if (answers.verdicts.has(key)) continue;
    let group = byRequest.get(requestKey);
    if (group === undefined) {
      group = { job: { request, levels: [] }, keys: [] };
      byRequest.set(requestKey, group);
    }
    group.job.levels.push(level.policies.map((p, i) => ({ name: p.name === FULL_AWS_ACCESS_NAME ? p.name : `p${i}`, content: p.content })));
    group.keys.push(key);
  }
  const groups = [...byRequest.values()];
  const verdicts = await decideRequests(groups.map((g) => g.job), progress);
  groups.forEach((group, g) => group.keys.forEach((key, i) => answers.verdicts.set(key, (verdicts[g] as LevelVerdict[])[i] as LevelVerdict)));
}

/**
 * The questions of the given cells in each output: for each cell, one per level asked about,
 * keyed so that a question asked before (in `answers`), by another cell or about another output
 * is not asked again. The outputs share each cell's request, built once.
 */
export function planQuestions(
  governance: ResolvedGovernance,
  outputs: readonly SynthesizedPolicies[],
  selection: readonly CellsOfRow[],
  columns: readonly AccessColumn[],
  principalRole: string,
  answers: LevelAnswers,
): QuestionPlan {
  // Per output, by level id, then action: nested maps spare building a key per cell and level.
  const levels = outputs.map(() => new Map<string, Map<string, { level: ActionLevel; content: number }>>());
  const levelFor = (output: number, id: string, action: string): { level: ActionLevel; content: number } => {
    const policies = outputs[output] as SynthesizedPolicies;
    let byAction = levels[output]?.get(id);
    if (byAction === undefined) {
      byAction = new Map();
      levels[output]?.set(id, byAction);
    }
    let found = byAction.get(action);
    if (found === undefined) {
      const level = id === CHECK ? actionLevel({ id, policies: [] }, action) : actionLevel(scpChainFor(policies, [id])[0] as ScpLevel, action);
      found = { level, content: answers.numberOf(level.contentKey) };
      byAction.set(action, found);
    }
    return found;
  };
  // By level documents and request shape: the key of the question when the level is account-blind, else -1.
  const blindKeys = new Map<number, number>();
  const open = new Map<number, Question>();
  const ask = (key: number, level: ActionLevel, request: DecisionRequest, requestKey: number): void => {
    if (!open.has(key) && !answers.verdicts.has(key)) open.set(key, { level, request, requestKey });
  };
  const cells: PlannedCell[][] = outputs.map(() => []);
  for (const { row, columns: wanted, levels: ids } of selection) {
    const principalArn = `arn:${governance.partition}:iam::${row.account}:role/${principalRole}`;
    const forAccount = (text: string): string => text.replaceAll(row.account, '<account>');
    // The row's levels in each output by action: the columns of one action share them.
    const chainsOf = new Map<string, { level: ActionLevel; content: number }[][]>();
    for (const c of wanted) {
      const request: DecisionRequest = { principalArn, ...(columns[c] as AccessColumn).request(row.account) };
      // The request as text, the resource last so that the text without it is a prefix.
      const context = request.context === undefined ? '' : JSON.stringify(request.context);
      const withoutResource = `${request.principalArn}\n${request.action}\n${context}\n`;
      const text = `${withoutResource}${request.resource}`;
      const shape = answers.numberOf(forAccount(text));
      const check = levelFor(0, CHECK, request.action);
      ask(questionKey(check.content, shape), check.level, request, shape);
      let chains = chainsOf.get(request.action);
      if (chains === undefined) {
        chains = outputs.map((_, output) => ids.map((id) => levelFor(output, id, request.action)));
        chainsOf.set(request.action, chains);
      }
      // The other numbers of the request, each taken once a level needs it.
      let asked: number | undefined;
      let anyResource: number | undefined;
      let anyResourceShape: number | undefined;
      chains.forEach((chain, output) => {
        const cellLevels: ActionLevel[] = [];
        const keys: number[] = [];
        for (const { level, content } of chain) {
          const shaped = questionKey(content, shape);
          let key = blindKeys.get(shaped);
          if (key === undefined) {
            // An account-blind level's question is the same for every account whose request has this shape.
            const requestKey = level.resourceBlind ? (anyResourceShape ??= answers.numberOf(forAccount(withoutResource))) : shape;
            key = accountBlind(level.statements, request, row.account) ? questionKey(content, requestKey) : -1;
            blindKeys.set(shaped, key);
            if (key !== -1) ask(key, level, request, requestKey);
          }
          if (key === -1) {
            const requestKey = level.resourceBlind ? (anyResource ??= answers.numberOf(withoutResource)) : (asked ??= answers.numberOf(text));
            key = questionKey(content, requestKey);
            ask(key, level, request, requestKey);
          }
          cellLevels.push(level);
          keys.push(key);
        }
        cells[output]?.push({ levels: cellLevels, keys });
      });
    }
  }
  return { cells, open };
}

/** The id of the level with no statement that every distinct request is checked against. */
const CHECK = 'check';

/** The one allowed cell, shared: an allowed cell says nothing more. */
const ALLOWED: AccessCell = Object.freeze({ decision: 'Allowed', deniedBy: Object.freeze([]) });

/**
 * One cell from the answers to its levels' questions, as the simulator combines them: an explicit
 * Deny at any level, else a level without a matching Allow, else Allowed; the deciding
 * statements are those of the levels with the chain's verdict, root first.
 */
export function cellCombiner(governance: ResolvedGovernance, answers: LevelAnswers): (cell: PlannedCell) => AccessCell {
  const layerOf = new Map(governance.targets.map((t) => [t.id, t.layer]));
  return ({ levels, keys }) => {
    const verdicts = keys.map((key) => answers.verdicts.get(key) as LevelVerdict);
    let overall: LevelEvaluation = 'Allowed';
    for (const { evaluation } of verdicts) {
      if (evaluation === 'ExplicitlyDenied') overall = evaluation;
      else if (evaluation === 'ImplicitlyDenied' && overall === 'Allowed') overall = evaluation;
    }
    if (overall === 'Allowed') return ALLOWED;
    const deniedBy = verdicts.flatMap((verdict, i): DenyingStatement[] => {
      if (verdict.evaluation !== overall) return [];
      const level = levels[i] as ActionLevel;
      const layer = layerOf.get(level.id) ?? level.id;
      if (overall === 'ImplicitlyDenied') return [{ layer }];
      return verdict.denies.map((deny) => ({
        layer,
        policy: (level.policies[deny.policy] as { name: string }).name,
        ...(deny.sid === undefined ? {} : { sid: deny.sid }),
      }));
    });
    return { decision: 'Denied', deniedBy };
  };
}
