export { checkAgainstCatalog, checkOperator, DOCUMENTED_UNLISTED_KEYS, type CatalogProblem } from './catalog';
export { compileGovernance, PolicyCompileError, type CompiledGovernance, type CompiledPolicy, type CompiledTarget, type SlotUse } from './compile';
export { statementsDenyingBreakGlass } from './guards';
export { MODEL_ACTIONS, modelActionsGatedBy, type ModelActionClass, type ModelActionGate } from './model-actions';
export * from './model-selector';
export { lowerBoundDocuments, mergeStatements, packStatements, packWithLowerBound, renderStatement, StatementTooLargeError, type PackedDocument, type PackResult } from './pack';
export { layerStatements } from './target-statements';
export type { Condition, PolicyStatement, RuleStatement } from './statement';
export * from './roles';
