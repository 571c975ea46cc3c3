/**
 * The EventBridge event patterns of the alerts, as data. Each matches what CloudTrail delivers to
 * the default bus for an API call: detail-type "AWS API Call via CloudTrail" (EventBridge User
 * Guide, "AWS service events delivered via AWS CloudTrail"), source aws.<service>, and the call's
 * detail.eventSource and detail.eventName (the template of every EventBridge Events Reference page).
 */

/** An EventBridge event pattern: a field maps to a list of accepted values, or to a nested pattern. */
export interface EventPattern {
  readonly [field: string]: readonly string[] | EventPattern;
}

/** One alert: a rule name stem and the pattern it watches. */
export interface AlertRule {
  /** kebab-case; the rule is named modelgate-<name>. */
  readonly name: string;
  readonly description: string;
  readonly pattern: EventPattern;
  /** The AWS document that shows this event shape, or why there is none. */
  readonly eventShapeSource: string;
}

export const CLOUDTRAIL_DETAIL_TYPE = 'AWS API Call via CloudTrail';

const BEDROCK_EVENTS = 'EventBridge Events Reference, "Amazon Bedrock events" (https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-bedrock.html): source aws.bedrock';
const CLOUDTRAIL_EVENTS =
  'EventBridge User Guide, "AWS service events delivered via AWS CloudTrail" (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail.html)';

function apiCalls(eventSource: string, eventNames: readonly string[], source?: string): EventPattern {
  return {
    ...(source ? { source: [source] } : {}),
    'detail-type': [CLOUDTRAIL_DETAIL_TYPE],
    detail: { eventSource: [eventSource], eventName: [...eventNames].sort() },
  };
}

/** Alerts placed in every governed (member) account and region. */
export const MEMBER_ACCOUNT_ALERTS: readonly AlertRule[] = [
  {
    name: 'custom-model-import',
    description: 'A Bedrock Custom Model Import job was started.',
    pattern: apiCalls('bedrock.amazonaws.com', ['CreateModelImportJob'], 'aws.bedrock'),
    eventShapeSource: BEDROCK_EVENTS,
  },
  {
    name: 'fine-tuning',
    description: 'A Bedrock model customization (fine-tuning, continued pre-training, distillation) job was started.',
    pattern: apiCalls('bedrock.amazonaws.com', ['CreateModelCustomizationJob'], 'aws.bedrock'),
    eventShapeSource: BEDROCK_EVENTS,
  },
  {
    name: 'marketplace-endpoint',
    description: 'A Bedrock Marketplace model endpoint was created or registered.',
    pattern: apiCalls('bedrock.amazonaws.com', ['CreateMarketplaceModelEndpoint', 'RegisterMarketplaceModelEndpoint'], 'aws.bedrock'),
    eventShapeSource: BEDROCK_EVENTS,
  },
  {
    name: 'model-hub-changes',
    description: 'A SageMaker model hub was created or content was imported into one.',
    pattern: apiCalls('sagemaker.amazonaws.com', ['CreateHub', 'CreateHubContentReference', 'ImportHubContent'], 'aws.sagemaker'),
    eventShapeSource: `${CLOUDTRAIL_EVENTS}, with the aws.<service> source of the Events Reference pages; no SageMaker page was read`,
  },
  {
    // No `source`: the EventBridge reference does not document the source name for Marketplace's
    // CloudTrail events, and detail.eventSource identifies them on its own.
    name: 'marketplace-subscribe',
    description: 'An AWS Marketplace subscription (such as a third-party model) was made.',
    pattern: apiCalls('aws-marketplace.amazonaws.com', ['Subscribe']),
    eventShapeSource: `no AWS document: the Events Reference has no page for aws-marketplace.amazonaws.com (only the marketplacecatalog, discovery-, deployment- and private-marketplace sources); the pattern follows ${CLOUDTRAIL_EVENTS} and leaves the source out`,
  },
  {
    name: 'invocation-logging-changes',
    description: 'Bedrock model invocation logging was changed or turned off.',
    pattern: apiCalls('bedrock.amazonaws.com', ['DeleteModelInvocationLoggingConfiguration', 'PutModelInvocationLoggingConfiguration'], 'aws.bedrock'),
    eventShapeSource: BEDROCK_EVENTS,
  },
];

/** Alerts placed in the management account: changes to the SCPs that carry the governance. */
export const MANAGEMENT_ACCOUNT_ALERTS: readonly AlertRule[] = [
  {
    name: 'scp-changes',
    description: 'A service control policy was detached, updated or deleted, or SCPs were turned off for a root.',
    pattern: apiCalls('organizations.amazonaws.com', ['DeletePolicy', 'DetachPolicy', 'DisablePolicyType', 'UpdatePolicy'], 'aws.organizations'),
    eventShapeSource:
      'EventBridge Events Reference, "AWS Organizations events" (https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-organizations.html): source aws.organizations, eventSource organizations.amazonaws.com',
  },
];

/** What the central bus forwards to the SNS topic: every CloudTrail API call event the alerts send it. */
export const CENTRAL_BUS_PATTERN: EventPattern = { 'detail-type': [CLOUDTRAIL_DETAIL_TYPE] };

/** A pattern as EventBridge takes it: JSON with sorted keys, so output is stable. */
export function renderPattern(pattern: EventPattern): string {
  return JSON.stringify(sortKeys(pattern));
}

function sortKeys(pattern: EventPattern): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(pattern)
      .sort()
      .map((key) => {
        const value = pattern[key];
        return [key, Array.isArray(value) ? value : sortKeys(value as EventPattern)];
      }),
  );
}
