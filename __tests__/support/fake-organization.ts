import {
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';

/**
 * A mutable organization that stands in for AWS Organizations in discover tests, served either
 * through aws-sdk-client-mock (the client's `send` is stubbed) or over a fake HTTP handler (the
 * real client runs, retries included).
 */
export interface FakePolicy {
  Id: string;
  Name: string;
  AwsManaged: boolean;
}
export interface FakeUnit {
  Id: string;
  Name: string;
  parentId: string;
}
export interface FakeAccount {
  Id: string;
  Name: string;
  parentId: string;
  State?: string;
}
export interface FakeOrganization {
  id: string;
  managementAccountId: string;
  rootId: string;
  units: FakeUnit[];
  accounts: FakeAccount[];
  /** Target id -> SCPs attached directly. */
  policies: Map<string, FakePolicy[]>;
  /** Items per page of every List call. */
  pageSize: number;
  /** Serve children in reverse order (AWS promises no order). */
  reversed?: boolean;
}

export const FULL_AWS_ACCESS: FakePolicy = { Id: 'p-FullAWSAccess', Name: 'FullAWSAccess', AwsManaged: true };

/** An empty organization: a root with FullAWSAccess and the management account under it. */
export function fakeOrganization(): FakeOrganization {
  const org: FakeOrganization = {
    id: 'o-a1b2c3d4e5',
    managementAccountId: '111111111111',
    rootId: 'r-ab12',
    units: [],
    accounts: [],
    policies: new Map(),
    pageSize: 20,
  };
  org.policies.set(org.rootId, [FULL_AWS_ACCESS]);
  addAccount(org, { Id: '111111111111', Name: 'Management', parentId: org.rootId });
  return org;
}

export function addUnit(org: FakeOrganization, unit: FakeUnit, policies: FakePolicy[] = []): FakeUnit {
  org.units.push(unit);
  org.policies.set(unit.Id, [FULL_AWS_ACCESS, ...policies]);
  return unit;
}

export function addAccount(org: FakeOrganization, account: FakeAccount, policies: FakePolicy[] = []): FakeAccount {
  org.accounts.push(account);
  org.policies.set(account.Id, [FULL_AWS_ACCESS, ...policies]);
  return account;
}

/**
 * A large organization: `topUnits` OUs under the root, each with 3 children, each of those with
 * 2 (nested three deep), and `accounts` accounts (the management account included): a third under
 * the root, the rest spread over every OU. Some OUs and accounts carry SCPs of other tools.
 */
export function largeOrganization(accounts: number, topUnits = 5): FakeOrganization {
  const org = fakeOrganization();
  org.policies.set(org.rootId, [FULL_AWS_ACCESS, { Id: 'p-controltower', Name: 'aws-guardrails-root', AwsManaged: false }]);
  let n = 0;
  const unitId = (): string => `ou-ab12-${String(10000000 + n++)}`;
  for (let a = 0; a < topUnits; a++) {
    const top = addUnit(org, { Id: unitId(), Name: `Division ${a}`, parentId: org.rootId }, a % 2 === 0 ? [{ Id: `p-division${a}`, Name: `division ${a} baseline`, AwsManaged: false }] : []);
    for (let b = 0; b < 3; b++) {
      const middle = addUnit(org, { Id: unitId(), Name: `Team ${b}`, parentId: top.Id });
      for (let c = 0; c < 2; c++) addUnit(org, { Id: unitId(), Name: c === 0 ? 'Prod' : 'Dev', parentId: middle.Id });
    }
  }
  for (let i = 0; i < accounts - 1; i++) {
    const id = String(200000000000 + i);
    // A third of the accounts sit under the root: that parent needs many pages.
    const parentId = i % 3 === 0 ? org.rootId : (org.units[i % org.units.length]?.Id ?? org.rootId);
    addAccount(org, { Id: id, Name: `workload ${i}`, parentId }, i % 7 === 0 ? [{ Id: 'p-securitybaseline', Name: 'security baseline', AwsManaged: false }] : []);
  }
  return org;
}

/** The answer AWS would give to one request, or the error it would throw (by name). */
export type FakeAnswer = { readonly output: Record<string, unknown> } | { readonly error: string; readonly message: string };

/** Answers one Organizations operation from the fake organization, one page at a time. */
export function answer(org: FakeOrganization, operation: string, input: Record<string, unknown>): FakeAnswer {
  const page = <T>(items: readonly T[], key: string): FakeAnswer => {
    const ordered = org.reversed ? [...items].reverse() : items;
    const start = typeof input.NextToken === 'string' ? Number(input.NextToken.replace('page-', '')) : 0;
    const end = start + org.pageSize;
    return { output: { [key]: ordered.slice(start, end), ...(end < ordered.length ? { NextToken: `page-${end}` } : {}) } };
  };
  const known = (id: unknown): boolean => id === org.rootId || org.units.some((u) => u.Id === id);
  switch (operation) {
    case 'DescribeOrganization':
      return {
        output: {
          Organization: {
            Id: org.id,
            Arn: `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`,
            MasterAccountId: org.managementAccountId,
            FeatureSet: 'ALL',
          },
        },
      };
    case 'ListRoots':
      return page([{ Id: org.rootId, Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }], 'Roots');
    case 'ListOrganizationalUnitsForParent':
      if (!known(input.ParentId)) return { error: 'ParentNotFoundException', message: `no parent ${String(input.ParentId)}` };
      return page(org.units.filter((u) => u.parentId === input.ParentId).map((u) => ({ Id: u.Id, Name: u.Name })), 'OrganizationalUnits');
    case 'ListAccountsForParent':
      if (!known(input.ParentId)) return { error: 'ParentNotFoundException', message: `no parent ${String(input.ParentId)}` };
      return page(
        org.accounts.filter((a) => a.parentId === input.ParentId).map((a) => ({ Id: a.Id, Name: a.Name, State: a.State ?? 'ACTIVE' })),
        'Accounts',
      );
    case 'ListPoliciesForTarget':
      if (input.Filter !== 'SERVICE_CONTROL_POLICY') return { error: 'InvalidInputException', message: 'this fake only knows SCPs' };
      return page(org.policies.get(String(input.TargetId)) ?? [], 'Policies');
    default:
      return { error: 'InvalidInputException', message: `the fake does not answer ${operation}` };
  }
}

/** Serves the fake organization through aws-sdk-client-mock; `send` of every OrganizationsClient is stubbed. */
export function mockOrganization(org: FakeOrganization): AwsClientStub<OrganizationsClient> {
  const mock = mockClient(OrganizationsClient);
  const commands = [
    ['DescribeOrganization', DescribeOrganizationCommand],
    ['ListRoots', ListRootsCommand],
    ['ListOrganizationalUnitsForParent', ListOrganizationalUnitsForParentCommand],
    ['ListAccountsForParent', ListAccountsForParentCommand],
    ['ListPoliciesForTarget', ListPoliciesForTargetCommand],
  ] as const;
  for (const [operation, command] of commands) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one fake answers every command's input and output
    (mock.on(command as any) as any).callsFake((input: Record<string, unknown>) => {
      const result = answer(org, operation, input);
      if ('error' in result) {
        const error = new Error(result.message);
        error.name = result.error;
        throw error;
      }
      return result.output;
    });
  }
  return mock;
}
