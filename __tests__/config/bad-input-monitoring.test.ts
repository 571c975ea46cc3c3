import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expectRejected, problemPattern, reportedProblems, type Expected } from '../support/bad-input';
import { runAppOn, type AppRun } from '../support/run-app';
import { synthInProcess } from '../support/synth-in-process';

/**
 * Bad `monitoring:` sections, as a platform engineer meets them: synth exits 1 with a message at
 * `governance.yaml:<line>:<column>`, the config path and what to write instead, and writes
 * nothing. Each case replaces lines of one valid organization, numbered below. The cases run synth
 * in this process; one runs the compiled app.
 */
const BASE: readonly string[] = [
  /*  1 */ 'organization:',
  /*  2 */ '  id: o-a1b2c3d4e5',
  /*  3 */ '  managementAccount: "111111111111"',
  /*  4 */ '  root: r-ab12',
  /*  5 */ '  units:',
  /*  6 */ '    Sandbox: { id: ou-ab12-11111111 }',
  /*  7 */ '    Empty: { id: ou-ab12-44444444 }',
  /*  8 */ '  accounts:',
  /*  9 */ '    sandbox-dev: { id: "222222222222", unit: Sandbox }',
  /* 10 */ '    audit: { id: "444444444444" }',
  /* 11 */ 'breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]',
  /* 12 */ 'models:',
  /* 13 */ '  root: { customModelImport: { deny: true },',
  /* 14 */ '    bedrock: { deny: ["deepseek.*"] } }',
  /* 15 */ 'monitoring:',
  /* 16 */ '  auditAccount: audit',
  /* 17 */ '  regions: [us-east-1, eu-west-1]',
  /* 18 */ '  eventDataStore: { retentionDays: 365 }',
  /* 19 */ '  alerts:',
  /* 20 */ '    subscriptions: [{ email: secops@example.com }]',
  /* 21 */ '  invocationLogging: { s3: true }',
  /* 22 */ '  budgets:',
  /* 23 */ '    sandbox: { scope: Sandbox, monthlyLimitUsd: 100, notify: [finops@example.com] }',
  /* 24 */ 'acknowledgements: { existingCloudTrailLake: "Lake in use since 2024, checked by the platform team" }',
];

/** Line `n` (1-based) replaced by `lines`; no lines removes it. */
function edit(n: number, ...lines: string[]): string {
  return `${[...BASE.slice(0, n - 1), ...lines, ...BASE.slice(n)].join('\n')}\n`;
}

/** A bad config and the one problem it must report. */
interface Case extends Expected {
  readonly name: string;
  readonly yaml: string;
}

