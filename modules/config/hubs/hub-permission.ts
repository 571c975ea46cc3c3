/** What principals a hub is shared with may do with it. */
export type HubSharePermission = 'read' | 'readAndUse' | 'fullAccess';

/**
 * The AWS RAM managed permissions for SageMaker hubs (SageMaker Developer Guide, "Cross-account
 * sharing for private model hubs with AWS RAM"): read; read and deploy models (DeployHubModel);
 * read, deploy and manage content. The current page prints the names mangled by the "SageMaker AI"
 * rename ("AWSRAMPermissionSageMaker AIHubRead"), the older copy at docs.amazonaws.cn without it, so
 * the spelling is not confirmed against RAM: `discover --hub-permissions` lists RAM's own, and
 * jumpstartHubs.<hub>.permissionArn replaces these defaults.
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
