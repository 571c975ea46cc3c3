import { ListPermissionsCommand, ListResourceTypesCommand, type RAMClient } from '@aws-sdk/client-ram';

/** One AWS managed RAM permission for a SageMaker hub, as RAM lists it. */
export interface HubPermission {
  readonly name: string;
  readonly arn: string;
  /** The RAM resource type it applies to, as RAM spells it. */
  readonly resourceType: string;
  /** Whether RAM gives it to a share of this resource type that names no permission. */
  readonly isResourceTypeDefault: boolean;
  /** The level modelgate's `permission` names for it, when the name says which. */
  readonly level?: 'read' | 'readAndUse' | 'fullAccess';
}

/** The RAM permissions could not be read; the message says why and what to do. */
export class HubPermissionsReadError extends Error {
  constructor(
    message: string,
    /** The AWS error name, e.g. AccessDeniedException. */
    readonly awsError: string,
  ) {
    super(message);
    this.name = 'HubPermissionsReadError';
  }
}

/** Pages read at most per listing: a bound if a token never ends. */
const MAX_PAGES = 100;

/**
 * The AWS managed RAM permissions for SageMaker hubs in the client's region: the hub resource type
 * is looked up in ListResourceTypes (its spelling is not documented with the permissions), then
 * ListPermissions(resourceType, AWS_MANAGED) lists what applies to it. Sorted by name.
 */
export async function readHubPermissions(ram: RAMClient): Promise<HubPermission[]> {
  const types = await pages('ListResourceTypes', (nextToken) => ram.send(new ListResourceTypesCommand({ ...(nextToken ? { nextToken } : {}) })), (r) => r.resourceTypes ?? []);
  const hubTypes = types.flatMap((t) => (t.serviceName?.toLowerCase() === 'sagemaker' && /:hub$/i.test(t.resourceType ?? '') ? [t.resourceType ?? ''] : []));
  const permissions: HubPermission[] = [];
  for (const resourceType of hubTypes) {
    const listed = await pages(
      'ListPermissions',
      (nextToken) => ram.send(new ListPermissionsCommand({ resourceType, permissionType: 'AWS_MANAGED', ...(nextToken ? { nextToken } : {}) })),
      (r) => r.permissions ?? [],
    );
    for (const p of listed) {
      if (!p.name || !p.arn) continue;
      const level = levelOf(p.name);
      permissions.push({ name: p.name, arn: p.arn, resourceType: p.resourceType ?? resourceType, isResourceTypeDefault: p.isResourceTypeDefault === true, ...(level ? { level } : {}) });
    }
  }
  return permissions.sort((a, b) => a.name.localeCompare(b.name));
}

/** The level a managed permission's name states (…HubRead, …HubReadAndUse, …HubFullAccess…). */
function levelOf(name: string): HubPermission['level'] {
  if (/ReadAndUse$/i.test(name)) return 'readAndUse';
  if (/Read$/i.test(name)) return 'read';
  if (/FullAccess/i.test(name)) return 'fullAccess';
  return undefined;
}

async function pages<R extends { nextToken?: string | undefined }, T>(operation: string, send: (nextToken?: string) => Promise<R>, items: (response: R) => readonly T[]): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let response: R;
    try {
      response = await send(token);
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      const said = error instanceof Error ? error.message : String(error);
      throw new HubPermissionsReadError(`${operation} failed: ${advice(name)} (AWS said: ${name}: ${said})`, name);
    }
    all.push(...items(response));
    if (!response.nextToken || response.nextToken === token) break;
    token = response.nextToken;
  }
  return all;
}

function advice(name: string): string {
  switch (name) {
    case 'AccessDeniedException':
    case 'UnauthorizedOperation':
      return 'access denied. discover --hub-permissions needs ram:ListResourceTypes and ram:ListPermissions';
    case 'CredentialsProviderError':
      return 'no AWS credentials found; set AWS_PROFILE or the AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY environment variables, or sign in with "aws sso login"';
    default:
      return 'AWS returned an error';
  }
}
