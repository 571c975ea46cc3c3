/** The name of the inline policy modelgate writes on each Canvas execution role. */
export const CANVAS_POLICY_NAME = 'modelgate-model-governance';

/** The name of the inline policy on a model-user role. */
export const MODEL_USER_POLICY_NAME = 'modelgate-approved-models';

/** IAM role names of a Canvas workspace: stable, so a plan never replaces a role for nothing. */
export function canvasExecutionRoleName(workspace: string): string {
  return `modelgate-canvas-${workspace}`;
}

/** The role Canvas passes to Bedrock for generative AI and fine-tuning. */
export function canvasBedrockRoleName(workspace: string): string {
  return `${canvasExecutionRoleName(workspace)}-bedrock`;
}

/** The execution role of one Canvas user profile. */
export function canvasProfileRoleName(workspace: string, profile: string): string {
  return `${canvasExecutionRoleName(workspace)}-${profile}`;
}
