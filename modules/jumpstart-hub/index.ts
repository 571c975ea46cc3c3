export { hubBucketName } from './hub-bucket-name';
export { HubResourceShare, type HubResourceShareProps } from './hub-resource-share';
export { PrivateModelHub, type ApprovedHubModel, type HubStorageProps, type PrivateModelHubProps } from './private-model-hub';
export { publicHubModelArn } from './public-hub-content';
export { HUB_CONTENT_REFERENCE_PROVIDER_CONSTRAINT, HUB_CONTENT_REFERENCE_PROVIDER_VERSION, SagemakerHubContentReference, type SagemakerHubContentReferenceConfig } from './sagemaker-hub-content-reference';
