export { isVerificationRequest, parseRunTaskRequest, reviewsPlan, RunTaskRequestError, type RunTaskRequest } from './request';
export { startRunTaskServer, type RunTaskServer, type RunTaskServerOptions } from './server';
export { SIGNATURE_HEADER, signatureMatches, taskSignature } from './signature';
export { MAX_OUTCOMES, reviewMessage, taskResultOfError, taskResultOfReview, type TaskResultBody, type TaskResultOutcome } from './task-result';
export { callTerraformCloud, isRetryable, retryDelay, TerraformCloudCallError, type CallLimits } from './tfc-client';
