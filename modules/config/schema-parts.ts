import { z } from 'zod';

/** Names of units, accounts and other entries keyed by the user: letters, digits, _ . - */
export const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** An AWS region code such as us-east-1 or us-gov-west-1. */
export const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** An AWS region code, with the message every section uses. */
export const awsRegion = z.string().regex(REGION, { message: 'an AWS region such as "us-east-1"' });

/** The `account:` of an entry that lives in one account: a name from organization.accounts. */
export function accountName(description: string): z.ZodString {
  return z.string().regex(NAME, { message: 'an account name from organization.accounts' }).describe(description);
}
