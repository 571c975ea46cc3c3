import { MODEL_USE_ACTIONS } from '../../../modules/policy/rules/bedrock';
import fc from 'fast-check';
import {
  lowerBoundDocuments,
  mergedSid,
  mergeStatements,
  packStatements,
  StatementTooLargeError,
  type PackedDocument,
} from '../../../modules/policy/pack';
import { renderStatement } from '../../../modules/policy/render';
import type { Condition, PolicyStatement } from '../../../modules/policy/statement';

const BREAK_GLASS = 'arn:aws:iam::*:role/OrgBreakGlass';
const ML_PLATFORM = 'arn:aws:iam::*:role/MLPlatform';
const EXEMPT: Condition = { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS] } };
const DOCUMENT_OVERHEAD = '{"Version":"2012-10-17","Statement":[]}'.length;

function deny(Sid: string, parts: Omit<PolicyStatement, 'Sid' | 'Effect'>): PolicyStatement {
  return { Sid, Effect: 'Deny', ...parts };
}

/** A statement as AWS reads it back from a document: lists may be plain strings. */
interface ParsedStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

function parsedStatements(documents: readonly PackedDocument[]): ParsedStatement[] {
  return documents.flatMap((d) => (JSON.parse(d.content) as { Statement: ParsedStatement[] }).Statement);
}

function asList(value: string | readonly string[] | undefined): readonly string[] | undefined {
  return value === undefined ? undefined : typeof value === 'string' ? [value] : value;
}

