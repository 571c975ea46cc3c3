/**
 * Model selectors: the model-id globs of governance.yaml turned into the ARN patterns IAM matches.
 * IAM's `*` matches any run of characters, including none, so `arn:aws:bedrock:*::...` also matches
 * the region-less ARN that global cross-region inference authorizes.
 */

/** The shortest glob form: `*` covers everything, so a list containing it collapses to it. */
export function normalizeGlobs(globs: readonly string[]): string[] {
  const unique = [...new Set(globs)].sort();
  return unique.includes('*') ? ['*'] : unique;
}

/** `arn:aws:bedrock:*::foundation-model/<glob>`: every region, and none (global inference). */
export function foundationModelArn(partition: string, glob: string): string {
  return `arn:${partition}:bedrock:*::foundation-model/${glob}`;
}

/**
 * System inference profiles are named `<geo>.<model-id>` (us., eu., apac., global., ...). A call
 * through one is authorized on the profile and on the foundation model, so an allow-list must let
 * the profiles of its models through too.
 */
export function inferenceProfileArn(partition: string, glob: string): string {
  return `arn:${partition}:bedrock:*:*:inference-profile/*.${glob}`;
}

/** Bedrock resources of the given type in any region and account, e.g. `imported-model` -> `...:imported-model/*`. */
export function anyBedrockResource(partition: string, type: string): string {
  return `arn:${partition}:bedrock:*:*:${type}/*`;
}

/**
 * Bedrock Marketplace and JumpStart deployments carry the tag `sagemaker-studio:hub-content-arn`
 * = `arn:aws:sagemaker:<region>:aws:hub-content/SageMakerPublicHub/Model/<model>/<version>`.
 */
export const HUB_CONTENT_TAG = 'sagemaker-studio:hub-content-arn';

/** The hub-content ARN pattern of a public hub model glob, any region, any version. */
export function publicHubModelArnPattern(partition: string, glob: string): string {
  return `arn:${partition}:sagemaker:*:aws:hub-content/SageMakerPublicHub/Model/${glob}/*`;
}

/** The SageMaker public hub and its content; the account field is literally `aws`, so private hubs never match. */
export function publicHubArns(partition: string): string[] {
  return [
    `arn:${partition}:sagemaker:*:aws:hub/SageMakerPublicHub`,
    `arn:${partition}:sagemaker:*:aws:hub-content/SageMakerPublicHub/*/*`,
  ];
}
