/**
 * CloudTrail event record fields that CloudTrail Lake queries may name, in one place so that every
 * stored query is checked against it. Source: AWS CloudTrail User Guide, "CloudTrail record contents
 * for management, data, and network activity events", and "Understanding the CloudTrail Lake event
 * schema" (CloudTrail Lake partner onboarding guide). In Lake, requestParameters is a map read with
 * element_at, and userIdentity a row whose nested fields are read with a dot.
 */
export const CLOUDTRAIL_LAKE_FIELDS: readonly string[] = [
  'additionalEventData',
  'apiVersion',
  'awsRegion',
  'errorCode',
  'errorMessage',
  'eventCategory',
  'eventID',
  'eventName',
  'eventSource',
  'eventTime',
  'eventType',
  'eventVersion',
  'managementEvent',
  'readOnly',
  'recipientAccountId',
  'requestID',
  'requestParameters',
  'resources',
  'responseElements',
  'serviceEventDetails',
  'sessionCredentialFromConsole',
  'sharedEventID',
  'sourceIPAddress',
  'tlsDetails',
  'userAgent',
  'userIdentity',
  'vpcEndpointId',
];

/** Nested fields of userIdentity (lower-case, as CloudTrail Lake names them). */
export const USER_IDENTITY_FIELDS: readonly string[] = ['accesskeyid', 'accountid', 'arn', 'invokedby', 'principalid', 'sessioncontext', 'type', 'username'];
