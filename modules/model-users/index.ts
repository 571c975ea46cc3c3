export { MODEL_USER_POLICY_NAME, ModelUserRole, type ModelUserIdentity, type ModelUserRoleProps } from './model-user-role';
