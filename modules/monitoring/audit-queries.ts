import type { ResolvedMonitoring } from '../config';

/**
 * The audit query library, each query described once (what it selects, filters, groups and orders),
 * in CloudTrail record terms. queries.ts renders it for CloudTrail Lake SQL and for Athena SQL over
 * the organization trail's table.
 */

/** A field of a CloudTrail record, as the record names it. */
export type RecordField =
  /** A top-level field, e.g. eventTime. */
  | { readonly record: string }
  /** A field of userIdentity, e.g. arn. */
  | { readonly identity: string }
  /** A request parameter; `object` when its value is a JSON object rather than a string. */
  | { readonly parameter: string; readonly object?: boolean };

/** One output column: a field, or a count of the group, with an optional name. */
export type QueryOutput = { readonly field: RecordField; readonly as?: string } | { readonly count: true; readonly as: string };

/** One condition of the WHERE, all of them joined with AND. */
export type QueryFilter =
  | { readonly field: RecordField; readonly equals: string }
  | { readonly field: RecordField; readonly in: readonly string[] }
  /** Lower-cased field LIKE any of the (already lower-case) patterns. */
  | { readonly field: RecordField; readonly lowerLike: readonly string[] };

export interface AuditQuery {
  /** kebab-case name: the file is queries/<name>.sql, the output query_<name with _>, the named query modelgate-<name>. */
  readonly name: string;
  readonly description: string;
  readonly select: readonly QueryOutput[];
  readonly where: readonly QueryFilter[];
  readonly groupBy?: readonly RecordField[];
  /** Newest or largest first: a field or an output's name. */
  readonly orderByDescending: RecordField | { readonly output: string };
}

/** How far back each query looks, in days; the operator edits the date range as needed. */
export const LOOKBACK_DAYS = 30;

const INVOKE_EVENTS = ['Converse', 'ConverseStream', 'InvokeModel', 'InvokeModelWithBidirectionalStream', 'InvokeModelWithResponseStream', 'StartAsyncInvoke'];
const SCP_EVENTS = ['AttachPolicy', 'CreatePolicy', 'DeletePolicy', 'DetachPolicy', 'DisablePolicyType', 'EnablePolicyType', 'UpdatePolicy'];
/** Name of the AWS-managed SageMaker public hub (SageMaker Developer Guide, "Public hub"). */
const PUBLIC_HUB = 'SageMakerPublicHub';

const f = (record: string): RecordField => ({ record });
const out = (record: string): QueryOutput => ({ field: f(record) });
const PRINCIPAL: QueryOutput = { field: { identity: 'arn' }, as: 'principal' };
const NEWEST_FIRST = f('eventTime');
const source = (service: string): QueryFilter => ({ field: f('eventSource'), equals: service });

/** The query library for this organization's config, in name order. */
export function auditQueries(monitoring: Pick<ResolvedMonitoring, 'modelPatterns'>): AuditQuery[] {
  const modelId: RecordField = { parameter: 'modelId' };
  const queries: AuditQuery[] = [
    {
      name: 'model-invocations',
      description: 'Bedrock model invocations in the last 30 days, by account, region, principal and model.',
      select: [out('recipientAccountId'), out('awsRegion'), PRINCIPAL, { field: modelId, as: 'modelId' }, { count: true, as: 'invocations' }],
      where: [source('bedrock.amazonaws.com'), { field: f('eventName'), in: INVOKE_EVENTS }],
      groupBy: [f('recipientAccountId'), f('awsRegion'), { identity: 'arn' }, modelId],
      orderByDescending: { output: 'invocations' },
    },
    {
      name: 'denied-model-calls',
      description: 'Bedrock and SageMaker calls denied by a policy in the last 30 days.',
      select: [out('eventTime'), out('recipientAccountId'), out('awsRegion'), PRINCIPAL, out('eventSource'), out('eventName'), out('errorCode'), out('errorMessage')],
      where: [
        { field: f('eventSource'), in: ['bedrock.amazonaws.com', 'sagemaker.amazonaws.com'] },
        { field: f('errorCode'), in: ['AccessDenied', 'AccessDeniedException'] },
      ],
      orderByDescending: NEWEST_FIRST,
    },
    {
      name: 'import-and-customization-jobs',
      description: 'Bedrock Custom Model Import and model customization (fine-tuning) jobs in the last 30 days.',
      select: [out('eventTime'), out('recipientAccountId'), out('awsRegion'), PRINCIPAL, out('eventName'), out('errorCode'), { field: { parameter: 'jobName' }, as: 'jobName' }],
      where: [source('bedrock.amazonaws.com'), { field: f('eventName'), in: ['CreateModelCustomizationJob', 'CreateModelImportJob'] }],
      orderByDescending: NEWEST_FIRST,
    },
    {
      name: 'marketplace-subscriptions',
      description: 'AWS Marketplace subscriptions (third-party models) in the last 30 days.',
      select: [out('eventTime'), out('recipientAccountId'), PRINCIPAL, out('eventName'), out('errorCode'), out('requestParameters')],
      where: [source('aws-marketplace.amazonaws.com'), { field: f('eventName'), equals: 'Subscribe' }],
      orderByDescending: NEWEST_FIRST,
    },
    {
      name: 'public-hub-access',
      description: `Calls on the SageMaker public model hub (${PUBLIC_HUB}), allowed or denied, in the last 30 days.`,
      select: [out('eventTime'), out('recipientAccountId'), out('awsRegion'), PRINCIPAL, out('eventName'), out('errorCode')],
      where: [source('sagemaker.amazonaws.com'), { field: { parameter: 'hubName' }, equals: PUBLIC_HUB }],
      orderByDescending: NEWEST_FIRST,
    },
    {
      name: 'governance-scp-changes',
      description: 'Changes to service control policies and their attachments in the last 30 days.',
      select: [out('eventTime'), PRINCIPAL, out('eventName'), out('errorCode'), out('requestParameters')],
      where: [source('organizations.amazonaws.com'), { field: f('eventName'), in: SCP_EVENTS }],
      orderByDescending: NEWEST_FIRST,
    },
  ];
  if (monitoring.modelPatterns.length > 0) {
    // A model brought in through SageMaker instead of Bedrock: its container names the model, by its image or artifact.
    const container: RecordField = { parameter: 'primaryContainer', object: true };
    queries.push({
      name: 'sagemaker-models-matching-patterns',
      description: `SageMaker CreateModel calls whose primary container mentions ${monitoring.modelPatterns.join(', ')}, in the last 30 days.`,
      select: [out('eventTime'), out('recipientAccountId'), out('awsRegion'), PRINCIPAL, { field: { parameter: 'modelName' }, as: 'modelName' }, { field: container, as: 'primaryContainer' }],
      where: [source('sagemaker.amazonaws.com'), { field: f('eventName'), equals: 'CreateModel' }, { field: container, lowerLike: [...new Set(monitoring.modelPatterns.map(likePattern))] }],
      orderByDescending: NEWEST_FIRST,
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
