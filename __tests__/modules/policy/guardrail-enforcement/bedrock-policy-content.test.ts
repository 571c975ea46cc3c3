import fc from 'fast-check';
import { EXCLUDED_MODEL_ID, INCLUDED_MODEL_ID } from '../../../../modules/config';
import { bedrockPolicyContent } from '../../../../modules/policy';
import { bedrockPolicyContentErrors } from '../../../support/bedrock-policy-schema';

const US = { region: 'us-east-1', identifier: 'arn:aws:bedrock:us-east-1:111111111111:guardrail/hu1dlsv9wy1d:1' };
const EU = { region: 'eu-west-1', identifier: 'arn:aws:bedrock:eu-west-1:111111111111:guardrail/abc123def456:7' };

describe('the Bedrock organization policy content', () => {
  test('reproduces the documented example, minified, keys in the documented order', () => {
    const content = bedrockPolicyContent({
      inference: [US],
      contentGuarding: { system: 'selective', messages: 'comprehensive' },
      models: { include: ['ALL'], exclude: ['amazon.titan-embed-text-v2:0', 'cohere.embed-english-v3'] },
    });
    // AWS Organizations User Guide, "Amazon Bedrock policy syntax and examples".
    expect(content).toBe(
      '{"bedrock":{"guardrail_inference":{"us-east-1":{"config_1":{"identifier":{"@@assign":"arn:aws:bedrock:us-east-1:111111111111:guardrail/hu1dlsv9wy1d:1"},' +
        '"selective_content_guarding":{"system":{"@@assign":"selective"},"messages":{"@@assign":"comprehensive"}},' +
        '"model_enforcement":{"included_models":{"@@assign":["ALL"]},"excluded_models":{"@@assign":["amazon.titan-embed-text-v2:0","cohere.embed-english-v3"]}}}}}}}',
    );
    expect(bedrockPolicyContentErrors(content)).toEqual([]);
  });

  test('one configuration per region, regions in order whatever the input order', () => {
    const content = bedrockPolicyContent({ inference: [US, EU] });
    expect(Object.keys(JSON.parse(content).bedrock.guardrail_inference)).toEqual(['eu-west-1', 'us-east-1']);
    expect(content).toBe(bedrockPolicyContent({ inference: [EU, US] }));
    expect(bedrockPolicyContentErrors(content)).toEqual([]);
  });

  test('only what the config sets: no settings gives the identifier alone', () => {
    expect(bedrockPolicyContent({ inference: [US] })).toBe(`{"bedrock":{"guardrail_inference":{"us-east-1":{"config_1":{"identifier":{"@@assign":"${US.identifier}"}}}}}}`);
  });

  test('an empty include list is written as ALL, never []', () => {
    const content = JSON.parse(bedrockPolicyContent({ inference: [US], models: { include: [], exclude: [] } }));
    expect(content.bedrock.guardrail_inference['us-east-1'].config_1.model_enforcement).toEqual({ included_models: { '@@assign': ['ALL'] }, excluded_models: { '@@assign': [] } });
  });

  test('every content built from ids the config accepts conforms to the schema, with @@assign only and no input_tags', () => {
    const segment = fc.stringMatching(/^[a-z0-9-]{1,20}$/);
    const modelId = fc.tuple(segment, segment, fc.option(segment, { nil: undefined })).map(([vendor, model, version]) => `${vendor}.${model}${version ? `:${version}` : ''}`);
    fc.assert(
      fc.property(
        fc.subarray([US, EU], { minLength: 1 }),
        fc.option(fc.record({ system: fc.constantFrom('selective', 'comprehensive') as fc.Arbitrary<'selective' | 'comprehensive'>, messages: fc.constantFrom('selective', 'comprehensive') as fc.Arbitrary<'selective' | 'comprehensive'> }), { nil: undefined }),
        fc.option(fc.record({ include: fc.uniqueArray(modelId, { maxLength: 3 }), exclude: fc.uniqueArray(modelId, { maxLength: 3 }) }), { nil: undefined }),
        (inference, contentGuarding, models) => {
          for (const id of [...(models?.include ?? []), ...(models?.exclude ?? [])]) {
            expect(INCLUDED_MODEL_ID.test(id) && EXCLUDED_MODEL_ID.test(id)).toBe(true);
          }
          const content = bedrockPolicyContent({ inference, ...(contentGuarding ? { contentGuarding } : {}), ...(models ? { models } : {}) });
          expect(bedrockPolicyContentErrors(content)).toEqual([]);
          expect(content).not.toMatch(/input_tags|@@append|@@remove|@@operators/);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the content schema itself (so that it can fail)', () => {
  const valid = JSON.parse(bedrockPolicyContent({ inference: [US] }));
  const withConfig = (config: Record<string, unknown>): string => JSON.stringify({ bedrock: { guardrail_inference: { 'us-east-1': { config_1: config } } } });

  test.each<[string, string]>([
    ['the deprecated input_tags', withConfig({ ...valid.bedrock.guardrail_inference['us-east-1'].config_1, input_tags: { '@@assign': 'honor' } })],
    ['a DRAFT identifier', withConfig({ identifier: { '@@assign': 'arn:aws:bedrock:us-east-1:111111111111:guardrail/hu1dlsv9wy1d:DRAFT' } })],
    ['an identifier without a version', withConfig({ identifier: { '@@assign': 'arn:aws:bedrock:us-east-1:111111111111:guardrail/hu1dlsv9wy1d' } })],
    ['an empty included_models', withConfig({ identifier: valid.bedrock.guardrail_inference['us-east-1'].config_1.identifier, model_enforcement: { included_models: { '@@assign': [] }, excluded_models: { '@@assign': [] } } })],
    ['a model_enforcement without excluded_models', withConfig({ identifier: valid.bedrock.guardrail_inference['us-east-1'].config_1.identifier, model_enforcement: { included_models: { '@@assign': ['ALL'] } } })],
    ['an empty selective_content_guarding', withConfig({ identifier: valid.bedrock.guardrail_inference['us-east-1'].config_1.identifier, selective_content_guarding: {} })],
    ['an upper-case mode', withConfig({ identifier: valid.bedrock.guardrail_inference['us-east-1'].config_1.identifier, selective_content_guarding: { system: { '@@assign': 'SELECTIVE' } } })],
    ['a value without @@assign', withConfig({ identifier: 'arn:aws:bedrock:us-east-1:111111111111:guardrail/hu1dlsv9wy1d:1' })],
  ])('refuses %s', (_case, content) => {
    expect(bedrockPolicyContentErrors(content)).not.toEqual([]);
  });
});