describe('mergeStatements', () => {
  const INVOKE = 'bedrock:InvokeModel';
  const STREAM = 'bedrock:InvokeModelWithResponseStream';
  const BATCH = 'bedrock:CreateModelInvocationJob';
  const DEEPSEEK = 'arn:aws:bedrock:*::foundation-model/deepseek.*';
  const LLAMA = 'arn:aws:bedrock:*::foundation-model/meta.llama3*';

  test.each<[string, PolicyStatement[], PolicyStatement[]]>([
    [
      'same Resource and Condition: the actions are merged, the Sids joined in order',
      [deny('B', { Action: [STREAM], Resource: [DEEPSEEK], Condition: EXEMPT }), deny('A', { Action: [INVOKE], Resource: [DEEPSEEK], Condition: EXEMPT })],
      [deny('AB', { Action: [INVOKE, STREAM], Resource: [DEEPSEEK], Condition: EXEMPT })],
    ],
    [
      'same Action and Condition: the resources are merged',
      [deny('A', { Action: [INVOKE], Resource: [LLAMA], Condition: EXEMPT }), deny('B', { Action: [INVOKE], Resource: [DEEPSEEK], Condition: EXEMPT })],
      [deny('AB', { Action: [INVOKE], Resource: [DEEPSEEK, LLAMA], Condition: EXEMPT })],
    ],
    [
      'actions merged first, then resources: a full grid becomes one statement',
      [
        deny('A', { Action: [INVOKE], Resource: [DEEPSEEK] }),
        deny('B', { Action: [STREAM], Resource: [DEEPSEEK] }),
        deny('C', { Action: [INVOKE], Resource: [LLAMA] }),
        deny('D', { Action: [STREAM], Resource: [LLAMA] }),
      ],
      [deny('ABCD', { Action: [INVOKE, STREAM], Resource: [DEEPSEEK, LLAMA] })],
    ],
    [
      'overlapping action lists: the union has no duplicates',
      [deny('A', { Action: [INVOKE, STREAM], Resource: ['*'] }), deny('B', { Action: [STREAM, BATCH], Resource: ['*'] })],
      [deny('AB', { Action: [BATCH, INVOKE, STREAM], Resource: ['*'] })],
    ],
    [
      'identical statements: one is kept',
      [deny('A', { Action: [INVOKE], Resource: ['*'] }), deny('A', { Action: [INVOKE], Resource: ['*'] })],
      [deny('A', { Action: [INVOKE], Resource: ['*'] })],
    ],
    [
      'different condition values: never merged',
      [
        deny('A', { Action: [INVOKE], Resource: ['*'], Condition: EXEMPT }),
        deny('B', { Action: [STREAM], Resource: ['*'], Condition: { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS, ML_PLATFORM] } } }),
      ],
      [
        deny('A', { Action: [INVOKE], Resource: ['*'], Condition: EXEMPT }),
        deny('B', { Action: [STREAM], Resource: ['*'], Condition: { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS, ML_PLATFORM] } } }),
      ],
    ],
    [
      'a condition and no condition: never merged',
      [deny('A', { Action: [INVOKE], Resource: ['*'], Condition: EXEMPT }), deny('B', { Action: [STREAM], Resource: ['*'] })],
      [deny('A', { Action: [INVOKE], Resource: ['*'], Condition: EXEMPT }), deny('B', { Action: [STREAM], Resource: ['*'] })],
    ],
    [
      'an extra condition operator: never merged',
      [
        deny('A', { Action: [INVOKE], Resource: ['*'], Condition: EXEMPT }),
        deny('B', { Action: [STREAM], Resource: ['*'], Condition: { ...EXEMPT, Bool: { 'aws:ViaAWSMCPService': ['true'] } } }),
      ],
      [
        deny('A', { Action: [INVOKE], Resource: ['*'], Condition: EXEMPT }),
        deny('B', { Action: [STREAM], Resource: ['*'], Condition: { ...EXEMPT, Bool: { 'aws:ViaAWSMCPService': ['true'] } } }),
      ],
    ],
    [
      // A JSON.stringify replacer (an allow-list of property names) drops nested keys, which made these two look equal.
      'same operator, different nested condition keys (request tag vs resource tag): never merged',
      [
        deny('OnCreate', { Action: ['sagemaker:CreateModel'], Resource: ['*'], Condition: { StringLike: { 'aws:RequestTag/sagemaker-studio:hub-content-arn': ['x*'] } } }),
        deny('InUse', { Action: ['sagemaker:InvokeEndpoint'], Resource: ['*'], Condition: { StringLike: { 'aws:ResourceTag/sagemaker-studio:hub-content-arn': ['x*'] } } }),
      ],
      [
        deny('InUse', { Action: ['sagemaker:InvokeEndpoint'], Resource: ['*'], Condition: { StringLike: { 'aws:ResourceTag/sagemaker-studio:hub-content-arn': ['x*'] } } }),
        deny('OnCreate', { Action: ['sagemaker:CreateModel'], Resource: ['*'], Condition: { StringLike: { 'aws:RequestTag/sagemaker-studio:hub-content-arn': ['x*'] } } }),
      ],
    ],
    [
      'different effects: never merged',
      [deny('A', { Action: [INVOKE], Resource: ['*'] }), { Sid: 'B', Effect: 'Allow', Action: [STREAM], Resource: ['*'] }],
      [deny('A', { Action: [INVOKE], Resource: ['*'] }), { Sid: 'B', Effect: 'Allow', Action: [STREAM], Resource: ['*'] }],
    ],
    [
      'same Action, different NotResource: the NotResource lists are never merged',
      [deny('A', { Action: [INVOKE], NotResource: [DEEPSEEK] }), deny('B', { Action: [INVOKE], NotResource: [LLAMA] })],
      [deny('A', { Action: [INVOKE], NotResource: [DEEPSEEK] }), deny('B', { Action: [INVOKE], NotResource: [LLAMA] })],
    ],
    [
      'same Resource, different NotAction: the NotAction lists are never merged',
      [deny('A', { NotAction: [INVOKE], Resource: ['*'] }), deny('B', { NotAction: [STREAM], Resource: ['*'] })],
      [deny('A', { NotAction: [INVOKE], Resource: ['*'] }), deny('B', { NotAction: [STREAM], Resource: ['*'] })],
    ],
    [
      // Deny A on NOT N and Deny B on NOT N is exactly Deny A∪B on NOT N.
      'identical NotResource: the actions may be merged, the NotResource list stays as it is',
      [deny('A', { Action: [INVOKE], NotResource: [DEEPSEEK, LLAMA] }), deny('B', { Action: [STREAM], NotResource: [DEEPSEEK, LLAMA] })],
      [deny('AB', { Action: [INVOKE, STREAM], NotResource: [DEEPSEEK, LLAMA] })],
    ],
  ])('%s', (_name, input, expected) => {
    // Named here by the Sids of the statements each was made of (the origins), joined: "ABCD" is A, B, C and D merged.
    const { statements, origins } = mergeStatements(input);
    const byMembers = statements.map((s) => ({ ...s, Sid: [...new Set((origins.get(s) ?? []).map((m) => m.Sid))].sort().join('') }));
    expect(byMembers).toEqual(expected);
  });

  test('a merged statement keeps its members: each input statement, by identity', () => {
    const a = deny('A', { Action: [INVOKE], Resource: [DEEPSEEK] });
    const b = deny('B', { Action: [STREAM], Resource: [DEEPSEEK] });
    const c = deny('C', { Action: [INVOKE], Resource: ['*'], Condition: EXEMPT });
    const { statements, origins } = mergeStatements([c, b, a]);
    expect(statements.map((s) => origins.get(s))).toEqual([[a, b], [c]]);
    expect(origins.get(statements[0] as PolicyStatement)?.[0]).toBe(a);
  });
});

