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

/** Tag characters AWS accepts across services: Unicode letters, digits and spaces, and _ . : / = + - @ (AWS tagging guidelines). */
const TAG_TEXT = /^[\p{L}\p{N}\p{Zs}_.:/=+\-@]*$/u;

/** A tag key: 1 to 128 characters of TAG_TEXT, not starting with the prefix AWS reserves for its own tags. */
export const tagKey = z
  .string()
  .min(1, { message: 'a tag key of 1 to 128 characters' })
  .max(128, { message: 'a tag key of at most 128 characters (the AWS limit)' })
  .regex(TAG_TEXT, { message: 'a tag key of letters, digits, spaces and _ . : / = + - @ (the characters AWS accepts in tags)' })
  .refine((key) => !/^aws:/i.test(key), { message: 'a tag key that does not start with "aws:": AWS reserves that prefix for its own tags' });

/** A tag value: at most 256 characters of TAG_TEXT. */
export const tagValue = z
  .string()
  .max(256, { message: 'a tag value of at most 256 characters (the AWS limit)' })
  .regex(TAG_TEXT, { message: 'a tag value of letters, digits, spaces and _ . : / = + - @ (the characters AWS accepts in tags)' });

/**
 * An S3 key prefix that names a folder-like part of a bucket: no leading "/" (S3 keeps it, so the
 * objects land under an empty folder name), no "." or ".." segment (tools that treat keys as paths
 * resolve them, the S3 console refuses them), no empty segment ("//").
 */
export function s3KeyPrefix(characters: RegExp, alphabet: string): z.ZodString {
  return z
    .string()
    .regex(characters, { message: `an S3 key prefix of ${alphabet}` })
    .refine((prefix) => !prefix.startsWith('/'), { message: 'an S3 key prefix that does not start with "/"' })
    .refine((prefix) => !prefix.split('/').some((segment) => segment === '.' || segment === '..'), {
      message: 'an S3 key prefix without "." or ".." segments',
    })
    .refine((prefix) => !prefix.includes('//'), { message: 'an S3 key prefix without an empty segment ("//")' });
}

/** An IAM role ARN: role names and paths use letters, digits and + = , . @ _ - (IAM CreateRole). */
export const iamRoleArn = z
  .string()
  .regex(/^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/, {
    message: 'an IAM role ARN such as "arn:aws:iam::111111111111:role/TerraformState"',
  });
