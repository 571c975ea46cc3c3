import { ConfigError, parseConfig, type ConfigProblem } from '../../modules/config';

/**
 * requireGuardrail.organizationPolicy that cannot become a Bedrock organization policy: each
 * problem at its line and config path, with what to write instead.
 */

const BASE = [
  /*  1 */ 'organization:',
  /*  2 */ '  id: o-a1b2c3d4e5',
  /*  3 */ '  managementAccount: "111111111111"',
  /*  4 */ '  root: r-ab12',
  /*  5 */ '  units:',
  /*  6 */ '    Workloads: { id: ou-ab12-22222222 }',
  /*  7 */ '  accounts:',
  /*  8 */ '    management: { id: "111111111111" }',
  /*  9 */ '    prod-app: { id: "333333333333", unit: Workloads }',
  /* 10 */ 'breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]',
  /* 11 */ 'guardrails:',
  /* 12 */ '  org-standard: { account: management, contentFilters: { hate: HIGH }, version: { description: v1 } }',
  /* 13 */ '  app-only: { account: prod-app, contentFilters: { hate: HIGH }, version: { description: v1 } }',
  /* 14 */ 'models:',
];

function problemsOf(lines: readonly string[]): ConfigProblem[] {
  try {
    parseConfig([...BASE, ...lines].join('\n'), 'governance.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

const at = (line: number, path: string, ...says: string[]): unknown => expect.objectContaining({ line, path, message: expect.stringMatching(new RegExp(says.join('.*'))) });

describe('requireGuardrail.organizationPolicy that AWS would refuse', () => {
  test.each<[string, readonly string[], unknown]>([
    [
      'at an account layer',
      ['  prod-app:', '    bedrock: { requireGuardrail: { organizationPolicy: { guardrails: [org-standard] } } }'],
      at(16, 'models.prod-app.bedrock.requireGuardrail.organizationPolicy', 'not to account "prod-app"', 'SCP route'),
    ],
    [
      'a guardrail held by a member account',
      ['  root:', '    bedrock: { requireGuardrail: { organizationPolicy: { guardrails: [app-only] } } }'],
      at(16, 'models.root.bedrock.requireGuardrail.organizationPolicy.guardrails[0]', 'held by account prod-app', 'not the management account'),
    ],
    [
      'an ARN in a member account',
      ['  root:', '    bedrock: { requireGuardrail: { organizationPolicy: { guardrails: ["arn:aws:bedrock:us-east-1:333333333333:guardrail/abc123:1"] } } }'],
      at(16, 'models.root.bedrock.requireGuardrail.organizationPolicy.guardrails[0]', 'account 333333333333 is not the management account'),
    ],
    [
      'an unknown guardrail name',
      ['  root:', '    bedrock: { requireGuardrail: { organizationPolicy: { guardrails: [missing] } } }'],
      at(16, 'models.root.bedrock.requireGuardrail.organizationPolicy.guardrails[0]', 'unknown guardrail "missing"'),
    ],
    [
      'two guardrails in one region',
      ['  root:', '    bedrock: { requireGuardrail: { organizationPolicy: { guardrails: [org-standard, "arn:aws:bedrock:us-east-1:111111111111:guardrail/abc123:1"] } } }'],
      at(16, 'models.root.bedrock.requireGuardrail.organizationPolicy.guardrails[1]', 'already enforces a guardrail in us-east-1', 'one guardrail per region'),
    ],
    [
      'an ARN without a version (the DRAFT)',
      ['  root:', '    bedrock: { requireGuardrail: { organizationPolicy: { guardrails: ["arn:aws:bedrock:us-east-1:111111111111:guardrail/abc123"] } } }'],
      at(16, 'models.root.bedrock.requireGuardrail.organizationPolicy.guardrails[0]', 'published version'),
    ],
    [
      'an empty contentGuarding',
      ['  root:', '    bedrock: { requireGuardrail: { organizationPolicy: { guardrails: [org-standard], contentGuarding: {} } } }'],
      at(16, 'models.root.bedrock.requireGuardrail.organizationPolicy.contentGuarding', 'system or messages'),
    ],
    [
      'a model glob',
      ['  root:', '    bedrock: { requireGuardrail: { organizationPolicy: { guardrails: [org-standard], models: { include: ["anthropic.*"] } } } }'],
      at(16, 'models.root.bedrock.requireGuardrail.organizationPolicy.models.include[0]', 'no wildcards'),
    ],
    [
      'ALL among the excluded models',
      ['  root:', '    bedrock: { requireGuardrail: { organizationPolicy: { guardrails: [org-standard], models: { exclude: [ALL] } } } }'],
      at(16, 'models.root.bedrock.requireGuardrail.organizationPolicy.models.exclude[0]', 'not ALL'),
    ],
    [
      'neither route',
      ['  root:', '    bedrock: { requireGuardrail: { allowWithoutGuardrail: [evaluation] } }'],
      at(16, 'models.root.bedrock.requireGuardrail', 'needs guardrails', 'or organizationPolicy'),
    ],
  ])('%s', (_case, lines, expected) => {
    expect(problemsOf(lines)).toEqual([expected]);
  });

  test('without organization.id, which the guardrail resource policy names', () => {
    const lines = [...BASE.filter((line) => !line.startsWith('  id: o-')), '  root:', '    bedrock: { requireGuardrail: { organizationPolicy: { guardrails: [org-standard] } } }'];
    const problems = (() => {
      try {
        parseConfig(lines.join('\n'), 'governance.yaml');
        return [];
      } catch (error) {
        if (error instanceof ConfigError) return [...error.problems];
        throw error;
      }
    })();
    expect(problems).toEqual([at(15, 'models.root.bedrock.requireGuardrail.organizationPolicy', 'organization.id')]);
  });

  test('a management-account guardrail at the root and an OU is accepted', () => {
    expect(
      problemsOf([
        '  root:',
        '    bedrock: { requireGuardrail: { organizationPolicy: { guardrails: [org-standard, "arn:aws:bedrock:eu-west-1:111111111111:guardrail/abc123:4"], contentGuarding: { system: selective } } } }',
        '  Workloads:',
        '    bedrock: { requireGuardrail: { guardrails: ["arn:aws:bedrock:us-east-1:333333333333:guardrail/x1"], organizationPolicy: { guardrails: [org-standard], models: { include: [anthropic.claude-3-5-sonnet-20240620-v1:0] } } } }',
      ]),
    ).toEqual([]);
  });
});
