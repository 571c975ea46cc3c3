import type { ResolvedGovernance, TargetKind } from '../../modules/config';
import { NO_PROGRESS, type Progress } from '../../modules/progress';
import { FULL_AWS_ACCESS_NAME, scpChainFor, type Decision, type DecisionRequest, type ScpLevel, type SynthesizedPolicies } from '../simulate';
import { accountBlind } from './account-blind';
import type { AccessColumn } from './access-columns';
import { actionLevel, type ActionLevel } from './action-level';
import { decideRequests, type LevelVerdict } from './level-verdicts';

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
 * The simulator's answers by question (level documents and request), shared by the evaluations
 * of one run (the base and this output in diff mode). Documents and requests are numbered, so
 * that a question's key stays short however large the level's policies are.
 */
export class LevelAnswers {
  readonly verdicts = new Map<string, LevelVerdict>();
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
  const layerOf = new Map(governance.targets.map((t) => [t.id, t.layer]));
  const { cells: questions, checks } = planQuestions(governance, policies, rows, columns, principalRole, answers);
  // The questions not answered yet, grouped by request: one simulator call per request judges all its levels.
  const byRequest = new Map<string, { job: { request: DecisionRequest; levels: ScpLevel['policies'][] }; keys: string[] }>();
  const asked = new Set<string>();
  for (const { key, level, request, requestKey } of [...checks, ...questions.flat()]) {
    if (answers.verdicts.has(key) || asked.has(key)) continue;
    asked.add(key);
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

  const cells: AccessCell[][] = rows.map(() => []);
  questions.forEach((cell, index) => {
    const levels = cell.map(({ key, level }) => ({ level, verdict: answers.verdicts.get(key) as LevelVerdict }));
    (cells[Math.floor(index / columns.length)] as AccessCell[]).push(combine(levels, layerOf));
  });
  return { principalRole, rows, columns, cells };
}

/** One level of one cell's chain, and the key of the simulator's answer for it. */
interface LevelQuestion {
  readonly key: string;
  readonly level: ActionLevel;
  readonly request: DecisionRequest;
  /**
   * The request as far as the level can tell it apart from others (its account as a placeholder
   * when the level is account-blind, without its resource when the level is resource-blind):
   * questions with the same one go to the simulator together, with the request of any of them.
   */
  readonly requestKey: string;
}

/** The questions of every cell, and the checks that the simulator accepts every distinct request. */
interface QuestionPlan {
  /** For every cell, row by row, the questions its chain asks: one per level. */
  readonly cells: readonly (readonly LevelQuestion[])[];
  /**
   * One question per distinct request (up to its account) with a level holding no statement:
   * the simulator refuses a request it cannot evaluate (an ARN of no resource type of the action,
   * a context key it would drop) whatever the policies, and a request whose levels are all
   * resource-blind would otherwise never reach it as itself.
   */
  readonly checks: readonly LevelQuestion[];
}

function planQuestions(
  governance: ResolvedGovernance,
  policies: SynthesizedPolicies,
  rows: readonly AccessRow[],
  columns: readonly AccessColumn[],
  principalRole: string,
  answers: LevelAnswers,
): QuestionPlan {
  // By level id, then action: nested maps spare building a key per cell and level.
  const levels = new Map<string, Map<string, { level: ActionLevel; content: number }>>();
  const levelFor = (id: string, action: string): { level: ActionLevel; content: number } => {
    let byAction = levels.get(id);
    if (byAction === undefined) {
      byAction = new Map();
      levels.set(id, byAction);
    }
    let found = byAction.get(action);
    if (found === undefined) {
      const level = actionLevel(scpChainFor(policies, [id])[0] as ScpLevel, action);
      found = { level, content: answers.numberOf(level.contentKey) };
      byAction.set(action, found);
    }
    return found;
  };
  const blindness = new Map<string, boolean>();
  const checks = new Map<string, LevelQuestion>();
  const cells = rows.flatMap((row) => {
    const principalArn = `arn:${governance.partition}:iam::${row.account}:role/${principalRole}`;
    const forAccount = (text: string): string => text.split(row.account).join('<account>');
    return columns.map((column) => {
      const request: DecisionRequest = { principalArn, ...column.request(row.account) };
      // The request as text, the resource last so that the text without it is a prefix.
      const context = request.context === undefined ? '' : JSON.stringify(request.context);
      const withoutResource = `${request.principalArn}\n${request.action}\n${context}\n`;
      const text = `${withoutResource}${request.resource}`;
      const shapeText = forAccount(text);
      const keys = {
        asked: `${answers.numberOf(text)}`,
        shape: `*${answers.numberOf(shapeText)}`,
        anyResource: (): string => `${answers.numberOf(withoutResource)}`,
        anyResourceShape: (): string => `*${answers.numberOf(forAccount(withoutResource))}`,
      };
      if (!checks.has(keys.shape)) {
        const level = actionLevel({ id: 'check', policies: [] }, request.action);
        checks.set(keys.shape, { key: `${answers.numberOf(level.contentKey)}\n${keys.shape}`, level, request, requestKey: keys.shape });
      }
      return row.chain.map((id): LevelQuestion => {
        const { level, content } = levelFor(id, request.action);
        const blindKey = `${content}\n${keys.shape}`;
        let blind = blindness.get(blindKey);
        if (blind === undefined) {
          blind = accountBlind(level.statements, request, row.account);
          blindness.set(blindKey, blind);
        }
        const requestKey = level.resourceBlind ? (blind ? keys.anyResourceShape() : keys.anyResource()) : blind ? keys.shape : keys.asked;
        return { key: `${content}\n${requestKey}`, level, request, requestKey };
      });
    });
  });
  return { cells, checks: [...checks.values()] };
}

/**
 * One cell from the verdicts of its chain's levels, as the simulator combines them: an explicit
 * Deny at any level, else a level without a matching Allow, else Allowed; the deciding
 * statements are those of the levels with the chain's verdict, root first.
 */
function combine(levels: readonly { level: ActionLevel; verdict: LevelVerdict }[], layerOf: ReadonlyMap<string, string>): AccessCell {
  const evaluations = levels.map((l) => l.verdict.evaluation);
  const overall = evaluations.includes('ExplicitlyDenied') ? 'ExplicitlyDenied' : evaluations.includes('ImplicitlyDenied') ? 'ImplicitlyDenied' : 'Allowed';
  if (overall === 'Allowed') return { decision: 'Allowed', deniedBy: [] };
  const deniedBy = levels
    .filter((l) => l.verdict.evaluation === overall)
    .flatMap(({ level, verdict }): DenyingStatement[] => {
      const layer = layerOf.get(level.id) ?? level.id;
      if (overall === 'ImplicitlyDenied') return [{ layer }];
      return verdict.denies.map((deny) => ({
        layer,
        policy: (level.policies[deny.policy] as { name: string }).name,
        ...(deny.sid === undefined ? {} : { sid: deny.sid }),
      }));
    });
  return { decision: 'Denied', deniedBy };
}
