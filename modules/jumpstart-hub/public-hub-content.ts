/**
 * The ARN of a model in the SageMaker public hub, without a version suffix (the form
 * aws_sagemaker_hub_content_reference requires): the account is literally "aws".
 */
export function publicHubModelArn(partition: string, region: string, modelId: string): string {
  return `arn:${partition}:sagemaker:${region}:aws:hub-content/SageMakerPublicHub/Model/${modelId}`;
}
