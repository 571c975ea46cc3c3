/** The Bedrock data events the config may opt into, for the Lake store and the trail alike. */
export type BedrockDataEvent = keyof typeof BEDROCK_DATA_EVENT_TYPES;

/** One field condition of a CloudTrail advanced event selector. */
export interface FieldSelector {
  readonly field: string;
  readonly equals: readonly string[];
}

/** A named CloudTrail advanced event selector. */
export interface AdvancedEventSelector {
  readonly name: string;
  readonly fieldSelectors: readonly FieldSelector[];
}

/**
 * Bedrock calls that CloudTrail logs only as data events, by resource type (CloudTrail User Guide,
 * "Logging data events", table of resource types; Bedrock User Guide, "Monitor Amazon Bedrock API
 * calls using CloudTrail"). InvokeModel, InvokeModelWithResponseStream, Converse and ConverseStream
 * are management events and need no selector of their own.
 */
export const BEDROCK_DATA_EVENT_TYPES = {
  /** InvokeModelWithBidirectionalStream. */
  bidirectionalStreaming: 'AWS::Bedrock::Model',
  /** StartAsyncInvoke and GetAsyncInvoke. */
  asyncInvocations: 'AWS::Bedrock::AsyncInvoke',
} as const;

/** Management events of the services whose use the store is evidence of. */
export const MANAGEMENT_EVENT_SOURCES = [
  'aws-marketplace.amazonaws.com',
  'bedrock.amazonaws.com',
  'organizations.amazonaws.com',
  'sagemaker.amazonaws.com',
] as const;

/**
 * The selectors of the event data store: management events of Bedrock, SageMaker, Marketplace and
 * Organizations (SCP changes), plus one data-event selector per Bedrock resource type opted into.
 * The API reference (AdvancedFieldSelector) lists eventSource among the fields of management-event
 * selectors and restricts the operator only on readOnly, eventCategory and resources.type.
 */
export function eventDataStoreSelectors(store: { readonly bedrockDataEvents: readonly BedrockDataEvent[] }): AdvancedEventSelector[] {
  return [
    {
      name: 'Model governance management events',
      fieldSelectors: [
        { field: 'eventCategory', equals: ['Management'] },
        { field: 'eventSource', equals: [...MANAGEMENT_EVENT_SOURCES] },
      ],
    },
    ...bedrockDataEventSelectors(store.bedrockDataEvents),
  ];
}

/**
 * The selectors of the organization trail: every management event (an older API reference allowed
 * eventSource on a trail's management selector only as NotEquals kms or rdsdata, so the trail does
 * not filter by source; the queries do), plus the same Bedrock data events as the Lake store.
 */
export function trailSelectors(trail: { readonly bedrockDataEvents: readonly BedrockDataEvent[] }): AdvancedEventSelector[] {
  return [{ name: 'Management events', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }] }, ...bedrockDataEventSelectors(trail.bedrockDataEvents)];
}

/** One data-event selector per Bedrock resource type opted into. */
function bedrockDataEventSelectors(kinds: readonly BedrockDataEvent[]): AdvancedEventSelector[] {
  return kinds.map((kind) => ({
    name: `Bedrock data events ${BEDROCK_DATA_EVENT_TYPES[kind]}`,
    fieldSelectors: [
      { field: 'eventCategory', equals: ['Data'] },
      { field: 'resources.type', equals: [BEDROCK_DATA_EVENT_TYPES[kind]] },
    ],
  }));
}
