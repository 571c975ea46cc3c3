import { matchesPattern } from './event-pattern-matcher';

const event = {
  source: 'aws.bedrock',
  'detail-type': 'AWS API Call via CloudTrail',
  resources: ['arn:a', 'arn:b'],
  detail: { eventSource: 'bedrock.amazonaws.com', eventName: 'CreateModelImportJob', errorCode: undefined },
};

describe('the test EventBridge pattern matcher', () => {
  test.each([
    ['an exact string', { source: ['aws.bedrock'] }, true],
    ['one of several strings', { source: ['aws.sagemaker', 'aws.bedrock'] }, true],
    ['a different string', { source: ['aws.sagemaker'] }, false],
    ['a nested field', { detail: { eventName: ['CreateModelImportJob'] } }, true],
    ['a nested field that differs', { detail: { eventName: ['CreateModelCustomizationJob'] } }, false],
    ['a field the event lacks', { account: ['111111111111'] }, false],
    ['a nested pattern on a string field', { source: { eventName: ['x'] } }, false],
    ['a prefix', { source: [{ prefix: 'aws.' }] }, true],
    ['a prefix that differs', { source: [{ prefix: 'custom.' }] }, false],
    ['anything-but a list', { source: [{ 'anything-but': ['aws.sagemaker'] }] }, true],
    ['anything-but the value', { source: [{ 'anything-but': 'aws.bedrock' }] }, false],
    ['exists true', { detail: { eventSource: [{ exists: true }] } }, true],
    ['exists false on a missing field', { detail: { errorCode: [{ exists: false }] } }, true],
    ['exists true on a missing field', { detail: { errorCode: [{ exists: true }] } }, false],
    ['any element of an array field', { resources: ['arn:b'] }, true],
    ['no element of an array field', { resources: ['arn:c'] }, false],
    ['every field must match', { source: ['aws.bedrock'], 'detail-type': ['Other'] }, false],
  ])('%s', (_name, pattern, expected) => {
    expect(matchesPattern(pattern as never, event)).toBe(expected);
  });
});
