import type { LayerRules } from '../../../../modules/config';
import { checkAgainstCatalog } from '../../../../modules/policy/catalog';
import { canvasExecutionStatements, type CanvasExecutionPolicyInput, type LineageLayer } from '../../../../modules/policy/roles/canvas-execution-policy';
import { layerSid } from '../../../../modules/policy/roles/layer-sid';
import type { PolicyStatement } from '../../../../modules/policy/statement';

const TAG = 'aws:RequestTag/sagemaker-sdk:jumpstart-model-id';
const BEDROCK_ROLE = 'arn:aws:iam::333333333333:role/modelgate-canvas-analytics-bedrock';

function layer(name: string, rules?: LayerRules): LineageLayer {
  return { layer: name, rulesPath: `models.${name}`, ...(rules ? { rules } : {}) };
}

function input(lineage: LineageLayer[], overrides: Partial<CanvasExecutionPolicyInput> = {}): CanvasExecutionPolicyInput {
  return { partition: 'aws', lineage, jumpstartModels: [], buckets: [], source: 'canvas.analytics', ...overrides };
}

function statements(i: CanvasExecutionPolicyInput): PolicyStatement[] {
  return canvasExecutionStatements(i).map((s) => s.statement);
}

function sid(i: CanvasExecutionPolicyInput, name: string): PolicyStatement | undefined {
  return statements(i).find((s) => s.Sid === name);
}

const PROD: LineageLayer[] = [
  layer('root', { bedrock: { deny: ['deepseek.*'] }, jumpstart: { publicHub: 'block' } }),
  layer('Workloads'),
  layer('Workloads/Prod', { bedrock: { allow: ['anthropic.claude-3-5-sonnet*'] } }),
  layer('prod-app'),
];

describe('canvasExecutionStatements', () => {
  test('each layer keeps its bedrock model rules, with a Sid naming the layer', () => {
    expect(statements(input(PROD)).map((s) => s.Sid)).toEqual([
      'DenyBedrockModelsRoot',
      'DenyBedrockMantleModelsRoot',
      'DenyBedrockModelsNotAllowedWorkloadsProd',
      'DenyBedrockMantleModelsNotAllowedWorkloadsProd',
      'DenyJumpStartEndpoints',
      'DenyObjectReadsOutsideJumpStartNotebooksAndOwnBuckets',
    ]);
    expect(sid(input(PROD), 'DenyBedrockModelsRoot')?.Resource).toEqual([
      'arn:aws:bedrock:*:*:inference-profile/*.deepseek.*',
      'arn:aws:bedrock:*::foundation-model/deepseek.*',
    ]);
    expect(sid(input(PROD), 'DenyBedrockModelsNotAllowedWorkloadsProd')?.NotResource).toContain('arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet*');
  });

  test('no statement carries the break-glass exemption: a role is not a break-glass principal', () => {
    for (const statement of statements(input(PROD))) expect(statement.Condition?.ArnNotLike).toBeUndefined();
  });

  test('a rule\'s own exceptions stay, so the role and the SCP agree', () => {
    const lineage = [layer('root', { bedrock: { deny: ['deepseek.*'], except: ['arn:aws:iam::*:role/MLPlatform'] } })];
    expect(sid(input(lineage), 'DenyBedrockModelsRoot')?.Condition).toEqual({ ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/MLPlatform'] } });
  });

  test('"deny: all" at any layer denies every model on *', () => {
    const lineage = [layer('root'), layer('Sandbox', { bedrock: { deny: 'all' } })];
    expect(sid(input(lineage), 'DenyAllBedrockModelsSandbox')).toMatchObject({ Effect: 'Deny', Resource: ['*'] });
    expect(sid(input(lineage), 'DenyAllBedrockModelsSandbox')?.Action).toEqual(expect.arrayContaining(['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']));
  });

  test.each([
    ['no approved JumpStart model: any tagged endpoint is denied', [], 'DenyJumpStartEndpoints', { Null: { [TAG]: ['false'] } }],
    [
      'approved JumpStart models: a tagged endpoint of another model is denied',
      ['meta-textgeneration-llama-3-8b', 'huggingface-llm-mistral-*'],
      'DenyJumpStartEndpointsNotApproved',
      { Null: { [TAG]: ['false'] }, StringNotLike: { [TAG]: ['huggingface-llm-mistral-*', 'meta-textgeneration-llama-3-8b'] } },
    ],
  ])('%s', (_name, jumpstartModels, expectedSid, condition) => {
    expect(sid(input([layer('root')], { jumpstartModels }), expectedSid)).toEqual({
      Sid: expectedSid,
      Effect: 'Deny',
      Action: ['sagemaker:CreateEndpoint', 'sagemaker:CreateEndpointConfig'],
      Resource: ['*'],
      Condition: condition,
    });
  });

  test('the S3 deny outside the JumpStart notebooks comes only with a public-hub block, and keeps the role\'s own buckets readable', () => {
    expect(sid(input([layer('root')]), 'DenyObjectReadsOutsideJumpStartNotebooksAndOwnBuckets')).toBeUndefined();
    expect(sid(input(PROD, { buckets: ['acme-data', 'acme-canvas', 'acme-data'] }), 'DenyObjectReadsOutsideJumpStartNotebooksAndOwnBuckets')).toEqual({
      Sid: 'DenyObjectReadsOutsideJumpStartNotebooksAndOwnBuckets',
      Effect: 'Deny',
      Action: ['s3:GetObject'],
      NotResource: [
        'arn:aws:s3:::acme-canvas/*',
        'arn:aws:s3:::acme-data/*',
        'arn:aws:s3:::jumpstart-cache-prod-*/*.ipynb',
        'arn:aws:s3:::jumpstart-cache-prod-*/*eula*',
        'arn:aws:s3:::sagemaker-*/*',
      ],
    });
  });

  test('with a Bedrock role, the role may pass it to Bedrock only', () => {
    expect(sid(input([layer('root')]), 'AllowPassBedrockRoleToBedrock')).toBeUndefined();
    expect(sid(input([layer('root')], { bedrockRoleArn: BEDROCK_ROLE }), 'AllowPassBedrockRoleToBedrock')).toEqual({
      Sid: 'AllowPassBedrockRoleToBedrock',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: [BEDROCK_ROLE],
      Condition: { StringEquals: { 'iam:PassedToService': ['bedrock.amazonaws.com'] } },
    });
  });

  test('every action and condition key is in the IAM catalog', async () => {
    const all = canvasExecutionStatements(input(PROD, { jumpstartModels: ['huggingface-llm-*'], buckets: ['acme-data'], bedrockRoleArn: BEDROCK_ROLE }));
    expect(await checkAgainstCatalog(all)).toEqual([]);
  });

  test('each statement names the config it comes from', () => {
    const sources = canvasExecutionStatements(input(PROD, { bedrockRoleArn: BEDROCK_ROLE })).map((s) => s.source);
    expect(sources).toEqual([
      'models.root.bedrock.deny',
      'models.root.bedrock.deny',
      'models.Workloads/Prod.bedrock.allow',
      'models.Workloads/Prod.bedrock.allow',
      'canvas.analytics.jumpstartModels',
      'models.root.jumpstart.publicHub',
      'canvas.analytics.generativeAi',
    ]);
  });
});

describe('layerSid', () => {
  test.each([
    ['root', 'Root'],
    ['Workloads/Prod', 'WorkloadsProd'],
    ['prod-app', 'ProdApp'],
    ['shared_services.eu', 'SharedServicesEu'],
  ])('%s -> %s', (name, expected) => {
    expect(layerSid(name)).toBe(expected);
  });
});
