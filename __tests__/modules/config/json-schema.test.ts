import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { governanceJsonSchema } from '../../../modules/config';

describe('governance.schema.json', () => {
  test('is committed up to date with the zod schema (run `npm run schema` after changing it)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', 'governance.schema.json'), 'utf8');
    expect(committed).toBe(governanceJsonSchema());
  });

  test('describes the top-level sections and refuses unknown keys, as synth does', () => {
    const schema = JSON.parse(governanceJsonSchema());
    expect(Object.keys(schema.properties)).toEqual(['organization', 'breakGlass', 'exemptPrincipals', 'models', 'canvas', 'modelUsers', 'jumpstartHubs', 'guardrails', 'state', 'deployment', 'monitoring', 'acknowledgements']);
    expect(schema.required).toEqual(['organization', 'breakGlass']);
    expect(schema.additionalProperties).toBe(false);
  });
});
