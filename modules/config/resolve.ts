import type { ConfigLocator } from './document/config-locator';
import type { ConfigPath, ConfigProblem } from './document/problems';
import type { DeploymentConfig, StateConfig } from './deployment/schema';
import { resolveBreakGlass, resolveExemptPrincipals, type ExemptPrincipals } from './exemptions/resolve';
import { resolveGuardrails, type ResolvedGuardrail } from './guardrails/resolve';
import { resolveOrganizationGuardrailPolicies, type OrganizationGuardrailPolicy } from './guardrails/organization-enforcement';
import { resolveHubs, type ResolvedHub } from './hubs/resolve';
import { resolveMonitoring, type ResolvedMonitoring } from './monitoring/resolve';
import { limitsOf, resolveTargets, type ScpLimits, type Target } from './organization/resolve';
import type { CanvasConfig } from './roles/canvas-schema';
import type { ModelUsersConfig } from './roles/model-users-schema';
import type { GovernanceConfig } from './schema';

/** The validated config, with inheritance made explicit: what every later stage reads. */
export interface ResolvedGovernance {
  readonly partition: string;
  /** The organization id (o-...), when the config gives it. */
  readonly organizationId?: string;
  readonly managementAccount: string;
  readonly limits: ScpLimits;
  readonly fullAwsAccessAttached: boolean;
  /** Principal ARN patterns exempted from every deny; empty when the config says `breakGlass: none`. */
  readonly breakGlass: readonly string[];
  /** Who may manage and assume the exempt principals (breakGlass and every except). */
  readonly exemptPrincipals: ExemptPrincipals;
  /** Root first, then OUs in depth-first order, then accounts in file order. */
  readonly targets: readonly Target[];
  /** Private JumpStart hubs, in file order. */
  readonly jumpstartHubs: readonly ResolvedHub[];
  /** Bedrock guardrails, in file order. */
  readonly guardrails: readonly ResolvedGuardrail[];
  /** The Bedrock organization policies (BEDROCK_POLICY) of the root and OUs, in target order. */
  readonly guardrailPolicies: readonly OrganizationGuardrailPolicy[];
  readonly state: StateConfig;
  readonly deployment: DeploymentConfig;
  /** SageMaker Canvas workspaces by name, each in one account. */
  readonly canvas: CanvasConfig;
  /** Roles and permission sets that use models, by name, each in one account. */
  readonly modelUsers: ModelUsersConfig;
  /** Monitoring, audit and spend, when the config has a `monitoring:` section. */
  readonly monitoring?: ResolvedMonitoring;
  /** `file:line:column` of a config path, for messages about the rules found there. */
  locate(path: ConfigPath): string;
  /** A problem located at a config path (its file, line and column), with the path and message given. */
  problemAt(path: ConfigPath, problem: { readonly path: string; readonly message: string }): ConfigProblem;
}

/** Resolves each section of a config that passed every check; the locator places later messages. */
export function resolveGovernance(config: GovernanceConfig, locator: ConfigLocator): ResolvedGovernance {
  const org = config.organization;
  const targets = resolveTargets(config);
  return {
    partition: org.partition,
    ...(org.id ? { organizationId: org.id } : {}),
    managementAccount: org.managementAccount,
    limits: limitsOf(org.scpLimits),
    fullAwsAccessAttached: org.fullAwsAccess === 'attached',
    breakGlass: resolveBreakGlass(config),
    exemptPrincipals: resolveExemptPrincipals(config),
    targets,
    jumpstartHubs: resolveHubs(config),
    guardrails: resolveGuardrails(config),
    guardrailPolicies: resolveOrganizationGuardrailPolicies(config, targets),
    state: config.state,
    deployment: config.deployment,
    canvas: config.canvas,
    modelUsers: config.modelUsers,
    ...(config.monitoring ? { monitoring: resolveMonitoring(config) } : {}),
    locate: (path) => locator.locate(path),
    problemAt: (path, problem) => ({ ...locator.problem(path, problem.message), path: problem.path }),
  };
}
