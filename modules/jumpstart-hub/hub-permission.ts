/** What principals a hub is shared with may do with it. */
export type HubSharePermission = 'read' | 'readAndUse' | 'fullAccess';

/**
 * The AWS RAM managed permissions for SageMaker hubs (SageMaker developer guide, "Cross-account
 * sharing for private model hubs"): read; read and deploy models; read, deploy and manage content.
 */
const MANAGED_PERMISSIONS: Readonly<Record<HubSharePermission, string>> = {
  read: 'AWSRAMPermissionSageMakerHubRead',
  readAndUse: 'AWSRAMPermissionSageMakerHubReadAndUse',
  fullAccess: 'AWSRAMPermissionSageMakerHubFullAccessPolicy',
};

/** The ARN of the RAM managed permission, e.g. arn:aws:ram::aws:permission/AWSRAMPermissionSageMakerHubRead. */
export function hubPermissionArn(partition: string, permission: HubSharePermission): string {
  return `arn:${partition}:ram::aws:permission/${MANAGED_PERMISSIONS[permission]}`;
}
