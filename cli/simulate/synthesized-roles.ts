/**
 * Reads the IAM roles out of the synthesized account stacks of a `cdktf.out` with the policies
 * Terraform would put on them: inline `aws_iam_role_policy` documents and the ARNs of
 * `aws_iam_role_policy_attachment`s.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MissingSynthOutputError } from './synthesized-policies';

/** One synthesized `aws_iam_role` and what is attached to it. */
export interface SynthesizedRole {
  /** The role's `name`. */
  readonly name: string;
  /** The role's `path`; IAM's default is `/`. */
  readonly path: string;
  /** The account the role is created in: the one its provider is allowed to act on. */
  readonly account: string;
  /** The stack (cdktf.out/stacks/<stack>) the role lives in. */
  readonly stack: string;
  /** Inline policies, in logical-id order: `name` is the `aws_iam_role_policy` name. */
  readonly inlinePolicies: ReadonlyArray<{ readonly name: string; readonly content: string }>;
  /** ARNs of the attached managed policies, sorted. */
  readonly managedPolicyArns: readonly string[];
}

type TerraformBlock = Readonly<Record<string, unknown>>;

interface StackJson {
  readonly provider?: Readonly<Record<string, readonly TerraformBlock[]>>;
  readonly resource?: Readonly<Record<string, Readonly<Record<string, TerraformBlock>>>>;
}

/** Account stacks are the ones synthesized per account (`account-<name>`). */
const ACCOUNT_STACK = /^account-/;

/**
 * Every `aws_iam_role` of the account stacks, with its inline policies and managed policy
 * attachments followed through their `${aws_iam_role.<id>.name}` references.
 *
 * @param outdir the cdktf.out directory (the one holding `stacks/`)
 * @returns the roles, by stack then logical id
 */
export function readSynthesizedRoles(outdir: string): SynthesizedRole[] {
  const stacksDir = join(outdir, 'stacks');
  if (!existsSync(stacksDir)) throw new MissingSynthOutputError(`${outdir} has no stacks/ directory: run npm run synth first`);
  return readdirSync(stacksDir)
    .filter((stack) => ACCOUNT_STACK.test(stack))
    .sort()
    .flatMap((stack) => rolesOfStack(join(stacksDir, stack, 'cdk.tf.json'), stack));
}

function rolesOfStack(file: string, stack: string): SynthesizedRole[] {
  const json = JSON.parse(readFileSync(file, 'utf8')) as StackJson;
  const resources = json.resource ?? {};
  const sorted = (type: string): [string, TerraformBlock][] => Object.entries(resources[type] ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const roleIdOf = (id: string, block: TerraformBlock): string => {
    const reference = /^\$\{aws_iam_role\.([^.}]+)\.(name|id)\}$/.exec(String(block.role));
    if (reference?.[1] === undefined || resources.aws_iam_role?.[reference[1]] === undefined) {
      throw new Error(`${file}: ${id} does not reference a role of its stack (${String(block.role)})`);
    }
    return reference[1];
  };
  const inline = new Map<string, { name: string; content: string }[]>();
  for (const [id, block] of sorted('aws_iam_role_policy')) {
    if (typeof block.name !== 'string' || typeof block.policy !== 'string') throw new Error(`${file}: ${id} has no literal name and policy`);
    const role = roleIdOf(id, block);
    inline.set(role, [...(inline.get(role) ?? []), { name: block.name, content: block.policy }]);
  }
  const managed = new Map<string, string[]>();
  for (const [id, block] of sorted('aws_iam_role_policy_attachment')) {
    if (typeof block.policy_arn !== 'string') throw new Error(`${file}: ${id} has no literal policy_arn`);
    const role = roleIdOf(id, block);
    managed.set(role, [...(managed.get(role) ?? []), block.policy_arn]);
  }
  return sorted('aws_iam_role').map(([id, block]) => {
    if (typeof block.name !== 'string') throw new Error(`${file}: role ${id} has no literal name`);
    return {
      name: block.name,
      path: typeof block.path === 'string' ? block.path : '/',
      account: accountOf(json, block, file, id),
      stack,
      inlinePolicies: inline.get(id) ?? [],
      managedPolicyArns: [...(managed.get(id) ?? [])].sort(),
    };
  });
}

/** The single account the role's provider (`aws` or `aws.<alias>`) may act on. */
function accountOf(json: StackJson, role: TerraformBlock, file: string, id: string): string {
  const alias = typeof role.provider === 'string' ? role.provider.replace(/^aws\.?/, '') : '';
  const provider = (json.provider?.aws ?? []).find((p) => (p.alias ?? '') === alias);
  const allowed = provider?.allowed_account_ids;
  if (!Array.isArray(allowed) || allowed.length !== 1 || typeof allowed[0] !== 'string') {
    throw new Error(`${file}: role ${id}: its provider ${String(role.provider ?? 'aws')} does not name exactly one allowed account`);
  }
  return allowed[0];
}
