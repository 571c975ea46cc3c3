/**
 * A thin, strict wrapper around `@cloud-copilot/iam-simulate` (AGPL-3.0: only cli/ and tests
 * import it), shared by the decision tests and the `report` command. It fills the gaps which
 * would otherwise make a decision come out right for the wrong reason (missing principal context
 * keys, missing FullAWSAccess, validation errors read as "Denied", silently dropped context keys,
 * wildcard "is anything allowed?" answers).
 */
import {
  runSimulation,
  type EvaluationResult,
  type RequestAnalysis,
  type RunSimulationResults,
  type Simulation,
  type SimulationOrgPolicies,
  type SingleResourceSimulationResult,
} from '@cloud-copilot/iam-simulate';

/** One level of the organization tree (root, an OU, or the account) and the SCPs attached to it. */
export interface ScpLevel {
  /** Identifier shown in decisions and failure messages, e.g. `r-root`, `ou-ml`, `222222222222`. */
  readonly id: string;
  /** The SCPs attached at this level; `content` is the literal JSON policy document. */
  readonly policies: ReadonlyArray<{ readonly name: string; readonly content: string }>;
}

/** A single API call to evaluate. */
export interface DecisionRequest {
  /** The calling principal, e.g. `arn:aws:iam::222222222222:role/Dev` or an `sts` assumed-role ARN. */
  readonly principalArn: string;
  /** The action, e.g. `bedrock:InvokeModel`. */
  readonly action: string;
  /** A concrete resource ARN, or `"*"` for wildcard-only actions. */
  readonly resource: string;
  /** Extra request context keys, e.g. `aws:RequestTag/cost-center`. Keys are case-insensitive. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

/** Everything needed to decide one request. */
export interface DecisionInput {
  /** SCP levels, root first, then OUs, then the account. */
  readonly scps: readonly ScpLevel[];
  /**
   * Identity policies as JSON strings (named `identity-<n>`) or named documents, e.g. a role's
   * inline policies; default: a single policy allowing `*` on `*`.
   */
  readonly identityPolicies?: ReadonlyArray<string | { readonly name: string; readonly content: string }>;
  readonly request: DecisionRequest;
  /**
   * Attach AWS's default `FullAWSAccess` SCP to every level that has no policy of that name
   * (as AWS does by default). Default `true`; set `false` to test levels without it.
   */
  readonly fullAwsAccess?: boolean;
  /**
   * Throw instead of deciding when the simulator drops any context key as not applicable to
   * the action. Default `false` (the keys are only reported in `detail.ignoredContextKeys`).
   */
  readonly failOnIgnoredContextKeys?: boolean;
}

/** The outcome of one evaluated request. */
export type Decision = 'Allowed' | 'Denied';

/** A policy statement (or a missing Allow) that caused a Deny. */
export interface DenyReason {
  /** `Explicit`: a matching Deny statement; `Implicit`: no matching Allow. */
  readonly kind: 'Explicit' | 'Implicit';
  readonly policyType: 'scp' | 'identity';
  /** The SCP level id, for `scp` reasons. */
  readonly level?: string;
  /** The policy name, for explicit denies. */
  readonly policyName?: string;
  /** The statement's Sid, if it has one. */
  readonly sid?: string;
  /** 1-based position of the statement in its policy, for explicit denies. */
  readonly statementIndex?: number;
}

/** What was simulated and why it came out the way it did. */
export interface DecisionDetail {
  /** The simulator's own verdict; distinguishes explicit from implicit denies. */
  readonly evaluation: EvaluationResult;
  /** The request as sent to the simulator, including the filled-in principal context keys. */
  readonly request: {
    readonly principalArn: string;
    readonly action: string;
    readonly resource: string;
    readonly context: Readonly<Record<string, string | readonly string[]>>;
  };
  /**
   * Context keys the simulator dropped before evaluation because its catalog does not list
   * them for this action/resource type; conditions on them behaved as if the key were absent.
   */
  readonly ignoredContextKeys: readonly string[];
  /** The statements (or missing Allows) that decided a Deny; empty when allowed. */
  readonly denyReasons: readonly DenyReason[];
  /** The resource type the simulator matched the resource ARN to, e.g. `foundation-model`. */
  readonly resourceType?: string;
  /** The simulator's full analysis, for digging deeper than `denyReasons`. */
  readonly analysis: RequestAnalysis;
}

/** Result of {@link decide}. */
export interface DecisionResult {
  readonly decision: Decision;
  readonly detail: DecisionDetail;
}

/** Name of AWS's default SCP. */
export const FULL_AWS_ACCESS_NAME = 'FullAWSAccess';

/** The AWS-managed FullAWSAccess SCP document. */
export const FULL_AWS_ACCESS_POLICY =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

const ALLOW_ALL_IDENTITY_POLICY = FULL_AWS_ACCESS_POLICY;

const PRINCIPAL_ARN_KEY = 'aws:PrincipalArn';
const PRINCIPAL_ACCOUNT_KEY = 'aws:PrincipalAccount';

type MutableContext = Record<string, string | string[]>;
type OuAnalysis = NonNullable<RequestAnalysis['scpAnalysis']>['ouAnalysis'][number];
type StatementAnalysis = OuAnalysis['denyStatements'][number];

/**
 * Simulates one request against the given SCP hierarchy and identity policies.
 *
 * Throws (never returns `Denied`) when the simulator cannot evaluate the request: invalid
 * policies, unknown actions, resource ARNs that match none of the action's resource types
 * (e.g. the region-less `arn:aws:bedrock:::foundation-model/X`), a specific ARN for a
 * wildcard-only action, or a wildcard resource for an action that is not wildcard-only.
 *
 * @param input the SCP levels, identity policies and request
 * @returns the decision and the detail needed to explain it
 */
export async function decide(input: DecisionInput): Promise<DecisionResult> {
  const { request } = input;
  const principalAccount = accountOfPrincipal(request.principalArn);
  const context = withPrincipalContext(request, principalAccount);
  const simulation: Simulation = {
    request: {
      principal: request.principalArn,
      action: request.action,
      resource: { resource: request.resource, accountId: resourceAccount(request.resource, principalAccount) },
      contextVariables: context,
    },
    identityPolicies: (input.identityPolicies ?? [ALLOW_ALL_IDENTITY_POLICY]).map((entry, i) => {
      const { name, content } = typeof entry === 'string' ? { name: `identity-${i + 1}`, content: entry } : entry;
      return { name, policy: parsePolicy(content, `identity policy "${name}"`) };
    }),
    serviceControlPolicies: input.scps.map((level) => toOrgPolicies(level, input.fullAwsAccess ?? true)),
    resourceControlPolicies: [],
  };
  const single = requireSingleResult(await runSimulation(simulation, {}), request);
  const detail = toDetail(single, request, context);
  if ((input.failOnIgnoredContextKeys ?? false) && detail.ignoredContextKeys.length > 0) {
    throw new Error(
      `iam-simulate ignored context keys ${detail.ignoredContextKeys.join(', ')} for ${request.action}; ` +
        'conditions on them would see them as absent',
    );
  }
  return { decision: detail.evaluation === 'Allowed' ? 'Allowed' : 'Denied', detail };
}

/**
 * Renders a decision as a few human-readable lines for failing assertions. A bare
 * `expect(result.decision).toBe('Allowed')` only prints the two words; carrying the
 * explanation along makes Jest print it in the diff:
 * `expect({ decision: r.decision, why: explain(r) }).toMatchObject({ decision: 'Allowed' })`.
 *
 * @param result a result returned by {@link decide}
 * @returns a multi-line explanation: verdict, deciding statements, ignored context keys, context sent
 */
export function explain(result: DecisionResult): string {
  const { detail } = result;
  const { principalArn, action, resource, context } = detail.request;
  const lines = [`${result.decision} (${detail.evaluation}): ${principalArn} -> ${action} on ${resource}`];
  if (result.decision === 'Denied') {
    lines.push(
      ...(detail.denyReasons.length > 0
        ? detail.denyReasons.map((reason) => `  ${describeReason(reason)}`)
        : ['  the simulator reported no deciding statement']),
    );
  }
  if (detail.ignoredContextKeys.length > 0) {
    lines.push(
      `  IGNORED context keys (not in the catalog for this action, treated as absent): ${detail.ignoredContextKeys.join(', ')}`,
    );
  }
  lines.push(`  context sent: ${JSON.stringify(context)}`);
  return lines.join('\n');
}

/**
 * Matches an ARN against an IAM-style glob: `*` matches any run of characters (including
 * none, `:` and `/`), `?` exactly one character; everything else is literal and case-sensitive.
 *
 * Unlike IAM's ArnLike, `*` is not confined to one colon-separated segment. Use this for
 * ARNs the simulator refuses, such as the region-less `arn:aws:bedrock:::foundation-model/X`.
 *
 * @param pattern the glob, e.g. `arn:aws:bedrock:*::foundation-model/deepseek.*`
 * @param arn the ARN to test
 * @returns whether the whole ARN matches the pattern
 */
export function arnMatches(pattern: string, arn: string): boolean {
  return globToRegExp(pattern).test(arn);
}

/** Compiled globs: the report matches the same few patterns against many ARNs. */
const compiledGlobs = new Map<string, RegExp>();

function globToRegExp(pattern: string): RegExp {
  const known = compiledGlobs.get(pattern);
  if (known !== undefined) return known;
  const body = Array.from(pattern, (ch) => {
    if (ch === '*') return '.*';
    if (ch === '?') return '.';
    return ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }).join('');
  // 's' so that '*' and '?' also cover line breaks: a glob has no notion of lines.
  const compiled = new RegExp(`^${body}$`, 's');
  compiledGlobs.set(pattern, compiled);
  return compiled;
}

function accountOfPrincipal(principalArn: string): string {
  const parts = principalArn.split(':');
  const [prefix, partition, service, , account] = parts;
  const isPrincipal =
    parts.length >= 6 && prefix === 'arn' && partition !== '' && (service === 'iam' || service === 'sts');
  // The simulator quietly returns ImplicitlyDenied for a malformed principal, which a
  // "should be denied" test would happily accept.
  if (!isPrincipal || account === undefined || !/^\d{12}$/.test(account)) {
    throw new Error(`principalArn must be an IAM/STS principal ARN with a 12-digit account, got "${principalArn}"`);
  }
  return account;
}

/**
 * The value AWS puts in aws:PrincipalArn: for an assumed-role session it is the role's ARN,
 * which is what break-glass exemptions are written against.
 */
function principalArnContextValue(principalArn: string): string {
  const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(principalArn);
  // The role's path is not part of a session ARN; callers with pathed roles pass aws:PrincipalArn.
  return session ? `arn:${session[1]}:iam::${session[2]}:role/${session[3]}` : principalArn;
}

function withPrincipalContext(request: DecisionRequest, principalAccount: string): MutableContext {
  const context: MutableContext = {};
  for (const [key, value] of Object.entries(request.context ?? {})) {
    context[key] = typeof value === 'string' ? value : [...value];
  }
  // The simulator does not derive these from the principal; without them every
  // ArnNotLike/StringNotEquals exemption matches "because missing" and denies everyone.
  setUnlessPresent(context, PRINCIPAL_ARN_KEY, principalArnContextValue(request.principalArn));
  setUnlessPresent(context, PRINCIPAL_ACCOUNT_KEY, principalAccount);
  return context;
}

function setUnlessPresent(context: MutableContext, key: string, value: string): void {
  // Condition keys are case-insensitive, so `aws:principalarn` from the caller counts.
  const present = Object.keys(context).some((existing) => existing.toLowerCase() === key.toLowerCase());
  if (!present) context[key] = value;
}

function resourceAccount(resource: string, principalAccount: string): string {
  const account = resource.split(':')[4];
  // Account-less ARNs (foundation models, "*") are evaluated as same-account requests.
  return account !== undefined && /^\d{12}$/.test(account) ? account : principalAccount;
}

function toOrgPolicies(level: ScpLevel, addFullAwsAccess: boolean): SimulationOrgPolicies {
  const policies = level.policies.map(({ name, content }) => ({
    name,
    policy: parsePolicy(content, `SCP level "${level.id}", policy "${name}"`),
  }));
  const hasFullAwsAccess = level.policies.some((p) => p.name === FULL_AWS_ACCESS_NAME);
  if (addFullAwsAccess && !hasFullAwsAccess) {
    policies.unshift({ name: FULL_AWS_ACCESS_NAME, policy: JSON.parse(FULL_AWS_ACCESS_POLICY) as unknown });
  }
  return { orgIdentifier: level.id, policies };
}

function parsePolicy(content: string, label: string): unknown {
  try {
    return JSON.parse(content) as unknown;
  } catch (error) {
    throw new Error(`${label} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function requireSingleResult(results: RunSimulationResults, request: DecisionRequest): SingleResourceSimulationResult {
  if (results.resultType === 'error') {
    const { message } = results.errors;
    throw new Error(
      `iam-simulate could not evaluate ${request.action} on ${request.resource}: ${message}` +
        `${hintFor(message, request)}\n${JSON.stringify(results.errors, null, 2)}`,
    );
  }
  if (results.resultType === 'wildcard') {
    // For a wildcard resource the simulator answers "is some matching resource allowed?",
    // which e.g. lets a NotResource allow-list Deny pass: not a decision about one request.
    throw new Error(
      `resource "${request.resource}" contains a wildcard but ${request.action} is not a wildcard-only action; ` +
        'simulate a concrete resource ARN instead',
    );
  }
  return results;
}

function hintFor(message: string, request: DecisionRequest): string {
  switch (message) {
    case 'no.resource.types':
      return request.resource.split(':')[3] === ''
        ? ' (the simulator refuses region-less ARNs such as arn:aws:bedrock:::foundation-model/X; test that route with arnMatches)'
        : ` (the ARN matches none of the resource types of ${request.action})`;
    case 'must.use.wildcard':
      return ` (${request.action} is a wildcard-only action: simulate it with resource "*")`;
    case 'multiple.resource.types':
      return ' (the ARN matches several resource types of the action; use a more specific ARN)';
    default:
      return '';
  }
}

function toDetail(
  single: SingleResourceSimulationResult,
  request: DecisionRequest,
  context: MutableContext,
): DecisionDetail {
  const { analysis, ignoredContextKeys, resourceType } = single.result;
  return {
    evaluation: single.overallResult,
    request: { principalArn: request.principalArn, action: request.action, resource: request.resource, context },
    ignoredContextKeys: ignoredContextKeys ?? [],
    denyReasons: denyReasons(analysis),
    ...(resourceType === undefined ? {} : { resourceType }),
    analysis,
  };
}

/**
 * Walks the analysis ourselves rather than using the library's getDenialReasons, because
 * that reports an explicit SCP deny without the level it is attached to.
 */
function denyReasons(analysis: RequestAnalysis): DenyReason[] {
  if (analysis.result === 'Allowed') return [];
  const wanted = analysis.result;
  const identity = analysis.identityAnalysis;
  const identityReasons =
    identity?.result === wanted ? reasonsFor(wanted, identity.denyStatements, { policyType: 'identity' }) : [];
  const scpReasons = (analysis.scpAnalysis?.ouAnalysis ?? [])
    .filter((ou) => ou.result === wanted)
    .flatMap((ou) => reasonsFor(wanted, ou.denyStatements, { policyType: 'scp', level: ou.orgIdentifier }));
  return [...identityReasons, ...scpReasons];
}

function reasonsFor(
  result: Exclude<EvaluationResult, 'Allowed'>,
  denyStatements: readonly StatementAnalysis[],
  origin: Pick<DenyReason, 'policyType' | 'level'>,
): DenyReason[] {
  if (result === 'ImplicitlyDenied') return [{ kind: 'Implicit', ...origin }];
  return denyStatements.map((analysis) => {
    const sid = analysis.statement.sid();
    return {
      kind: 'Explicit',
      ...origin,
      policyName: analysis.policyId,
      ...(sid === undefined ? {} : { sid }),
      statementIndex: analysis.statement.index(),
    };
  });
}

function describeReason(reason: DenyReason): string {
  const where = reason.policyType === 'scp' ? `SCP level "${reason.level ?? '?'}"` : 'identity policies';
  if (reason.kind === 'Implicit') {
    const hint = reason.policyType === 'scp' ? ' (no FullAWSAccess or other Allow there?)' : '';
    return `implicit Deny: ${where} has no Allow matching this request${hint}`;
  }
  const statement = reason.sid === undefined ? `#${reason.statementIndex ?? '?'}` : `"${reason.sid}" (#${reason.statementIndex ?? '?'})`;
  return `explicit Deny: ${where}, policy "${reason.policyName ?? '?'}", statement ${statement}`;
}
