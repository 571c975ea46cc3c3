import type { ConfigPath } from '../document/problems';
import { listUnits } from '../organization/resolve';
import type { GovernanceConfig } from '../schema';
import { SHARE_WITH_ORGANIZATION, type JumpstartHubConfig } from './schema';

/** Where a hub keeps its content: a bucket the stack creates, or one the user names. */
export type HubStorage = { readonly create: true } | { readonly create: false; readonly bucket: string; readonly prefix?: string };

/** A private JumpStart hub, with its account and share principals resolved. */
export interface ResolvedHub {
  /** The SageMaker hub name. */
  readonly name: string;
  /** The account name that holds the hub, and its id. */
  readonly account: string;
  readonly accountId: string;
  readonly description: string;
  readonly displayName?: string;
  readonly searchKeywords: readonly string[];
  readonly storage: HubStorage;
  readonly models: JumpstartHubConfig['models'];
  /** AWS RAM principals, in config order: the organization ARN, OU ARNs, account ids. */
  readonly principals: readonly string[];
  readonly permission: JumpstartHubConfig['permission'];
  /** The RAM permission ARN the config names, which replaces the one of `permission`. */
  readonly permissionArn?: string;
  /** Whether a principal is the organization or an OU: RAM must then be enabled for the organization. */
  readonly sharesWithOrganization: boolean;
  readonly configPath: ConfigPath;
}

/** Resolves `jumpstartHubs:`; assumes checkJumpstartHubs found no errors. */
export function resolveHubs(config: GovernanceConfig): ResolvedHub[] {
  const { partition, managementAccount, id: organizationId, accounts } = config.organization;
  const unitIds = new Map(listUnits(config).map((u) => [u.path, u.id]));
  const organizationArn = `arn:${partition}:organizations::${managementAccount}:organization/${organizationId ?? ''}`;
  return Object.entries(config.jumpstartHubs).map(([key, hub]) => {
    const principals = (hub.shareWith ?? []).map((target) => {
      if (target === SHARE_WITH_ORGANIZATION) return organizationArn;
      const unitId = unitIds.get(target);
      if (unitId !== undefined) return `arn:${partition}:organizations::${managementAccount}:ou/${organizationId ?? ''}/${unitId}`;
      return accounts[target]?.id ?? target;
    });
    return {
      name: hub.hubName ?? key,
      account: hub.account,
      accountId: accounts[hub.account]?.id ?? '',
      description: hub.description,
      ...(hub.displayName !== undefined ? { displayName: hub.displayName } : {}),
      searchKeywords: hub.searchKeywords ?? [],
      storage: hub.storage === 'create' ? { create: true } : { create: false, bucket: hub.storage.bucket, ...(hub.storage.prefix ? { prefix: hub.storage.prefix } : {}) },
      models: hub.models,
      principals,
      permission: hub.permission,
      ...(hub.permissionArn !== undefined ? { permissionArn: hub.permissionArn } : {}),
      sharesWithOrganization: (hub.shareWith ?? []).some((t) => t === SHARE_WITH_ORGANIZATION || unitIds.has(t)),
      configPath: ['jumpstartHubs', key],
    };
  });
}