describe('mergedSid', () => {
  test.each([
    ['one member keeps its Sid', ['DenyBedrockModelsNotAllowed'], 'DenyBedrockModelsNotAllowed'],
    ['the same Sid twice is one member', ['A', 'A'], 'A'],
    ['the first Sid (sorted) and 8 characters of a hash', ['B', 'A'], 'AB17C8419'],
    ['a long first Sid is cut to 32 characters', ['DenyBedrockModelsNotAllowedAtThisLayer', 'DenyMarketplace'], 'DenyBedrockModelsNotAllowedAtThi73D33F21'],
  ])('%s', (_name, sids, expected) => {
    expect(mergedSid(sids)).toBe(expected);
  });

  test('stable: the same members give the same Sid in any order; other members another', () => {
    expect(mergedSid(['C', 'A', 'B'])).toBe(mergedSid(['B', 'C', 'A']));
    expect(mergedSid(['A', 'B'])).not.toBe(mergedSid(['A', 'C']));
  });

  test('at most 40 characters, letters and digits only, however many members', () => {
    const sids = Array.from({ length: 12 }, (_, i) => `DenyJumpStartModelsOfRule${i}AtThisLayer`);
    expect(mergedSid(sids)).toMatch(/^[A-Za-z0-9]{1,40}$/);
  });
});

describe('renderStatement and minified documents', () => {
  test.each<[string, PolicyStatement, string]>([
    [
      'single-element lists become strings, keys in a fixed order',
      { Sid: 'A', Effect: 'Deny', Resource: ['*'], Action: ['bedrock:InvokeModel'] },
      '{"Sid":"A","Effect":"Deny","Action":"bedrock:InvokeModel","Resource":"*"}',
    ],
    [
      'longer lists stay lists',
      { Sid: 'A', Effect: 'Deny', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], NotResource: ['arn:a', 'arn:b'] },
      '{"Sid":"A","Effect":"Deny","Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream"],"NotResource":["arn:a","arn:b"]}',
    ],
    [
      'condition operators and keys are sorted, single values become strings',
      {
        Sid: 'A',
        Effect: 'Deny',
        Action: ['bedrock:InvokeModel'],
        Resource: ['*'],
        Condition: { StringLike: { 'z:Key': ['v'], 'a:Key': ['v1', 'v2'] }, ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS] } },
      },
      `{"Sid":"A","Effect":"Deny","Action":"bedrock:InvokeModel","Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"${BREAK_GLASS}"},"StringLike":{"a:Key":["v1","v2"],"z:Key":"v"}}}`,
    ],
  ])('%s', (_name, statement, expected) => {
    expect(renderStatement(statement)).toBe(expected);
  });

  test('a document is the minified statements in a Version 2012-10-17 envelope', () => {
    const [document, ...rest] = packStatements([deny('A', { Action: ['bedrock:InvokeModel'], Resource: ['*'] })], { maxCharacters: 10240 });
    expect(rest).toEqual([]);
    expect(document?.content).toBe('{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Deny","Action":"bedrock:InvokeModel","Resource":"*"}]}');
  });

  test('documents contain no whitespace and stay under the limit', () => {
    const statements = Array.from({ length: 40 }, (_, i) =>
      deny(`S${i}`, { Action: ['bedrock:InvokeModel', `bedrock:Action${i}`], Resource: [`arn:aws:bedrock:*::foundation-model/vendor${i}.*`], Condition: { StringEquals: { [`k:${i}`]: ['v'] } } }),
    );
    const documents = packStatements(statements, { maxCharacters: 1200 });
    expect(documents.length).toBeGreaterThan(1);
    for (const { content } of documents) {
      expect(content).not.toMatch(/\s/);
      expect(content.length).toBeLessThanOrEqual(1200);
    }
  });

  test('no statements: no documents', () => {
    expect(packStatements([], { maxCharacters: 10240 })).toEqual([]);
    expect(lowerBoundDocuments([], 10240)).toBe(0);
  });

  test('statements in a document are sorted by Sid, and the content is exactly their rendering', () => {
    const documents = packStatements(
      [deny('Zeta', { Action: ['a:B'], Resource: ['*'], Condition: EXEMPT }), deny('Alpha', { Action: ['a:C'], Resource: ['arn:x'] })],
      { maxCharacters: 10240 },
    );
    expect(documents).toHaveLength(1);
    expect(documents[0]?.statements.map((s) => s.Sid)).toEqual(['Alpha', 'Zeta']);
    expect(documents[0]?.content).toBe(`{"Version":"2012-10-17","Statement":[${documents[0]?.statements.map((s) => renderStatement(s)).join(',')}]}`);
  });
});

