import type { ResolvedEventDataStore } from '../config';

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
 */
export function eventDataStoreSelectors(store: Pick<ResolvedEventDataStore, 'bedrockDataEvents'>): AdvancedEventSelector[] {
  const selectors: AdvancedEventSelector[] = [
    {
      name: 'Model governance management events',
      fieldSelectors: [
        { field: 'eventCategory', equals: ['Management'] },
        { field: 'eventSource', equals: [...MANAGEMENT_EVENT_SOURCES] },
      ],
    },
  ];
  for (const kind of store.bedrockDataEvents) {
    selectors.push({
      name: `Bedrock data events ${BEDROCK_DATA_EVENT_TYPES[kind]}`,
      fieldSelectors: [
        { field: 'eventCategory', equals: ['Data'] },
        { field: 'resources.type', equals: [BEDROCK_DATA_EVENT_TYPES[kind]] },
      ],
    });
  }
  return selectors;
}
