import { checkAgainstCatalog } from '../catalog';
import { packStatements, StatementTooLargeError, type PackedDocument } from '../pack';
import type { RuleProblem, RuleStatement } from '../statement';

/** IAM's limit on the inline policies of one role, in characters without whitespace. */
export const ROLE_INLINE_POLICY_LIMIT = 10240;

/**
 * Checks role policy statements against the IAM catalog and writes them as one minified, sorted
 * JSON document, merged like the SCPs. Returns the document, or the problems that prevent it.
 */
export async function renderRolePolicy(
  statements: readonly RuleStatement[],
  roleName: string,
): Promise<{ readonly content: string } | { readonly problems: readonly RuleProblem[] }> {
  const problems = (await checkAgainstCatalog(statements)).map((p) => ({ path: p.source, message: `statement ${p.sid} of role ${roleName}: ${p.message}` }));
  if (problems.length > 0) return { problems };
  const tooLarge = (characters: number): { problems: RuleProblem[] } => {
    const [first = '', ...others] = [...new Set(statements.map((s) => s.source))];
    return {
      problems: [
        {
          path: first,
          message:
            `the inline policy of role ${roleName}${others.length > 0 ? ` (with ${others.join(', ')})` : ''} needs ${characters.toLocaleString('en-US')} characters, ` +
            `more than the ${ROLE_INLINE_POLICY_LIMIT.toLocaleString('en-US')} IAM allows; list fewer models (a wider glob replaces several ids) or fewer buckets`,
        },
      ],
    };
  };
  let documents: PackedDocument[];
  try {
    documents = packStatements(
      statements.map((s) => s.statement),
      { maxCharacters: ROLE_INLINE_POLICY_LIMIT },
    );
  } catch (error) {
    if (error instanceof StatementTooLargeError) return tooLarge(error.characters);
    throw error;
  }
  const [document, ...more] = documents;
  if (!document || more.length > 0) return tooLarge(documents.reduce((sum, d) => sum + d.content.length, 0));
  return { content: document.content };
}
