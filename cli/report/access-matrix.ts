import type { ResolvedGovernance, TargetKind } from '../../modules/config';
import { arnMatches, decide, scpChainFor, type Decision, type ScpLevel, type SynthesizedPolicies } from '../simulate';
import type { AccessColumn } from './access-columns';

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
 * Evaluates every row x column request with the simulator against the synthesized SCPs chained
 * root -> OUs -> account. The decision comes from the policies alone, never from the config.
 * Every column's source is `scps` today: its requests carry an identity policy that allows
 * everything, so that the SCPs alone decide.
 *
 * @param governance the resolved config (partition, and target ids to name the layers)
 * @param policies the SCPs read from cdktf.out, by target id
 * @param rows the rows, from {@link accessRows}
 * @param columns the columns
 * @param principalRole the role name of the requesting principal (in each row's account)
 */
export async function evaluateMatrix(
  governance: ResolvedGovernance,
  policies: SynthesizedPolicies,
  rows: readonly AccessRow[],
  columns: readonly AccessColumn[],
  principalRole: string,
): Promise<AccessMatrix> {
  const layerOf = new Map(governance.targets.map((t) => [t.id, t.layer]));
  const cells: AccessCell[][] = [];
  for (const row of rows) {
    const chain = scpChainFor(policies, row.chain);
    const byAction = new Map<string, ScpLevel[]>();
    const principalArn = `arn:${governance.partition}:iam::${row.account}:role/${principalRole}`;
    const rowCells: AccessCell[] = [];
    for (const column of columns) {
      const request = column.request(row.account);
      let scps = byAction.get(request.action);
      if (scps === undefined) {
        scps = statementsFor(request.action, chain);
        byAction.set(request.action, scps);
      }
      const result = await decide({
        scps,
        request: { principalArn, ...request },
        // A condition key the simulator drops would make the cell a guess.
        failOnIgnoredContextKeys: true,
      });
      rowCells.push({
        decision: result.decision,
        deniedBy: result.detail.denyReasons.map((reason) => ({
          layer: layerOf.get(reason.level ?? '') ?? reason.level ?? 'identity policies',
          ...(reason.policyName === undefined ? {} : { policy: reason.policyName }),
          ...(reason.sid === undefined ? {} : { sid: reason.sid }),
        })),
      });
    }
    cells.push(rowCells);
  }
  return { principalRole, rows, columns, cells };
}

/**
 * The chain with only the statements whose Action or NotAction can match `action`. A statement
 * for other actions neither allows nor denies the request, so the decision is the same, and the
 * simulator no longer matches every request against every large allow-list.
 */
function statementsFor(action: string, chain: readonly ScpLevel[]): ScpLevel[] {
  const matches = (pattern: string): boolean => arnMatches(pattern.toLowerCase(), action.toLowerCase());
  const asList = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);
  return chain.map((level) => ({
    id: level.id,
    policies: level.policies.flatMap((policy) => {
      const document = JSON.parse(policy.content) as { Statement: Record<string, unknown>[] | Record<string, unknown> };
      const statements = (Array.isArray(document.Statement) ? document.Statement : [document.Statement]).filter((statement) => {
        // A statement with neither is invalid: keep it, so that the simulator refuses the policy.
        if (statement.Action === undefined && statement.NotAction === undefined) return true;
        return statement.NotAction === undefined ? asList(statement.Action).some(matches) : !asList(statement.NotAction).some(matches);
      });
      return statements.length === 0 ? [] : [{ name: policy.name, content: JSON.stringify({ ...document, Statement: statements }) }];
    }),
  }));
}
