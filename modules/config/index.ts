export { checkSemantics, type SemanticFindings } from './checks';
export { defaultConfigFile, EXAMPLE_CONFIG_FILE, type ChosenConfigFile } from './document/config-file';
export { RESERVED_KEYS } from './document/check-raw-document';
export { MAX_NAME_LENGTH, MAX_STACK_NAME_LENGTH } from './document/input-limits';
export { loadConfigBytes, loadConfigFile, parseConfig, type LoadedConfig } from './document/load';
export { readConfigBytes } from './document/read-config-text';
export { ConfigError, formatPath, formatProblem, type ConfigPath, type ConfigProblem } from './document/problems';
export { escapeUnsafe } from './document/unsafe-text';
export { compareVersions, DEFAULT_AWS_PROVIDER_VERSION, raiseAwsProviderVersion } from './deployment/aws-provider-version';
export { highestProviderMinimum, providerNeeds, stackProviderNeeds, type ProviderNeed } from './deployment/provider-needs';
export { BEDROCK_POLICY_PROVIDER_VERSION, BUDGET_FILTER_EXPRESSION_PROVIDER_VERSION, HUB_CONTENT_REFERENCE_PROVIDER_VERSION } from './deployment/provider-releases';
export type { DeploymentConfig, StateConfig } from './deployment/schema';
export { exceptListsOf } from './exemptions/checks';
export type { ExemptPrincipals } from './exemptions/resolve';
export { globCovers, globMatches, globRegExp, globsIntersect } from './globs';
export { organizationEnforcedGuardrails, type EnforcedGuardrail, type OrganizationGuardrailPolicy } from './guardrails/organization-enforcement';
export { EXCLUDED_MODEL_ID, INCLUDED_MODEL_ID } from './guardrails/organization-policy-schema';
export type { ResolvedGuardrail } from './guardrails/resolve';
export type { HubStorage, ResolvedHub } from './hubs/resolve';
export { hubPermissionArn, type HubSharePermission } from './hubs/hub-permission';
export { governanceJsonSchema } from './json-schema';
export { KNOWN_MODELS, type KnownModels } from './models/jumpstart-models';
export { loadModelCatalog, MODEL_CATALOG_FILE, modelCatalogJson, shippedModelCatalog, type ModelCatalog } from './models/model-catalog';
export {
  MODEL_USE_WITHOUT_GUARDRAIL,
  type BedrockAlsoAllow,
  type BedrockRules,
  type CapabilityRule,
  type JumpstartRules,
  type LayerRules,
  type MarketplaceRules,
  type ModelUseWithoutGuardrail,
} from './models/schema';
export { monitorsMemberAccounts } from './monitoring/placement';
export type { MonitoredAccount, ResolvedAuditTrail, ResolvedBudget, ResolvedEventDataStore, ResolvedMonitoring } from './monitoring/resolve';
export type { AlertSubscription, InvocationLoggingConfig, MonitoringConfig } from './monitoring/schema';
export { CURRENT_LIMITS, LEGACY_LIMITS, layerLineages, listUnits, stackNameFor, type ScpLimits, type Target, type TargetKind } from './organization/resolve';
export { type ResolvedGovernance } from './resolve';
export { approveModels, type LayerBedrockRules, type ModelApproval } from './roles/approved-models';
export type { CanvasConfig, CanvasWorkspaceConfig } from './roles/canvas-schema';
export type { ModelUserConfig, ModelUsersConfig } from './roles/model-users-schema';
export { CANVAS_POLICY_NAME, canvasBedrockRoleName, canvasExecutionRoleName, canvasProfileRoleName, MODEL_USER_POLICY_NAME } from './roles/role-names';
export { governanceSchema, type GovernanceConfig } from './schema';
