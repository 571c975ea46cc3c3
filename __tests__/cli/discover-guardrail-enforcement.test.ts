import { BedrockClient, GetGuardrailCommand, GetResourcePolicyCommand, ListGuardrailsCommand, ResourceNotFoundException } from '@aws-sdk/client-bedrock';
import { ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { runDiscover } from '../../cli/commands/discover';
import { checkGuardrailEnforcement, driftJson, driftText, type GuardrailEnforcementCheck, type LiveOrganization } from '../../cli/discover';
import { parseConfig, type ResolvedGovernance } from '../../modules/config';
import { guardrailResourcePolicy } from '../../modules/policy';
import { fakeOrganization, mockOrganization } from '../support/fake-organization';

/**
 * discover --check of the one-time steps a Bedrock organization policy needs: the policy type
 * enabled on the root, each guardrail's resource policy, a published version. Every AWS call mocked.
 */

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' };
const MANAGED_ARN = 'arn:aws:bedrock:us-east-1:111111111111:guardrail/abcdef123456';
const EXTERNAL_ARN = 'arn:aws:bedrock:eu-west-1:111111111111:guardrail/euguard00001';
const ORG_ID = 'o-a1b2c3d4e5';

const CONFIG = `
organization:
  id: ${ORG_ID}
  managementAccount: "111111111111"
  root: r-ab12
  accounts:
    management: { id: "111111111111" }
breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]
guardrails:
  org-standard: { account: management, contentFilters: { hate: HIGH }, version: { description: v1 } }
models:
  root:
    bedrock: { requireGuardrail: { organizationPolicy: { guardrails: [org-standard, "${EXTERNAL_ARN}:3"] } } }
`;
const governance: ResolvedGovernance = parseConfig(CONFIG, 'governance.yaml').governance;

const organizations = mockClient(OrganizationsClient);
const bedrock = mockClient(BedrockClient);

interface Live {
  readonly policyTypeStatus?: 'ENABLED' | 'PENDING_ENABLE';
  /** The resource policy of each guardrail ARN; absent: none. */
  readonly resourcePolicies: Readonly<Record<string, string>>;
  readonly managedVersions: readonly string[];
  readonly externalVersion: { readonly version: string; readonly status: 'READY' | 'FAILED'; readonly automatedReasoningPolicy?: { readonly policies: readonly string[] } };
}

const READY: Live = {
  policyTypeStatus: 'ENABLED',
  resourcePolicies: { [MANAGED_ARN]: guardrailResourcePolicy(MANAGED_ARN, ORG_ID), [EXTERNAL_ARN]: guardrailResourcePolicy(EXTERNAL_ARN, ORG_ID) },
  managedVersions: ['DRAFT', '1', '2'],
  externalVersion: { version: '3', status: 'READY' },
};

function mockLive(live: Live): void {
  organizations.reset();
  bedrock.reset();
  organizations.on(ListRootsCommand).resolves({
    Roots: [{ Id: 'r-ab12', Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }, ...(live.policyTypeStatus ? [{ Type: 'BEDROCK_POLICY' as const, Status: live.policyTypeStatus }] : [])] }],
  });
  const summary = (version: string) => ({ id: 'abcdef123456', arn: MANAGED_ARN, name: 'org-standard', status: 'READY' as const, version, createdAt: new Date(0), updatedAt: new Date(0) });
  bedrock.on(ListGuardrailsCommand, {}).resolves({ guardrails: [{ ...summary('DRAFT'), id: 'other0000000', arn: 'arn:aws:bedrock:us-east-1:111111111111:guardrail/other0000000', name: 'other' }], nextToken: 'page-2' });
  bedrock.on(ListGuardrailsCommand, { nextToken: 'page-2' }).resolves({ guardrails: [summary('DRAFT')] });
  bedrock.on(ListGuardrailsCommand, { guardrailIdentifier: MANAGED_ARN }).resolves({ guardrails: live.managedVersions.map(summary) });
  for (const arn of [MANAGED_ARN, EXTERNAL_ARN]) {
    const policy = live.resourcePolicies[arn];
    if (policy === undefined) bedrock.on(GetResourcePolicyCommand, { resourceArn: arn }).rejects(new ResourceNotFoundException({ message: 'no policy', $metadata: {} }));
    else bedrock.on(GetResourcePolicyCommand, { resourceArn: arn }).resolves({ resourcePolicy: policy });
  }
  bedrock.on(GetGuardrailCommand, { guardrailIdentifier: EXTERNAL_ARN, guardrailVersion: '3' }).resolves({ ...live.externalVersion, guardrailArn: EXTERNAL_ARN } as never);
}

