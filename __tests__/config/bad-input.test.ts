import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { escape, expectRejected, problemPattern, reportedProblems, type Expected } from '../support/bad-input';
import { runAppOn, type AppRun } from '../support/run-app';
import { synthInProcess } from '../support/synth-in-process';

/**
 * Bad governance.yaml, as a platform engineer meets it: synth exits 1 with a message located at
 * `governance.yaml:<line>:<column>` with the config path and what to write instead, and writes
 * nothing. Each case is a small edit of one valid organization, so the expected line numbers can
 * be read off the numbered listing below. The cases run synth in this process; the valid base and
 * two cases (a YAML error and a compile error) run the compiled app, as a pipeline does.
 */

/** An immutable list of YAML lines; every edit returns a new document. Line numbers are 1-based. */
class Yaml {
  constructor(private readonly lines: readonly string[]) {}

  /** Line `n` becomes `lines` (several lines shift everything after them). */
  replace(n: number, ...lines: string[]): Yaml {
    this.check(n);
    return new Yaml([...this.lines.slice(0, n - 1), ...lines, ...this.lines.slice(n)]);
  }

  /** The new lines start at line `n`; the old line `n` and everything after it move down. */
  insert(n: number, ...lines: string[]): Yaml {
    this.check(n);
    return new Yaml([...this.lines.slice(0, n - 1), ...lines, ...this.lines.slice(n - 1)]);
  }

  /** Removes lines `from` to `to` (inclusive). */
  remove(from: number, to = from): Yaml {
    this.check(from);
    this.check(to);
    return new Yaml([...this.lines.slice(0, from - 1), ...this.lines.slice(to)]);
  }

  /** The new lines start at line (last line + 1), i.e. under the last layer of `models`. */
  append(...lines: string[]): Yaml {
    return new Yaml([...this.lines, ...lines]);
  }

  toString(): string {
    return this.lines.length === 0 ? '' : `${this.lines.join('\n')}\n`;
  }

  private check(n: number): void {
    if (n < 1 || n > this.lines.length) throw new Error(`line ${n} is not in the ${this.lines.length}-line document`);
  }
}

const BASE = new Yaml([
  /*  1 */ 'organization:',
  /*  2 */ '  managementAccount: "111111111111"',
  /*  3 */ '  root: r-ab12',
  /*  4 */ '  fullAwsAccess: attached',
  /*  5 */ '  scpLimits: current',
  /*  6 */ '  units:',
  /*  7 */ '    Sandbox: { id: ou-ab12-11111111 }',
  /*  8 */ '    Workloads:',
  /*  9 */ '      id: ou-ab12-22222222',
  /* 10 */ '      units:',
  /* 11 */ '        Prod: { id: ou-ab12-33333333 }',
  /* 12 */ '  accounts:',
  /* 13 */ '    sandbox-dev: { id: "222222222222", unit: Sandbox }',
  /* 14 */ '    prod-app: { id: "333333333333", unit: Workloads/Prod }',
  /* 15 */ 'breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]',
  /* 16 */ 'state:',
  /* 17 */ '  backend: local',
  /* 18 */ 'models:',
  /* 19 */ '  root:',
  /* 20 */ '    bedrock:',
  /* 21 */ '      deny: ["deepseek.*"]',
  /* 22 */ '  Sandbox:',
  /* 23 */ '    bedrock:',
  /* 24 */ '      allow: ["anthropic.claude-3-5-sonnet*"]',
]);

interface BadInput {
  readonly name: string;
  readonly yaml: Yaml | string;
  readonly problems: readonly Expected[];
  /** The exact number of problems, where several are expected at once. */
  readonly count?: number;
}

/** For an unknown key, the path may name the mapping that holds it or the key itself. */
function holdingOrKey(holder: string, key: string): RegExp {
  return new RegExp(`${escape(holder)}(?:\\.${escape(key)})?`);
}

/** A 40-model allow-list: one statement larger than a 1,000-character SCP. */
const FORTY_MODELS = Array.from({ length: 40 }, (_, i) => `"vendor${i}.model-number-${i}-v1:0"`).join(', ');

