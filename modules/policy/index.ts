export { checkAgainstCatalog, checkOperator, DOCUMENTED_UNLISTED_KEYS, type CatalogProblem } from './catalog';
export { compileGovernance, PolicyCompileError, type CompiledGovernance, type CompiledPolicy, type CompiledTarget, type SlotUse } from './compile';
export { statementsDenyingBreakGlass } from './guards';
export { MODEL_ACTIONS, modelActionsGatedBy, type ModelActionClass, type ModelActionGate } from './model-actions';
export * from './model-selector';
export { lowerBoundDocuments, mergedSid, mergeStatements, packStatements, packWithLowerBound, StatementTooLargeError, type MergeResult, type Origins, type PackedDocument, type PackResult } from './pack';
export { renderDocument, renderStatement, type ListStyle } from './render';
export { routesNoScpCloses, type OpenRoute } from './open-routes';
export { layerStatements } from './target-statements';
export type { Condition, PolicyStatement, Principals, RuleStatement } from './statement';
export * from './roles';
export {
  centralAlertPolicies,
  forwarderPolicies,
  invocationLoggingPolicies,
  monitoringPolicies,
  monitoringPolicyProblems,
  renderEach,
  renderInvocationLogging,
  renderResourcePolicy,
  type CentralAlertPolicies,
  type InvocationLoggingPolicies,
  type MonitoringPolicies,
  type RolePolicies,
} from './resource-policies/compile-monitoring-policies';
export type { NamedPolicy, PolicyPlace } from './resource-policies/monitoring-policies';
export * from './resource-policies/names';
