import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../../cli/validate';
import { MAX_ACCOUNT_STACKS, MAX_ACCOUNTS, MAX_CONFIG_BYTES, MAX_MONITORED_ACCOUNT_REGIONS, MAX_UNITS } from '../../modules/config/document/input-limits';
import { expectRejected, problemPattern, reportedProblems, type Expected } from '../support/bad-input';
import { PROJECT_ROOT, runAppOn, type AppRun } from '../support/run-app';
import { synthInProcess } from '../support/synth-in-process';

/**
 * Configs written to break modelgate rather than to use it: aliases that never end, names every
 * JavaScript object already has, text that hides itself, bytes that are not UTF-8, sizes past
 * what synth can hold, values AWS refuses only at apply. Each must end as every bad input does:
 * exit 1, a problem at `governance.yaml:<line>:<column>` with its config path and what to do,
 * nothing written, no stack trace. Each case edits the numbered organization below.
 */

const BASE: readonly string[] = [
  /*  1 */ 'organization:',
  /*  2 */ '  id: o-a1b2c3d4e5',
  /*  3 */ '  managementAccount: "111111111111"',
  /*  4 */ '  root: r-ab12',
  /*  5 */ '  units:',
  /*  6 */ '    Sandbox: { id: ou-ab12-11111111 }',
  /*  7 */ '  accounts:',
  /*  8 */ '    sandbox-dev: { id: "222222222222", unit: Sandbox }',
  /*  9 */ 'breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]',
  /* 10 */ 'models:',
  /* 11 */ '  Sandbox:',
  /* 12 */ '    bedrock: { allow: ["anthropic.claude-3-5-sonnet*"] }',
  /* 13 */ 'state: { backend: local }',
  /* 14 */ 'deployment: { region: us-east-1, defaultTags: { ManagedBy: modelgate } }',
];

/** Line `n` (1-based) replaced by `lines`; no lines removes it. */
function edit(n: number, ...lines: string[]): string {
  if (n < 1 || n > BASE.length) throw new Error(`line ${n} is not in the base document`);
  return `${[...BASE.slice(0, n - 1), ...lines, ...BASE.slice(n)].join('\n')}\n`;
}

/** The base with `lines` added at the end. */
function append(...lines: string[]): string {
  return `${[...BASE, ...lines].join('\n')}\n`;
}

interface Case extends Expected {
  readonly name: string;
  readonly yaml: string | Uint8Array;
}

const A300 = 'a'.repeat(300);
/** Five nested OUs of 30 characters each: a path of 154 characters, stack name ou-<path> of 157. */
const LONG_PATH = Array.from({ length: 5 }, (_, i) => `Level${i}${'x'.repeat(24)}`);

