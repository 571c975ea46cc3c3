import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expectRejected, problemPattern, reportedProblems, type Expected } from '../support/bad-input';
import type { AppRun } from '../support/run-app';
import { synthInProcess } from '../support/synth-in-process';

/**
 * Bad `jumpstartHubs:` and `guardrails:` sections, as a platform engineer meets them: synth (run
 * in this process, see synth-in-process.ts) exits 1, every problem located at
 * `governance.yaml:<line>:<column>` with the config path and what to write instead, and nothing
 * written. Each case edits the numbered organization below.
 */

const BASE: readonly string[] = [
  /*  1 */ 'organization:',
  /*  2 */ '  id: o-a1b2c3d4e5',
  /*  3 */ '  managementAccount: "111111111111"',
  /*  4 */ '  root: r-ab12',
  /*  5 */ '  units:',
  /*  6 */ '    Sandbox: { id: ou-ab12-11111111 }',
  /*  7 */ '    Workloads:',
  /*  8 */ '      id: ou-ab12-22222222',
  /*  9 */ '      units:',
  /* 10 */ '        Prod: { id: ou-ab12-33333333 }',
  /* 11 */ '  accounts:',
  /* 12 */ '    prod-app: { id: "333333333333", unit: Workloads/Prod }',
  /* 13 */ '    shared-services: { id: "444444444444", unit: Workloads }',
  /* 14 */ 'breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]',
  /* 15 */ 'jumpstartHubs:',
  /* 16 */ '  curated:',
  /* 17 */ '    account: shared-services',
  /* 18 */ '    description: Approved models',
  /* 19 */ '    models:',
  /* 20 */ '      - { id: meta-textgeneration-llama-3-8b }',
  /* 21 */ '    shareWith: [Workloads/Prod]',
  /* 22 */ 'guardrails:',
  /* 23 */ '  standard:',
  /* 24 */ '    account: prod-app',
  /* 25 */ '    contentFilters: { hate: HIGH }',
  /* 26 */ '    version: { description: First }',
];

/** Line `n` (1-based) becomes `lines`; with no lines, it is removed. */
function replace(n: number, ...lines: string[]): string[] {
  if (n < 1 || n > BASE.length) throw new Error(`line ${n} is not in the base document`);
  return [...BASE.slice(0, n - 1), ...lines, ...BASE.slice(n)];
}

/** The new lines start at line `n`; the old line `n` moves down. */
function insert(n: number, ...lines: string[]): string[] {
  return [...BASE.slice(0, n - 1), ...lines, ...BASE.slice(n - 1)];
}

interface BadInput {
  readonly name: string;
  readonly yaml: readonly string[];
  readonly problems: readonly Expected[];
  /** The exact number of problems reported. */
  readonly count: number;
}

