import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../../modules/config';
import { compileGovernance, type CompiledGovernance } from '../../../modules/policy/compile';
import { statementsDenyingBreakGlass } from '../../../modules/policy/guards';
import type { PolicyStatement } from '../../../modules/policy/statement';

const BREAK_GLASS = 'arn:aws:iam::*:role/OrgBreakGlass';
const RECOVERY = 'arn:aws:iam::111111111111:user/Recovery';
const EXAMPLE = readFileSync(join(__dirname, '../../../examples/governance.yaml'), 'utf8');

function denyWith(exempt: readonly string[] | undefined, extra: Partial<PolicyStatement> = {}): PolicyStatement {
  return {
    Sid: 'DenyModels',
    Effect: 'Deny',
    Action: ['bedrock:InvokeModel'],
    Resource: ['*'],
    ...(exempt ? { Condition: { ArnNotLike: { 'aws:PrincipalArn': exempt } } } : {}),
    ...extra,
  };
}

describe('statementsDenyingBreakGlass', () => {
  test.each<[string, PolicyStatement, readonly string[], string[]]>([
    ['a Deny without any exemption', denyWith(undefined), [BREAK_GLASS], ['DenyModels']],
    ['a Deny exempting one of two break-glass principals', denyWith([BREAK_GLASS]), [BREAK_GLASS, RECOVERY], ['DenyModels']],
    ['a Deny exempting all of them', denyWith([BREAK_GLASS, RECOVERY]), [BREAK_GLASS, RECOVERY], []],
    ['a Deny exempting all of them and a rule exception', denyWith(['arn:aws:iam::*:role/MLPlatform', BREAK_GLASS, RECOVERY]), [BREAK_GLASS, RECOVERY], []],
    ['a Deny exempting only a rule exception', denyWith(['arn:aws:iam::*:role/MLPlatform']), [BREAK_GLASS], ['DenyModels']],
    [
      'a Deny whose break-glass ARN sits under another key',
      denyWith(undefined, { Condition: { ArnNotLike: { 'aws:SourceArn': [BREAK_GLASS] } } }),
      [BREAK_GLASS],
      ['DenyModels'],
    ],
    [
      'a Deny whose break-glass ARN sits under another operator',
      denyWith(undefined, { Condition: { ArnLike: { 'aws:PrincipalArn': [BREAK_GLASS] } } }),
      [BREAK_GLASS],
      ['DenyModels'],
    ],
    ['an Allow without exemption (it cannot lock anyone out)', { ...denyWith(undefined), Effect: 'Allow' }, [BREAK_GLASS], []],
    ['no break-glass principals configured', denyWith(undefined), [], []],
  ])('%s', (_name, statement, breakGlass, expected) => {
    expect(statementsDenyingBreakGlass([statement], breakGlass)).toEqual(expected);
  });

  test('returns the Sid of every unsafe Deny, and only those', () => {
    const statements = [
      { ...denyWith([BREAK_GLASS]), Sid: 'Safe' },
      { ...denyWith(undefined), Sid: 'NoExemption' },
      { ...denyWith(['arn:aws:iam::*:role/Other']), Sid: 'WrongExemption' },
    ];
    expect(statementsDenyingBreakGlass(statements, [BREAK_GLASS])).toEqual(['NoExemption', 'WrongExemption']);
  });
});

describe('compiled governance never denies the break-glass principals', () => {
  type ParsedStatement = { Sid: string; Effect: string; Condition?: { ArnNotLike?: { 'aws:PrincipalArn'?: string | string[] } } };

  async function compile(yaml: string): Promise<CompiledGovernance> {
    return compileGovernance(parseConfig(yaml, 'governance.yaml').governance);
  }

  /** Every statement of every policy, read back from the literal content AWS receives. */
  function deployedStatements(compiled: CompiledGovernance): { stack: string; statement: ParsedStatement }[] {
    return compiled.targets.flatMap((t) =>
      t.policies.flatMap((p) => (JSON.parse(p.content) as { Statement: ParsedStatement[] }).Statement.map((statement) => ({ stack: t.target.stackName, statement }))),
    );
  }

  function exemptions(statement: ParsedStatement): string[] {
    const value = statement.Condition?.ArnNotLike?.['aws:PrincipalArn'];
    return value === undefined ? [] : typeof value === 'string' ? [value] : value;
  }

  test.each<[string, string, string[]]>([
    ['the example as written', EXAMPLE, [BREAK_GLASS]],
    [
      'the example with two break-glass principals',
      EXAMPLE.replace(/^breakGlass: .*$/m, `breakGlass: [${BREAK_GLASS}, ${RECOVERY}]`),
      [BREAK_GLASS, RECOVERY],
    ],
  ])('%s: every Deny of every layer exempts every break-glass principal', async (_name, yaml, breakGlass) => {
    const compiled = await compile(yaml);
    expect(compiled.governance.breakGlass).toEqual(breakGlass);
    const deployed = deployedStatements(compiled);
    // Every layer of the example that has rules is covered.
    const layersWithRules = compiled.targets.filter((t) => t.target.rules !== undefined).map((t) => t.target.stackName);
    expect(layersWithRules.length).toBeGreaterThanOrEqual(3);
    expect([...new Set(deployed.map((d) => d.stack))]).toEqual(layersWithRules);
    const denies = deployed.filter((d) => d.statement.Effect === 'Deny');
    expect(denies.length).toBeGreaterThan(10);
    const unsafe = denies.filter((d) => breakGlass.some((p) => !exemptions(d.statement).includes(p))).map((d) => `${d.stack}: ${d.statement.Sid}`);
    expect(unsafe).toEqual([]);
    const compiledStatements = compiled.targets.flatMap((t) => t.policies.flatMap((p) => p.statements));
    expect(statementsDenyingBreakGlass(compiledStatements, breakGlass)).toEqual([]);
  });

  test('breakGlass: none: only the rules\' own exceptions and the managers of those remain', async () => {
    const compiled = await compile(EXAMPLE.replace(/^breakGlass: .*$/m, 'breakGlass: none'));
    const exempted = new Set(deployedStatements(compiled).flatMap((d) => exemptions(d.statement)));
    // The rules' except lists, and the managers whom the protection of those principals exempts.
    const written = new Set([...EXAMPLE.matchAll(/(?:except|managedBy): \[([^\]]+)\]/g)].flatMap((m) => (m[1] ?? '').split(',').map((arn) => arn.trim())));
    expect(written.size).toBeGreaterThan(0);
    expect(exempted.size).toBeGreaterThan(0);
    expect(exempted.has(BREAK_GLASS)).toBe(false);
    expect([...exempted].filter((arn) => !written.has(arn))).toEqual([]);
  });
});
