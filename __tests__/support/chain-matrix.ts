/**
 * The reference the report's engine is held to: every cell asked of the simulator as one request
 * against the row's whole SCP chain (root -> OUs -> account), as AWS Organizations evaluates it,
 * with no answer shared between cells.
 */
import type { AccessCell, AccessColumn, AccessRow } from '../../cli/report';
import { decide, scpChainFor, type ScpLevel, type SynthesizedPolicies } from '../../cli/simulate';
import type { ResolvedGovernance } from '../../modules/config';
import { actionMatches } from './synthesized-scps';

/** `cells[row][column]` of the rows and columns given, one simulator request per cell. */
export async function evaluateChainByChain(
  governance: ResolvedGovernance,
  policies: SynthesizedPolicies,
  rows: readonly AccessRow[],
  columns: readonly AccessColumn[],
  principalRole: string,
): Promise<AccessCell[][]> {
  const layerOf = new Map(governance.targets.map((t) => [t.id, t.layer]));
  const cells: AccessCell[][] = [];
  for (const row of rows) {
    const chain = scpChainFor(policies, row.chain);
    const principalArn = `arn:${governance.partition}:iam::${row.account}:role/${principalRole}`;
    const rowCells: AccessCell[] = [];
    for (const column of columns) {
      const request = column.request(row.account);
      const result = await decide({ scps: onlyFor(request.action, chain), request: { principalArn, ...request }, failOnIgnoredContextKeys: true });
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
  return cells;
}

/** The chain with the statements that can match the action: the others decide nothing, and the simulator is slow on large allow-lists. */
function onlyFor(action: string, chain: readonly ScpLevel[]): ScpLevel[] {
  const asList = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);
  return chain.map((level) => ({
    id: level.id,
    policies: level.policies.flatMap((policy) => {
      const document = JSON.parse(policy.content) as { Statement: Record<string, unknown>[] | Record<string, unknown> };
      const statements = (Array.isArray(document.Statement) ? document.Statement : [document.Statement]).filter((statement) =>
        statement.NotAction === undefined ? asList(statement.Action).some((a) => actionMatches(a, action)) : !asList(statement.NotAction).some((a) => actionMatches(a, action)),
      );
      return statements.length === 0 ? [] : [{ name: policy.name, content: JSON.stringify({ ...document, Statement: statements }) }];
    }),
  }));
}
