import type { ResolvedMonitoring } from '../config';

/**
 * Ready-to-run CloudTrail Lake SQL for the organization event data store. Each query names the store
 * by its id; at synth the id is not known yet, so the text carries EVENT_DATA_STORE_PLACEHOLDER, which
 * the root stack's outputs replace with the real id and the files under cdktf.out/queries keep.
 */
export const EVENT_DATA_STORE_PLACEHOLDER = 'EVENT_DATA_STORE_ID';

/** One stored query: a file name stem and its SQL. */
export interface StoredQuery {
  /** kebab-case name: the file is queries/<name>.sql and the output query_<name with _>. */
  readonly name: string;
  readonly description: string;
  readonly sql: string;
}

const INVOKE_EVENTS = ['Converse', 'ConverseStream', 'InvokeModel', 'InvokeModelWithBidirectionalStream', 'InvokeModelWithResponseStream', 'StartAsyncInvoke'];
const SCP_EVENTS = ['AttachPolicy', 'CreatePolicy', 'DeletePolicy', 'DetachPolicy', 'DisablePolicyType', 'EnablePolicyType', 'UpdatePolicy'];
/** Name of the AWS-managed SageMaker public hub (SageMaker Developer Guide, "Public hub"). */
const PUBLIC_HUB = 'SageMakerPublicHub';
/** How far back each query looks; the operator edits the date range in the file as needed. */
const LOOKBACK = "eventTime > date_add('day', -30, now())";

/** The query library, rendered for one store id (or the placeholder). */
export function storedQueries(monitoring: Pick<ResolvedMonitoring, 'modelPatterns'>, storeId = EVENT_DATA_STORE_PLACEHOLDER): StoredQuery[] {
  const queries: StoredQuery[] = [
    {
      name: 'model-invocations',
      description: 'Bedrock model invocations in the last 30 days, by account, region, principal and model.',
      sql: [
        'SELECT recipientAccountId, awsRegion, userIdentity.arn AS principal, element_at(requestParameters, \'modelId\') AS modelId, count(*) AS invocations',
        `FROM ${storeId}`,
        `WHERE eventSource = 'bedrock.amazonaws.com' AND eventName IN (${list(INVOKE_EVENTS)}) AND ${LOOKBACK}`,
        'GROUP BY recipientAccountId, awsRegion, userIdentity.arn, element_at(requestParameters, \'modelId\')',
        'ORDER BY invocations DESC',
      ].join('\n'),
    },
    {
      name: 'denied-model-calls',
      description: 'Bedrock and SageMaker calls denied by a policy in the last 30 days.',
      sql: [
        'SELECT eventTime, recipientAccountId, awsRegion, userIdentity.arn AS principal, eventSource, eventName, errorCode, errorMessage',
        `FROM ${storeId}`,
        `WHERE eventSource IN ('bedrock.amazonaws.com', 'sagemaker.amazonaws.com') AND errorCode IN ('AccessDenied', 'AccessDeniedException') AND ${LOOKBACK}`,
        'ORDER BY eventTime DESC',
      ].join('\n'),
    },
    {
      name: 'import-and-customization-jobs',
      description: 'Bedrock Custom Model Import and model customization (fine-tuning) jobs in the last 30 days.',
      sql: [
        'SELECT eventTime, recipientAccountId, awsRegion, userIdentity.arn AS principal, eventName, errorCode, element_at(requestParameters, \'jobName\') AS jobName',
        `FROM ${storeId}`,
        `WHERE eventSource = 'bedrock.amazonaws.com' AND eventName IN ('CreateModelCustomizationJob', 'CreateModelImportJob') AND ${LOOKBACK}`,
        'ORDER BY eventTime DESC',
      ].join('\n'),
    },
    {
      name: 'marketplace-subscriptions',
      description: 'AWS Marketplace subscriptions (third-party models) in the last 30 days.',
      sql: [
        'SELECT eventTime, recipientAccountId, userIdentity.arn AS principal, eventName, errorCode, requestParameters',
        `FROM ${storeId}`,
        `WHERE eventSource = 'aws-marketplace.amazonaws.com' AND eventName = 'Subscribe' AND ${LOOKBACK}`,
        'ORDER BY eventTime DESC',
      ].join('\n'),
    },
    {
      name: 'public-hub-access',
      description: `Calls on the SageMaker public model hub (${PUBLIC_HUB}), allowed or denied, in the last 30 days.`,
      sql: [
        'SELECT eventTime, recipientAccountId, awsRegion, userIdentity.arn AS principal, eventName, errorCode',
        `FROM ${storeId}`,
        `WHERE eventSource = 'sagemaker.amazonaws.com' AND element_at(requestParameters, 'hubName') = '${PUBLIC_HUB}' AND ${LOOKBACK}`,
        'ORDER BY eventTime DESC',
      ].join('\n'),
    },
    {
      name: 'governance-scp-changes',
      description: 'Changes to service control policies and their attachments in the last 30 days.',
      sql: [
        'SELECT eventTime, userIdentity.arn AS principal, eventName, errorCode, requestParameters',
        `FROM ${storeId}`,
        `WHERE eventSource = 'organizations.amazonaws.com' AND eventName IN (${list(SCP_EVENTS)}) AND ${LOOKBACK}`,
        'ORDER BY eventTime DESC',
      ].join('\n'),
    },
  ];
  if (monitoring.modelPatterns.length > 0) {
    // A model brought in through SageMaker instead of Bedrock: its container names the model, by its image or artifact.
    const likes = [...new Set(monitoring.modelPatterns.map(likePattern))];
    const matches = likes.map((like) => `lower(element_at(requestParameters, 'primaryContainer')) LIKE '${like}'`);
    queries.push({
      name: 'sagemaker-models-matching-patterns',
      description: `SageMaker CreateModel calls whose primary container mentions ${monitoring.modelPatterns.join(', ')}, in the last 30 days.`,
      sql: [
        "SELECT eventTime, recipientAccountId, awsRegion, userIdentity.arn AS principal, element_at(requestParameters, 'modelName') AS modelName, element_at(requestParameters, 'primaryContainer') AS primaryContainer",
        `FROM ${storeId}`,
        `WHERE eventSource = 'sagemaker.amazonaws.com' AND eventName = 'CreateModel' AND (${matches.join(' OR ')}) AND ${LOOKBACK}`,
        'ORDER BY eventTime DESC',
      ].join('\n'),
    });
  }
  return queries.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A model glob as a case-insensitive SQL LIKE pattern that matches it anywhere in the text. Globs
 * cannot contain % (the schema refuses it); an _ stays a one-character wildcard, which only widens the match.
 */
export function likePattern(glob: string): string {
  const body = glob
    .toLowerCase()
    .replace(/'/g, "''")
    .replace(/\*/g, '%')
    .replace(/\?/g, '_');
  return `%${body}%`.replace(/%%+/g, '%');
}

function list(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(', ');
}