const cases: readonly Case[] = [
  {
    name: 'alerts without an audit account',
    // Reported where the alerts mapping starts, the line under `alerts:` (19 once line 16 is gone).
    yaml: edit(16),
    line: 19,
    path: 'monitoring.alerts',
    says: ['alerts need an audit account', 'auditAccount: <account name>'],
  },
  {
    name: 'an audit account that is not in organization.accounts',
    yaml: edit(16, '  auditAccount: audti'),
    line: 16,
    column: 17,
    path: 'monitoring.auditAccount',
    says: ['unknown account "audti"', '"management"', '"sandbox-dev"', '"audit"'],
  },
  {
    name: 'alerts without organization.id (the bus policy is limited to the organization)',
    yaml: edit(2),
    line: 2,
    path: 'organization',
    says: ['needs organization.id', 'id: o-...'],
  },
  {
    name: 'a member account named "management", the word monitoring uses for the management account',
    yaml: edit(10, '    management: { id: "444444444444" }'),
    line: 10,
    path: 'organization.accounts.management',
    says: ['"management" for the management account (111111111111)', 'id 444444444444', 'rename'],
  },
  {
    name: 'an invalid subscription email',
    yaml: edit(20, '    subscriptions: [{ email: secops.example.com }]'),
    line: 20,
    path: 'monitoring.alerts.subscriptions[0].email',
    says: ['an email address such as "secops@example.com"', 'found "secops.example.com"'],
  },
  {
    name: 'a subscription of an unknown kind',
    yaml: edit(20, '    subscriptions: [{ slack: "#alerts" }]'),
    line: 20,
    path: 'monitoring.alerts.subscriptions[0]',
    says: ['{ email: secops@example.com }', '{ sqs: arn:aws:sqs:... }'],
  },
  {
    name: 'a retention below 7 days',
    yaml: edit(18, '  eventDataStore: { retentionDays: 3 }'),
    line: 18,
    column: 36,
    path: 'monitoring.eventDataStore.retentionDays',
    says: ['at least 7 days', 'found 3'],
  },
  {
    name: 'a retention above 10 years',
    yaml: edit(18, '  eventDataStore: { retentionDays: 4000 }'),
    line: 18,
    path: 'monitoring.eventDataStore.retentionDays',
    says: ['at most 3653 days', 'found 4000'],
  },
  {
    name: 'a retention above 7 years with fixed-retention pricing',
    yaml: edit(18, '  eventDataStore: { billingMode: fixedRetention, retentionDays: 3000 }'),
    line: 18,
    path: 'monitoring.eventDataStore.retentionDays',
    says: ['at most 2557 days with billingMode fixedRetention', 'found 3000', 'extendableRetention'],
  },
  {
    name: 'an event data store in an unknown delegated administrator account',
    yaml: edit(18, '  eventDataStore: { account: security }'),
    line: 18,
    path: 'monitoring.eventDataStore.account',
    says: ['unknown account "security"', 'the event data store'],
  },
  {
    name: 'an unknown Bedrock data event kind',
    yaml: edit(18, '  eventDataStore: { bedrockDataEvents: [knowledgeBases] }'),
    line: 18,
    path: 'monitoring.eventDataStore.bedrockDataEvents[0]',
    says: ['"bidirectionalStreaming", "asyncInvocations"', 'found "knowledgeBases"'],
  },
  {
    name: 'an audit trail without an audit account',
    yaml: edit(16).replace('  eventDataStore: { retentionDays: 365 }\n', '  auditTrail: {}\n').replace(/  alerts:\n.*\n/, ''),
    line: 17,
    path: 'monitoring.auditTrail',
    says: ['the audit trail needs an audit account', 'auditAccount: <account name>'],
  },
  {
    name: 'an audit trail without organization.id (the log prefix and the bucket policy name the organization)',
    yaml: edit(2).replace('  eventDataStore: { retentionDays: 365 }\n', '  auditTrail: {}\n').replace(/  alerts:\n.*\n/, ''),
    line: 2,
    path: 'organization',
    says: ['monitoring.auditTrail writes to AWSLogs/<organization id>/', 'id: o-...'],
  },
  {
    name: 'an audit trail whose objects stay locked after the lifecycle rule should delete them',
    yaml: edit(18, '  auditTrail: { retentionDays: 90, objectLock: { mode: governance, retentionDays: 365 } }'),
    line: 18,
    path: 'monitoring.auditTrail.objectLock.retentionDays',
    says: ['expected at most retentionDays (90); found 365', 'Lower objectLock.retentionDays, or raise retentionDays'],
  },
  {
    name: 'an audit trail with an unknown object lock mode',
    yaml: edit(18, '  auditTrail: { objectLock: { mode: legalHold, retentionDays: 30 } }'),
    line: 18,
    path: 'monitoring.auditTrail.objectLock.mode',
    says: ['"governance", "compliance"', 'found "legalHold"'],
  },
  {
    name: 'an audit trail name CloudTrail refuses',
    yaml: edit(18, '  auditTrail: { name: -trail }'),
    line: 18,
    path: 'monitoring.auditTrail.name',
    says: ['3 to 128 letters, digits, . _ -, starting and ending with a letter or digit', 'found "-trail"'],
  },
  {
    name: 'an Athena scan cutoff under 10 MB',
    yaml: edit(18, '  auditTrail: { queryScanLimitGb: 0.001 }'),
    line: 18,
    path: 'monitoring.auditTrail.queryScanLimitGb',
    says: ['at least 0.01 GB', 'found 0.001'],
  },
  {
    name: 'a region listed twice',
    yaml: edit(17, '  regions: [us-east-1, us-east-1]'),
    line: 17,
    path: 'monitoring.regions[1]',
    says: ['"us-east-1" is listed twice'],
  },
  {
    name: 'a misspelt region',
    yaml: edit(17, '  regions: [us-east1]'),
    line: 17,
    path: 'monitoring.regions[0]',
    says: ['an AWS region such as "us-east-1"', 'found "us-east1"'],
  },
  {
    name: 'invocation logging with no destination',
    yaml: edit(21, '  invocationLogging: { s3: false }'),
    line: 21,
    path: 'monitoring.invocationLogging',
    says: ['needs a destination', 'cloudWatchLogs: true'],
  },
  {
    name: 'a log retention CloudWatch Logs does not offer',
    yaml: edit(21, '  invocationLogging: { cloudWatchLogs: true, logRetentionDays: 100 }'),
    line: 21,
    path: 'monitoring.invocationLogging.logRetentionDays',
    says: ['one of the CloudWatch Logs retention periods', '90, 120'],
  },
  {
    name: 'a budget for an unknown OU or account',
    yaml: edit(23, '    sandbox: { scope: Sandbx, monthlyLimitUsd: 100, notify: [finops@example.com] }'),
    line: 23,
    path: 'monitoring.budgets.sandbox.scope',
    says: ['unknown scope "Sandbx"', '"root"', '"Sandbox"', '"sandbox-dev"'],
  },
  {
    name: 'a budget for an OU without listed accounts',
    yaml: edit(23, '    sandbox: { scope: Empty, monthlyLimitUsd: 100, notify: [finops@example.com] }'),
    line: 23,
    path: 'monitoring.budgets.sandbox.scope',
    says: ['OU "Empty" has no accounts'],
  },
  {
    name: 'a budget notifying an invalid email',
    yaml: edit(23, '    sandbox: { scope: Sandbox, monthlyLimitUsd: 100, notify: [finops] }'),
    line: 23,
    path: 'monitoring.budgets.sandbox.notify[0]',
    says: ['an email address', 'found "finops"'],
  },
  {
    name: 'a budget of zero dollars',
    yaml: edit(23, '    sandbox: { scope: Sandbox, monthlyLimitUsd: 0, notify: [finops@example.com] }'),
    line: 23,
    path: 'monitoring.budgets.sandbox.monthlyLimitUsd',
    says: ['greater than 0', 'found 0'],
  },
  {
    name: 'a budget service name longer than a Budgets filter value may be',
    yaml: edit(23, `    sandbox: { scope: Sandbox, monthlyLimitUsd: 100, notify: [finops@example.com], services: [${'x'.repeat(1025)}] }`),
    line: 23,
    path: 'monitoring.budgets.sandbox.services[0]',
    says: ['a service name of at most 1,024 characters'],
  },
  {
    name: 'a budget metric AWS Budgets does not track for a cost budget',
    yaml: edit(23, '    sandbox: { scope: Sandbox, monthlyLimitUsd: 100, notify: [finops@example.com], metric: UsageQuantity }'),
    line: 23,
    path: 'monitoring.budgets.sandbox.metric',
    says: ['UnblendedCost', 'AmortizedCost'],
  },
];

