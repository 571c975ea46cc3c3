/**
 * Reads the SCPs out of a synthesized `cdktf.out` exactly as Terraform would create and attach
 * them, and lines them up root -> OUs -> account the way AWS Organizations evaluates them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScpLevel } from './decide';

/** One synthesized `aws_organizations_policy`, as attached by an `aws_organizations_policy_attachment`. */
export interface SynthesizedPolicy {
  /** The policy's `name` (e.g. `modelgate-ou-sandbox-1`). */
  readonly name: string;
  /** The literal JSON document AWS stores. */
  readonly content: string;
  /** The stack (cdktf.out/stacks/<stack>) the policy and its attachment live in. */
  readonly stack: string;
}

/** Target id (root, OU or account id) -> the SCPs attached to it, in stack and logical-id order. */
export type SynthesizedPolicies = ReadonlyMap<string, readonly SynthesizedPolicy[]>;

/** A parsed SCP statement, with single values widened to lists. */
export interface ScpStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: readonly string[];
  readonly NotAction?: readonly string[];
  readonly Resource?: readonly string[];
  readonly NotResource?: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

interface TerraformResource {
  readonly name?: unknown;
  readonly content?: unknown;
  readonly type?: unknown;
  readonly policy_id?: unknown;
  readonly target_id?: unknown;
}

interface StackJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, TerraformResource>>>>;
}

/** A cdktf.out directory that is missing or holds no synthesized stacks. */
export class MissingSynthOutputError extends Error {}

/**
 * Reads every stack of a synthesized cdktf.out and follows each
 * `aws_organizations_policy_attachment` to the policy it attaches.
 *
 * @param outdir the cdktf.out directory (the one holding `stacks/`)
 * @returns target id (root, OU or account id) -> the SCPs attached to it, in stack and logical-id order
 */
export function readSynthesizedPolicies(outdir: string): Map<string, SynthesizedPolicy[]> {
  const stacksDir = join(outdir, 'stacks');
  if (!existsSync(stacksDir)) {
    throw new MissingSynthOutputError(
      existsSync(outdir) ? `${outdir} has no stacks/ directory: pass the cdktf.out directory` : `${outdir} not found: run npm run synth first`,
    );
  }
  const byTarget = new Map<string, SynthesizedPolicy[]>();
  for (const stack of readdirSync(stacksDir).sort()) {
    const file = join(stacksDir, stack, 'cdk.tf.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as StackJson;
    const policies = json.resource?.aws_organizations_policy ?? {};
    const attachments = json.resource?.aws_organizations_policy_attachment ?? {};
    for (const [attachmentId, attachment] of Object.entries(attachments).sort(([a], [b]) => a.localeCompare(b))) {
      const reference = /^\$\{aws_organizations_policy\.([^.}]+)\.id\}$/.exec(String(attachment.policy_id));
      const policy = reference?.[1] === undefined ? undefined : policies[reference[1]];
      if (policy === undefined || typeof attachment.target_id !== 'string') {
        throw new Error(`${file}: attachment ${attachmentId} does not reference a policy of its stack (${String(attachment.policy_id)})`);
      }
      // Bedrock organization policies are Bedrock's to apply, not IAM documents: the report lists them on their own.
      if (policy.type === 'BEDROCK_POLICY') continue;
      if (policy.type !== 'SERVICE_CONTROL_POLICY' || typeof policy.name !== 'string' || typeof policy.content !== 'string') {
        throw new Error(`${file}: ${reference?.[1] ?? '?'} is not a service control policy with a literal name and content`);
      }
      const list = byTarget.get(attachment.target_id) ?? [];
      list.push({ name: policy.name, content: policy.content, stack });
      byTarget.set(attachment.target_id, list);
    }
  }
  return byTarget;
}

/**
 * The SCP chain AWS evaluates for an account: one level per id, in the order given, each with
 * the synthesized SCPs attached to it (none for a layer without rules; the simulator wrapper
 * adds FullAWSAccess to every level).
 *
 * @param policies a cdktf.out directory, or what {@link readSynthesizedPolicies} read from one
 * @param ids the root id, the OU ids on the account's path (outermost first), then the account id
 */
export function scpChainFor(policies: string | SynthesizedPolicies, ids: readonly string[]): ScpLevel[] {
  const byTarget = typeof policies === 'string' ? readSynthesizedPolicies(policies) : policies;
  return ids.map((id) => ({ id, policies: (byTarget.get(id) ?? []).map(({ name, content }) => ({ name, content })) }));
}

/** Every statement of the SCPs in a chain, with single values widened to lists. */
export function statementsOf(chain: readonly ScpLevel[]): ScpStatement[] {
  return chain.flatMap((level) => level.policies.flatMap((policy) => statementsOfPolicy(policy.content)));
}

/** The statements of one policy document, with single values widened to lists. */
export function statementsOfPolicy(content: string): ScpStatement[] {
  const document = JSON.parse(content) as { Statement: Record<string, unknown>[] | Record<string, unknown> };
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  return statements.map(widen);
}

function widen(raw: Record<string, unknown>): ScpStatement {
  const list = (value: unknown): readonly string[] | undefined =>
    value === undefined ? undefined : Array.isArray(value) ? value.map(String) : [String(value)];
  const condition = raw.Condition as Record<string, Record<string, unknown>> | undefined;
  return {
    ...(typeof raw.Sid === 'string' ? { Sid: raw.Sid } : {}),
    Effect: raw.Effect === 'Allow' ? 'Allow' : 'Deny',
    ...(raw.Action === undefined ? {} : { Action: list(raw.Action) }),
    ...(raw.NotAction === undefined ? {} : { NotAction: list(raw.NotAction) }),
    ...(raw.Resource === undefined ? {} : { Resource: list(raw.Resource) }),
    ...(raw.NotResource === undefined ? {} : { NotResource: list(raw.NotResource) }),
    ...(condition === undefined
      ? {}
      : {
          Condition: Object.fromEntries(
            Object.entries(condition).map(([operator, keys]) => [
              operator,
              Object.fromEntries(Object.entries(keys).map(([key, value]) => [key, list(value) ?? []])),
            ]),
          ),
        }),
  };
}