describe('splitting a statement too large for one document', () => {
  const actions = Array.from({ length: 40 }, (_, i) => `bedrock:SomeLongActionNameNumber${String(i).padStart(2, '0')}`);
  const resources = Array.from({ length: 40 }, (_, i) => `arn:aws:bedrock:*::foundation-model/some-vendor.some-long-model-name-${String(i).padStart(2, '0')}*`);

  test('by its actions: every piece keeps the resource and condition, the actions are partitioned', () => {
    const documents = packStatements([deny('Big', { Action: actions, Resource: ['*'], Condition: EXEMPT })], { maxCharacters: 700 });
    const pieces = documents.flatMap((d) => d.statements);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.Sid).toMatch(/^Big[AB]+$/);
      expect(piece.Resource).toEqual(['*']);
      expect(piece.Condition).toEqual(EXEMPT);
    }
    expect(pieces.flatMap((p) => p.Action ?? []).sort()).toEqual(actions);
    for (const { content } of documents) expect(content.length).toBeLessThanOrEqual(700);
  });

  test('by its resources when one action is left', () => {
    const documents = packStatements([deny('Big', { Action: ['bedrock:InvokeModel'], Resource: resources })], { maxCharacters: 900 });
    const pieces = documents.flatMap((d) => d.statements);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.Action).toEqual(['bedrock:InvokeModel']);
    expect(pieces.flatMap((p) => p.Resource ?? []).sort()).toEqual(resources);
  });

  test('too large in both lists: every action-resource pair lands in exactly one piece, each piece fits', () => {
    const twoActions = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
    const documents = packStatements([deny('Big', { Action: twoActions, Resource: resources })], { maxCharacters: 1200 });
    const pairs = documents.flatMap((d) => d.statements).flatMap((p) => (p.Action ?? []).flatMap((a) => (p.Resource ?? []).map((r) => `${a} ${r}`)));
    expect(pairs.sort()).toEqual(twoActions.flatMap((a) => resources.map((r) => `${a} ${r}`)).sort());
    for (const { content } of documents) expect(content.length).toBeLessThanOrEqual(1200);
  });

  test('a long deny-list is split along its resources, not copied into a piece per action', () => {
    // A 200-model deny-list: the 13 model-use actions on 200 foundation-model ARNs, about 13,500 characters.
    const modelUse = [...MODEL_USE_ACTIONS];
    const models = Array.from({ length: 200 }, (_, i) => `arn:aws:bedrock:*::foundation-model/vendor${i}.model-family-${i}*`);
    const denyList = deny('DenyBedrockModels', { Action: modelUse, Resource: models, Condition: EXEMPT });
    const lowerBound = lowerBoundDocuments([denyList], 10240);
    expect(lowerBound).toBe(2);
    // Halving the actions first leaves every piece with all 200 ARNs: 13 copies of the list in some 26 SCPs.
    expect(packStatements([denyList], { maxCharacters: 10240 }).length).toBeLessThanOrEqual(lowerBound + 1);
  });

  test.each<[string, string[]]>([
    ['one action', ['bedrock:InvokeModel']],
    // Splitting the actions does not help; the error still names the statement as written.
    ['two actions', ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']],
  ])('a NotResource statement cannot be split (%s): StatementTooLargeError names it, its size and the limit', (_name, action) => {
    const huge = deny('AllowListTooLong', { Action: action, NotResource: resources, Condition: EXEMPT });
    const smallest = renderStatement({ ...huge, Action: [action[0] ?? ''] }).length + DOCUMENT_OVERHEAD;
    let thrown: unknown;
    try {
      packStatements([huge], { maxCharacters: 2000 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StatementTooLargeError);
    const error = thrown as StatementTooLargeError;
    expect({ sid: error.sid, limit: error.limit }).toEqual({ sid: 'AllowListTooLong', limit: 2000 });
    expect(error.characters).toBeGreaterThanOrEqual(smallest);
    expect(error.message).toContain('AllowListTooLong');
    expect(error.message).toContain(String(error.characters));
    expect(error.message).toContain('2000');
  });

  test('a NotResource statement that fits is left whole', () => {
    const allowList = deny('AllowList', { Action: ['bedrock:InvokeModel'], NotResource: resources, Condition: EXEMPT });
    const documents = packStatements([allowList], { maxCharacters: 10240 });
    expect(documents.flatMap((d) => d.statements)).toEqual([allowList]);
  });

  test('a single action on a single resource with a huge condition cannot be split either', () => {
    const huge = deny('HugeCondition', { Action: ['bedrock:InvokeModel'], Resource: ['*'], Condition: { StringLike: { 'bedrock-mantle:Model': resources } } });
    expect(() => packStatements([huge], { maxCharacters: 1500 })).toThrow(StatementTooLargeError);
  });
});

describe('determinism', () => {
  const statements: PolicyStatement[] = [
    deny('DenyBedrockModels', { Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: ['arn:aws:bedrock:*::foundation-model/deepseek.*'], Condition: EXEMPT }),
    deny('DenyFineTuning', { Action: ['bedrock:CreateModelCustomizationJob'], Resource: ['*'], Condition: EXEMPT }),
    deny('DenyCustomModelImport', { Action: ['bedrock:CreateModelImportJob'], Resource: ['*'], Condition: EXEMPT }),
    deny('DenyMantle', { Action: ['bedrock-mantle:*'], Resource: ['*'], Condition: { ...EXEMPT, Bool: { 'aws:ViaAWSMCPService': ['true'] } } }),
    deny('DenyPublicHub', { Action: ['sagemaker:*'], Resource: ['arn:aws:sagemaker:*:aws:hub/SageMakerPublicHub'], Condition: EXEMPT }),
    deny('AllowList', { Action: ['bedrock:InvokeModel'], NotResource: ['arn:aws:bedrock:*::foundation-model/amazon.*'], Condition: EXEMPT }),
    ...Array.from({ length: 30 }, (_, i) => deny(`Filler${i}`, { Action: [`bedrock:Action${i}`], Resource: [`arn:aws:bedrock:*::foundation-model/v${i}`], Condition: { StringEquals: { [`k:${i}`]: ['v'] } } })),
  ];

  test.each<[string, (list: PolicyStatement[]) => PolicyStatement[]]>([
    ['reversed', (list) => [...list].reverse()],
    ['rotated', (list) => [...list.slice(7), ...list.slice(0, 7)]],
    ['interleaved', (list) => [...list.filter((_, i) => i % 2 === 1), ...list.filter((_, i) => i % 2 === 0)]],
  ])('the same statements %s give identical documents', (_name, reorder) => {
    for (const maxCharacters of [1000, 3000, 10240]) {
      const expected = packStatements(statements, { maxCharacters }).map((d) => d.content);
      expect(packStatements(reorder(statements), { maxCharacters }).map((d) => d.content)).toEqual(expected);
    }
  });
});

describe('lowerBoundDocuments', () => {
  // Twelve statements that cannot merge: S0..S9 take 105 characters each, as
  // {"Sid":"S0","Effect":"Deny","Action":"a:B0","Resource":"arn:r0","Condition":{"StringEquals":{"k:0":"v"}}},
  // S10 and S11 take 109; with 11 commas and the 39-character envelope, 1,318 characters in all.
  const twelve = Array.from({ length: 12 }, (_, i) => deny(`S${i}`, { Action: [`a:B${i}`], Resource: [`arn:r${i}`], Condition: { StringEquals: { [`k:${i}`]: ['v'] } } }));

  test.each([
    [300, 5],
    [500, 3],
    [1000, 2],
    [1317, 2],
    [1318, 1],
    [10240, 1],
  ])('is the merged characters plus one envelope (1,318 here) divided by the limit, rounded up: %i -> %i', (max, expected) => {
    expect(lowerBoundDocuments(twelve, max)).toBe(expected);
  });

  test('counts statements after merging', () => {
    const statements = [deny('A', { Action: ['a:X'], Resource: ['*'] }), deny('B', { Action: ['a:Y'], Resource: ['*'] })];
    // {"Sid":"AB17C8419","Effect":"Deny","Action":["a:X","a:Y"],"Resource":"*"}: 73 characters, 112 with the envelope.
    expect(lowerBoundDocuments(statements, 112)).toBe(1);
    expect(lowerBoundDocuments(statements, 111)).toBe(2);
  });
});

/* ------------------------------------------------------------------------------------------------
 * Property tests: random statement sets, random limits. The evaluator below is written from the
 * IAM rules, independently of the packer: a statement applies when its action part matches
 * (Action: any glob matches; NotAction: none does), its resource part matches (Resource /
 * NotResource likewise) and its condition holds. Conditions are opaque: each distinct condition
 * block is true or false per request.
 * ---------------------------------------------------------------------------------------------- */

const ACTIONS = [
  'bedrock:InvokeModel',
  'bedrock:InvokeModelWithResponseStream',
  'bedrock:CreateModelInvocationJob',
  'bedrock:CreateModelImportJob',
  'bedrock:CreateModelCustomizationJob',
  'bedrock:CallWithBearerToken',
  'bedrock:Invoke*',
  'bedrock-mantle:CreateInference',
  'bedrock-mantle:*',
  'sagemaker:CreateEndpoint',
  'sagemaker:CreateEndpointConfig',
  'sagemaker:CreateModel',
  'sagemaker:InvokeEndpoint',
  'sagemaker:*',
  'aws-marketplace:Subscribe',
  'iam:CreateServiceSpecificCredential',
  'aws-external-anthropic:*',
];

const RESOURCE_PATTERNS = [
  '*',
  'arn:aws:bedrock:*::foundation-model/deepseek.*',
  'arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet*',
  'arn:aws:bedrock:*::foundation-model/amazon.nova-?ite*',
  'arn:aws:bedrock:*:*:inference-profile/*.anthropic.claude-3-5-sonnet*',
  'arn:aws:bedrock:*:*:async-invoke/*',
  'arn:aws:bedrock:*:*:imported-model/*',
  'arn:aws:bedrock:*:*:application-inference-profile/*',
  'arn:aws:bedrock:*:*:marketplace/model-endpoint/all-access',
  'arn:aws:sagemaker:*:aws:hub/SageMakerPublicHub',
  'arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/*/*',
  'arn:aws:sagemaker:*:*:endpoint/*',
  'arn:aws-cn:bedrock:*::foundation-model/*',
];

const CONDITIONS: readonly (Condition | undefined)[] = [
  undefined,
  { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS] } },
  { ArnNotLike: { 'aws:PrincipalArn': [ML_PLATFORM, BREAK_GLASS] } },
  { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS] }, StringEquals: { 'bedrock:BearerTokenType': ['LONG_TERM'] } },
  { StringLike: { 'aws:RequestTag/sagemaker-studio:hub-content-arn': ['arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/Model/*/*'] } },
  { StringLike: { 'aws:ResourceTag/sagemaker-studio:hub-content-arn': ['arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/Model/*/*'] } },
  { Bool: { 'aws:ViaAWSMCPService': ['true'] } },
];

