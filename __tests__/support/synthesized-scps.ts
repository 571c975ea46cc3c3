/**
 * Test support for decision tests: synthesizes fixtures, matches the requests the simulator
 * cannot evaluate against the statements directly, and asserts decisions with their explanation.
 * Reading and chaining the synthesized SCPs is shared with the report (cli/simulate).
 */
import { arnMatches, decide, explain, scpChainFor, type Decision, type DecisionResult, type ScpLevel, type ScpStatement } from '../../cli/simulate';
import { synthesizeFile, type Synthesized } from './synth-fixture';

/** The outcome of {@link synthesizeToTemp}: the compile result, warnings, the cdktf.out directory and its stacks. */
export type SynthesizedOrg = Synthesized;

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

/** The SCP chains of an organization's accounts, keyed by account id, and the synth they come from. */
export interface AccountChains {
  /** The chain of the account that the case's principal belongs to (empty for an unknown account). */
  chainOf(c: DecisionCase): ScpLevel[];
  /** The chain of one account id. */
  chain(accountId: string): ScpLevel[];
  /** The synth result (available in tests, after the beforeAll this registers). */
  synthesized(): SynthesizedOrg;
}

/**
 * Synthesizes a config once, before the tests of the enclosing describe, and reads the SCP chain
 * of each account from its policy ids (root, OUs, account), as the decision tests of the examples do.
 */
export function accountChains(configFile: string, policyIdsByAccount: Readonly<Record<string, readonly string[]>>): AccountChains {
  const chains: Record<string, ScpLevel[]> = {};
  let result: SynthesizedOrg | undefined;
  beforeAll(async () => {
    result = await synthesizeToTemp(configFile);
    for (const [account, ids] of Object.entries(policyIdsByAccount)) chains[account] = scpChainFor(result.outdir, ids);
  });
  const chain = (accountId: string): ScpLevel[] => chains[accountId] ?? [];
  return {
    chain,
    chainOf: (c) => chain(c.principalArn.split(':')[4] ?? ''),
    synthesized: () => {
      if (!result) throw new Error(`${configFile} is synthesized in beforeAll; read it inside a test`);
      return result;
    },
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
  /** Request context keys; a multi-valued key such as `aws:TagKeys` takes a list. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
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
  context: Readonly<Record<string, string | readonly string[]>> | undefined,
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
