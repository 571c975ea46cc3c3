import { z } from 'zod';
import { governanceSchema } from './schema';

/**
 * The JSON Schema of governance.yaml, generated from the same zod schema that validates it, so
 * editors (yaml-language-server) complete and check the file exactly as synth will.
 */
export function governanceJsonSchema(): string {
  const schema = z.toJSONSchema(governanceSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'modelgate governance.yaml' }, null, 2)}\n`;
}