const REQUEST_ACTIONS = [
  ...ACTIONS.filter((a) => !a.includes('*')),
  'bedrock:InvokeModelWithBidirectionalStream',
  'bedrock-mantle:CountTokens',
  'sagemaker:DeleteEndpoint',
  'aws-external-anthropic:CreateMessage',
  's3:GetObject',
];

const REQUEST_RESOURCES = [
  '*',
  'arn:aws:bedrock:us-east-1::foundation-model/deepseek.r1-v1:0',
  'arn:aws:bedrock:::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0',
  'arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-lite-v1:0',
  'arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-pro-v1:0',
  'arn:aws:bedrock:us-east-1:222222222222:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0',
  'arn:aws:bedrock:us-east-1:222222222222:async-invoke/abc123',
  'arn:aws:bedrock:us-east-1:222222222222:imported-model/m1',
  'arn:aws:bedrock:us-east-1:222222222222:custom-model/c1',
  'arn:aws:bedrock:us-east-1:222222222222:marketplace/model-endpoint/all-access',
  'arn:aws:sagemaker:us-east-1:aws:hub/SageMakerPublicHub',
  'arn:aws:sagemaker:us-east-1:aws:hub-content/SageMakerPublicHub/Model/meta-llama/1.0.0',
  'arn:aws:sagemaker:us-east-1:222222222222:endpoint/chat',
  'arn:aws-cn:bedrock:cn-north-1::foundation-model/deepseek.r1-v1:0',
];

