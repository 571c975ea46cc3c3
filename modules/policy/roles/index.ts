export { compileAccountRoles, type CompiledAccountRoles, type CompiledCanvasWorkspace, type CompiledModelUser } from './account-roles';
export { canvasExecutionStatements, JUMPSTART_MODEL_ID_TAG, type CanvasExecutionPolicyInput, type LineageLayer } from './canvas-execution-policy';
export { MODEL_INVOKE_ACTIONS, modelUserStatements, type ModelUserBucket, type ModelUserPolicyInput } from './model-user-policy';
export { renderRolePolicy, ROLE_INLINE_POLICY_LIMIT } from './role-policy-document';
export { trustPolicy, type TrustedPrincipals } from './trust-policy';
