import type { CapabilityRule } from '../../../../modules/config';
import { customModelImportStatements, fineTuningStatements } from '../../../../modules/policy/rules/capabilities';
import type { RuleContext } from '../../../../modules/policy/rules/rule-context';
import type { RuleStatement } from '../../../../modules/policy/statement';

const BREAK_GLASS = 'arn:aws:iam::*:role/OrgBreakGlass';
const ML_PLATFORM = 'arn:aws:iam::*:role/MLPlatform';
const CONTEXT: RuleContext = { partition: 'aws', breakGlass: [BREAK_GLASS], layerPath: 'models.Sandbox' };

type Builder = (rule: CapabilityRule, context: RuleContext) => RuleStatement[];

/** Every door to each capability, on both Bedrock APIs (there is no bedrock:ImportModel action: imports are CreateModelImportJob). */
const CAPABILITIES: ReadonlyArray<[name: string, build: Builder, sid: string, source: string, actions: string[]]> = [
  [
    'customModelImport',
    customModelImportStatements,
    'DenyCustomModelImport',
    'models.Sandbox.customModelImport',
    // CreateModelCopyJob: a custom model made in another account or Region arrives here.
    ['bedrock-mantle:CreateCustomizedModel', 'bedrock:CreateCustomModel', 'bedrock:CreateModelCopyJob', 'bedrock:CreateModelImportJob'],
  ],
  ['fineTuning', fineTuningStatements, 'DenyFineTuning', 'models.Sandbox.fineTuning', ['bedrock-mantle:CreateFineTuningJob', 'bedrock:CreateModelCustomizationJob']],
];

describe.each(CAPABILITIES)('%s', (_name, build, sid, source, actions) => {
  test('deny: false produces nothing', () => {
    expect(build({ deny: false }, CONTEXT)).toEqual([]);
  });

  test(`deny: true produces ${sid} on every resource, exempting the break-glass principals`, () => {
    expect(build({ deny: true }, CONTEXT)).toEqual([
      {
        statement: { Sid: sid, Effect: 'Deny', Action: actions, Resource: ['*'], Condition: { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS] } } },
        source,
      },
    ]);
  });

  test.each<[string, readonly string[], string[] | undefined, string[] | undefined]>([
    ['break-glass and except', [BREAK_GLASS], [ML_PLATFORM], [ML_PLATFORM, BREAK_GLASS]],
    ['except only', [], [ML_PLATFORM], [ML_PLATFORM]],
    ['nobody', [], undefined, undefined],
  ])('exemptions: %s', (_case, breakGlass, except, expected) => {
    const [only] = build({ deny: true, ...(except ? { except } : {}) }, { ...CONTEXT, breakGlass });
    expect(only?.statement.Condition?.ArnNotLike?.['aws:PrincipalArn']).toEqual(expected);
    if (expected === undefined) expect(only?.statement).not.toHaveProperty('Condition');
  });

  test.each(['aws-cn', 'aws-us-gov'])('denies on every resource in %s, so no ARN depends on the partition', (partition) => {
    const [only] = build({ deny: true }, { ...CONTEXT, partition, breakGlass: [] });
    expect(only?.statement.Resource).toEqual(['*']);
  });
});
