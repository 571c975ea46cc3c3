export { buildPlanReview, failsOn, planReviewInputs, planReviewJson, planReviewMarkdown, type AccessFlip, type PlanReview, type PlanReviewInputs, type PlanReviewOptions } from './plan-review';
export { PlanFileError, planFiles, readPlan, type PlanSide, type ReadPlan } from './read-plan';