const cases: readonly Case[] = [
  // aliases that never end
  {
    name: 'an OU that contains itself through an alias (an OU cycle)',
    yaml: edit(6, '    Sandbox: &s { id: ou-ab12-11111111, units: { Inner: *s } }'),
    line: 6,
    column: 57,
    path: 'organization.units.Sandbox.units.Inner',
    says: ['YAML alias refers to a mapping or list that contains it', 'never end'],
  },
  {
    name: 'rules that contain themselves through an alias (Converting circular structure to JSON before)',
    yaml: edit(11, '  Sandbox: &a1 { bedrock: { allow: *a1 } }').replace('    bedrock: { allow: ["anthropic.claude-3-5-sonnet*"] }\n', ''),
    line: 11,
    column: 36,
    path: 'models.Sandbox.bedrock.allow',
    says: ['contains it'],
  },
  {
    name: 'an alias bomb: nine levels of ten aliases each',
    yaml: append(
      'anchors:',
      '  a0: &a0 [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from({ length: 8 }, (_, i) => `  a${i + 1}: &a${i + 1} [${Array.from({ length: 10 }, () => `*a${i}`).join(', ')}]`),
    ),
    // a5 alone expands to 1,111,111 values: the walk stops inside it.
    line: 21,
    column: 47,
    path: /anchors\.a5(\[\d+\])+/,
    says: ['more than 1,000,000 values once its YAML aliases are expanded', 'remove aliases'],
  },
  {
    name: 'a chain of aliases nesting 70 lists deep',
    yaml: append('chain:', '  c0: &c0 [x]', ...Array.from({ length: 69 }, (_, i) => `  c${i + 1}: &c${i + 1} [*c${i}]`)),
    // c62 is the first to nest past 64 levels: chain.c62 and 62 lists.
    line: 78,
    column: 14,
    path: /chain\.c62(\[0\]){62}/,
    says: ['nest more than 64 levels deep'],
  },

  // names every JavaScript object already has
  ...['hasOwnProperty', 'constructor', 'toString', 'valueOf', 'isPrototypeOf', '__proto__'].map(
    (key): Case => ({
      name: `"${key}" as a key under monitoring (shape[key]?.safeParse is not a function before)`,
      yaml: append('monitoring:', `  ${key}: {}`),
      line: 16,
      column: 3,
      path: `monitoring.${key}`,
      says: [`"${key}" cannot be used as a name or key`, 'rename it'],
    }),
  ),
  {
    name: 'rules under models.__proto__ (silently dropped before)',
    yaml: edit(12, BASE[11] ?? '', '  __proto__:', '    bedrock: { deny: ["deepseek.*"] }'),
    line: 13,
    column: 3,
    path: 'models.__proto__',
    says: ['"__proto__" cannot be used'],
  },
  {
    name: 'an OU named constructor (an empty stack before)',
    yaml: edit(6, '    constructor: { id: ou-ab12-11111111 }'),
    line: 6,
    column: 5,
    path: 'organization.units.constructor',
    says: ['"constructor" cannot be used'],
  },
  {
    name: 'a tag key named toString',
    yaml: edit(14, 'deployment: { region: us-east-1, defaultTags: { toString: modelgate } }'),
    line: 14,
    column: 49,
    path: 'deployment.defaultTags.toString',
    says: ['"toString" cannot be used'],
  },

  // names and sizes
  {
    name: 'an account name of 300 characters (ENAMETOOLONG at synth before)',
    yaml: edit(8, `    ${A300}: { id: "222222222222", unit: Sandbox }`),
    line: 8,
    column: 5,
    path: `organization.accounts.${A300}`,
    says: ['an account name of at most 128 characters'],
  },
  {
    name: 'an OU name of 300 characters',
    yaml: edit(6, `    ${A300}: { id: ou-ab12-11111111 }`).replace('unit: Sandbox', `unit: ${A300}`).replace('  Sandbox:\n', `  ${A300}:\n`),
    line: 6,
    column: 5,
    path: `organization.units.${A300}`,
    says: ['a unit name of at most 128 characters'],
  },
  {
    name: 'OU names that together make a stack name longer than an SCP name allows',
    yaml: edit(
      6,
      `    ${LONG_PATH[0]}:`,
      '      id: ou-ab12-11111111',
      `      units: { ${LONG_PATH[1]}: { id: ou-ab12-22222222, units: { ${LONG_PATH[2]}: { id: ou-ab12-33333333, units: { ${LONG_PATH[3]}: { id: ou-ab12-44444444, units: { ${LONG_PATH[4]}: { id: ou-ab12-55555555 } } } } } } } }`,
    )
      .replace('unit: Sandbox', `unit: ${LONG_PATH[0]}`)
      .replace('  Sandbox:\n', `  ${LONG_PATH[0]}:\n`),
    line: 8,
    column: 211,
    path: new RegExp(`organization\\.units\\.${LONG_PATH[0]}\\.units\\.${LONG_PATH[1]}\\.units\\.${LONG_PATH[2]}\\.units\\.${LONG_PATH[3]}\\.units\\.${LONG_PATH[4]}`),
    says: ['makes the stack name', 'of 157 characters', 'at most 115 characters', 'shorten the names on this path'],
  },
  {
    name: 'OUs nested six levels under the root',
    yaml: edit(6, '    L1: { id: ou-ab12-11111111, units: { L2: { id: ou-ab12-22222222, units: { L3: { id: ou-ab12-33333333, units: { L4: { id: ou-ab12-44444444, units: { L5: { id: ou-ab12-55555555, units: { L6: { id: ou-ab12-66666666 } } } } } } } } } } }')
      .replace('unit: Sandbox', 'unit: L1')
      .replace('  Sandbox:\n', '  L1:\n'),
    line: 6,
    path: 'organization.units.L1.units.L2.units.L3.units.L4.units.L5.units.L6',
    says: ['nested 6 levels', 'AWS Organizations allows 5 levels'],
  },
  {
    name: 'a model glob of 300 characters',
    yaml: edit(12, `    bedrock: { allow: ["anthropic.${A300}"] }`),
    line: 12,
    column: 24,
    path: 'models.Sandbox.bedrock.allow[0]',
    says: ['at most 256 characters'],
  },

  // text that hides itself
  {
    name: 'a BEL in a model glob, written raw',
    yaml: edit(12, '    bedrock: { allow: ["anthropic.claude\u0007-3*"] }'),
    line: 12,
    column: 41,
    path: 'models.Sandbox.bedrock.allow[0]',
    says: ['U+0007 (BELL), a control character', 'remove it'],
  },
  {
    name: 'a BEL from a double-quoted escape',
    yaml: edit(12, '    bedrock: { allow: ["anthropic.claude\\a-3*"] }'),
    line: 12,
    column: 24,
    path: 'models.Sandbox.bedrock.allow[0]',
    says: ['the value "anthropic.claude\\u{7}-3*" has, as character 17, U+0007 (BELL)'],
  },
  {
    name: 'a right-to-left override in an OU name',
    yaml: edit(6, '    Sand\u202Ebox: { id: ou-ab12-11111111 }'),
    line: 6,
    column: 9,
    path: 'organization.units."Sand\\u{202E}box"',
    says: ['U+202E (RIGHT-TO-LEFT OVERRIDE), a bidirectional control character'],
  },
  {
    name: 'a left-to-right isolate from an escape in a guardrail message',
    yaml: append('guardrails:', '  standard:', '    account: sandbox-dev', '    blockedMessages: { input: "Not allowed\\u2066 here" }'),
    line: 18,
    column: 31,
    path: 'guardrails.standard.blockedMessages.input',
    says: ['U+2066 (LEFT-TO-RIGHT ISOLATE)'],
  },
  {
    name: 'a zero-width space inside a comment, where a reviewer reads intent',
    yaml: edit(9, 'breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]   # approved\u200B'),
    line: 9,
    column: 61,
    path: '',
    says: ['U+200B (ZERO WIDTH SPACE), an invisible character'],
  },
  {
    name: 'tag characters (invisible text a language model reads) in a tag value',
    yaml: edit(14, 'deployment: { region: us-east-1, defaultTags: { ManagedBy: "modelgate\u{E0041}\u{E0042}" } }'),
    line: 14,
    column: 70,
    path: 'deployment.defaultTags.ManagedBy',
    says: ['U+E0041, an invisible character'],
  },
  {
    name: 'a lone surrogate from an escape',
    yaml: edit(12, '    bedrock: { allow: ["anthropic.\\uD800claude*"] }'),
    line: 12,
    column: 24,
    path: 'models.Sandbox.bedrock.allow[0]',
    says: ['U+D800, half of a surrogate pair, not a character'],
  },

  // bytes that are not UTF-8
  {
    name: 'a Latin-1 byte (0xE9) in a tag value',
    yaml: Buffer.concat([Buffer.from(edit(14, 'deployment: { region: us-east-1, defaultTags: { Team: "caf').slice(0, -1)), Buffer.from([0xe9]), Buffer.from('" } }\n')]),
    line: 14,
    column: 59,
    path: '',
    says: ['the file is not UTF-8', '(0xe9 0x22', 'save the file as UTF-8'],
  },
  {
    name: 'an overlong encoding of "/" (0xC0 0xAF)',
    yaml: Buffer.concat([Buffer.from('organization:\n  root: r-ab12\n# a'), Buffer.from([0xc0, 0xaf]), Buffer.from('\n')]),
    line: 3,
    column: 4,
    path: '',
    says: ['byte 32 (0xc0 0xaf', 'not a UTF-8 character'],
  },
  {
    name: 'a UTF-16 surrogate encoded as UTF-8 (0xED 0xA0 0x80)',
    yaml: Buffer.concat([Buffer.from('organization: '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('\n')]),
    line: 1,
    column: 15,
    path: '',
    says: ['byte 14 (0xed 0xa0 0x80'],
  },
  {
    name: 'a sequence cut short at the end of the file',
    yaml: Buffer.concat([Buffer.from('organization: x'), Buffer.from([0xe2, 0x82])]),
    line: 1,
    column: 16,
    path: '',
    says: ['byte 15 (0xe2 0x82...)'],
  },

  // numbers
  {
    name: 'an infinite budget (.inf)',
    yaml: append('monitoring:', '  budgets: { sandbox: { scope: Sandbox, monthlyLimitUsd: .inf, notify: [finops@example.com] } }'),
    line: 16,
    column: 58,
    path: 'monitoring.budgets.sandbox.monthlyLimitUsd',
    says: ['expected a finite number; found Infinity'],
  },

  // values AWS refuses at apply
  {
    name: 'a tag key of 129 characters',
    yaml: edit(14, `deployment: { region: us-east-1, defaultTags: { ${'k'.repeat(129)}: v } }`),
    line: 14,
    column: 49,
    path: `deployment.defaultTags.${'k'.repeat(129)}`,
    says: ['a tag key of at most 128 characters (the AWS limit)'],
  },
  {
    name: 'a tag key in the aws: prefix AWS reserves',
    yaml: edit(14, 'deployment: { region: us-east-1, defaultTags: { "AWS:Team": platform } }'),
    line: 14,
    column: 49,
    path: 'deployment.defaultTags."AWS:Team"',
    says: ['does not start with "aws:"', 'AWS reserves that prefix'],
  },
  {
    name: 'a tag value of 257 characters',
    yaml: edit(14, `deployment: { region: us-east-1, defaultTags: { Team: ${'v'.repeat(257)} } }`),
    line: 14,
    column: 55,
    path: 'deployment.defaultTags.Team',
    says: ['a tag value of at most 256 characters (the AWS limit)'],
  },
  {
    name: 'a tag value with a character AWS refuses in tags',
    yaml: edit(14, 'deployment: { region: us-east-1, defaultTags: { Team: "platform!" } }'),
    line: 14,
    column: 55,
    path: 'deployment.defaultTags.Team',
    says: ['letters, digits, spaces and _ . : / = + - @', 'found "platform!"'],
  },
  {
    name: 'an S3 state backend with a kmsKeyId that is no key id, alias or ARN',
    yaml: edit(13, 'state: { backend: s3, bucket: acme-terraform-state, region: us-east-1, kmsKeyId: my-state-key }'),
    line: 13,
    column: 82,
    path: 'state.kmsKeyId',
    says: ['a KMS key id, multi-Region key id (mrk-...), alias (alias/...) or the ARN of one', 'found "my-state-key"'],
  },
  {
    name: 'an S3 state backend with a roleArn that is not a role ARN',
    yaml: edit(13, 'state: { backend: s3, bucket: acme-terraform-state, region: us-east-1, roleArn: TerraformState }'),
    line: 13,
    column: 81,
    path: 'state.roleArn',
    says: ['an IAM role ARN such as "arn:aws:iam::111111111111:role/TerraformState"'],
  },
  {
    name: 'a state key prefix that starts with "/"',
    yaml: edit(13, 'state: { backend: s3, bucket: acme-terraform-state, region: us-east-1, keyPrefix: /modelgate }'),
    line: 13,
    column: 83,
    path: 'state.keyPrefix',
    says: ['an S3 key prefix that does not start with "/"'],
  },
  {
    name: 'a state key prefix with a ".." segment',
    yaml: edit(13, 'state: { backend: s3, bucket: acme-terraform-state, region: us-east-1, keyPrefix: states/../other }'),
    line: 13,
    column: 83,
    path: 'state.keyPrefix',
    says: ['without "." or ".." segments'],
  },
  {
    name: 'a state key prefix that ends with "/" (Terraform refuses the "//" it makes)',
    yaml: edit(13, 'state: { backend: s3, bucket: acme-terraform-state, region: us-east-1, keyPrefix: modelgate/ }'),
    line: 13,
    column: 83,
    path: 'state.keyPrefix',
    says: ['does not end with "/"'],
  },
  {
    name: 'a state key prefix too long for an S3 key of 1,024 bytes',
    yaml: edit(13, `state: { backend: s3, bucket: acme-terraform-state, region: us-east-1, keyPrefix: ${'p'.repeat(901)} }`),
    line: 13,
    column: 83,
    path: 'state.keyPrefix',
    says: ['at most 900 characters', '1,024 bytes of an S3 key'],
  },
  {
    name: 'a hub bucket prefix with a ".." segment',
    yaml: append('jumpstartHubs:', '  curated:', '    account: sandbox-dev', '    description: Approved models', '    storage: { bucket: acme-hub-content, prefix: ../hubs }', '    models: [{ id: meta-textgeneration-llama-3-8b }]'),
    line: 19,
    column: 50,
    path: 'jumpstartHubs.curated.storage.prefix',
    says: ['without "." or ".." segments'],
  },
  {
    name: 'a model user S3 prefix that starts with "/"',
    yaml: append('modelUsers:', '  app-invoker:', '    account: sandbox-dev', '    role: { assumedBy: { services: [lambda.amazonaws.com] } }', '    s3: [{ bucket: acme-prompts, prefix: /prompts/ }]'),
    line: 19,
    column: 42,
    path: 'modelUsers.app-invoker.s3[0].prefix',
    says: ['does not start with "/"'],
  },
  {
    name: 'a Terraform Cloud organization with a space',
    yaml: edit(13, 'state: { backend: cloud, organization: "Acme Corp" }'),
    line: 13,
    column: 40,
    path: 'state.organization',
    says: ['a Terraform Cloud organization name of letters, digits, - _ and .', 'found "Acme Corp"'],
  },
  {
    name: 'a Terraform Cloud hostname written as a URL',
    yaml: edit(13, 'state: { backend: cloud, organization: acme, hostname: "https://app.terraform.io" }'),
    line: 13,
    column: 56,
    path: 'state.hostname',
    says: ['a host name such as "app.terraform.io" (no https://, no path)'],
  },
  {
    name: 'a budget name that makes a budget name longer than AWS allows',
    yaml: append('monitoring:', `  budgets: { ${'b'.repeat(91)}: { scope: Sandbox, monthlyLimitUsd: 10, notify: [finops@example.com] } }`),
    line: 16,
    column: 14,
    path: `monitoring.budgets.${'b'.repeat(91)}`,
    says: ['a budget name of at most 90 characters: AWS allows 100'],
  },
];

describe('hostile governance.yaml', () => {
  const runs: AppRun[] = [];
  afterAll(() => {
    for (const run of runs) rmSync(run.cwd, { recursive: true, force: true });
  });

  test('the base organization the cases edit is valid, without warnings', async () => {
    const run = await synthInProcess(edit(1, BASE[0] ?? ''));
    runs.push(run);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  test.each(cases)('$name', async (problem) => {
    const run = await synthInProcess(problem.yaml);
    runs.push(run);
    expect(reportedProblems(run.stderr)).toContainEqual(expect.stringMatching(problemPattern(problem)));
    expectRejected(run);
  });
});

/** `count` accounts under Sandbox, as lines of organization.accounts. */
function accountLines(count: number, withRules = false): { readonly accounts: string[]; readonly rules: string[] } {
  const accounts: string[] = [];
  const rules: string[] = [];
  for (let i = 0; i < count; i++) {
    accounts.push(`    acct-${i}: { id: "${String(300000000000 + i)}", unit: Sandbox }`);
    if (withRules) rules.push(`  acct-${i}: { fineTuning: { deny: true } }`);
  }
  return { accounts, rules };
}

describe('sizes past the documented limits: a located error, quickly, nothing written', () => {
  const runs: AppRun[] = [];
  afterAll(() => {
    for (const run of runs) rmSync(run.cwd, { recursive: true, force: true });
  });
  const rejected = async (yaml: string, expected: Expected): Promise<void> => {
    const run = await synthInProcess(yaml);
    runs.push(run);
    expect(reportedProblems(run.stderr)).toContainEqual(expect.stringMatching(problemPattern(expected)));
    expectRejected(run);
  };

  test(`more than ${MAX_ACCOUNTS.toLocaleString('en-US')} accounts`, async () => {
    const { accounts } = accountLines(MAX_ACCOUNTS + 1);
    await rejected(edit(8, ...accounts), { line: 8, column: 5, path: 'organization.accounts', says: ['50,001 accounts, more than the 50,000 modelgate reads'] });
  }, 60_000);

  test(`more than ${MAX_UNITS.toLocaleString('en-US')} OUs`, async () => {
    const units = Array.from({ length: MAX_UNITS }, (_, i) => `    Unit${i}: { id: ou-ab12-${String(20000000 + i)} }`);
    await rejected(edit(6, BASE[5] ?? '', ...units), { line: 6, column: 5, path: 'organization.units', says: ['2,001 OUs, more than the 2,000 OUs AWS Organizations allows'] });
  });

  test(`more than ${MAX_ACCOUNT_STACKS.toLocaleString('en-US')} accounts with a stack of their own`, async () => {
    const { accounts, rules } = accountLines(MAX_ACCOUNT_STACKS + 1, true);
    await rejected(edit(8, ...accounts).replace('models:\n', `models:\n${rules.join('\n')}\n`), {
      line: 8,
      column: 5,
      path: 'organization.accounts',
      says: ['10,001 accounts need a stack of their own', 'more than the 10,000 synth builds at most', 'move account rules up to their OUs'],
    });
  }, 60_000);

  test(`member-account monitoring on more than ${MAX_MONITORED_ACCOUNT_REGIONS.toLocaleString('en-US')} account-regions`, async () => {
    const { accounts } = accountLines(MAX_MONITORED_ACCOUNT_REGIONS / 2 + 1);
    const yaml = edit(8, ...accounts) + ['monitoring:', '  regions: [us-east-1, us-west-2]', '  invocationLogging: { s3: true }', ''].join('\n');
    // Located at the value of monitoring: its first key.
    const line = yaml.split('\n').indexOf('  regions: [us-east-1, us-west-2]') + 1;
    await rejected(yaml, { line, column: 3, path: 'monitoring', says: ['1,501 member accounts in 2 regions: 3,002 account-regions, more than the 3,000 synth places at most', 'fewer monitoring.regions'] });
  }, 60_000);

  test(`a file larger than ${MAX_CONFIG_BYTES.toLocaleString('en-US')} bytes is refused before it is parsed`, async () => {
    await rejected(append(`# ${'x'.repeat(MAX_CONFIG_BYTES)}`), { line: 1, column: 1, path: '', says: ['larger than 4,194,304 bytes, the most modelgate reads'] });
  });

  test('past 100 problems, the rest are counted in one line', async () => {
    const accounts = Array.from({ length: 150 }, (_, i) => `    acct-${i}: { id: "${i}" }`);
    const run = await synthInProcess(edit(8, ...accounts));
    runs.push(run);
    const reported = reportedProblems(run.stderr);
    expect(reported).toHaveLength(101);
    expect(reported[100]).toMatch(/^\d+:\d+ and 50 more problems, not listed: fix the ones above first$/);
    expectRejected(run);
  });
});

describe('endless and special files', () => {
  test('/dev/zero is refused after reading a bounded number of bytes', async () => {
    const report = await validateConfig('/dev/zero');
    expect(report.errors).toEqual([expect.objectContaining({ file: '/dev/zero', line: 1, column: 1, message: expect.stringMatching(/larger than 4,194,304 bytes/) })]);
  });

  test('a FIFO fed without end is refused after reading a bounded number of bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fifo-'));
    const fifo = join(dir, 'governance.yaml');
    spawnSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `yes "a: b" > ${fifo}`], { stdio: 'ignore' });
    try {
      const report = await validateConfig(fifo);
      expect(report.errors.map((e) => e.message)).toEqual([expect.stringMatching(/larger than 4,194,304 bytes/)]);
    } finally {
      writer.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a folder is reported as one, not as a crash', async () => {
    const report = await validateConfig(tmpdir());
    expect(report.errors.map((e) => e.message)).toEqual([expect.stringMatching(/cannot read the governance file \(it is a folder\)/)]);
  });
});

