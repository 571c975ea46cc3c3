import type { ResolvedGovernance } from '../../modules/config';
import { decide, FULL_AWS_ACCESS_POLICY, scpChainFor, type DecisionRequest, type SynthesizedPolicies } from '../simulate';
import type { AccessCell, DenyingStatement } from './access-matrix';
import type { GeneratedRole } from './generated-roles';
import type { RoleColumn } from './role-columns';

/**
 * The name the allow-all stand-in for a role's AWS managed policies has in decisions: their
 * documents are not in cdktf.out, so the cell shows what the SCPs and inline policies leave.
 */
export const MANAGED_POLICIES_STAND_IN = 'AWS managed policies (stand-in: allow all)';

/** One evaluated role cell, with the request made. */
export interface RoleCell extends AccessCell {
  readonly request: DecisionRequest;
}

/** The Roles section: `cells[row][column]` is undefined where the column does not apply. */
export interface RoleMatrix {
  readonly rows: readonly GeneratedRole[];
  readonly columns: readonly RoleColumn[];
  readonly cells: readonly (readonly (RoleCell | undefined)[])[];
}

/**
 * Evaluates every role x column request with the simulator: the principal is the role's ARN,
 * the SCPs are its account's chain (root -> OUs -> account; none in the management account), the
 * identity policies are the role's inline policies from cdktf.out, plus an allow-all stand-in
 * when AWS managed policies are attached.
 *
 * @param governance the resolved config (the account's place in the organization)
 * @param policies the SCPs read from cdktf.out, by target id
 * @param rows the generated roles
 * @param columns the role columns
 * @throws Error when a role has a managed policy that is not AWS managed: its document would be needed
 */
export async function evaluateRoleMatrix(
  governance: ResolvedGovernance,
  policies: SynthesizedPolicies,
  rows: readonly GeneratedRole[],
  columns: readonly RoleColumn[],
): Promise<RoleMatrix> {
  const targetOf = new Map(governance.targets.map((t) => [t.id, t]));
  const cells: (RoleCell | undefined)[][] = [];
  for (const row of rows) {
    const { role } = row;
    const target = targetOf.get(role.account);
    // SCPs never restrict the management account; an account outside the config has no known chain.
    const chainIds = target === undefined || role.account === governance.managementAccount ? [] : target.lineage.map((layer) => idOfLayer(governance, layer));
    const scps = scpChainFor(policies, chainIds);
    const identityPolicies = [...role.inlinePolicies, ...standIn(role.managedPolicyArns, row.arn)];
    const rowCells: (RoleCell | undefined)[] = [];
    for (const column of columns) {
      const request = column.request(row);
      if (request === undefined) {
        rowCells.push(undefined);
        continue;
      }
      const full: DecisionRequest = { principalArn: row.arn, ...request };
      const result = await decide({ scps, identityPolicies, request: full, failOnIgnoredContextKeys: true });
      rowCells.push({
        decision: result.decision,
        deniedBy: result.detail.denyReasons.map(
          (reason): DenyingStatement => ({
            layer: reason.policyType === 'identity' ? `role ${role.name}` : (layerOf(governance, reason.level) ?? 'SCPs'),
            ...(reason.policyName === undefined ? {} : { policy: reason.policyName }),
            ...(reason.sid === undefined ? {} : { sid: reason.sid }),
          }),
        ),
        request: full,
      });
    }
    cells.push(rowCells);
  }
  return { rows, columns, cells };
}

/** Whether a role's identity policies include the allow-all stand-in. */
export function hasStandIn(row: GeneratedRole): boolean {
  return row.role.managedPolicyArns.length > 0;
}

function standIn(managedPolicyArns: readonly string[], roleArn: string): { name: string; content: string }[] {
  const customer = managedPolicyArns.filter((arn) => !/^arn:[^:]+:iam::aws:policy\//.test(arn));
  if (customer.length > 0) {
    throw new Error(`${roleArn} has managed policies that are not AWS managed (${customer.join(', ')}); the report cannot evaluate them`);
  }
  return managedPolicyArns.length > 0 ? [{ name: MANAGED_POLICIES_STAND_IN, content: FULL_AWS_ACCESS_POLICY }] : [];
}

function idOfLayer(governance: ResolvedGovernance, layer: string): string {
  return governance.targets.find((t) => t.layer === layer)?.id ?? layer;
}

function layerOf(governance: ResolvedGovernance, id: string | undefined): string | undefined {
  return governance.targets.find((t) => t.id === id)?.layer ?? id;
}