async function check(live: Live): Promise<GuardrailEnforcementCheck[]> {
  mockLive(live);
  const regions: string[] = [];
  const checks = await checkGuardrailEnforcement(governance, {
    organizations: new OrganizationsClient({ region: 'us-east-1', credentials: CREDENTIALS }),
    bedrock: (region) => {
      regions.push(region);
      return new BedrockClient({ region, credentials: CREDENTIALS });
    },
  });
  expect(regions.sort()).toEqual(['eu-west-1', 'us-east-1']);
  return checks;
}

const failures = (checks: readonly GuardrailEnforcementCheck[]): string[] => checks.filter((c) => !c.ok).map((c) => `${c.check} ${c.guardrail ?? ''}: ${c.message}`);

describe('discover --check of a Bedrock organization policy', () => {
  test('everything in place: every check passes', async () => {
    const checks = await check(READY);
    expect(checks.map((c) => [c.check, c.guardrail, c.ok])).toEqual([
      ['policyType', undefined, true],
      ['resourcePolicy', EXTERNAL_ARN, true],
      ['version', EXTERNAL_ARN, true],
      ['automatedReasoning', EXTERNAL_ARN, true],
      ['resourcePolicy', 'org-standard', true],
      ['version', 'org-standard', true],
    ]);
  });

  test('the policy type not enabled on the root', async () => {
    expect(failures(await check({ ...READY, policyTypeStatus: undefined }))).toEqual([expect.stringMatching(/^policyType : BEDROCK_POLICY is not enabled on root r-ab12: run "aws organizations enable-policy-type --region us-east-1 --root-id r-ab12 --policy-type BEDROCK_POLICY"/)]);
  });

  test('the policy type still being enabled', async () => {
    expect(failures(await check({ ...READY, policyTypeStatus: 'PENDING_ENABLE' }))).toEqual([expect.stringContaining('BEDROCK_POLICY is pending enable')]);
  });

  test('a missing resource policy names the command that writes it', async () => {
    const expected = `aws bedrock put-resource-policy --region us-east-1 --resource-arn ${MANAGED_ARN} --resource-policy '${guardrailResourcePolicy(MANAGED_ARN, ORG_ID)}'`;
    expect(failures(await check({ ...READY, resourcePolicies: { [EXTERNAL_ARN]: guardrailResourcePolicy(EXTERNAL_ARN, ORG_ID) } }))).toEqual([
      `resourcePolicy org-standard: no resource policy: member accounts cannot apply the guardrail; run ${expected}`,
    ]);
  });

  test('a resource policy for another organization is wrong', async () => {
    const wrong = guardrailResourcePolicy(EXTERNAL_ARN, 'o-zzzzzzzzzz');
    expect(failures(await check({ ...READY, resourcePolicies: { ...READY.resourcePolicies, [EXTERNAL_ARN]: wrong } }))).toEqual([
      expect.stringMatching(new RegExp(`^resourcePolicy ${EXTERNAL_ARN}: the resource policy is not the one that lets organization ${ORG_ID} apply the guardrail`)),
    ]);
  });

  test('the same resource policy, reformatted with its actions in another order, passes', async () => {
    const document = JSON.parse(guardrailResourcePolicy(MANAGED_ARN, ORG_ID)) as { Statement: { Action: string[] }[] };
    for (const s of document.Statement) s.Action.reverse();
    expect(failures(await check({ ...READY, resourcePolicies: { ...READY.resourcePolicies, [MANAGED_ARN]: JSON.stringify(document, null, 2) } }))).toEqual([]);
  });

  test('a managed guardrail with only its DRAFT', async () => {
    expect(failures(await check({ ...READY, managedVersions: ['DRAFT'] }))).toEqual([expect.stringContaining('version org-standard: only the DRAFT exists')]);
  });

  test('a named version that is not ready', async () => {
    expect(failures(await check({ ...READY, externalVersion: { version: '3', status: 'FAILED' } }))).toEqual([expect.stringContaining(`version ${EXTERNAL_ARN}: version 3 is 3, status FAILED`)]);
  });

  test('a named version with an automated reasoning policy, which the organization cannot enforce', async () => {
    const reasoning = { version: '3', status: 'READY' as const, automatedReasoningPolicy: { policies: ['arn:aws:bedrock:eu-west-1:111111111111:automated-reasoning-policy/abc'] } };
    expect(failures(await check({ ...READY, externalVersion: reasoning }))).toEqual([expect.stringContaining(`automatedReasoning ${EXTERNAL_ARN}: version 3 has an automated reasoning policy`)]);
  });

  test('the report of the checks, as text and JSON', async () => {
    const checks = await check({ ...READY, managedVersions: ['DRAFT'] });
    const live = { id: ORG_ID, units: [], accounts: [] } as unknown as LiveOrganization;
    expect(driftText('governance.yaml', live, [], checks)).toContain('Guardrail enforcement (BEDROCK_POLICY): 1 of 6 checks failed\n');
    expect(driftText('governance.yaml', live, [], checks)).toContain('  [failed] version org-standard: only the DRAFT exists');
    const json = JSON.parse(driftJson('governance.yaml', live, [], checks)) as { inSync: boolean; guardrailEnforcement: { ready: boolean; checks: unknown[] } };
    expect(json.guardrailEnforcement.ready).toBe(false);
    expect(json.guardrailEnforcement.checks).toHaveLength(6);
    expect(JSON.parse(driftJson('governance.yaml', live, [])) as object).not.toHaveProperty('guardrailEnforcement');
  });
});

