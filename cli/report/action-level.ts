import { arnMatches, FULL_AWS_ACCESS_NAME, statementsOfPolicy, type ScpLevel, type ScpStatement } from '../simulate';

/**
 * One SCP level cut down to the statements that can apply to one action: what the simulator is
 * asked about, and the key under which its answer is shared with every level holding the same
 * documents.
 */
export interface ActionLevel {
  /** The level's id (root, OU or account id). */
  readonly id: string;
  /** The level's policies that keep a statement for the action, with only those statements. */
  readonly policies: ScpLevel['policies'];
  /** The kept statements, parsed: what the account-blindness check reads. */
  readonly statements: readonly ScpStatement[];
  /**
   * The kept documents without their names: two levels with the same key get the same decision for
   * the same request, because a policy's name decides nothing except whether AWS's FullAWSAccess is
   * already attached (kept in the key for that reason).
   */
  readonly contentKey: string;
  /**
   * Every kept statement has `Resource: "*"` (and there is at least one): the level then decides
   * requests that differ only in their resource alike. The simulator matches `*` to any resource,
   * derives no condition key from the resource (the keys come from the request's context), and
   * refuses a request it cannot evaluate whatever the policies, which the report checks for every
   * request on its own.
   */
  readonly resourceBlind: boolean;
}

/**
 * The level with only the statements whose Action or NotAction can match `action`. A statement
 * for other actions neither allows nor denies the request, so the decision is the same, and the
 * simulator no longer matches every request against every large allow-list.
 */
export function actionLevel(level: ScpLevel, action: string): ActionLevel {
  const wanted = action.toLowerCase();
  const matches = (pattern: string): boolean => arnMatches(pattern.toLowerCase(), wanted);
  const asList = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);
  const policies: { name: string; content: string }[] = [];
  const statements: ScpStatement[] = [];
  for (const policy of level.policies) {
    const document = JSON.parse(policy.content) as { Statement: Record<string, unknown>[] | Record<string, unknown> };
    const kept = (Array.isArray(document.Statement) ? document.Statement : [document.Statement]).filter((statement) => {
      // A statement with neither is invalid: keep it, so that the simulator refuses the policy.
      if (statement.Action === undefined && statement.NotAction === undefined) return true;
      return statement.NotAction === undefined ? asList(statement.Action).some(matches) : !asList(statement.NotAction).some(matches);
    });
    if (kept.length === 0) continue;
    const content = JSON.stringify({ ...document, Statement: kept });
    policies.push({ name: policy.name, content });
    statements.push(...statementsOfPolicy(content));
  }
  const contentKey = JSON.stringify(policies.map((p) => [p.name === FULL_AWS_ACCESS_NAME, p.content]));
  const resourceBlind = statements.length > 0 && statements.every((s) => s.NotResource === undefined && s.Resource?.length === 1 && s.Resource[0] === '*');
  return { id: level.id, policies, statements, contentKey, resourceBlind };
}
