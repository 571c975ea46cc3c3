/**
 * The light face of modules/config: what the synth entry, the code that places stacks and the
 * constructs need from this module, without the schema. The schema loads zod, about 0.2 s of code
 * per thread with the checks; the code that only places compiled governance never checks a config.
 * index.ts, the full face, exports all of this too. `npm test` checks that this face stays light
 * (__tests__/architecture/light-faces.test.ts).
 */
export { defaultConfigFile, EXAMPLE_CONFIG_FILE, type ChosenConfigFile } from './document/config-file';
export { ConfigError, formatPath, formatProblem, type ConfigPath, type ConfigProblem } from './document/problems';
export { readConfigBytes } from './document/read-config-text';
export { compareVersions, DEFAULT_AWS_PROVIDER_VERSION, raiseAwsProviderVersion } from './deployment/aws-provider-version';
export { BEDROCK_POLICY_PROVIDER_VERSION, BUDGET_FILTER_EXPRESSION_PROVIDER_VERSION, HUB_CONTENT_REFERENCE_PROVIDER_VERSION } from './deployment/provider-releases';
export { organizationEnforcedGuardrails, type EnforcedGuardrail } from './guardrails/organization-enforcement';
export { hubPermissionArn, type HubSharePermission } from './hubs/hub-permission';
export { CANVAS_POLICY_NAME, MODEL_USER_POLICY_NAME } from './roles/role-names';