describe('the compiled app and CLI on hostile input: exit code and stderr as a pipeline sees them', () => {
  test('synth on a file that is not UTF-8: exit 1, located, nothing written', () => {
    const before = `${BASE.join('\n')}\n# caf`;
    const run = runAppOn(Buffer.concat([Buffer.from(before), Buffer.from([0xe9]), Buffer.from('\n')]));
    try {
      expect(reportedProblems(run.stderr)).toEqual([`15:6 the file is not UTF-8: byte ${Buffer.byteLength(before)} (0xe9 0x0a...) is not a UTF-8 character; save the file as UTF-8`]);
      expectRejected(run);
    } finally {
      rmSync(run.cwd, { recursive: true, force: true });
    }
  });

  test('modelgate validate on an alias that contains itself: exit 1, the alias located', () => {
    const dir = mkdtempSync(join(tmpdir(), 'validate-'));
    writeFileSync(join(dir, 'governance.yaml'), edit(11, '  Sandbox: &a1 { bedrock: { allow: *a1 } }').replace('    bedrock: { allow: ["anthropic.claude-3-5-sonnet*"] }\n', ''));
    const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist', 'cli', 'main.js'), 'validate', '--config', 'governance.yaml'], { cwd: dir, encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(result.stderr).toMatch(/^ {2}governance\.yaml:11:36 models\.Sandbox\.bedrock\.allow: this YAML alias refers to a mapping or list that contains it/m);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.status).toBe(1);
  });
});
