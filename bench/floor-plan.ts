import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the floor yardstick writes: the stacks and resources of an already synthesized cdktf.out,
 * as plain data, so that the floor app does only what any cdktf app writing that output must do.
 */
export interface FloorPlan {
  /** The cdktf.out the plan was read from. */
  readonly source: string;
  readonly stacks: readonly FloorStack[];
}

export interface FloorStack {
  readonly name: string;
  /** AwsProvider props, already in the provider class's own names. */
  readonly provider: FloorProvider;
  /** The stack's `terraform.backend` block, as synthesized. */
  readonly backend: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The hashicorp/aws versions the stack accepts (`terraform.required_providers.aws.version`). */
  readonly awsProviderVersion?: string;
  readonly policies: readonly FloorPolicy[];
  readonly attachments: readonly FloorAttachment[];
}

export interface FloorProvider {
  readonly region?: string;
  readonly allowedAccountIds?: string[];
  readonly defaultTags?: { tags: Record<string, string> }[];
  readonly assumeRole?: { roleArn?: string; sessionName?: string }[];
}

export interface FloorPolicy {
  /** Construct ids below the stack, e.g. ["scp", "policy-1"]: the same path gives the same logical id. */
  readonly path: readonly string[];
  readonly name: string;
  readonly description?: string;
  readonly type: string;
  readonly content: string;
  readonly tags?: Record<string, string>;
}

export interface FloorAttachment {
  readonly path: readonly string[];
  /** Index into the stack's policies. */
  readonly policy: number;
  readonly targetId: string;
}

type Json = Record<string, unknown>;

/** Reads every stack of a cdktf.out into a floor plan; throws on resources the floor cannot write. */
export function floorPlanOf(outdir: string): FloorPlan {
  const stacksDir = join(outdir, 'stacks');
  const stacks = readdirSync(stacksDir)
    .sort()
    .map((name) => floorStackOf(name, JSON.parse(readFileSync(join(stacksDir, name, 'cdk.tf.json'), 'utf8')) as Json));
  return { source: outdir, stacks };
}

function floorStackOf(name: string, json: Json): FloorStack {
  const resources = (json.resource ?? {}) as Record<string, Record<string, Json>>;
  const unexpected = Object.keys(resources).filter((type) => type !== 'aws_organizations_policy' && type !== 'aws_organizations_policy_attachment');
  if (unexpected.length > 0) throw new Error(`stack ${name}: the floor yardstick does not write ${unexpected.join(', ')}`);
  const policyEntries = Object.entries(resources.aws_organizations_policy ?? {});
  const policyIndex = new Map(policyEntries.map(([logicalId], index) => [logicalId, index]));
  const policies = policyEntries.map(([, policy]) => ({
    path: constructPath(name, policy),
    name: policy.name as string,
    ...(policy.description !== undefined ? { description: policy.description as string } : {}),
    type: policy.type as string,
    content: policy.content as string,
    ...(policy.tags !== undefined ? { tags: policy.tags as Record<string, string> } : {}),
  }));
  const attachments = Object.values(resources.aws_organizations_policy_attachment ?? {}).map((attachment) => {
    const reference = /^\$\{aws_organizations_policy\.([^.]+)\.id\}$/.exec(attachment.policy_id as string);
    const policy = reference ? policyIndex.get(reference[1] as string) : undefined;
    if (policy === undefined) throw new Error(`stack ${name}: attachment policy_id ${String(attachment.policy_id)} names no policy of the stack`);
    return { path: constructPath(name, attachment), policy, targetId: attachment.target_id as string };
  });
  const terraform = (json.terraform ?? {}) as Json;
  return {
    name,
    provider: providerOf(name, ((json.provider as Json | undefined)?.aws as Json[] | undefined)?.[0] ?? {}),
    backend: (terraform.backend ?? {}) as FloorStack['backend'],
    ...awsProviderVersionOf(terraform),
    policies,
    attachments,
  };
}

function awsProviderVersionOf(terraform: Json): { awsProviderVersion?: string } {
  const version = (((terraform.required_providers as Json | undefined)?.aws as Json | undefined)?.version);
  return typeof version === 'string' ? { awsProviderVersion: version } : {};
}

function constructPath(stack: string, resource: Json): string[] {
  const path = ((resource['//'] as Json | undefined)?.metadata as Json | undefined)?.path;
  if (typeof path !== 'string' || !path.startsWith(`${stack}/`)) throw new Error(`stack ${stack}: a resource has no construct path metadata`);
  return path.slice(stack.length + 1).split('/');
}

function providerOf(stack: string, aws: Json): FloorProvider {
  const known = new Set(['region', 'allowed_account_ids', 'default_tags', 'assume_role']);
  const unknown = Object.keys(aws).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new Error(`stack ${stack}: the floor yardstick does not write provider settings ${unknown.join(', ')}`);
  const assumeRole = aws.assume_role as { role_arn?: string; session_name?: string }[] | undefined;
  return {
    ...(aws.region !== undefined ? { region: aws.region as string } : {}),
    ...(aws.allowed_account_ids !== undefined ? { allowedAccountIds: aws.allowed_account_ids as string[] } : {}),
    ...(aws.default_tags !== undefined ? { defaultTags: aws.default_tags as { tags: Record<string, string> }[] } : {}),
    ...(assumeRole !== undefined
      ? { assumeRole: assumeRole.map((r) => ({ ...(r.role_arn ? { roleArn: r.role_arn } : {}), ...(r.session_name ? { sessionName: r.session_name } : {}) })) }
      : {}),
  };
}