describe('bad monitoring section', () => {
  const runs: AppRun[] = [];
  afterAll(() => {
    for (const run of runs) rmSync(run.cwd, { recursive: true, force: true });
  });

  test('the base organization the cases edit is valid and synthesizes its monitoring', async () => {
    const run = await synthInProcess(edit(1, BASE[0] ?? ''));
    runs.push(run);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(existsSync(join(run.outdir, 'queries', 'model-invocations.sql'))).toBe(true);
    expect(readdirSync(join(run.outdir, 'stacks')).sort()).toEqual(['account-audit', 'account-sandbox-dev', 'root']);
  });

  test('a schema problem and a cross-reference problem are reported in one run (the compiled app)', () => {
    const run = runAppOn(edit(16, '  auditAccount: audti').replace('secops@example.com', 'secops'));
    runs.push(run);
    expect(reportedProblems(run.stderr)).toEqual([
      expect.stringMatching(/^16:17 monitoring\.auditAccount: unknown account "audti"/),
      expect.stringMatching(/^20:\d+ monitoring\.alerts\.subscriptions\[0\]\.email: expected an email address/),
    ]);
    expect(run.status).toBe(1);
  });

  test.each(cases)('$name', async (problem) => {
    const run = await synthInProcess(problem.yaml);
    runs.push(run);
    expect(reportedProblems(run.stderr)).toContainEqual(expect.stringMatching(problemPattern(problem)));
    expectRejected(run);
  });
});