interface Request {
  readonly action: string;
  readonly resource: string;
  /** Which condition blocks (by signature) hold for this request. */
  readonly conditionsTrue: ReadonlySet<string>;
}

const globCache = new Map<string, RegExp>();
function globRegExp(glob: string, flags = ''): RegExp {
  const cacheKey = `${flags}:${glob}`;
  let regex = globCache.get(cacheKey);
  if (!regex) {
    const body = glob
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${body}$`, flags);
    globCache.set(cacheKey, regex);
  }
  return regex;
}

/** A condition block's identity, independent of key order and of string-vs-list spelling. */
function conditionSignature(condition: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>> | undefined): string {
  if (!condition) return '';
  return JSON.stringify(
    Object.keys(condition)
      .sort()
      .map((op) => [op, Object.keys(condition[op] ?? {}).sort().map((k) => [k, [...(asList(condition[op]?.[k]) ?? [])].sort()])]),
  );
}

/** A statement ready to evaluate many requests. */
interface Evaluable {
  readonly label: string;
  readonly signature: string;
  readonly conditional: boolean;
  readonly action: (action: string) => boolean;
  readonly resource: (resource: string) => boolean;
}

function evaluable(statement: ParsedStatement): Evaluable {
  const action = asList(statement.Action);
  const notAction = asList(statement.NotAction) ?? [];
  const resource = asList(statement.Resource);
  const notResource = asList(statement.NotResource) ?? [];
  const signature = conditionSignature(statement.Condition);
  return {
    label: `${statement.Effect} ${signature}`,
    signature,
    conditional: statement.Condition !== undefined,
    // IAM action names are case-insensitive, resource ARNs are not.
    action: action ? (a) => action.some((g) => globRegExp(g, 'i').test(a)) : (a) => !notAction.some((g) => globRegExp(g, 'i').test(a)),
    resource: resource ? (r) => resource.some((g) => globRegExp(g).test(r)) : (r) => !notResource.some((g) => globRegExp(g).test(r)),
  };
}

/** The effects and condition blocks of the statements that apply to a request: what a decision depends on. */
function matches(statements: readonly Evaluable[], request: Request): string {
  const applying = statements.filter(
    (s) => s.action(request.action) && s.resource(request.resource) && (!s.conditional || request.conditionsTrue.has(s.signature)),
  );
  return [...new Set(applying.map((s) => s.label))].sort().join(' | ');
}

const statementArbitrary = (index: number): fc.Arbitrary<PolicyStatement> =>
  fc
    .record({
      effect: fc.constantFrom<'Allow' | 'Deny'>('Deny', 'Deny', 'Deny', 'Allow'),
      actions: fc.shuffledSubarray(ACTIONS, { minLength: 1, maxLength: 8 }),
      useNotAction: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      resources: fc.shuffledSubarray(RESOURCE_PATTERNS, { minLength: 1, maxLength: 6 }),
      useNotResource: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
      condition: fc.constantFrom(...CONDITIONS),
    })
    .map(({ effect, actions, useNotAction, resources, useNotResource, condition }): PolicyStatement => {
      // NotResource lists stay short: they cannot be split, and must fit the smallest limit.
      const notResource = resources.filter((r) => r !== '*').slice(0, 3);
      return {
        Sid: `S${index}`,
        Effect: effect,
        ...(useNotAction ? { NotAction: actions.slice(0, 3) } : { Action: actions }),
        ...(useNotResource && notResource.length > 0 ? { NotResource: notResource } : { Resource: resources }),
        ...(condition ? { Condition: condition } : {}),
      };
    });

const statementsArbitrary: fc.Arbitrary<PolicyStatement[]> = fc
  .integer({ min: 0, max: 25 })
  .chain((n) => (n === 0 ? fc.constant([]) : fc.tuple(...Array.from({ length: n }, (_, i) => statementArbitrary(i)))));

const requestArbitrary: fc.Arbitrary<Request> = fc
  .record({
    action: fc.constantFrom(...REQUEST_ACTIONS),
    resource: fc.constantFrom(...REQUEST_RESOURCES),
    truth: fc.array(fc.boolean(), { minLength: CONDITIONS.length, maxLength: CONDITIONS.length }),
  })
  .map(({ action, resource, truth }) => ({
    action,
    resource,
    conditionsTrue: new Set(CONDITIONS.flatMap((c, i) => (c && truth[i] ? [conditionSignature(c)] : []))),
  }));

const limitArbitrary = fc.integer({ min: 600, max: 10240 });

function before(statements: readonly PolicyStatement[]): Evaluable[] {
  return statements.map((s) => evaluable(JSON.parse(JSON.stringify(s)) as ParsedStatement));
}

function after(documents: readonly PackedDocument[]): Evaluable[] {
  return parsedStatements(documents).map(evaluable);
}

describe('packStatements: properties over random statement sets', () => {
  const runs = { numRuns: 200 };

  test('(a) no document exceeds the limit, and every document is valid minified JSON', () => {
    fc.assert(
      fc.property(statementsArbitrary, limitArbitrary, (statements, maxCharacters) => {
        const documents = packStatements(statements, { maxCharacters });
        for (const { content, statements: inDocument } of documents) {
          expect(content.length).toBeLessThanOrEqual(maxCharacters);
          expect(content).toBe(JSON.stringify(JSON.parse(content)));
          expect(inDocument.length).toBeGreaterThan(0);
        }
      }),
      runs,
    );
  });

  test('(b) never drops or changes meaning: the same statements apply to every request before and after packing', () => {
    fc.assert(
      fc.property(statementsArbitrary, limitArbitrary, fc.array(requestArbitrary, { minLength: 20, maxLength: 20 }), (statements, maxCharacters, requests) => {
        const original = before(statements);
        const packed = after(packStatements(statements, { maxCharacters }));
        const differing = requests.filter((r) => matches(original, r) !== matches(packed, r));
        expect(differing.map((r) => ({ ...r, conditionsTrue: [...r.conditionsTrue], before: matches(original, r), after: matches(packed, r) }))).toEqual([]);
      }),
      runs,
    );
  });

  test('(b) exhaustively over the request space for a few sets', () => {
    // Every condition holds: then every statement whose action and resource match shows up, with its condition block.
    const requests: Request[] = [];
    for (const action of REQUEST_ACTIONS) {
      for (const resource of REQUEST_RESOURCES) {
        requests.push({ action, resource, conditionsTrue: new Set(CONDITIONS.filter((c) => c !== undefined).map((c) => conditionSignature(c))) });
      }
    }
    fc.assert(
      fc.property(statementsArbitrary, limitArbitrary, (statements, maxCharacters) => {
        const original = before(statements);
        const packed = after(packStatements(statements, { maxCharacters }));
        const differing = requests.filter((r) => matches(original, r) !== matches(packed, r));
        expect(differing.map((r) => `${r.action} ${r.resource}`)).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  test('(c) the same statements in any order give identical documents', () => {
    const shuffled = statementsArbitrary.chain((statements) =>
      fc.tuple(fc.constant(statements), fc.shuffledSubarray(statements, { minLength: statements.length, maxLength: statements.length })),
    );
    fc.assert(
      fc.property(shuffled, limitArbitrary, ([statements, reordered], maxCharacters) => {
        expect(packStatements(reordered, { maxCharacters }).map((d) => d.content)).toEqual(packStatements(statements, { maxCharacters }).map((d) => d.content));
      }),
      runs,
    );
  });

  test('(d) never fewer documents than the lower bound; at most twice as many when no statement had to be split', () => {
    fc.assert(
      fc.property(statementsArbitrary, limitArbitrary, (statements, maxCharacters) => {
        const documents = packStatements(statements, { maxCharacters }).length;
        const lowerBound = lowerBoundDocuments(statements, maxCharacters);
        expect(documents).toBeGreaterThanOrEqual(lowerBound);
        // Splitting repeats the Sid, resources and condition in every piece, so only unsplit sets have the upper bound.
        const split = mergeStatements(statements).statements.some((s) => renderStatement(s).length > maxCharacters - DOCUMENT_OVERHEAD);
        if (!split) expect(documents).toBeLessThanOrEqual(2 * lowerBound);
      }),
      runs,
    );
  });
});
