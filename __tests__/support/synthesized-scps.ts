/**
 * Test support for decision tests: reads the SCPs out of a synthesized `cdktf.out` exactly as
 * Terraform would create and attach them, and lines them up root -> OUs -> account the way AWS
 * Organizations evaluates them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SynthesizeResult } from '../../stacks/synthesize';
import { synthesizeFile } from './synth-fixture';
import { arnMatches, decide, explain, type Decision, type DecisionResult, type ScpLevel } from './simulate';

/** One synthesized `aws_organizations_policy`, as attached by an `aws_organizations_policy_attachment`. */
export interface SynthesizedPolicy {
  readonly name: string;
  /** The literal JSON document AWS stores. */
  readonly content: string;
  /** The stack (cdktf.out/stacks/<stack>) the policy and its attachment live in. */
  readonly stack: string;
}

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

/** The outcome of {@link synthesizeToTemp}. */
export interface SynthesizedOrg extends SynthesizeResult {
  /** The cdktf.out directory (it holds `stacks/<stack>/cdk.tf.json`). */
  readonly outdir: string;
}

const synthesized = new Map<string, Promise<SynthesizedOrg>>();

/**
 * Synthesizes a governance file into a fresh temporary directory, in-process, the way
 * `npm run synth` does. The output is only read, so each file is synthesized once per test file.
 *
 * @param configFile the governance.yaml to read
 * @returns the compile result, the loader's warnings and the cdktf.out directory
 */
export function synthesizeToTemp(configFile: string): Promise<SynthesizedOrg> {
  let result = synthesized.get(configFile);
  if (!result) {
    result = synthesizeFile(configFile);
    synthesized.set(configFile, result);
  }
  return result;
}

/**
 * Reads every stack of a synthesized cdktf.out and follows each
 * `aws_organizations_policy_attachment` to the policy it attaches.
 *
 * @param outdir the cdktf.out directory (the one holding `stacks/`)
 * @returns target id (root, OU or account id) -> the SCPs attached to it, in stack and logical-id order
 */
