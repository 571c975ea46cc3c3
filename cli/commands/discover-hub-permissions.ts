import type { RAMClient } from '@aws-sdk/client-ram';
import { hubPermissionArn, type HubSharePermission } from '../../modules/config';
import { HubPermissionsReadError, readHubPermissions, type HubPermission } from '../discover';
import { EXIT, type ExitCode } from '../exit-codes';

/** Where `discover --hub-permissions` reads from and writes to; tests inject a mocked client. */
export interface DiscoverHubPermissionsIo {
  /** The RAM client, its region, and the partition the ARNs are compared in. */
  readonly client: () => { readonly ram: RAMClient; readonly region: string; readonly partition: string };
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * What a consumer account needs to deploy a model from a shared hub: DescribeHub,
 * DescribeHubContent, ListHubContents, ListHubContentVersions and DeployHubModel, which the
 * read-and-use permission grants (SageMaker Developer Guide, "Cross-account sharing for private
 * model hubs with AWS RAM").
 */
const CONSUMER_LEVEL: HubSharePermission = 'readAndUse';

const LEVELS: readonly HubSharePermission[] = ['read', 'readAndUse', 'fullAccess'];

/**
 * `discover --hub-permissions`: lists the AWS managed RAM permissions for SageMaker hubs in the
 * region, says which one a hub shared with deploying accounts should use, and whether modelgate's
 * default ARN for each `permission` level is among them (else: name the ARN with `permissionArn`).
 */
export async function runDiscoverHubPermissions(format: 'text' | 'json', io: DiscoverHubPermissionsIo): Promise<ExitCode> {
  const { ram, region, partition } = io.client();
  let permissions: HubPermission[];
  try {
    permissions = await readHubPermissions(ram);
  } catch (error) {
    if (!(error instanceof HubPermissionsReadError)) throw error;
    io.stderr(`modelgate discover --hub-permissions: ${error.message}\n`);
    return EXIT.aws;
  }
  if (permissions.length === 0) {
    io.stderr(`modelgate discover --hub-permissions: RAM lists no AWS managed permission for a SageMaker hub resource type in ${region}; check that private hubs are available there\n`);
    return EXIT.problems;
  }
  const listed = new Set(permissions.map((p) => p.arn));
  const defaults = Object.fromEntries(LEVELS.map((level) => [level, { arn: hubPermissionArn(partition, level), listed: listed.has(hubPermissionArn(partition, level)) }]));
  const recommended = permissions.find((p) => p.level === CONSUMER_LEVEL);
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ region, permissions, recommended: recommended?.arn ?? null, defaults }, null, 2)}\n`);
    return EXIT.ok;
  }
  const width = Math.max(...permissions.map((p) => p.name.length));
  const lines = [
    `AWS managed RAM permissions for SageMaker hubs in ${region} (RAM ListPermissions, resource type ${[...new Set(permissions.map((p) => p.resourceType))].join(', ')}):`,
    ...permissions.map((p) => `  ${p.name.padEnd(width)}  ${p.arn}${p.isResourceTypeDefault ? '  (RAM default for the type)' : ''}`),
    '',
    recommended
      ? `A consumer account that deploys models from a shared hub needs read and use: ${recommended.arn}`
      : 'No permission named read-and-use is listed: choose the one that grants DeployHubModel, and name it with permissionArn.',
    ...LEVELS.map((level) =>
      defaults[level]?.listed
        ? `  permission: ${level} uses ${defaults[level].arn}: listed here.`
        : `  permission: ${level} uses ${defaults[level]?.arn ?? ''}: NOT listed here; set jumpstartHubs.<hub>.permissionArn to the ARN above that fits.`,
    ),
    '',
  ];
  io.stdout(lines.join('\n'));
  return EXIT.ok;
}
