export { buildPlanReview, failsOn, planReviewJson, planReviewMarkdown, type AccessFlip, type PlanReview, type PlanReviewOptions } from './plan-review';
export { PlanFileError, planFiles, readPlan, type PlanSide, type ReadPlan } from './read-plan';
