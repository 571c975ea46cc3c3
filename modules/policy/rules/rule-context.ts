import { PairCache } from '../pair-cache';
import { withCondition, type Condition, type PolicyStatement, type RuleStatement } from '../statement';

/** What every rule builder needs besides the rules themselves. */
export interface RuleContext {
  readonly partition: string;
  /** Principal ARN patterns exempted from every deny (empty only when the config says `breakGlass: none`). */
  readonly breakGlass: readonly string[];
  /** Config path of the layer, e.g. `models.Sandbox`; empty when sources are whole config paths. */
  readonly layerPath: string;
}

/** The parts of a deny statement that a rule chooses; the exemption is added for it. */
export type DenyParts = Omit<PolicyStatement, 'Effect' | 'Sid'>;

/**
 * Builds a Deny statement that exempts the break-glass principals and the rule's own exceptions
 * (`ArnNotLike aws:PrincipalArn`). Every deny modelgate writes goes through here.
 */
export function deny(
  context: RuleContext,
  source: string,
  sid: string,
  parts: DenyParts,
  except: readonly string[] = [],
): RuleStatement {
  const exempt = exemptions(context.breakGlass, except);
  const condition = exempt.length === 0 ? parts.Condition : parts.Condition ? withCondition(parts.Condition, 'ArnNotLike', 'aws:PrincipalArn', exempt) : exemptionCondition(exempt);
  const statement: PolicyStatement = {
    Sid: sid,
    Effect: 'Deny',
    ...sortedLists(parts),
    ...(condition ? { Condition: condition } : {}),
  };
  return { statement, source: context.layerPath ? `${context.layerPath}.${source}` : source };
}

/**
 * The break-glass principals and a rule's exceptions, sorted and unique, and the condition that
 * exempts them, by the lists they come from: every deny of a layer asks with the same lists.
 */
const exemptionsByBreakGlass = new PairCache<readonly string[], readonly string[], readonly string[]>();
const exemptionConditions = new WeakMap<readonly string[], Condition>();

function exemptions(breakGlass: readonly string[], except: readonly string[]): readonly string[] {
  return exemptionsByBreakGlass.get(breakGlass, except, () => [...new Set([...breakGlass, ...except])].sort());
}

/** The same as withCondition(undefined, 'ArnNotLike', 'aws:PrincipalArn', exempt). */
function exemptionCondition(exempt: readonly string[]): Condition {
  let condition = exemptionConditions.get(exempt);
  if (!condition) {
    condition = { ArnNotLike: { 'aws:PrincipalArn': exempt } };
    exemptionConditions.set(exempt, condition);
  }
  return condition;
}

function sortedLists(parts: DenyParts): DenyParts {
  const sorted: { -readonly [K in keyof DenyParts]: DenyParts[K] } = {};
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    const list = parts[key];
    if (list) sorted[key] = sortedUnique(list);
  }
  return sorted;
}

/**
 * Sorted, unique copies by the list they copy: the same lists (the model actions of a rule) come
 * back for every layer of a large organization. Lists are read-only everywhere, so one copy serves.
 */
const sortedCopies = new WeakMap<readonly string[], readonly string[]>();

function sortedUnique(list: readonly string[]): readonly string[] {
  let sorted = sortedCopies.get(list);
  if (!sorted) {
    sorted = [...new Set(list)].sort();
    sortedCopies.set(list, sorted);
  }
  return sorted;
}
