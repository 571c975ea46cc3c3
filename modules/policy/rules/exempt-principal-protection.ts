import type { RuleStatement } from '../statement';
import { deny, type RuleContext } from './rule-context';

/**
 * An exemption is `ArnNotLike aws:PrincipalArn <pattern>`: whoever can create a role of that name,
 * rewrite its trust policy or pass it to a service they control becomes exempt from every deny.
 * These statements keep the exempt roles and users out of reach, as AWS's own SCP examples protect
 * administrative roles: only the managers (and the break-glass principals, which every deny exempts)
 * may create, change or delete them.
 */

/**
 * IAM calls that create a role, change who may assume it (trust policy, tags a trust condition may
 * read), what it may do, or whether it exists, and PassRole, which lets a service the caller
 * controls (a Lambda function, an instance profile) run as the role.
 */
export const ROLE_CHANGING_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PassRole',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
] as const;

/**
 * IAM calls that create a user, give someone its credentials (access keys, console password,
 * service-specific credentials such as Bedrock API keys, signing certificates, SSH keys, MFA), change
 * what it may do, or rename it: IAM authorizes a rename on the old and the new name (UpdateUser API
 * reference), so renaming another user to an exempt name is denied too.
 */
export const USER_CHANGING_ACTIONS = [
  'iam:AttachUserPolicy',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:CreateServiceSpecificCredential',
  'iam:CreateUser',
  'iam:DeactivateMFADevice',
  'iam:DeleteLoginProfile',
  'iam:DeleteUser',
  'iam:DeleteUserPermissionsBoundary',
  'iam:DeleteUserPolicy',
  'iam:DetachUserPolicy',
  'iam:EnableMFADevice',
  'iam:PutUserPermissionsBoundary',
  'iam:PutUserPolicy',
  'iam:ResetServiceSpecificCredential',
  'iam:ResyncMFADevice',
  'iam:TagUser',
  'iam:UntagUser',
  'iam:UpdateAccessKey',
  'iam:UpdateLoginProfile',
  'iam:UpdateSSHPublicKey',
  'iam:UpdateServiceSpecificCredential',
  'iam:UpdateSigningCertificate',
  'iam:UpdateUser',
  'iam:UploadSSHPublicKey',
  'iam:UploadSigningCertificate',
] as const;

/** Who may manage and assume the exempt principals. */
export interface ExemptPrincipalManagers {
  /** May create, change, pass or delete exempt roles and users. */
  readonly managedBy: readonly string[];
  /** When set, the only other principals that may assume an exempt role. */
  readonly assumableBy?: readonly string[];
}

/** Principal patterns to protect, and the config path that made them exempt. */
export interface ProtectedPatterns {
  /** e.g. `breakGlass`, `models.Sandbox.customModelImport`, `exemptPrincipals.managedBy`. */
  readonly source: string;
  readonly patterns: readonly string[];
  /**
   * Whether `assumableBy` limits who may assume these roles: true for the principals the rules
   * exempt, false for the managers and assumers themselves (a pipeline must still reach its
   * provisioning role), which are only protected from being created or changed.
   */
  readonly exemptFromRules: boolean;
}

/**
 * The protective statements for groups of principal patterns. The context's layer path must be
 * empty: sources here are whole config paths.
 */
export function exemptPrincipalStatements(
  groups: readonly ProtectedPatterns[],
  managers: ExemptPrincipalManagers,
  context: RuleContext,
): RuleStatement[] {
  const statements: RuleStatement[] = [];
  for (const { source, patterns, exemptFromRules } of groups) {
    const roles = patterns.filter(isRolePattern);
    const users = patterns.filter(isUserPattern);
    if (roles.length > 0) {
      statements.push(deny(context, source, 'ProtectExemptRoles', { Action: ROLE_CHANGING_ACTIONS, Resource: roles }, managers.managedBy));
      if (managers.assumableBy && exemptFromRules) {
        statements.push(
          deny(context, source, 'DenyAssumingExemptRoles', { Action: ['sts:AssumeRole'], Resource: roles }, [...managers.managedBy, ...managers.assumableBy]),
        );
      }
    }
    if (users.length > 0) {
      statements.push(deny(context, source, 'ProtectExemptUsers', { Action: USER_CHANGING_ACTIONS, Resource: users }, managers.managedBy));
    }
  }
  return statements;
}

/** Principal patterns a role or user can match; an account's root user cannot be created or renamed. */
export function isProtectablePattern(pattern: string): boolean {
  return isRolePattern(pattern) || isUserPattern(pattern);
}

function isRolePattern(pattern: string): boolean {
  return /^arn:[^:]+:iam::[^:]+:role\//.test(pattern);
}

function isUserPattern(pattern: string): boolean {
  return /^arn:[^:]+:iam::[^:]+:user\//.test(pattern);
}
