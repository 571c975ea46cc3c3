import { foundationModelArn } from '../model-selector';
import type { RuleStatement } from '../statement';

/** S3 data a model user may read (and write). */
export interface ModelUserBucket {
  readonly bucket: string;
  /** Only keys under this prefix; none means the whole bucket. */
  readonly prefix?: string;
  readonly access: 'read' | 'readWrite';
}

/** What a model user's allow policy is generated from. */
export interface ModelUserPolicyInput {
  readonly partition: string;
  /** The account the models are used in: system inference profiles have an ARN in the caller's account. */
  readonly accountId: string;
  /** Approved model globs (already checked against the account's rules). */
  readonly models: readonly string[];
  /** Regions the models may run in; none means every region. */
  readonly regions?: readonly string[];
  readonly buckets: readonly ModelUserBucket[];
  /**
   * Guardrail ARNs (without a version; `guardrail/*` for any guardrail of an account) that the
   * user's model calls apply: those its account's SCPs require a request to name
   * (`requireGuardrail.guardrails`), and those an organization policy makes Bedrock apply. A call
   * that applies a guardrail also needs bedrock:ApplyGuardrail on it. @default none
   */
  readonly guardrails?: readonly string[];
  /** Config path of the user, e.g. `modelUsers.app-invoker`, for messages. */
  readonly source: string;
}

/** InvokeModel also authorizes Converse; InvokeModelWithResponseStream also authorizes ConverseStream. */
export const MODEL_INVOKE_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'] as const;

/**
 * The least-privilege allow policy of a role or permission set that uses models: invoke and stream
 * on the approved foundation models and on their system inference profiles (`<geo>.<model-id>`, an
 * ARN in the caller's account), ApplyGuardrail on the guardrails its calls apply (Bedrock checks it
 * on every call that applies one, named in the request or enforced by an organization policy), and
 * S3 with ListBucket on the bucket ARN and Get/Put on object ARNs (ListBucket authorizes against
 * the bucket, so a ListBucket on `bucket/*` would never match).
 */
export function modelUserStatements(input: ModelUserPolicyInput): RuleStatement[] {
  const { partition, accountId } = input;
  const regions = input.regions && input.regions.length > 0 ? [...new Set(input.regions)].sort() : ['*'];
  const models = [...new Set(input.models)].sort();
  const modelArns = regions.flatMap((region) =>
    models.flatMap((glob) => [
      region === '*' ? foundationModelArn(partition, glob) : `arn:${partition}:bedrock:${region}::foundation-model/${glob}`,
      `arn:${partition}:bedrock:${region}:${accountId}:inference-profile/*.${glob}`,
    ]),
  );
  const statements: RuleStatement[] = [
    {
      source: `${input.source}.models`,
      statement: { Sid: 'AllowApprovedModels', Effect: 'Allow', Action: [...MODEL_INVOKE_ACTIONS], Resource: [...new Set(modelArns)].sort() },
    },
  ];
  const guardrails = [...new Set(input.guardrails ?? [])].sort();
  if (guardrails.length > 0) {
    statements.push({
      source: `${input.source}.models`,
      statement: { Sid: 'ApplyRequiredGuardrails', Effect: 'Allow', Action: ['bedrock:ApplyGuardrail'], Resource: guardrails },
    });
  }
  const buckets = [...input.buckets].sort((a, b) => `${a.bucket}/${a.prefix ?? ''}`.localeCompare(`${b.bucket}/${b.prefix ?? ''}`));
  buckets.forEach((entry, index) => {
    const source = `${input.source}.s3`;
    const n = index + 1;
    const bucketArn = `arn:${partition}:s3:::${entry.bucket}`;
    statements.push({
      source,
      statement: {
        Sid: `ListBucket${n}`,
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: [bucketArn],
        ...(entry.prefix ? { Condition: { StringLike: { 's3:prefix': [`${entry.prefix}*`] } } } : {}),
      },
    });
    statements.push({
      source,
      statement: {
        Sid: `${entry.access === 'readWrite' ? 'ReadWrite' : 'Read'}Objects${n}`,
        Effect: 'Allow',
        Action: entry.access === 'readWrite' ? ['s3:GetObject', 's3:PutObject'] : ['s3:GetObject'],
        Resource: [`${bucketArn}/${entry.prefix ?? ''}*`],
      },
    });
  });
  return statements;
}
