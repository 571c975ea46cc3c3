import type { ResolvedGovernance } from '../../modules/config';
import { arnMatches, statementsOfPolicy, type SynthesizedPolicies } from '../simulate';
import type { DenyingStatement } from './access-matrix';

/** A principal pattern that some synthesized Deny statements exempt, read from their conditions. */
export interface Exemption {
  /** The `aws:PrincipalArn` pattern of an `ArnNotLike` condition. */
  readonly principal: string;
  /** Exempted from every Deny statement modelgate synthesized (the break-glass principals). */
  readonly everyDeny: boolean;
  /** The statements that exempt it; empty when `everyDeny`. */
  readonly statements: readonly DenyingStatement[];
}

/** Who the synthesized Deny statements exempt, and which statements exempt nobody. */
export interface ExemptionSummary {
  readonly exemptions: readonly Exemption[];
  /** Deny statements without any principal exemption. */
  readonly unexempted: readonly DenyingStatement[];
}

/**
 * Reads the principal exemptions out of the synthesized Deny statements (not out of the config),
 * so the report shows who is really let through.
 */
export function exemptionsOf(governance: ResolvedGovernance, policies: SynthesizedPolicies): ExemptionSummary {
  const layerOf = new Map(governance.targets.map((t) => [t.id, t.layer]));
  const byPrincipal = new Map<string, DenyingStatement[]>();
  const unexempted: DenyingStatement[] = [];
  let denies = 0;
  const rank = new Map(governance.targets.map((t, i) => [t.id, i]));
  const inConfigOrder = [...policies].sort(([a], [b]) => (rank.get(a) ?? rank.size) - (rank.get(b) ?? rank.size) || a.localeCompare(b));
  for (const [targetId, attached] of inConfigOrder) {
    for (const policy of attached) {
      for (const statement of statementsOfPolicy(policy.content)) {
        if (statement.Effect !== 'Deny') continue;
        denies++;
        const where: DenyingStatement = {
          layer: layerOf.get(targetId) ?? targetId,
          policy: policy.name,
          ...(statement.Sid === undefined ? {} : { sid: statement.Sid }),
        };
        const principals = Object.entries(statement.Condition?.ArnNotLike ?? {})
          .filter(([key]) => key.toLowerCase() === 'aws:principalarn')
          .flatMap(([, values]) => values);
        if (principals.length === 0) unexempted.push(where);
        for (const principal of principals) byPrincipal.set(principal, [...(byPrincipal.get(principal) ?? []), where]);
      }
    }
  }
  const exemptions = [...byPrincipal]
    .map(([principal, statements]) => {
      const everyDeny = statements.length === denies;
      return { principal, everyDeny, statements: everyDeny ? [] : statements };
    })
    .sort((a, b) => Number(b.everyDeny) - Number(a.everyDeny) || a.principal.localeCompare(b.principal));
  return { exemptions, unexempted };
}

const PROBE_ROLES = ['Developer', 'ModelgateReportDeveloper', 'modelgate-report-probe-7f3a'];

/**
 * The role name the report's requests are made as: one that no exemption pattern matches in any
 * of the accounts, so every cell shows what an ordinary principal gets.
 *
 * @param exemptions the exemptions read from the synthesized policies
 * @param partition the organization's partition
 * @param accounts the accounts the requests come from
 */
export function probeRole(exemptions: readonly Exemption[], partition: string, accounts: readonly string[]): string {
  const role = PROBE_ROLES.find((name) =>
    accounts.every((account) => {
      const arn = `arn:${partition}:iam::${account}:role/${name}`;
      // Glob matching across ARN segments is broader than ArnLike: a role it misses is surely not exempted.
      return !exemptions.some((e) => arnMatches(e.principal, arn));
    }),
  );
  if (role === undefined) {
    throw new Error(`every probe role (${PROBE_ROLES.join(', ')}) is exempted by a principal pattern; the report cannot show what an ordinary principal gets`);
  }
  return role;
}
