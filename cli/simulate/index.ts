export {
  arnMatches,
  decide,
  explain,
  FULL_AWS_ACCESS_NAME,
  FULL_AWS_ACCESS_POLICY,
  type Decision,
  type DecisionDetail,
  type DecisionInput,
  type DecisionRequest,
  type DecisionResult,
  type DenyReason,
  type ScpLevel,
} from './decide';
export {
  MissingSynthOutputError,
  readSynthesizedPolicies,
  scpChainFor,
  statementsOf,
  statementsOfPolicy,
  type ScpStatement,
  type SynthesizedPolicies,
  type SynthesizedPolicy,
} from './synthesized-policies';
export { readSynthesizedRoles, type SynthesizedRole } from './synthesized-roles';