const cases: readonly BadInput[] = [
  // YAML itself
  {
    name: 'an unclosed flow list is reported where it opens, not on the next line',
    yaml: BASE.replace(21, '      deny: ["deepseek.*"'),
    problems: [{ line: 21, path: '', says: ['YAML syntax', ']'] }],
  },
  {
    name: 'a duplicate key',
    yaml: BASE.insert(4, '  root: r-cd34'),
    problems: [{ line: 4, column: 3, path: '', says: ['YAML syntax', 'unique'] }],
  },
  {
    name: 'tab indentation',
    yaml: BASE.replace(3, '\troot: r-ab12'),
    problems: [{ line: 3, column: 1, path: '', says: ['YAML syntax', 'Tabs are not allowed'] }],
  },
  {
    // One problem per missing section, or one saying the file is empty and naming both.
    name: 'an empty file names both required sections',
    yaml: '',
    problems: [
      { line: 1, column: 1, path: '', says: ['organization', /missing|empty/] },
      { line: 1, column: 1, path: '', says: ['breakGlass', /missing|empty/] },
    ],
  },
  {
    name: 'an unknown top-level key is reported on its own line, with the keys allowed there',
    yaml: BASE.append('modles:', '  root: {}'),
    problems: [{ line: 25, column: 1, path: '', says: ['unknown key "modles"', 'models', 'deployment'] }],
  },

  // organization
  {
    name: 'missing organization',
    yaml: BASE.remove(1, 14),
    problems: [{ line: 1, column: 1, path: 'organization', says: ['missing', 'mapping'] }],
  },
  {
    name: 'missing managementAccount (reported at the mapping that lacks it)',
    yaml: BASE.remove(2),
    problems: [{ line: 2, column: 3, path: 'organization.managementAccount', says: ['missing'] }],
  },
  {
    name: 'managementAccount unquoted: YAML reads a number, the hint is to quote it',
    yaml: BASE.replace(2, '  managementAccount: 111111111111'),
    problems: [{ line: 2, column: 22, path: 'organization.managementAccount', says: ['12-digit account id', 'quotes'] }],
  },
  {
    name: 'an account id of 11 digits',
    yaml: BASE.replace(13, '    sandbox-dev: { id: "22222222222", unit: Sandbox }'),
    problems: [{ line: 13, column: 24, path: 'organization.accounts.sandbox-dev.id', says: ['12-digit account id', 'found "22222222222"'] }],
  },
  {
    // YAML drops the leading zero: showing the mangled 11-digit number would send the reader the wrong way.
    name: 'an unquoted 0-leading account id: the message shows what was written and says to quote it',
    yaml: BASE.replace(13, '    sandbox-dev: { id: 022222222222, unit: Sandbox }'),
    problems: [{ line: 13, column: 24, path: 'organization.accounts.sandbox-dev.id', says: ['12-digit account id', 'quotes', '022222222222'] }],
  },
  {
    name: 'a root id in upper case',
    yaml: BASE.replace(3, '  root: r-AB12'),
    problems: [{ line: 3, column: 9, path: 'organization.root', says: ['root id such as "r-ab12"', 'found "r-AB12"'] }],
  },
  {
    name: 'an OU id too short',
    yaml: BASE.replace(7, '    Sandbox: { id: ou-ab12-111 }'),
    problems: [{ line: 7, column: 20, path: 'organization.units.Sandbox.id', says: ['OU id such as "ou-ab12-11111111"', 'found "ou-ab12-111"'] }],
  },
  {
    name: '`unit:` instead of `units:` under an OU is reported on the misspelt key, with the keys allowed there',
    yaml: BASE.replace(10, '      unit:'),
    problems: [{ line: 10, column: 7, path: holdingOrKey('organization.units.Workloads', 'unit'), says: ['unknown key "unit"', 'existingPolicies'] }],
  },
  {
    name: 'an account in an OU that does not exist',
    yaml: BASE.replace(13, '    sandbox-dev: { id: "222222222222", unit: Sandbx }'),
    problems: [
      {
        line: 13,
        column: 46,
        path: 'organization.accounts.sandbox-dev.unit',
        says: ['unknown unit "Sandbx"', '"Sandbox"', '"Workloads"', '"Workloads/Prod"'],
      },
    ],
  },
  {
    name: 'two accounts with one id',
    yaml: BASE.replace(14, '    prod-app: { id: "222222222222", unit: Workloads/Prod }'),
    problems: [{ line: 14, column: 21, path: 'organization.accounts.prod-app.id', says: ['"222222222222"', 'already used by account "sandbox-dev"'] }],
  },
  {
    name: 'two OUs with one id',
    yaml: BASE.replace(11, '        Prod: { id: ou-ab12-11111111 }'),
    problems: [{ line: 11, path: 'organization.units.Workloads.units.Prod.id', says: ['"ou-ab12-11111111"', 'already used by unit "Sandbox"'] }],
  },
  {
    name: 'an account named like an OU',
    yaml: BASE.replace(14, '    Sandbox: { id: "333333333333" }'),
    problems: [{ line: 14, path: 'organization.accounts.Sandbox', says: ['account name "Sandbox" is also a unit path', 'rename'] }],
  },
  {
    name: 'an account named like a nested OU path',
    yaml: BASE.replace(14, '    Workloads/Prod: { id: "333333333333" }'),
    problems: [{ line: 14, path: 'organization.accounts."Workloads/Prod"', says: ['account name', 'letters, digits'] }],
  },
  {
    name: 'an account named root',
    yaml: BASE.replace(13, '    root: { id: "222222222222", unit: Sandbox }'),
    problems: [{ line: 13, path: 'organization.accounts.root', says: ['cannot be named "root"', 'organization root'] }],
  },
  {
    name: 'two account names that become one stack name',
    yaml: BASE.replace(13, '    Prod-App: { id: "222222222222" }').replace(14, '    prod.app: { id: "333333333333" }'),
    problems: [{ line: 14, path: 'organization.accounts."prod.app"', says: ['"prod.app" and "Prod-App"', 'stack "account-prod-app"', 'rename'] }],
  },

  // models: layers and paths
  {
    name: 'a misspelt layer is reported on its key, with the layers that exist',
    yaml: BASE.replace(22, '  Sandbx:'),
    problems: [
      {
        line: 22,
        column: 3,
        path: 'models.Sandbx',
        says: ['unknown layer "Sandbx"', '"root"', '"Sandbox"', '"Workloads/Prod"', '"sandbox-dev"', '"prod-app"'],
      },
    ],
  },
  {
    name: 'a misspelt governance path under a layer, with the paths allowed there',
    yaml: BASE.replace(23, '    bedrok:'),
    problems: [{ line: 23, column: 5, path: holdingOrKey('models.Sandbox', 'bedrok'), says: ['unknown key "bedrok"', 'bedrock', 'marketplace', 'fineTuning'] }],
  },
  {
    name: 'a model glob with a space',
    yaml: BASE.replace(24, '      allow: ["anthropic claude*"]'),
    problems: [{ line: 24, column: 15, path: 'models.Sandbox.bedrock.allow[0]', says: ['model id or glob', 'found "anthropic claude*"'] }],
  },
  {
    name: 'a model glob with a slash, second in its list',
    yaml: BASE.replace(24, '      allow: ["amazon.nova-*", "anthropic/claude*"]'),
    problems: [{ line: 24, column: 32, path: 'models.Sandbox.bedrock.allow[1]', says: ['model id or glob', 'found "anthropic/claude*"'] }],
  },
  {
    name: 'deny as a single string instead of a list',
    yaml: BASE.replace(21, '      deny: deepseek.*'),
    problems: [{ line: 21, column: 13, path: 'models.root.bedrock.deny', says: ['list', '"all"', 'found "deepseek.*"'] }],
  },
  {
    name: 'an empty allow-list, with the hint to write "deny: all"',
    yaml: BASE.replace(24, '      allow: []'),
    problems: [{ line: 24, column: 14, path: 'models.Sandbox.bedrock.allow', says: ['empty allow-list', 'deny every model', '"deny: all"'] }],
  },
  {
    name: '"deny: all" beside an allow-list',
    yaml: BASE.append('      deny: all'),
    problems: [{ line: 24, path: 'models.Sandbox.bedrock', says: ['"deny: all" and an allow-list contradict'] }],
  },
  {
    name: 'alsoAllow without an allow-list',
    yaml: BASE.insert(22, '      alsoAllow: [importedModels]'),
    problems: [{ line: 22, column: 18, path: 'models.root.bedrock.alsoAllow', says: ['only applies to an allow-list', 'allow: [...]'] }],
  },
  {
    name: 'alsoAllow with an unknown kind, listing the known ones',
    yaml: BASE.append('      alsoAllow: [importedModels, fineTunedModels]'),
    problems: [
      {
        line: 25,
        column: 35,
        path: 'models.Sandbox.bedrock.alsoAllow[1]',
        says: ['"importedModels"', '"customModels"', '"applicationInferenceProfiles"', 'found "fineTunedModels"'],
      },
    ],
  },
  {
    name: 'apiKeys: maybe',
    yaml: BASE.append('      apiKeys: maybe'),
    problems: [{ line: 25, column: 16, path: 'models.Sandbox.bedrock.apiKeys', says: ['"allow"', '"deny"', '"shortTermOnly"', 'found "maybe"'] }],
  },

  // exemptions and break-glass
  {
    name: 'except with a role name instead of an ARN',
    yaml: BASE.append('    customModelImport: { deny: true, except: [MLPlatform] }'),
    problems: [{ line: 25, column: 47, path: 'models.Sandbox.customModelImport.except[0]', says: ['IAM principal ARN', 'found "MLPlatform"'] }],
  },
  {
    name: 'except as an empty list',
    yaml: BASE.append('    customModelImport: { deny: true, except: [] }'),
    problems: [{ line: 25, column: 46, path: 'models.Sandbox.customModelImport.except', says: ['at least one principal ARN', 'leave `except` out'] }],
  },
  {
    name: 'except on a capability that is not denied',
    yaml: BASE.append('    fineTuning: { deny: false, except: [arn:aws:iam::*:role/MLPlatform] }'),
    problems: [{ line: 25, column: 40, path: 'models.Sandbox.fineTuning.except', says: ['no effect when deny is false', '"deny: true"'] }],
  },
  {
    name: 'breakGlass missing',
    yaml: BASE.remove(15),
    problems: [{ line: 1, column: 1, path: 'breakGlass', says: ['missing', '"none"'] }],
  },
  {
    name: 'breakGlass: []',
    yaml: BASE.replace(15, 'breakGlass: []'),
    problems: [{ line: 15, column: 13, path: 'breakGlass', says: ['at least one principal ARN', '"none"'] }],
  },
  {
    name: 'breakGlass with an ARN missing a colon',
    yaml: BASE.replace(15, 'breakGlass: [arn:aws:iam:*:role/OrgBreakGlass]'),
    problems: [{ line: 15, column: 14, path: 'breakGlass[0]', says: ['IAM principal ARN pattern', 'found "arn:aws:iam:*:role/OrgBreakGlass"'] }],
  },
  {
    name: 'breakGlass as a single ARN instead of a list',
    yaml: BASE.replace(15, 'breakGlass: arn:aws:iam::*:role/OrgBreakGlass'),
    problems: [{ line: 15, column: 13, path: 'breakGlass', says: ['list', '"none"'] }],
  },

  // organization settings
  {
    name: 'scpLimits: huge',
    yaml: BASE.replace(5, '  scpLimits: huge'),
    problems: [{ line: 5, column: 14, path: 'organization.scpLimits', says: ['"current"', '"legacy"', 'maxCharacters', 'found "huge"'] }],
  },
  {
    name: 'scpLimits above the AWS maximum of 10,240 characters',
    yaml: BASE.replace(5, '  scpLimits: { maxCharacters: 20000, maxPoliciesPerTarget: 10 }'),
    problems: [{ line: 5, column: 31, path: 'organization.scpLimits.maxCharacters', says: [/10,?240/, 'found 20000'] }],
  },
  {
    name: 'fullAwsAccess: yes',
    yaml: BASE.replace(4, '  fullAwsAccess: yes'),
    problems: [{ line: 4, column: 18, path: 'organization.fullAwsAccess', says: ['"attached"', '"replaced"', 'found "yes"'] }],
  },

  // state
  {
    name: 'an unknown state backend',
    yaml: BASE.replace(17, '  backend: gcs'),
    problems: [{ line: 17, column: 12, path: 'state.backend', says: ['local', 's3', 'cloud', 'found "gcs"'] }],
  },
  {
    name: 's3 backend without a bucket',
    yaml: BASE.replace(17, '  backend: s3', '  region: us-east-1'),
    problems: [{ line: 17, column: 3, path: 'state.bucket', says: ['missing'] }],
  },
  {
    name: 's3 backend with a region missing its number',
    yaml: BASE.replace(17, '  backend: s3', '  bucket: acme-terraform-state', '  region: us-east'),
    problems: [{ line: 19, column: 11, path: 'state.region', says: ['AWS region such as "us-east-1"', 'found "us-east"'] }],
  },
  {
    name: 'cloud backend without an organization',
    yaml: BASE.replace(17, '  backend: cloud', '  workspacePrefix: mg-'),
    problems: [{ line: 17, column: 3, path: 'state.organization', says: ['missing'] }],
  },

  // bedrock and marketplace details
  {
    name: 'requireGuardrail with a guardrail ARN missing its account',
    yaml: BASE.append('  prod-app:', '    bedrock:', '      requireGuardrail:', '        guardrails: [arn:aws:bedrock:us-east-1:guardrail/prodapp01]'),
    problems: [
      {
        line: 28,
        column: 22,
        path: 'models.prod-app.bedrock.requireGuardrail.guardrails[0]',
        says: ['guardrail ARN such as', 'found "arn:aws:bedrock:us-east-1:guardrail/prodapp01"'],
      },
    ],
  },
  {
    name: 'allowWithoutGuardrail with an unknown kind, listing the known ones',
    yaml: BASE.append(
      '  prod-app:',
      '    bedrock:',
      '      requireGuardrail:',
      '        guardrails: [arn:aws:bedrock:us-east-1:333333333333:guardrail/prodapp01]',
      '        allowWithoutGuardrail: [batchInference, asyncInvocation]',
    ),
    problems: [
      {
        line: 29,
        column: 49,
        path: 'models.prod-app.bedrock.requireGuardrail.allowWithoutGuardrail[1]',
        says: ['"batchInference"', '"evaluation"', '"promptOptimization"', 'found "asyncInvocation"'],
      },
    ],
  },
  {
    name: 'marketplace subscriptions with no product ids',
    yaml: BASE.append('  prod-app:', '    marketplace:', '      subscriptions: { allowProductIds: [] }'),
    problems: [{ line: 27, column: 41, path: 'models.prod-app.marketplace.subscriptions.allowProductIds', says: ['at least one', 'product id'] }],
  },
  {
    name: 'marketplace subscriptions: allow',
    yaml: BASE.append('  prod-app:', '    marketplace:', '      subscriptions: allow'),
    problems: [{ line: 27, column: 22, path: 'models.prod-app.marketplace.subscriptions', says: ['"deny"', 'allowProductIds', 'found "allow"'] }],
  },

  // several at once
  {
    name: 'three schema errors, each on its own line',
    yaml: BASE.replace(3, '  root: r-AB')
      .replace(13, '    sandbox-dev: { id: "2222", unit: Sandbox }')
      .replace(21, '      deny: ["deep seek"]'),
    count: 3,
    problems: [
      { line: 3, column: 9, path: 'organization.root', says: ['found "r-AB"'] },
      { line: 13, column: 24, path: 'organization.accounts.sandbox-dev.id', says: ['found "2222"'] },
      { line: 21, column: 14, path: 'models.root.bedrock.deny[0]', says: ['found "deep seek"'] },
    ],
  },
  {
    name: 'three semantic errors, each on its own line',
    yaml: BASE.replace(14, '    prod-app: { id: "222222222222", unit: Workloads/Prd }').append(
      '  prod-app:',
      '    fineTuning: { deny: false, except: [arn:aws:iam::*:role/MLPlatform] }',
    ),
    count: 3,
    problems: [
      { line: 14, column: 21, path: 'organization.accounts.prod-app.id', says: ['already used by account "sandbox-dev"'] },
      { line: 14, column: 43, path: 'organization.accounts.prod-app.unit', says: ['unknown unit "Workloads/Prd"'] },
      { line: 26, path: 'models.prod-app.fineTuning.except', says: ['no effect when deny is false'] },
    ],
  },

  // SCP limits: the rules are valid but do not fit
  {
    name: 'rules that need more SCPs than the target has free slots',
    yaml: BASE.replace(5, '  scpLimits: { maxCharacters: 1500, maxPoliciesPerTarget: 2 }')
      .replace(7, '    Sandbox: { id: ou-ab12-11111111, existingPolicies: [p-controltower] }')
      .replace(24, '      allow: ["anthropic.claude-3-5-sonnet*", "amazon.nova-*", "meta.llama3-*"]'),
    problems: [
      {
        line: 23,
        path: '',
        says: [
          'OU "Sandbox" (ou-ab12-11111111)',
          'needs 2 SCPs',
          '0 of its 2 slots are free',
          'FullAWSAccess takes 1',
          'existing policies take 1: p-controltower',
        ],
      },
    ],
  },
  {
    name: 'rules that need more SCPs than the free slots hold, with how much to remove',
    yaml: BASE.replace(5, '  scpLimits: { maxCharacters: 2000, maxPoliciesPerTarget: 3 }')
      .replace(7, '    Sandbox: { id: ou-ab12-11111111, existingPolicies: [p-controltower] }')
      .replace(24, '      allow: ["anthropic.claude-3-5-sonnet*", "amazon.nova-*", "meta.llama3-*"]')
      .append('      apiKeys: deny'),
    problems: [
      {
        line: 23,
        path: '',
        says: ['OU "Sandbox"', 'needs 2 SCPs', '1 of its 3 slots', 'at most 2,000 characters', /remove about [\d,]+ characters/],
      },
    ],
  },
  {
    // The statement id is internal; the reader needs the rule to shorten.
    name: 'one allow-list statement larger than a whole SCP names the rule and how to shrink it',
    yaml: BASE.replace(5, '  scpLimits: { maxCharacters: 1000, maxPoliciesPerTarget: 10 }').replace(24, `      allow: [${FORTY_MODELS}]`),
    problems: [
      {
        line: 23,
        path: '',
        says: ['OU "Sandbox"', 'models.Sandbox.bedrock.allow', /takes [\d,]+ characters/, 'more than the 1000', 'wider glob', 'raise scpLimits'],
      },
    ],
  },
];

