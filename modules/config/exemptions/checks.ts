import type { ConfigLocator } from '../document/config-locator';
import type { ConfigPath, ConfigProblem } from '../document/problems';
import type { LayerRules } from '../models/schema';
import type { GovernanceConfig } from '../schema';

/**
 * Principal ARN patterns are exemptions: a deny does not apply to a principal whose
 * `aws:PrincipalArn` matches one. A pattern that anybody can match (by creating a role of that
 * name, or because it matches nearly every role) turns every deny into a suggestion, so such
 * patterns are refused here, wherever they are written.
 */

/** Fewer literal characters than this in a wildcarded role or user name match roles anyone can create. */
export const MIN_LITERAL_NAME_CHARACTERS = 4;

/** One principal pattern and where governance.yaml writes it. */
export interface PrincipalPatternSite {
  readonly pattern: string;
  readonly path: ConfigPath;
  /**
   * breakGlass and exemptPrincipals.managedBy name roles that exist in every account, so a `*` in
   * the account is expected there; elsewhere it usually exempts more accounts than meant.
   */
  readonly accountWildcardExpected: boolean;
}

/** Every principal pattern of the config: breakGlass, exemptPrincipals, and each rule's except lists. */
export function principalPatternSites(config: GovernanceConfig): PrincipalPatternSite[] {
  const sites: PrincipalPatternSite[] = [];
  const add = (patterns: readonly string[] | undefined, path: ConfigPath, accountWildcardExpected: boolean): void => {
    (patterns ?? []).forEach((pattern, i) => sites.push({ pattern, path: [...path, i], accountWildcardExpected }));
  };
  if (config.breakGlass !== 'none') add(config.breakGlass, ['breakGlass'], true);
  add(config.exemptPrincipals.managedBy, ['exemptPrincipals', 'managedBy'], true);
  add(config.exemptPrincipals.assumableBy, ['exemptPrincipals', 'assumableBy'], false);
  for (const [layer, rules] of Object.entries(config.models)) {
    for (const { path, patterns } of exceptListsOf(rules)) add(patterns, ['models', layer, ...path], false);
  }
  return sites;
}

/** The `except` lists of one layer's rules, each with its path below the layer. */
export function exceptListsOf(rules: LayerRules): { readonly path: ConfigPath; readonly patterns: readonly string[] }[] {
  const lists: { path: ConfigPath; patterns: readonly string[] }[] = [];
  for (const section of ['bedrock', 'marketplace', 'jumpstart', 'customModelImport', 'fineTuning'] as const) {
    const except = rules[section]?.except;
    if (except) lists.push({ path: [section, 'except'], patterns: except });
  }
  const guardrail = rules.bedrock?.requireGuardrail?.except;
  if (guardrail) lists.push({ path: ['bedrock', 'requireGuardrail', 'except'], patterns: guardrail });
  return lists;
}