export function readSynthesizedPolicies(outdir: string): Map<string, SynthesizedPolicy[]> {
  const stacksDir = join(outdir, 'stacks');
  if (!existsSync(stacksDir)) throw new Error(`${outdir} has no stacks/ directory: pass the cdktf.out directory`);
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
 * the synthesized SCPs attached to it (none for a layer without rules; the simulator harness
 * adds FullAWSAccess to every level).
 *
 * @param outdir the cdktf.out directory
 * @param ids the root id, the OU ids on the account's path (outermost first), then the account id
 */
export function scpChainFor(outdir: string, ids: readonly string[]): ScpLevel[] {
  const byTarget = readSynthesizedPolicies(outdir);
  return ids.map((id) => ({ id, policies: (byTarget.get(id) ?? []).map(({ name, content }) => ({ name, content })) }));
}

/** Every statement of the SCPs in a chain, with single values widened to lists. */
export function statementsOf(chain: readonly ScpLevel[]): ScpStatement[] {
  return chain.flatMap((level) =>
    level.policies.flatMap((policy) => {
      const document = JSON.parse(policy.content) as { Statement: Record<string, unknown>[] | Record<string, unknown> };
      const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
      return statements.map(widen);
    }),
  );
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

/** IAM action matching: case-insensitive, `*` and `?` wildcards. */
export function actionMatches(pattern: string, action: string): boolean {
  return arnMatches(pattern.toLowerCase(), action.toLowerCase());
}

/**
 * IAM ArnLike matching: the six colon-separated parts of an ARN are matched one by one, so a `*`
 * in the region part matches an empty region but never spills into the account part.
 *
 * @param pattern an ARN pattern from a Resource/NotResource list, or `*`
 * @param arn a concrete ARN, possibly one the simulator refuses (e.g. region-less)
 */
export function arnLike(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const wanted = arnParts(pattern);
  const actual = arnParts(arn);
  if (wanted === undefined || actual === undefined) return false;
  return wanted.every((part, i) => arnMatches(part, actual[i] ?? ''));
}

function arnParts(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/**
 * The Deny statements whose action and resource parts (not their conditions) match a request:
 * for requests the simulator cannot evaluate, such as the region-less foundation-model ARN of
 * global cross-region inference.
 */
export function denyStatementsCovering(statements: readonly ScpStatement[], action: string, arn: string): ScpStatement[] {
  return statements.filter((s) => {
    if (s.Effect !== 'Deny') return false;
    const actionHit = s.Action
      ? s.Action.some((p) => actionMatches(p, action))
      : (s.NotAction ?? []).every((p) => !actionMatches(p, action));
    const resourceHit = s.Resource
      ? s.Resource.some((p) => arnLike(p, arn))
      : (s.NotResource ?? []).every((p) => !arnLike(p, arn));
    return actionHit && resourceHit;
  });
}

/**
 * Whether a Deny applies to every principal it does not exempt: its only condition is the
 * `ArnNotLike aws:PrincipalArn` exemption (as opposed to, say, a deny only via MCP servers).
 */
export function deniesAllButExempted(statement: ScpStatement): boolean {
  return Object.entries(statement.Condition ?? {}).every(
    ([operator, keys]) => operator === 'ArnNotLike' && Object.keys(keys).every((key) => key.toLowerCase() === 'aws:principalarn'),
  );
}

/** One request of a decision table and the outcome it must have. */
export interface DecisionCase {
  readonly name: string;
  readonly principalArn: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, string>>;
  readonly expected: Decision;
}

/**
 * Decides a case against an SCP chain. Context keys the simulator would silently drop make it
 * throw, so that a condition is never "tested" with its key missing; pass
 * `allowIgnoredContextKeys` only where a test is about that limitation.
 */
/** One table row of a decision test; `context` is optional. */
export function row(
  name: string,
  principalArn: string,
  action: string,
  resource: string,
  context: Readonly<Record<string, string>> | undefined,
  expected: Decision,
): DecisionCase {
  return { name, principalArn, action, resource, ...(context ? { context } : {}), expected };
}

export function decideCase(chain: readonly ScpLevel[], c: DecisionCase, options: { allowIgnoredContextKeys?: boolean } = {}): Promise<DecisionResult> {
  return decide({
    scps: chain,
    request: { principalArn: c.principalArn, action: c.action, resource: c.resource, ...(c.context ? { context: c.context } : {}) },
    failOnIgnoredContextKeys: !(options.allowIgnoredContextKeys ?? false),
  });
}

/**
 * The same requests made by a role of the same name in each caller's own account, all expected
 * Allowed: for the break-glass principals (exempted from every deny modelgate writes) and for a
 * rule's `except` principals.
 */
export function asRole(cases: readonly DecisionCase[], roleName: string): DecisionCase[] {
  return cases.map((c) => {
    const account = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(c.principalArn)?.[1];
    if (account === undefined) throw new Error(`cannot find the account of ${c.principalArn}`);
    return { ...c, name: `${roleName}: ${c.name}`, principalArn: `arn:aws:iam::${account}:role/${roleName}`, expected: 'Allowed' as const };
  });
}

/**
 * A decision as text whose first line is the verdict and whose rest explains it. Assertions
 * match the first line, so a failure prints the deciding statements (Jest's object matchers
 * would leave an explanation field out of the diff).
 */
export function verdict(result: DecisionResult): string {
  return `${result.decision} (${result.detail.evaluation})\n${explain(result)}`;
}

/** The first line of {@link verdict} for an expected decision: a Deny must be explicit. */
export function verdictLine(expected: Decision): RegExp {
  return expected === 'Allowed' ? /^Allowed \(Allowed\)\n/ : /^Denied \(ExplicitlyDenied\)\n/;
}

/**
 * Decides a case and asserts its outcome; a Deny must be an explicit one (a statement modelgate
 * wrote), never a missing Allow. Failures print the simulator's explanation.
 */
export async function expectDecision(chain: readonly ScpLevel[], c: DecisionCase, options: { allowIgnoredContextKeys?: boolean } = {}): Promise<DecisionResult> {
  const result = await decideCase(chain, c, options);
  expect(verdict(result)).toMatch(verdictLine(c.expected));
  return result;
}
