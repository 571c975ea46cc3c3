import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateOrganization } from '../../bench/generate-org';
import { scpChainFor, statementsOf, type ScpLevel } from '../../cli/simulate';
import { decideCase, row, synthesizeToTemp, type SynthesizedOrg } from '../support/synthesized-scps';

/**
 * The invariant behind every exemption: whatever principal pattern a synthesized deny exempts, an
 * ordinary principal in an account where that deny applies cannot become that principal. For every
 * account of each organization, every role or user pattern exempted anywhere in its SCP chain is
 * made concrete in that account and an ordinary principal's attempts to create or take it over are
 * evaluated by the simulator. A pattern that reaches the output without its protection fails here.
 */

const ORDINARY = (account: string): string => `arn:aws:iam::${account}:role/modelgate-probe-ordinary`;

/** The calls that would make an ordinary principal the exempt one. */
const TAKEOVER: Readonly<Record<'role' | 'user', readonly string[]>> = {
  role: ['iam:CreateRole', 'iam:UpdateAssumeRolePolicy', 'iam:PassRole'],
  user: ['iam:CreateUser', 'iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateUser'],
};

/** A principal ARN in `account` that the pattern matches, or undefined when it cannot match one there. */
export function concretePrincipal(pattern: string, account: string): { arn: string; type: 'role' | 'user' } | undefined {
  const parts = /^arn:([^:]+):iam::([^:]+):(role|user)\/(.+)$/.exec(pattern);
  if (!parts) return undefined;
  const [, , patternAccount = '', type, name = ''] = parts;
  const accountRegex = new RegExp(`^${patternAccount.replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  if (!accountRegex.test(account)) return undefined;
  return { arn: `arn:aws:iam::${account}:${type}/${name.replace(/[*?]/g, 'x')}`, type: type as 'role' | 'user' };
}

/** The takeover calls an ordinary principal of `account` is not explicitly denied, as `action on arn`. */
async function openTakeovers(chain: readonly ScpLevel[], account: string): Promise<string[]> {
  const patterns = new Set(
    statementsOf(chain)
      .filter((s) => s.Effect === 'Deny')
      .flatMap((s) => Object.entries(s.Condition?.ArnNotLike ?? {}).flatMap(([key, values]) => (key.toLowerCase() === 'aws:principalarn' ? values : []))),
  );
  const open: string[] = [];
  for (const pattern of [...patterns].sort()) {
    const principal = concretePrincipal(pattern, account);
    if (!principal) continue;
    for (const action of TAKEOVER[principal.type]) {
      const result = await decideCase(chain, row('takeover', ORDINARY(account), action, principal.arn, undefined, 'Denied'));
      // IAM itself refuses changes under /aws-reserved/ (Identity Center roles); the simulator models it.
      const refused = result.detail.evaluation === 'ExplicitlyDenied' || (principal.arn.includes(':role/aws-reserved/') && result.decision === 'Denied');
      if (!refused) open.push(`${action} on ${principal.arn} (exempted by ${pattern})`);
    }
  }
  return open;
}

/** Each account outside the management account, with its SCP chain root -> OUs -> account. */
function accountChains(org: SynthesizedOrg): { layer: string; account: string; chain: ScpLevel[] }[] {
  const { governance } = org.compiled;
  const idOf = new Map(governance.targets.map((t) => [t.layer, t.id]));
  return governance.targets
    .filter((t) => t.kind === 'account' && t.id !== governance.managementAccount)
    .map((t) => ({ layer: t.layer, account: t.id, chain: scpChainFor(org.outdir, t.lineage.map((layer) => idOf.get(layer) ?? layer)) }));
}

const FIXTURES = join(__dirname, '..', 'fixtures');
const generated = (): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'modelgate-exemptions-')), 'governance.yaml');
  writeFileSync(file, generateOrganization({ accounts: 40 }));
  return file;
};

const ORGANIZATIONS: readonly [string, () => string][] = [
  ['the example', () => join(__dirname, '..', '..', 'examples', 'governance.yaml')],
  ['decisions-deny-list.yaml', () => join(FIXTURES, 'decisions-deny-list.yaml')],
  ['decisions-allow-list.yaml', () => join(FIXTURES, 'decisions-allow-list.yaml')],
  ['decisions-exemptions.yaml', () => join(FIXTURES, 'decisions-exemptions.yaml')],
  ['a generated 40-account organization', generated],
];

describe.each(ORGANIZATIONS)('%s', (_name, configFile) => {
  let org: SynthesizedOrg;
  beforeAll(async () => {
    org = await synthesizeToTemp(configFile());
  });

  test('no account lets an ordinary principal create or take over a principal its SCPs exempt', async () => {
    const open: string[] = [];
    for (const { layer, account, chain } of accountChains(org)) {
      for (const route of await openTakeovers(chain, account)) open.push(`${layer}: ${route}`);
    }
    expect(open).toEqual([]);
  });
});

test('the check finds an exemption whose protection was removed', async () => {
  const org = await synthesizeToTemp(join(__dirname, '..', '..', 'examples', 'governance.yaml'));
  const [{ account, chain } = { account: '', chain: [] }] = accountChains(org).filter((c) => c.layer === 'sandbox-dev');
  const stripped = chain.map((level) => ({
    ...level,
    policies: level.policies.map((policy) => {
      const document = JSON.parse(policy.content) as { Statement: { Sid: string }[] };
      return { ...policy, content: JSON.stringify({ ...document, Statement: document.Statement.filter((s) => !s.Sid.startsWith('ProtectExempt')) }) };
    }),
  }));
  const open = await openTakeovers(stripped, account);
  expect(open).toEqual(
    expect.arrayContaining([
      `iam:CreateRole on arn:aws:iam::${account}:role/OrgBreakGlass (exempted by arn:aws:iam::*:role/OrgBreakGlass)`,
      `iam:UpdateAssumeRolePolicy on arn:aws:iam::${account}:role/MLPlatform (exempted by arn:aws:iam::${account}:role/MLPlatform)`,
    ]),
  );
});

describe('concretePrincipal', () => {
  test.each([
    ['arn:aws:iam::*:role/OrgBreakGlass', '222222222222', 'arn:aws:iam::222222222222:role/OrgBreakGlass'],
    ['arn:aws:iam::222222222222:role/MLPlatform', '222222222222', 'arn:aws:iam::222222222222:role/MLPlatform'],
    ['arn:aws:iam::222222222222:role/MLPlatform', '333333333333', undefined],
    ['arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_Admin_*', '222222222222', 'arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/xAWSReservedSSO_Admin_x'],
    ['arn:aws:iam::*:user/Emergency?', '222222222222', 'arn:aws:iam::222222222222:user/Emergencyx'],
    ['arn:aws:iam::*:root', '222222222222', undefined],
  ])('%s in %s -> %s', (pattern, account, expected) => {
    expect(concretePrincipal(pattern, account)?.arn).toBe(expected);
  });
});