describe('modelgate discover --check with a Bedrock organization policy', () => {
  async function run(withBedrock: boolean): Promise<{ code: number; stdout: string }> {
    mockLive(READY);
    // The fake organization answers ListRoots with the SCP type only: BEDROCK_POLICY is not enabled.
    const organization = mockOrganization(fakeOrganization());
    const dir = mkdtempSync(join(tmpdir(), 'check-guardrail-'));
    writeFileSync(join(dir, 'governance.yaml'), CONFIG);
    let stdout = '';
    try {
      const code = await runDiscover(
        { output: join(dir, 'unused.yaml'), force: false, format: 'text', check: join(dir, 'governance.yaml') },
        {
          client: () => new OrganizationsClient({ region: 'us-east-1', credentials: CREDENTIALS }),
          ...(withBedrock ? { bedrock: (region: string) => new BedrockClient({ region, credentials: CREDENTIALS }) } : {}),
          stdout: (text) => (stdout += text),
          stderr: () => undefined,
        },
      );
      return { code, stdout };
    } finally {
      organization.restore();
    }
  }

  test('a missing one-time step fails the check, and says what to run', async () => {
    const { code, stdout } = await run(true);
    expect(stdout).toMatch(/matches organization o-a1b2c3d4e5/);
    expect(stdout).toContain('Guardrail enforcement (BEDROCK_POLICY): 1 of 6 checks failed');
    expect(stdout).toContain('[failed] policyType: BEDROCK_POLICY is not enabled on root r-ab12');
    expect(code).toBe(1);
  });

  test('without Bedrock clients the organization alone is compared, as before', async () => {
    const { code, stdout } = await run(false);
    expect(stdout).not.toContain('Guardrail enforcement');
    expect(code).toBe(0);
  });
});
