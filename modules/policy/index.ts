/**
 * The policy core's face: compile a resolved config into every IAM document modelgate places
 * (SCPs, role, trust and resource policies), the names those documents use, and the statement
 * types. Packing, rendering and the catalog check are internals of compileGovernance.
 */
export { compileGovernance, type CompileOptions, type CompiledGovernance, type CompiledPolicy, type CompiledTarget, type SlotUse } from './compile';
export { globsOverlap } from './glob-overlap';
export { PolicyCompileError } from './policy-compile-error';
export { MODEL_ACTIONS, modelActionsGatedBy, type ModelActionClass, type ModelActionGate } from './model-actions';
export * from './model-selector';
export { mergedSid } from './pack';
export { routesNoScpCloses, type OpenRoute } from './open-routes';
export type { Condition, PolicyStatement, Principals, RuleProblem, RuleStatement } from './statement';
export * from './roles';
export {
  auditTrailPolicies,
  centralAlertPolicies,
  forwarderPolicies,
  invocationLoggingPolicies,
  monitoringPolicies,
  monitoringPolicyProblems,
  renderEach,
  renderInvocationLogging,
  renderResourcePolicy,
  type AuditTrailPolicies,
  type CentralAlertPolicies,
  type InvocationLoggingPolicies,
  type MonitoringPolicies,
  type RolePolicies,
} from './resource-policies/compile-monitoring-policies';
export type { NamedPolicy, PolicyPlace } from './resource-policies/monitoring-policies';
export type { AuditTrailPlace } from './resource-policies/audit-trail-policies';
export * from './resource-policies/names';
export { intentDigest } from './intent-digest';
export * from './guardrail-enforcement';
