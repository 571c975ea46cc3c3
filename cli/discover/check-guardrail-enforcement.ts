import { BedrockClient, GetGuardrailCommand, GetResourcePolicyCommand, ListGuardrailsCommand, type GuardrailSummary } from '@aws-sdk/client-bedrock';
import { ListRootsCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';
import type { EnforcedGuardrail, ResolvedGovernance } from '../../modules/config';
import { guardrailResourcePolicy } from '../../modules/policy';

/**
 * What must be true in the organization before a Bedrock organization policy works, and that no
 * Terraform resource of modelgate sets: the BEDROCK_POLICY type is enabled on the root (else the
 * policy cannot be attached), each enforced guardrail has the resource policy that lets the
 * organization apply it (else member calls fail with AccessDenied; Bedrock User Guide, "Using
 * resource-based policies for guardrails"), and it has the published version the policy names
 * (the policy refuses DRAFT; AWS Organizations User Guide, Bedrock policy syntax). A guardrail
 * named by ARN is also checked for an automated reasoning policy, which organization-level
 * enforcement does not support ("Best practices for using Amazon Bedrock policies"); the
 * guardrails: section cannot give one.
 */
export interface GuardrailEnforcementCheck {
  readonly check: 'policyType' | 'resourcePolicy' | 'version' | 'automatedReasoning';
  /** The guardrail checked: its config name or ARN; absent for the policy type. */
  readonly guardrail?: string;
  readonly ok: boolean;
  /** What was found, and for a failure what to run. */
  readonly message: string;
}

/** The clients the checks call; Bedrock's per region, where each guardrail lives. */
export interface GuardrailEnforcementClients {
  readonly organizations: OrganizationsClient;
  readonly bedrock: (region: string) => BedrockClient;
}

const POLICY_TYPE = 'BEDROCK_POLICY';

/** Every check, in a stable order: the policy type, then each guardrail by region and name. */
export async function checkGuardrailEnforcement(governance: ResolvedGovernance, clients: GuardrailEnforcementClients): Promise<GuardrailEnforcementCheck[]> {
  const guardrails = distinctGuardrails(governance);
  if (guardrails.length === 0) return [];
  const checks = [await policyTypeCheck(clients.organizations)];
  for (const guardrail of guardrails) checks.push(...(await guardrailChecks(guardrail, governance.organizationId ?? '', clients.bedrock(guardrail.region))));
  return checks;
}

async function policyTypeCheck(organizations: OrganizationsClient): Promise<GuardrailEnforcementCheck> {
  try {
    const root = (await organizations.send(new ListRootsCommand({}))).Roots?.[0];
    const status = root?.PolicyTypes?.find((t) => t.Type === POLICY_TYPE)?.Status;
    if (status === 'ENABLED') return { check: 'policyType', ok: true, message: `${POLICY_TYPE} is enabled on root ${root?.Id ?? '?'}` };
    return {
      check: 'policyType',
      ok: false,
      message: `${POLICY_TYPE} is ${status === undefined ? 'not enabled' : status.toLowerCase().replace('_', ' ')} on root ${root?.Id ?? '?'}: run "aws organizations enable-policy-type --region us-east-1 --root-id ${root?.Id ?? '<root id>'} --policy-type ${POLICY_TYPE}" once, from the management account`,
    };
  } catch (error) {
    return { check: 'policyType', ok: false, message: `could not read the root's policy types: ${errorText(error)}` };
  }
}

async function guardrailChecks(guardrail: EnforcedGuardrail, organizationId: string, bedrock: BedrockClient): Promise<GuardrailEnforcementCheck[]> {
  const name = guardrail.kind === 'config' ? guardrail.name : guardrail.arn;
  try {
    const arn = guardrail.kind === 'arn' ? guardrail.arn : (await findByName(bedrock, guardrail.name))?.arn;
    if (arn === undefined) {
      return [{ check: 'version', guardrail: name, ok: false, message: `no guardrail named ${name} in ${guardrail.region} of the management account: apply the root stack first` }];
    }
    return [await resourcePolicyCheck(bedrock, name, arn, organizationId, guardrail.region), ...(await versionChecks(bedrock, name, arn, guardrail))];
  } catch (error) {
    return [{ check: 'version', guardrail: name, ok: false, message: `could not read the guardrail: ${errorText(error)}` }];
  }
}

async function resourcePolicyCheck(bedrock: BedrockClient, name: string, arn: string, organizationId: string, region: string): Promise<GuardrailEnforcementCheck> {
  const expected = guardrailResourcePolicy(arn, organizationId);
  const command = `aws bedrock put-resource-policy --region ${region} --resource-arn ${arn} --resource-policy '${expected}'`;
  let found: string | undefined;
  try {
    found = (await bedrock.send(new GetResourcePolicyCommand({ resourceArn: arn }))).resourcePolicy;
  } catch (error) {
    if (!isNotFound(error)) return { check: 'resourcePolicy', guardrail: name, ok: false, message: `could not read the resource policy: ${errorText(error)}` };
  }
  if (found === undefined || found === '') return { check: 'resourcePolicy', guardrail: name, ok: false, message: `no resource policy: member accounts cannot apply the guardrail; run ${command}` };
  if (!samePolicy(found, expected)) {
    return { check: 'resourcePolicy', guardrail: name, ok: false, message: `the resource policy is not the one that lets organization ${organizationId} apply the guardrail; run ${command}` };
  }
  return { check: 'resourcePolicy', guardrail: name, ok: true, message: `the resource policy lets organization ${organizationId} apply the guardrail` };
}

async function versionChecks(bedrock: BedrockClient, name: string, arn: string, guardrail: EnforcedGuardrail): Promise<GuardrailEnforcementCheck[]> {
  if (guardrail.kind === 'arn') {
    const found = await bedrock.send(new GetGuardrailCommand({ guardrailIdentifier: arn, guardrailVersion: guardrail.version }));
    const ok = found.version !== undefined && found.version !== 'DRAFT' && found.status === 'READY';
    const reasoning = found.automatedReasoningPolicy?.policies ?? [];
    return [
      { check: 'version', guardrail: name, ok, message: ok ? `version ${guardrail.version} is published and ready` : `version ${guardrail.version} is ${found.version ?? 'missing'}, status ${found.status ?? 'unknown'}: the policy needs a published version that is READY` },
      reasoning.length === 0
        ? { check: 'automatedReasoning', guardrail: name, ok: true, message: 'no automated reasoning policy' }
        : { check: 'automatedReasoning', guardrail: name, ok: false, message: `version ${guardrail.version} has an automated reasoning policy, which organization-level enforcement does not support: name a version without one` },
    ];
  }
  const versions = await listAll(bedrock, arn);
  const published = versions.filter((v) => v.version !== undefined && v.version !== 'DRAFT');
  return [
    published.length > 0
      ? { check: 'version', guardrail: name, ok: true, message: `published versions: ${published.map((v) => v.version).join(', ')}` }
      : { check: 'version', guardrail: name, ok: false, message: 'only the DRAFT exists: apply the root stack, which publishes a version' },
  ];
}

/** ListGuardrails without an identifier lists each guardrail once (its DRAFT). */
async function findByName(bedrock: BedrockClient, name: string): Promise<GuardrailSummary | undefined> {
  return (await listAll(bedrock)).find((g) => g.name === name);
}

async function listAll(bedrock: BedrockClient, guardrailIdentifier?: string): Promise<GuardrailSummary[]> {
  const all: GuardrailSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await bedrock.send(new ListGuardrailsCommand({ ...(guardrailIdentifier ? { guardrailIdentifier } : {}), ...(nextToken ? { nextToken } : {}) }));
    all.push(...(page.guardrails ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return all;
}

/** The guardrails the organization policies enforce, once each, by region then name. */
function distinctGuardrails(governance: ResolvedGovernance): EnforcedGuardrail[] {
  const byKey = new Map(governance.guardrailPolicies.flatMap((p) => p.guardrails).map((g) => [g.kind === 'config' ? `config:${g.name}` : `arn:${g.arn}:${g.version}`, g]));
  return [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

/** Equal as documents: AWS may return the policy reformatted, and lists in another order. */
function samePolicy(found: string, expected: string): boolean {
  try {
    return canonical(JSON.parse(found)) === canonical(JSON.parse(expected));
  } catch {
    return false;
  }
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).sort().join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === 'ResourceNotFoundException';
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
