import type { LayerRules } from '../../config';
import { bedrockModelStatements } from '../rules/bedrock';
import type { RuleStatement } from '../statement';
import { layerSid } from './layer-sid';

/** One layer of an account's lineage (root first) with its rules and their config path. */
export interface LineageLayer {
  /** "root", an OU path or the account name. */
  readonly layer: string;
  /** Dotted config path of the layer's rules, e.g. `models.Workloads/Prod`. */
  readonly rulesPath: string;
  readonly rules?: LayerRules;
}

/** What the Canvas execution role policy is generated from. */
export interface CanvasExecutionPolicyInput {
  readonly partition: string;
  /** The account's layers, root first, ending with the account. */
  readonly lineage: readonly LineageLayer[];
  /** JumpStart model id globs Canvas may deploy; none denies every endpoint tagged with a model id. */
  readonly jumpstartModels: readonly string[];
  /** Buckets whose objects the role may still read when the public hub is blocked (workspace and data buckets). */
  readonly buckets: readonly string[];
  /** The role Canvas passes to Bedrock for fine-tuning, when generative AI is on. */
  readonly bedrockRoleArn?: string;
  /** Config path of the workspace, e.g. `canvas.analytics`, for messages. */
  readonly source: string;
}

/** Canvas and the SageMaker SDK tag JumpStart endpoint configs and endpoints with the model id. */
export const JUMPSTART_MODEL_ID_TAG = 'aws:RequestTag/sagemaker-sdk:jumpstart-model-id';

/**
 * The inline policy statements of a Canvas execution role:
 * - the bedrock model rules of every layer, as the SCPs state them but without the break-glass
 *   exemption (the role is not a break-glass principal);
 * - endpoint creation denied for JumpStart models that are not approved, when the model-id tag is
 *   present (`Null` takes "false" for "present", not "*");
 * - when a layer blocks the public hub, object reads outside the JumpStart notebooks and EULAs and
 *   the role's own buckets (a `NotResource` deny of s3:GetObject: right in a role policy, never in
 *   an SCP, where it would deny every other object of S3 to the whole organization);
 * - passing the Bedrock role to Bedrock, for fine-tuning from Canvas.
 */
export function canvasExecutionStatements(input: CanvasExecutionPolicyInput): RuleStatement[] {
  const { partition } = input;
  const statements: RuleStatement[] = [];
  for (const layer of input.lineage) {
    if (!layer.rules?.bedrock) continue;
    const context = { partition, breakGlass: [], layerPath: layer.rulesPath };
    for (const { statement, source } of bedrockModelStatements(layer.rules.bedrock, context)) {
      statements.push({ statement: { ...statement, Sid: `${statement.Sid}${layerSid(layer.layer)}` }, source });
    }
  }
  const approved = [...new Set(input.jumpstartModels)].sort();
  statements.push({
    source: `${input.source}.jumpstartModels`,
    statement: {
      Sid: approved.length > 0 ? 'DenyJumpStartEndpointsNotApproved' : 'DenyJumpStartEndpoints',
      Effect: 'Deny',
      Action: ['sagemaker:CreateEndpoint', 'sagemaker:CreateEndpointConfig'],
      Resource: ['*'],
      Condition: {
        Null: { [JUMPSTART_MODEL_ID_TAG]: ['false'] },
        ...(approved.length > 0 ? { StringNotLike: { [JUMPSTART_MODEL_ID_TAG]: approved } } : {}),
      },
    },
  });
  const publicHubBlock = input.lineage.find((layer) => layer.rules?.jumpstart?.publicHub === 'block');
  if (publicHubBlock) {
    const buckets = [...new Set(input.buckets)].map((bucket) => `arn:${partition}:s3:::${bucket}/*`);
    statements.push({
      source: `${publicHubBlock.rulesPath}.jumpstart.publicHub`,
      statement: {
        Sid: 'DenyObjectReadsOutsideJumpStartNotebooksAndOwnBuckets',
        Effect: 'Deny',
        Action: ['s3:GetObject'],
        NotResource: [
          `arn:${partition}:s3:::jumpstart-cache-prod-*/*.ipynb`,
          `arn:${partition}:s3:::jumpstart-cache-prod-*/*eula*`,
          // The SageMaker default buckets (sagemaker-<region>-<account>), where Canvas keeps its work.
          `arn:${partition}:s3:::sagemaker-*/*`,
          ...buckets,
        ].sort(),
      },
    });
  }
  if (input.bedrockRoleArn) {
    statements.push({
      source: `${input.source}.generativeAi`,
      statement: {
        Sid: 'AllowPassBedrockRoleToBedrock',
        Effect: 'Allow',
        Action: ['iam:PassRole'],
        Resource: [input.bedrockRoleArn],
        Condition: { StringEquals: { 'iam:PassedToService': ['bedrock.amazonaws.com'] } },
      },
    });
  }
  return statements;
}
