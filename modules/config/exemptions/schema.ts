import { z } from 'zod';

/**
 * The `breakGlass:` and `exemptPrincipals:` sections, and the principal ARN patterns every `except`
 * list is written in: who the denies exempt, and who may manage and assume those principals.
 */

/** Principal ARN patterns, as `aws:PrincipalArn` accepts them with ArnLike. */
const PRINCIPAL_ARN = /^arn:[a-z*-]+:(iam|sts)::[0-9*?]{1,12}:[A-Za-z0-9+=,.@_/*?-]+$/;

const principalArn = z
  .string()
  .regex(PRINCIPAL_ARN, {
    message: 'an IAM principal ARN pattern such as "arn:aws:iam::*:role/OrgBreakGlass"',
  })
  .describe('An IAM role or user ARN pattern; * and ? are wildcards.');

/** A rule's `except` list: principals the rule does not apply to. */
export const exemptions = z
  .array(principalArn)
  .min(1, { message: 'at least one principal ARN pattern (or leave `except` out)' })
  .describe('Principals this rule does not apply to, in addition to the break-glass principals.');

export const breakGlassSchema = z
  .union([z.array(principalArn).min(1, { message: 'at least one principal ARN, or the word "none"' }), z.literal('none')], {
    error: 'a list of principal ARNs such as [arn:aws:iam::*:role/OrgBreakGlass], or the word "none"',
  })
  .describe('Principals exempted from every deny, e.g. [arn:aws:iam::*:role/OrgBreakGlass]; "none" to exempt nobody.');

export const exemptPrincipalsSchema = z
  .strictObject({
    managedBy: z
      .array(principalArn)
      .min(1, { message: 'at least one principal ARN pattern, such as "arn:aws:iam::*:role/OrganizationAccountAccessRole" (or leave managedBy out)' })
      .optional()
      .describe(
        'Principals that may create, change, re-trust, re-permission, pass or delete the exempt roles and users (breakGlass and every except), e.g. your account-vending or deployment role. Everyone else is denied those IAM calls where the exemptions apply. Default: only the break-glass principals.',
      ),
    assumableBy: z
      .array(principalArn)
      .min(1, { message: 'at least one principal ARN pattern (or leave assumableBy out)' })
      .optional()
      .describe(
        'Principals in member accounts that may assume an exempt role (sts:AssumeRole); everyone else is denied it, whatever the role\'s trust policy says. Default: the trust policies alone decide.',
      ),
  })
  .default({})
  .describe('Who may manage and assume the principals that breakGlass and the except lists exempt, so that nobody can make themselves exempt.');

export type ExemptPrincipalsConfig = z.infer<typeof exemptPrincipalsSchema>;
