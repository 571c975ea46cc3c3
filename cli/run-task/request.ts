/** The fields of Terraform Cloud's run task request that modelgate uses (payload_version 1). */
export interface RunTaskRequest {
  readonly accessToken: string;
  readonly stage: string;
  readonly taskResultCallbackUrl: string;
  readonly planJsonApiUrl?: string;
  readonly runId: string;
  readonly workspaceName: string;
  readonly organizationName: string;
  readonly isSpeculative: boolean;
}

/** A request body that is not a run task request; `message` says what is wrong. */
export class RunTaskRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunTaskRequestError';
  }
}

// Field names as in go-tfe's RunTaskRequest (run_task_request.go) and the Run Tasks Integration API
// page (developer.hashicorp.com/terraform/enterprise/api-docs/run-tasks/run-tasks-integration).
/** Parses a run task request body; throws RunTaskRequestError when it is not one. */
export function parseRunTaskRequest(body: Buffer): RunTaskRequest {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new RunTaskRequestError('the body is not JSON; expected a Terraform Cloud run task request');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new RunTaskRequestError('the body is not a JSON object');
  const fields = json as Record<string, unknown>;
  if (fields.payload_version !== 1) throw new RunTaskRequestError(`payload_version ${JSON.stringify(fields.payload_version)} is not supported; expected 1`);
  const text = (name: string): string => (typeof fields[name] === 'string' ? (fields[name] as string) : '');
  return {
    accessToken: text('access_token'),
    stage: text('stage'),
    taskResultCallbackUrl: text('task_result_callback_url'),
    ...(text('plan_json_api_url') === '' ? {} : { planJsonApiUrl: text('plan_json_api_url') }),
    runId: text('run_id'),
    workspaceName: text('workspace_name'),
    organizationName: text('organization_name'),
    isSpeculative: fields.is_speculative === true,
  };
}

// Terraform Cloud checks a new run task's URL with a request whose access token is the placeholder
// "test-token" (terraform-run-task-scaffolding-go internal/sdk/api/structs.go); an empty token has nothing to call back with either.
/** Whether the request only checks that the URL answers (sent when the run task is created): answer 200, call nothing back. */
export function isVerificationRequest(request: RunTaskRequest): boolean {
  return request.accessToken === '' || request.accessToken === 'test-token' || request.taskResultCallbackUrl === '';
}

/** Whether the stage carries a plan to review: post-plan (and pre-apply, which sees the same plan). */
export function reviewsPlan(request: RunTaskRequest): boolean {
  // Older payloads spell stages with hyphens (post-plan), newer ones with underscores (post_plan).
  return ['post_plan', 'pre_apply'].includes(request.stage.replace('-', '_')) && request.planJsonApiUrl !== undefined;
}
