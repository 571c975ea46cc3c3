import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { governanceJsonSchema } from '../../modules/config';
import { GENERATED_END, GENERATED_START, renderConfigurationReference, replaceGenerated } from '../../docs/tools/configuration-reference';

const PAGE = join(__dirname, '..', '..', 'docs', 'configuration.md');

describe('docs/configuration.md', () => {
  test('its reference is up to date with the schema descriptions (run `npm run docs` after changing them)', () => {
    const committed = readFileSync(PAGE, 'utf8');
    expect(committed).toBe(replaceGenerated(committed, renderConfigurationReference(JSON.parse(governanceJsonSchema()))));
  });

  test('the reference has one section per top-level key of governance.yaml', () => {
    const schema = JSON.parse(governanceJsonSchema()) as { properties: Record<string, unknown> };
    const reference = renderConfigurationReference(JSON.parse(governanceJsonSchema()));
    const headings = [...reference.matchAll(/^### `([^`]+)`$/gm)].map((match) => match[1]);
    expect(headings).toEqual(Object.keys(schema.properties));
  });
});

describe('renderConfigurationReference', () => {
  test('writes a row per key with what it accepts, its default and its description', () => {
    const reference = renderConfigurationReference({
      description: 'Example.',
      required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1, description: 'The name | with a pipe.' },
        mode: { enum: ['on', 'off'], default: 'on' },
        items: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } } } },
      },
    });
    expect(reference).toContain('| `name` | text, not empty | required | The name \\| with a pipe. |');
    expect(reference).toContain('| `mode` | one of `on`, `off` | `"on"` |  |');
    expect(reference).toContain('| `items[].id` | a whole number of at least 1 |  |  |');
  });

  test('a shape used twice in a section is expanded once and referred to the second time', () => {
    const reference = renderConfigurationReference({
      $defs: { unit: { type: 'object', properties: { id: { type: 'string' } } } },
      properties: { s: { type: 'object', properties: { a: { $ref: '#/$defs/unit' }, b: { $ref: '#/$defs/unit' } } } },
    });
    expect(reference).toContain('| `s.a.id` | text |  |  |');
    expect(reference).toContain('| `s.b` | the same shape as `s.a` |  |  |');
    expect(reference).not.toContain('`s.b.id`');
  });
});

describe('replaceGenerated', () => {
  test('replaces only the part between the markers', () => {
    const page = `before\n${GENERATED_START}\nold\n${GENERATED_END}\nafter\n`;
    expect(replaceGenerated(page, 'new')).toBe(`before\n${GENERATED_START}\n\nnew\n\n${GENERATED_END}\nafter\n`);
  });

  test('refuses a page without the markers, so the hand-written part is never lost', () => {
    expect(() => replaceGenerated('no markers', 'new')).toThrow(/markers/);
  });
});
