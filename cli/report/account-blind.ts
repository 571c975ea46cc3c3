import { globsOverlap } from '../../modules/policy';
import type { DecisionRequest, ScpStatement } from '../simulate';

/** Stands for "any 12-digit account" in a request string: twelve single-character wildcards. */
const ANY_ACCOUNT = '?'.repeat(12);

/** Condition operators that compare text (with or without wildcards), optionally over sets and IfExists. */
const TEXT_OPERATOR = /^(ForAnyValue:|ForAllValues:)?(String|Arn|Bool|Null)/;

/**
 * Whether a level's statements decide a request the same way whichever account makes it, so that
 * one simulator answer serves every account whose request differs only in its account id.
 *
 * The requests of two accounts differ only where the account id stands: twelve digits in the
 * principal ARN, `aws:PrincipalAccount`, and in the resource or context values that embed it. A
 * pattern compared with such a string cannot tell two accounts apart when
 * - it has no digit (a digit of the account can then only meet `*` or `?`, which match any
 *   character, so the same alignment matches either account), or
 * - it matches no string of that shape at all (checked as glob overlap with the account replaced by
 *   twelve `?`, where `*` crosses every separator: broader than ArnLike and StringLike, so "no
 *   overlap" is safe).
 * A condition key the request does not carry is absent for every account (the simulator derives no
 * key from the principal; `decide` adds only the two above). A policy variable (`${...}`) could
 * bring the account into a pattern, so any pattern holding one makes the level account-bound.
 *
 * @param statements the level's statements that can apply to the action
 * @param request the request of `account`, as the simulator will get it
 * @param account the requesting account's id
 */
export function accountBlind(statements: readonly ScpStatement[], request: DecisionRequest, account: string): boolean {
  const template = (value: string): string | undefined => (value.includes(account) ? value.split(account).join(ANY_ACCOUNT) : undefined);
  const contextTemplates = new Map<string, (string | undefined)[]>();
  for (const [key, value] of Object.entries(request.context ?? {})) {
    contextTemplates.set(key.toLowerCase(), (typeof value === 'string' ? [value] : [...value]).map(template));
  }
  if (!contextTemplates.has('aws:principalarn')) contextTemplates.set('aws:principalarn', [template(request.principalArn)]);
  if (!contextTemplates.has('aws:principalaccount')) contextTemplates.set('aws:principalaccount', [ANY_ACCOUNT]);
  const resource = [template(request.resource)];

  return statements.every((statement) => {
    const resourcePatterns = [...(statement.Resource ?? []), ...(statement.NotResource ?? [])];
    if (!resourcePatterns.every((pattern) => blindPattern(pattern, resource))) return false;
    return Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
      Object.entries(keys).every(([key, values]) => {
        const shapes = contextTemplates.get(key.toLowerCase()) ?? [];
        // Numeric, date and address operators read "000000000123" as 123: no text argument holds for them.
        if (!TEXT_OPERATOR.test(operator)) return shapes.every((shape) => shape === undefined);
        return values.every((value) => blindPattern(value, shapes));
      }),
    );
  });
}

/**
 * Whether `pattern` matches the same request strings for every account. `shapes` are the request
 * strings it is compared with, with the account as twelve `?`; `undefined` for a string without
 * the account.
 */
function blindPattern(pattern: string, shapes: readonly (string | undefined)[]): boolean {
  if (pattern.includes('${')) return false;
  if (!/[0-9]/.test(pattern)) return true;
  const lower = pattern.toLowerCase();
  return shapes.every((shape) => shape === undefined || !globsOverlap(lower, shape.toLowerCase()));
}
