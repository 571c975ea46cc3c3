import { join } from 'node:path';
import { decide, explain, scpChainFor, type Decision, type DecisionResult, type ScpLevel } from '../../cli/simulate';
import { expectDecision, synthesizeToTemp, verdict, verdictLine } from '../support/synthesized-scps';

/**
 * Inheritance as AWS Organizations evaluates it: every level from the root to the account must
 * allow, and a deny at any level wins. Each row also pins down which level denied.
 */

const FIXTURES = join(__dirname, '..', 'fixtures');
const fm = (model: string): string => `arn:aws:bedrock:us-east-1::foundation-model/${model}`;

const ROOT = 'r-d3n1';
const RESEARCH = 'ou-d3n1-aaaaaaaa';
const PLATFORM = 'ou-d3n1-bbbbbbbb';
const TEAMS = 'ou-d3n1-cccccccc';

/** Accounts of decisions-deny-list.yaml and their paths from the root. */
const PATHS = {
  'research-dev': [ROOT, RESEARCH, '222222222222'],
  'platform-tools': [ROOT, PLATFORM, '444444444444'],
  'team-app': [ROOT, PLATFORM, TEAMS, '333333333333'],
} as const;

/** The levels whose SCPs denied (sorted, or "none"), then the explanation, for assertions on the first line. */
function deniedAtLevels(result: DecisionResult): string {
  const levels = [...new Set(result.detail.denyReasons.map((r) => r.level ?? '?'))].sort();
  return `denied at: ${levels.join(', ') || 'none'}\n${explain(result)}`;
}

interface InheritanceCase {
  readonly account: keyof typeof PATHS;
  readonly model: string;
  /** The level whose SCP denies, or undefined when the call is allowed. */
  readonly deniedAt: string | undefined;
}

describe('decisions-deny-list.yaml: root -> OU -> nested OU -> account', () => {
  let outdir: string;

  beforeAll(async () => {
    ({ outdir } = await synthesizeToTemp(join(FIXTURES, 'decisions-deny-list.yaml')));
  });

  test('an account under a nested OU is governed by the root, both OUs and the account itself', () => {
    const chain = scpChainFor(outdir, PATHS['team-app']);
    expect(chain.map((level) => ({ id: level.id, policies: level.policies.length }))).toEqual([
      { id: ROOT, policies: 1 },
      { id: PLATFORM, policies: 1 },
      { id: TEAMS, policies: 1 },
      { id: '333333333333', policies: 1 },
    ]);
    expect(chain.flatMap((level) => level.policies.map((p) => p.name))).toEqual([
      'modelgate-root-1',
      'modelgate-ou-platform-1',
      'modelgate-ou-platform-teams-1',
      'modelgate-account-team-app-1',
    ]);
  });

  test.each<InheritanceCase>([
    // Research allows deepseek.r1*, the root denies deepseek.*: the root's deny wins.
    { account: 'research-dev', model: 'deepseek.r1-v1:0', deniedAt: ROOT },
    // Research's allow-list denies what the root leaves open.
    { account: 'research-dev', model: 'meta.llama3-8b-instruct-v1:0', deniedAt: RESEARCH },
    { account: 'research-dev', model: 'amazon.nova-pro-v1:0', deniedAt: undefined },
    { account: 'team-app', model: 'deepseek.r1-v1:0', deniedAt: ROOT },
    { account: 'team-app', model: 'mistral.mistral-large-2402-v1:0', deniedAt: PLATFORM },
    { account: 'team-app', model: 'cohere.command-r-plus-v1:0', deniedAt: TEAMS },
    { account: 'team-app', model: 'ai21.jamba-1-5-large-v1:0', deniedAt: '333333333333' },
    { account: 'team-app', model: 'amazon.nova-pro-v1:0', deniedAt: undefined },
    // A sibling of the nested OU inherits the parent's rules, not the nested OU's or its accounts'.
    { account: 'platform-tools', model: 'mistral.mistral-large-2402-v1:0', deniedAt: PLATFORM },
    { account: 'platform-tools', model: 'cohere.command-r-plus-v1:0', deniedAt: undefined },
    { account: 'platform-tools', model: 'ai21.jamba-1-5-large-v1:0', deniedAt: undefined },
  ])('$account invoking $model: denied at $deniedAt', async ({ account, model, deniedAt }) => {
    const ids = PATHS[account];
    const accountId = ids[ids.length - 1];
    const result = await expectDecision(scpChainFor(outdir, ids), {
      name: model,
      principalArn: `arn:aws:iam::${accountId}:role/Developer`,
      action: 'bedrock:InvokeModel',
      resource: fm(model),
      expected: deniedAt === undefined ? 'Allowed' : 'Denied',
    });
    expect(deniedAtLevels(result)).toMatch(new RegExp(`^denied at: ${deniedAt ?? 'none'}\n`));
  });

  test.each([
    { model: 'deepseek.r1-v1:0', deniedAt: ROOT },
    { model: 'mistral.mistral-large-2402-v1:0', deniedAt: PLATFORM },
    { model: 'cohere.command-r-plus-v1:0', deniedAt: TEAMS },
    { model: 'ai21.jamba-1-5-large-v1:0', deniedAt: '333333333333' },
  ])('the break-glass principal passes the deny of $model at $deniedAt', async ({ model }) => {
    await expectDecision(scpChainFor(outdir, PATHS['team-app']), {
      name: model,
      principalArn: 'arn:aws:iam::333333333333:role/OrgBreakGlass',
      action: 'bedrock:InvokeModel',
      resource: fm(model),
      expected: 'Allowed',
    });
  });
});

describe('decisions-allow-list.yaml: an OU allow-list and an account guardrail rule combine', () => {
  const GUARDED = '777777777777';
  let chain: ScpLevel[];

  beforeAll(async () => {
    const { outdir } = await synthesizeToTemp(join(FIXTURES, 'decisions-allow-list.yaml'));
    chain = scpChainFor(outdir, ['r-a110', 'ou-a110-11111111', GUARDED]);
  });

  test.each([
    { model: 'anthropic.claude-sonnet-4-20250514-v1:0', expected: 'Allowed', deniedAt: 'none' },
    // The approved guardrail satisfies the account's rule but not the OU's allow-list.
    { model: 'meta.llama3-8b-instruct-v1:0', expected: 'Denied', deniedAt: 'ou-a110-11111111' },
  ])('$model with the approved guardrail -> $expected', async ({ model, expected, deniedAt }) => {
    const result = await decide({
      scps: chain,
      request: {
        principalArn: `arn:aws:iam::${GUARDED}:role/Developer`,
        action: 'bedrock:InvokeModel',
        resource: fm(model),
        context: { 'bedrock:GuardrailIdentifier': `arn:aws:bedrock:us-east-1:${GUARDED}:guardrail/strict01` },
      },
      failOnIgnoredContextKeys: true,
    });
    expect(verdict(result)).toMatch(verdictLine(expected as Decision));
    expect(deniedAtLevels(result)).toMatch(new RegExp(`^denied at: ${deniedAt}\n`));
  });

  test('a model off the OU allow-list, without a guardrail, is denied at both the OU and the account', async () => {
    const result = await decide({
      scps: chain,
      request: { principalArn: `arn:aws:iam::${GUARDED}:role/Developer`, action: 'bedrock:InvokeModel', resource: fm('meta.llama3-8b-instruct-v1:0') },
    });
    expect(deniedAtLevels(result)).toMatch(new RegExp(`^denied at: ${[GUARDED, 'ou-a110-11111111'].sort().join(', ')}\n`));
  });
});