const cases: readonly BadInput[] = [
  // sharing
  {
    name: 'a hub shared with an unknown OU',
    yaml: replace(21, '    shareWith: [Workloads/Prod, Workloads/Dev]'),
    problems: [{ line: 21, column: 33, path: 'jumpstartHubs.curated.shareWith[1]', says: ['unknown share target "Workloads/Dev"', '"organization"', '"Workloads/Prod"', '"prod-app"'] }],
    count: 1,
  },
  {
    name: 'a hub shared with an unknown account',
    yaml: replace(21, '    shareWith: [billing]'),
    problems: [{ line: 21, column: 17, path: 'jumpstartHubs.curated.shareWith[0]', says: ['unknown share target "billing"', 'account name'] }],
    count: 1,
  },
  {
    name: 'a hub shared with an OU, without the organization id that its ARN needs',
    yaml: replace(2),
    problems: [{ line: 20, column: 17, path: 'jumpstartHubs.curated.shareWith[0]', says: ['OU "Workloads/Prod"', 'organization.id', 'o-a1b2c3d4e5'] }],
    count: 1,
  },
  {
    name: 'a hub shared with the organization, without the organization id',
    yaml: replace(2).map((line) => line.replace('[Workloads/Prod]', '[organization]')),
    problems: [{ line: 20, path: 'jumpstartHubs.curated.shareWith[0]', says: ['the organization', 'organization.id'] }],
    count: 1,
  },
  {
    name: 'a hub shared with the account that holds it',
    yaml: replace(21, '    shareWith: [shared-services]'),
    problems: [{ line: 21, path: 'jumpstartHubs.curated.shareWith[0]', says: ['holds this hub already'] }],
    count: 1,
  },
  {
    name: 'a share target listed twice',
    yaml: replace(21, '    shareWith: [Workloads/Prod, prod-app, Workloads/Prod]'),
    problems: [{ line: 21, path: 'jumpstartHubs.curated.shareWith[2]', says: ['already listed at shareWith[0]'] }],
    count: 1,
  },

  {
    name: 'a RAM permission ARN of another partition',
    yaml: insert(22, '    permissionArn: arn:aws-cn:ram::aws:permission/AWSRAMPermissionSageMakerHubReadAndUse'),
    problems: [{ line: 22, path: 'jumpstartHubs.curated.permissionArn', says: ['partition "aws-cn"', 'organization.partition is "aws"'] }],
    count: 1,
  },
  {
    name: 'a RAM permission that is not an ARN',
    yaml: insert(22, '    permissionArn: AWSRAMPermissionSageMakerHubReadAndUse'),
    problems: [{ line: 22, path: 'jumpstartHubs.curated.permissionArn', says: ['a RAM permission ARN such as "arn:aws:ram::aws:permission/AWSRAMPermissionSageMakerHubReadAndUse"'] }],
    count: 1,
  },

  // hub names and accounts
  {
    name: 'two hubs with the same SageMaker hub name in one account',
    yaml: insert(22, '  curated-copy:', '    hubName: curated', '    account: shared-services', '    description: Copy', '    models: [{ id: a-model }]'),
    problems: [{ line: 23, column: 14, path: 'jumpstartHubs.curated-copy.hubName', says: ['hub name "curated" is already used by jumpstartHubs.curated', 'shared-services'] }],
    count: 1,
  },
  {
    name: 'a hub name SageMaker refuses',
    yaml: insert(22, '  other:', '    hubName: -curated', '    account: prod-app', '    description: d', '    models: [{ id: a-model }]'),
    problems: [{ line: 23, column: 14, path: 'jumpstartHubs.other.hubName', says: ['SageMaker hub name', 'letters, digits and hyphens', 'found "-curated"'] }],
    count: 1,
  },
  {
    name: 'a hub key that cannot be a hub name',
    yaml: replace(16, '  curated_models:'),
    problems: [{ line: 16, column: 3, path: 'jumpstartHubs.curated_models', says: ['invalid name "curated_models"', 'SageMaker hub name'] }],
    count: 1,
  },
  {
    name: 'a hub in an account the organization does not have',
    yaml: replace(17, '    account: shared'),
    problems: [{ line: 17, column: 14, path: 'jumpstartHubs.curated.account', says: ['unknown account "shared"', '"shared-services"'] }],
    count: 1,
  },
  {
    name: 'a hub without a description',
    yaml: replace(18),
    problems: [{ line: 17, path: 'jumpstartHubs.curated.description', says: ['missing'] }],
    count: 1,
  },

  // models
  {
    name: 'a Bedrock model id where a JumpStart model id belongs',
    yaml: replace(20, '      - { id: "anthropic.claude-3-5-sonnet-20240620-v1:0" }'),
    problems: [{ line: 20, column: 15, path: 'jumpstartHubs.curated.models[0].id', says: ['JumpStart model id such as "meta-textgeneration-llama-3-8b"', 'Bedrock ids', 'found "anthropic.claude'] }],
    count: 1,
  },
  {
    name: 'a model id longer than 63 characters',
    yaml: replace(20, `      - { id: ${'m'.repeat(64)} }`),
    problems: [{ line: 20, column: 15, path: 'jumpstartHubs.curated.models[0].id', says: ['at most 63 characters'] }],
    count: 1,
  },
  {
    name: 'a version pattern where a version floor belongs',
    yaml: replace(20, '      - { id: meta-textgeneration-llama-3-8b, minVersion: "2.*" }'),
    problems: [{ line: 20, path: 'jumpstartHubs.curated.models[0].minVersion', says: ['a model version such as "2.0.0"', 'found "2.*"'] }],
    count: 1,
  },
  {
    name: 'the same model listed twice',
    yaml: insert(21, '      - { id: meta-textgeneration-llama-3-8b, minVersion: "2.0.0" }'),
    problems: [{ line: 21, column: 15, path: 'jumpstartHubs.curated.models[1].id', says: ['already listed at models[0]'] }],
    count: 1,
  },
  {
    name: 'a hub with no models',
    yaml: replace(19, '    models: []').filter((_, i) => i !== 19),
    problems: [{ line: 19, path: 'jumpstartHubs.curated.models', says: ['at least one approved model'] }],
    count: 1,
  },
  {
    name: 'storage that is neither "create" nor a bucket',
    yaml: insert(21, '    storage: s3'),
    problems: [{ line: 21, column: 14, path: 'jumpstartHubs.curated.storage', says: ['"create"', '{ bucket:'] }],
    count: 1,
  },

  // guardrails
  {
    name: 'a guardrail without a version',
    yaml: replace(26),
    problems: [{ line: 23, column: 3, path: 'guardrails.standard', says: ['guardrail without a version', 'version: { description:'] }],
    count: 1,
  },
  {
    name: 'an unknown content filter',
    yaml: replace(25, '    contentFilters: { hatred: HIGH }'),
    problems: [{ line: 25, path: /guardrails\.standard\.contentFilters(\.hatred)?/, says: ['unknown key "hatred"', '"hate"', '"promptAttack"'] }],
    count: 1,
  },
  {
    name: 'a filter strength that does not exist',
    yaml: replace(25, '    contentFilters: { hate: EXTREME }'),
    problems: [{ line: 25, column: 29, path: 'guardrails.standard.contentFilters.hate', says: ['NONE, LOW, MEDIUM or HIGH', 'found "EXTREME"'] }],
    count: 1,
  },
  {
    name: 'an output strength for prompt attacks, which are detected in prompts only',
    yaml: replace(25, '    contentFilters: { promptAttack: { input: HIGH, output: HIGH } }'),
    problems: [{ line: 25, path: 'guardrails.standard.contentFilters.promptAttack', says: ['"NONE"', '"HIGH"', 'found {'] }],
    count: 1,
  },
  {
    name: 'an unknown PII entity type and an unknown PII action',
    yaml: insert(26, '    pii: { SSN: BLOCK, EMAIL: MASK }'),
    problems: [
      { line: 26, path: /guardrails\.standard\.pii(\.SSN)?/, says: ['unknown key "SSN"', '"US_SOCIAL_SECURITY_NUMBER"'] },
      { line: 26, path: 'guardrails.standard.pii.EMAIL', says: ['"BLOCK"', '"ANONYMIZE"', 'found "MASK"'] },
    ],
    count: 2,
  },
  {
    name: 'a guardrail that blocks nothing',
    yaml: replace(25, '    contentFilters: { hate: NONE, insults: { input: NONE, output: NONE } }'),
    problems: [{ line: 23, column: 3, path: 'guardrails.standard', says: ['blocks nothing'] }],
    count: 1,
  },
  {
    name: 'a guardrail in an account the organization does not have',
    yaml: replace(24, '    account: prod'),
    problems: [{ line: 24, column: 14, path: 'guardrails.standard.account', says: ['unknown account "prod"', '"prod-app"'] }],
    count: 1,
  },
  {
    name: 'a denied topic with a definition over 200 characters and six examples',
    yaml: insert(26, '    deniedTopics:', `      - name: Investment advice`, `        definition: ${'x'.repeat(201)}`, '        examples: [a, b, c, d, e, f]'),
    problems: [
      { line: 28, path: 'guardrails.standard.deniedTopics[0].definition', says: ['at most 200 characters'] },
      { line: 29, path: 'guardrails.standard.deniedTopics[0].examples', says: ['at most 5 example prompts'] },
    ],
    count: 2,
  },
  {
    name: 'two denied topics with one name',
    yaml: insert(26, '    deniedTopics:', '      - { name: Advice, definition: One }', '      - { name: Advice, definition: Two }'),
    problems: [{ line: 28, path: 'guardrails.standard.deniedTopics[1].name', says: ['already defined at deniedTopics[0]'] }],
    count: 1,
  },
  {
    name: 'a guardrail name Bedrock refuses',
    yaml: replace(23, '  standard guardrail:'),
    problems: [{ line: 23, column: 3, path: 'guardrails."standard guardrail"', says: ['invalid name', 'at most 50 letters, digits, - and _'] }],
    count: 1,
  },

  // several at once
  {
    name: 'a bad model id and an unknown share target in one hub are reported together',
    yaml: replace(20, '      - { id: "bad.model" }', '    shareWith: [Workloads/Dev]').filter((_, i) => i !== 21),
    problems: [
      { line: 20, path: 'jumpstartHubs.curated.models[0].id', says: ['JumpStart model id'] },
      { line: 21, path: 'jumpstartHubs.curated.shareWith[0]', says: ['unknown share target "Workloads/Dev"'] },
    ],
    count: 2,
  },
  {
    name: 'problems in two hubs and a guardrail are reported together',
    yaml: [
      ...BASE.slice(0, 19),
      /* 20 */ '      - { id: "bad.model" }',
      /* 21 */ '    shareWith: [Workloads/Prod]',
      /* 22 */ '  other:',
      /* 23 */ '    account: prod-app',
      /* 24 */ '    description: d',
      /* 25 */ '    models: [{ id: a-model }]',
      /* 26 */ '    shareWith: [nowhere]',
      ...BASE.slice(21, 25),
    ],
    problems: [
      { line: 20, path: 'jumpstartHubs.curated.models[0].id', says: ['JumpStart model id'] },
      { line: 26, path: 'jumpstartHubs.other.shareWith[0]', says: ['unknown share target "nowhere"'] },
      { line: 28, path: 'guardrails.standard', says: ['guardrail without a version'] },
    ],
    count: 3,
  },
];

describe('bad jumpstartHubs and guardrails', () => {
  const runs: AppRun[] = [];
  afterAll(() => {
    for (const run of runs) rmSync(run.cwd, { recursive: true, force: true });
  });

  test('the base organization the cases edit is valid', async () => {
    const run = await synthInProcess(`${BASE.join('\n')}\n`);
    runs.push(run);
    expect(run.stderr).not.toMatch(/warning|problem/);
    expect(run.status).toBe(0);
    expect(existsSync(join(run.outdir, 'stacks', 'account-shared-services', 'cdk.tf.json'))).toBe(true);
  });

  test.each(cases)('$name', async ({ yaml, problems, count }) => {
    const run = await synthInProcess(`${yaml.join('\n')}\n`);
    runs.push(run);
    const reported = reportedProblems(run.stderr);

    for (const problem of problems) expect(reported).toContainEqual(expect.stringMatching(problemPattern(problem)));
    expect(reported).toHaveLength(count);
    expectRejected(run);
  });
});