/** The cases that also run the compiled app, one per kind of error the app reports. */
const END_TO_END = [
  'an unclosed flow list is reported where it opens, not on the next line',
  'rules that need more SCPs than the target has free slots',
];

function expectReported(run: AppRun, { problems, count }: BadInput): void {
  const reported = reportedProblems(run.stderr);
  for (const problem of problems) expect(reported).toContainEqual(expect.stringMatching(problemPattern(problem)));
  if (count !== undefined) expect(reported).toHaveLength(count);
  expectRejected(run);
}

describe('bad governance.yaml', () => {
  const runs: AppRun[] = [];
  afterAll(() => {
    for (const run of runs) rmSync(run.cwd, { recursive: true, force: true });
  });

  test('the base organization the cases edit is valid (the compiled app)', () => {
    const run = runAppOn(String(BASE));
    runs.push(run);
    expect(run.stderr).not.toMatch(/problem/);
    // The root's deny-list leaves Custom Model Import open, which warns; nothing else does.
    expect(run.stderr.split('\n').filter((line) => line.startsWith('warning:') && !/Custom Model Import stays allowed/.test(line))).toEqual([]);
    expect(run.status).toBe(0);
    expect(existsSync(join(run.outdir, 'stacks', 'ou-sandbox', 'cdk.tf.json'))).toBe(true);
  });

  test.each(cases)('$name', async (badInput) => {
    const run = await synthInProcess(String(badInput.yaml));
    runs.push(run);
    expectReported(run, badInput);
  });

  test.each(cases.filter((c) => END_TO_END.includes(c.name)))('the compiled app: $name', (badInput) => {
    const run = runAppOn(String(badInput.yaml));
    runs.push(run);
    expectReported(run, badInput);
  });
});
