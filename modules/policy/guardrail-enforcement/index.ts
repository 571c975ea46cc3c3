export { bedrockPolicyContent, GUARDRAIL_CONFIGURATION_NAME, type BedrockPolicyContentInput, type GuardrailInference } from './bedrock-policy-content';
export { GUARDRAIL_RESOURCE_POLICY_ACTIONS, guardrailResourcePolicy, guardrailResourcePolicyStatement } from './guardrail-resource-policy';