/** What is wrong with one pattern: an error refuses the config, a warning is printed. */
export interface PrincipalPatternFinding {
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/**
 * Judges one pattern (already of the form `arn:<partition>:<service>::<account>:<resource>`, which
 * the schema checks) for the organization's partition.
 */
export function judgePrincipalPattern(site: PrincipalPatternSite, partition: string): PrincipalPatternFinding[] {
  const parts = /^arn:([^:]+):([^:]+)::([^:]+):(.+)$/.exec(site.pattern);
  if (!parts) return [];
  const [, patternPartition = '', service = '', account = '', resource = ''] = parts;
  const error = (message: string): PrincipalPatternFinding[] => [{ severity: 'error', message }];
  if (!hasWildcard(patternPartition) && patternPartition !== partition) {
    return error(`partition "${patternPartition}" never matches a principal of this organization (organization.partition is "${partition}")`);
  }
  if (service !== 'iam') {
    return error(
      `an ${service} pattern is never a safe exemption: aws:PrincipalArn of a role session is the role's own ARN, and a federated user is named by whoever calls sts:GetFederationToken; ` +
        `write the role, e.g. "arn:${partition}:iam::<account-id>:role/<name>"`,
    );
  }
  if (resource === 'root') return accountWildcardWarning(site, account, resource);
  const typed = /^(role|user)\/(.+)$/.exec(resource);
  if (!typed) {
    return error(
      `"${resource}" exempts ${resource.startsWith('*') ? 'every principal' : 'principals of any type'}; name a role ("role/<name>", optionally with a path), a user ("user/<name>") or an account's root user ("root")`,
    );
  }
  const [, type = 'role', pathAndName = ''] = typed;
  const name = pathAndName.slice(pathAndName.lastIndexOf('/') + 1);
  if (hasWildcard(name) && literalCharacters(name) < MIN_LITERAL_NAME_CHARACTERS) {
    return error(
      `"${resource}" exempts nearly every ${type}, and anyone allowed iam:Create${type === 'role' ? 'Role' : 'User'} can make one that matches; ` +
        `name the ${type}, e.g. "${type}/OrgBreakGlass", or keep at least ${MIN_LITERAL_NAME_CHARACTERS} characters of its name besides * and ?`,
    );
  }
  if (type === 'role' && /^aws-service-role\//.test(pathAndName)) {
    return [{ severity: 'warning', message: `"${resource}" is a service-linked role: SCPs never restrict service-linked roles, so this exemption has no effect` }];
  }
  return accountWildcardWarning(site, account, resource);
}

function accountWildcardWarning(site: PrincipalPatternSite, account: string, resource: string): PrincipalPatternFinding[] {
  if (!hasWildcard(account)) return [];
  if (resource === 'root') {
    return [
      {
        severity: 'warning',
        message: 'exempts the root user of every member account: whoever holds an account\'s root credentials is exempt; pin the account id, or remove member-account root credentials (centralized root access)',
      },
    ];
  }
  if (site.accountWildcardExpected) return [];
  return [
    {
      severity: 'warning',
      message:
        `exempts a principal of this name in every account; modelgate keeps anyone but the break-glass principals and exemptPrincipals.managedBy from creating or changing it where the exemption applies, ` +
        `but if it lives in one account, pin that account: "${site.pattern.replace(/::[^:]+:/, '::<account-id>:')}"`,
    },
  ];
}

/**
 * Checks of `breakGlass:`, `exemptPrincipals:` and every `except` list: unsafe principal patterns
 * are refused and risky ones warned about, where each is written; exempting nobody is a warning.
 */
export function checkExemptions(config: GovernanceConfig, at: ConfigLocator): { errors: ConfigProblem[]; warnings: ConfigProblem[] } {
  const { errors, warnings } = checkPrincipalPatterns(config, at);
  if (config.breakGlass === 'none') {
    warnings.push(at.problem(['breakGlass'], 'no break-glass principal: nobody is exempted from the model denies, including your platform team'));
  }
  return { errors, warnings };
}

/** Refuses unsafe patterns and warns about risky ones, located where each is written. */
export function checkPrincipalPatterns(config: GovernanceConfig, at: ConfigLocator): { errors: ConfigProblem[]; warnings: ConfigProblem[] } {
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  const sites = principalPatternSites(config);
  for (const site of sites) {
    for (const finding of judgePrincipalPattern(site, config.organization.partition)) {
      (finding.severity === 'error' ? errors : warnings).push(at.problem(site.path, finding.message));
    }
  }
  const exemptsRoles = sites.some((s) => s.path[0] !== 'exemptPrincipals' && /:role\//.test(s.pattern));
  if (config.exemptPrincipals.assumableBy && !exemptsRoles) {
    warnings.push(at.problem(['exemptPrincipals', 'assumableBy'], 'no rule exempts a role, so there is no exempt role to assume; remove assumableBy'));
  }
  const excepted = sites.some((s) => s.path[0] === 'models');
  if (config.breakGlass === 'none' && excepted && !config.exemptPrincipals.managedBy) {
    warnings.push(
      at.problem(
        ['breakGlass'],
        'nobody may create or change the principals the except lists exempt (there is no break-glass principal and no exemptPrincipals.managedBy): roles that exist keep working, new ones cannot be made in member accounts; name the role that provisions them under exemptPrincipals.managedBy',
      ),
    );
  }
  // Monitoring's tamper protection exempts the deployer role, which the exemption protection then freezes.
  const monitoring = config.monitoring;
  const protectsMonitoring = monitoring !== undefined && (monitoring.alerts !== undefined || monitoring.invocationLogging !== undefined || monitoring.auditTrail !== undefined);
  if (config.breakGlass === 'none' && protectsMonitoring && !config.exemptPrincipals.managedBy) {
    warnings.push(
      at.problem(
        ['breakGlass'],
        `nobody may create or change ${config.deployment.accountRoleName} in member accounts (monitoring's tamper protection exempts it, and there is no break-glass principal and no exemptPrincipals.managedBy); name a role that may under exemptPrincipals.managedBy`,
      ),
    );
  }
  return { errors, warnings };
}

function hasWildcard(text: string): boolean {
  return /[*?]/.test(text);
}

function literalCharacters(text: string): number {
  return text.replace(/[*?]/g, '').length;
}
