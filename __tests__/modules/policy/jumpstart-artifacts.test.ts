import { jumpstartWeightArns, jumpstartWeightKeys, weightGlobReaches } from '../../../modules/policy/jumpstart-artifacts';
import { KNOWN_MODELS } from '../../../modules/config';
import { anyPatternMatches, objectArn, SDK_OTHER_KEYS, SDK_WEIGHT_KEYS } from '../../support/jumpstart-weight-keys';

/** The buckets of region_config.json: public and gated, in commercial, China and GovCloud regions. */
const BUCKETS: ReadonlyArray<readonly [partition: string, bucket: string]> = [
  ['aws', 'jumpstart-cache-prod-us-east-1'],
  ['aws', 'jumpstart-private-cache-prod-us-east-1'],
  ['aws', 'jumpstart-cache-prod-eu-west-1'],
  ['aws', 'jumpstart-private-cache-prod-ap-southeast-2'],
  ['aws-cn', 'jumpstart-cache-prod-cn-north-1'],
  ['aws-us-gov', 'jumpstart-private-cache-prod-us-gov-west-1'],
];

describe('jumpstartWeightKeys', () => {
  test('an exact id ends at the next / or . ; a glob ending in * runs on', () => {
    expect(jumpstartWeightKeys('deepseek-llm-r1')).toEqual([
      '*/deepseek-llm-r1/artifacts/*',
      'artifacts/deepseek-llm-r1/*',
      '*/infer-deepseek-llm-r1.*',
      '*/infer-prepack-deepseek-llm-r1.*',
      '*/train-deepseek-llm-r1.*',
    ]);
    expect(jumpstartWeightKeys('deepseek*')).toEqual([
      '*/deepseek*/artifacts/*',
      'artifacts/deepseek*/*',
      '*/infer-deepseek*',
      '*/infer-prepack-deepseek*',
      '*/train-deepseek*',
    ]);
  });
});

describe('jumpstartWeightArns against the keys of the SageMaker Python SDK', () => {
  test.each(SDK_WEIGHT_KEYS.flatMap(([id, key]) => BUCKETS.map(([partition, bucket]) => [id, key, partition, bucket] as const)))(
    '%s: %s in %s %s is matched by its id',
    (id, key, partition, bucket) => {
      expect(anyPatternMatches(jumpstartWeightArns(partition, id), objectArn(bucket, key, partition))).toBe(true);
    },
  );

  test.each(SDK_WEIGHT_KEYS)('%s: %s is not matched by the ids it extends or that extend it', (id, key) => {
    const arn = objectArn('jumpstart-cache-prod-us-east-1', key);
    for (const neighbour of [`${id}-instruct`, `${id}-f`, id.slice(0, -1)]) {
      expect(anyPatternMatches(jumpstartWeightArns('aws', neighbour), arn)).toBe(false);
    }
  });

  test.each(SDK_OTHER_KEYS)('%s (not weights) stays readable even when every model is denied', (key) => {
    expect(anyPatternMatches(jumpstartWeightArns('aws', '*'), objectArn('jumpstart-cache-prod-us-east-1', key))).toBe(false);
  });

  test.each([
    ['a customer bucket', 'acme-models', 'copies/meta-textgeneration/deepseek-llm-r1/artifacts/inference/v1.0.0/'],
    ['the SageMaker default bucket', 'sagemaker-us-east-1-222222222222', 'jumpstart/deepseek-llm-r1/artifacts/model.tar.gz'],
    ['the speculative-decoding bucket', 'sagemaker-sd-models-prod-us-east-1', 'sagemaker-speculative-decoding-llama2-tiny-v2/'],
  ])('%s is never matched (%s)', (_name, bucket, key) => {
    expect(anyPatternMatches(jumpstartWeightArns('aws', '*'), objectArn(bucket, key))).toBe(false);
  });
});

describe('weightGlobReaches', () => {
  test.each<[string, string, boolean]>([
    ['deepseek*', 'deepseek-llm-r1', true],
    ['deepseek*', 'meta-textgeneration-llama-3-8b', false],
    ['huggingface-llm-mistral-7b', 'huggingface-llm-mistral-7b-instruct', false],
    ['huggingface-llm-mistral-7b*', 'huggingface-llm-mistral-7b-instruct', true],
    // infer-p* would reach infer-prepack-<kept>.tar.gz
    ['p*', 'meta-textgeneration-llama-3-8b', true],
    ['py*', 'meta-textgeneration-llama-3-8b', false],
  ])('%s reaches the weights of %s: %s', (denied, kept, expected) => {
    expect(weightGlobReaches(denied, kept)).toBe(expected);
  });
});

describe('the model id snapshot', () => {
  const ids = [...KNOWN_MODELS.jumpstartOpenWeightModelIds, ...KNOWN_MODELS.jumpstartProprietaryModelIds];

  test('is dated, names its source, and holds unique ids', () => {
    expect(KNOWN_MODELS.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(KNOWN_MODELS.source).toContain('aws/sagemaker-python-sdk');
    expect(new Set(ids).size).toBe(ids.length);
    expect(KNOWN_MODELS.jumpstartOpenWeightModelIds.length).toBeGreaterThan(900);
  });

  // weightGlobReaches relies on both: an id has no / or ., and never starts with a word the key forms anchor on.
  test('ids are letters, digits and hyphens, and none starts with infer-, prepack- or train-', () => {
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9](-*[A-Za-z0-9])*$/);
      expect(id).not.toMatch(/^(infer|prepack|train)-/);
    }
  });
});
