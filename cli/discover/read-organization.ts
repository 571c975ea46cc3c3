import {
  DescribeOrganizationCommand,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListPoliciesForTarget,
  paginateListRoots,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { NO_PROGRESS, type Progress } from '../../modules/progress';
import type { LiveAccount, LiveOrganization, LivePolicy, LiveUnit } from './live-organization';

/**
 * The two stages of reading an organization: listing the OUs and accounts under each parent (the
 * root and every OU; the total grows as OUs are found), then reading the SCPs of every target.
 */
export type ReadStage = 'parents' | 'policies';

/** How to read the organization. */
export interface ReadOrganizationOptions {
  /** The Organizations client; its retry settings (maxAttempts, retryMode) handle throttling. */
  readonly client: OrganizationsClient;
  /** The progress of each stage, asked for when the stage starts; the caller finishes it. @default no progress */
  readonly progress?: (stage: ReadStage) => Progress;
  /** ListPoliciesForTarget calls in flight at once. @default 4 */
  readonly concurrency?: number;
}

/** AWS Organizations could not be read; the message says why and what to do. */
export class OrganizationReadError extends Error {
  constructor(
    message: string,
    /** The AWS error name, e.g. AccessDeniedException. */
    readonly awsError: string,
  ) {
    super(message);
    this.name = 'OrganizationReadError';
  }
}

const SCP = 'SERVICE_CONTROL_POLICY';

/**
 * Reads the organization: DescribeOrganization, the root, every OU (ListOrganizationalUnitsForParent,
 * recursively), every account (ListAccountsForParent) and the SCPs attached directly to each of them
 * (ListPoliciesForTarget). Every list is read to its last page.
 */
export async function readOrganization(options: ReadOrganizationOptions): Promise<LiveOrganization> {
  const { client } = options;
  const progressOf = options.progress ?? ((): Progress => NO_PROGRESS);
  const pages = { client, stopOnSameToken: true };

  const described = await call('DescribeOrganization', () => client.send(new DescribeOrganizationCommand({})));
  const organization = described.Organization;
  if (!organization?.Id || !organization.MasterAccountId) {
    throw new OrganizationReadError('DescribeOrganization returned no organization id or management account id', 'IncompleteResponse');
  }
  const roots = await call('ListRoots', () => collect(paginateListRoots(pages, {}), (page) => page.Roots ?? []));
  const [root, ...others] = roots;
  if (!root?.Id || others.length > 0) {
    throw new OrganizationReadError(`ListRoots returned ${roots.length} roots; an organization has exactly one`, 'IncompleteResponse');
  }
  const scpsEnabled = (root.PolicyTypes ?? []).some((t) => t.Type === SCP && t.Status === 'ENABLED');

  const units: Omit<LiveUnit, 'policies'>[] = [];
  const accounts: Omit<LiveAccount, 'policies'>[] = [];
  // Breadth-first, so that parents come before their children and progress grows steadily.
  const listing = progressOf('parents');
  let listed = 0;
  for (let queue = [root.Id]; queue.length > 0; ) {
    const next: string[] = [];
    for (const parentId of queue) {
      listing.update(listed, 1 + units.length);
      const children = await call('ListOrganizationalUnitsForParent', () =>
        collect(paginateListOrganizationalUnitsForParent(pages, { ParentId: parentId }), (page) => page.OrganizationalUnits ?? []),
      );
      for (const unit of sortByName(children.map((u) => ({ id: u.Id ?? '', name: u.Name ?? '', parentId })))) {
        units.push(unit);
        next.push(unit.id);
      }
      const found = await call('ListAccountsForParent', () =>
        collect(paginateListAccountsForParent(pages, { ParentId: parentId }), (page) => page.Accounts ?? []),
      );
      for (const account of found) {
        accounts.push({ id: account.Id ?? '', name: account.Name ?? '', parentId, ...(account.State ? { state: account.State } : {}) });
      }
      listed++;
    }
    queue = next;
  }
  listing.update(listed, listed);

  const targets = [root.Id, ...units.map((u) => u.id), ...accounts.map((a) => a.id)];
  const reading = progressOf('policies');
  let done = 0;
  reading.update(done, targets.length);
  const policies = await mapWithConcurrency(targets, options.concurrency ?? 4, async (targetId) => {
    const attached = scpsEnabled
      ? await call(`ListPoliciesForTarget ${targetId}`, () =>
          collect(paginateListPoliciesForTarget(pages, { TargetId: targetId, Filter: SCP }), (page) => page.Policies ?? []),
        )
      : [];
    done++;
    reading.update(done, targets.length);
    return attached
      .map((p): LivePolicy => ({ id: p.Id ?? '', name: p.Name ?? '', awsManaged: p.AwsManaged ?? false }))
      .sort((a, b) => compare(a.id, b.id));
  });
  const policiesOf = new Map(targets.map((id, i) => [id, policies[i] ?? []]));

  return {
    id: organization.Id,
    partition: organization.Arn?.split(':')[1] || 'aws',
    managementAccountId: organization.MasterAccountId,
    root: { id: root.Id, policies: policiesOf.get(root.Id) ?? [], scpsEnabled },
    units: units.map((u) => ({ ...u, policies: policiesOf.get(u.id) ?? [] })),
    accounts: sortByName(accounts).map((a) => ({ ...a, policies: policiesOf.get(a.id) ?? [] })),
  };
}

async function collect<Page, Item>(pages: AsyncIterable<Page>, items: (page: Page) => readonly Item[]): Promise<Item[]> {
  const all: Item[] = [];
  for await (const page of pages) all.push(...items(page));
  return all;
}

/** Runs an AWS call and turns its failure into an OrganizationReadError that says what to do. */
async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof OrganizationReadError) throw error;
    const name = error instanceof Error ? error.name : 'Error';
    const said = error instanceof Error ? error.message : String(error);
    throw new OrganizationReadError(`${operation} failed: ${advice(name)} (AWS said: ${name}: ${said})`, name);
  }
}

function advice(name: string): string {
  switch (name) {
    case 'AccessDeniedException':
      return (
        'access denied. discover needs organizations:DescribeOrganization, ListRoots, ListOrganizationalUnitsForParent, ' +
        'ListAccountsForParent and ListPoliciesForTarget, with credentials of the management account or of a delegated administrator'
      );
    case 'AWSOrganizationsNotInUseException':
      return 'the account of these credentials is not in an organization; use credentials of the management account';
    case 'TooManyRequestsException':
      return 'AWS Organizations kept throttling the requests after every retry; run again later, or raise --max-attempts';
    case 'CredentialsProviderError':
      return 'no AWS credentials found; set AWS_PROFILE or the AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY environment variables, or sign in with "aws sso login"';
    default:
      return 'AWS Organizations returned an error';
  }
}

/** Like Promise.all over `items`, with at most `limit` calls running; results keep the order of `items`. */
async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

function sortByName<T extends { readonly name: string; readonly id: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
