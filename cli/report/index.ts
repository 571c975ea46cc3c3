export { accessColumns, type AccessColumn, type ColumnRequest, type GovernancePath, type PolicySource } from './access-columns';
export { accessChanges } from './access-changes';
export { accessRows, evaluateMatrix, LAYER_ACCOUNT, LevelAnswers, type AccessCell, type AccessMatrix, type AccessRow, type DenyingStatement } from './access-matrix';
export {
  buildReport,
  type AccessChange,
  type RoleChange,
  type DiffReport,
  type EffectiveAccessReport,
  type FullReport,
  type ReportOptions,
} from './effective-access-report';
export { exemptionsOf, probeRole, type Exemption, type ExemptionSummary } from './exemptions';
export { summarizeLayerRules } from './layer-summary';
export { modelGlobsIn, type NamedModelGlobs } from './named-model-globs';
export { organizationDiagram } from './organization-diagram';
export { reportJson } from './report-json';
export { reportMarkdown } from './report-markdown';
export { managementAccountNote, narrowedAccess, type ManagementAccountNote, type NarrowedAccess } from './report-warnings';
export { scpBudgets, type ScpBudget } from './scp-budget';
export { writeReport, type WrittenReport } from './write-report';
export { generatedRoles, type GeneratedRole, type GeneratedRoleKind } from './generated-roles';
export { roleColumns, type RoleColumn } from './role-columns';
export { evaluateRoleMatrix, hasStandIn, MANAGED_POLICIES_STAND_IN, type RoleCell, type RoleMatrix } from './role-matrix';
export { accountBlind } from './account-blind';
export { COMMENT_LIMIT, fitComment, type MarkdownLimits } from './comment-size';
export { groupRows, type GroupedRows } from './grouped-rows';
export { writeJsonFile } from './write-json';
export { pullRequestComment } from './pull-request-comment';
export { assertCurrentOutput, StaleOutputError } from './stale-output';
