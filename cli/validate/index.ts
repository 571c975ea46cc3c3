export { validateConfig, type TargetBudget, type ValidationReport } from './validate-config';
export { validationJson, validationText } from './format-validation';
export { validationAnnotations, validationSarif } from './machine-formats';
