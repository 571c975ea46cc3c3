export { defaultConfigFile, EXAMPLE_CONFIG_FILE, type ChosenConfigFile } from './config-file';
export { loadConfigFile, parseConfig, type LoadedConfig } from './load';
export { globCovers, globsIntersect } from './model-globs';
export { loadModelCatalog, MODEL_CATALOG_FILE, modelCatalogJson, shippedModelCatalog, type ModelCatalog } from './model-catalog';
export { ConfigError, formatProblem, formatPath, type ConfigProblem, type ConfigPath } from './problems';
export { RESERVED_KEYS } from './check-raw-document';
export { MAX_NAME_LENGTH, MAX_STACK_NAME_LENGTH } from './input-limits';
export { escapeUnsafe } from './unsafe-text';
export {
  CURRENT_LIMITS,
  LEGACY_LIMITS,
  listUnits,
  stackNameFor,
  type ExemptPrincipals,
  type ResolvedGovernance,
  type ScpLimits,
  type Target,
  type TargetKind,
} from './resolve';
export type { ResolvedGuardrail } from './resolve-guardrails';
export type { HubStorage, ResolvedHub } from './resolve-hubs';
export { governanceSchema, type GovernanceConfig, type LayerRules, type StateConfig, type DeploymentConfig } from './schema';
export { governanceJsonSchema } from './json-schema';
export type { MonitoredAccount, ResolvedBudget, ResolvedEventDataStore, ResolvedMonitoring } from './monitoring-resolve';
export type { AlertSubscription, InvocationLoggingConfig, MonitoringConfig } from './monitoring-schema';
export {
  accountProviderMinimum,
  compareVersions,
  DEFAULT_AWS_PROVIDER_VERSION,
  HUB_CONTENT_REFERENCE_PROVIDER_VERSION,
  raiseAwsProviderVersion,
} from './aws-provider-version';
