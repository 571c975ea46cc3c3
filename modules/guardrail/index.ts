export {
  DEFAULT_BLOCKED_INPUT_MESSAGE,
  DEFAULT_BLOCKED_OUTPUT_MESSAGE,
  ModelGuardrail,
  type GuardrailContentFilter,
  type GuardrailDeniedTopic,
  type GuardrailFilterStrength,
  type GuardrailPiiEntity,
  type ModelGuardrailProps,
} from './model-guardrail';
export { OrganizationGuardrailPolicy, type OrganizationGuardrailPolicyProps } from './organization-guardrail-policy';
