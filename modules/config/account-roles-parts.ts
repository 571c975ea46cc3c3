import type { z } from 'zod';
import { canvasWorkspaceSchema, type CanvasConfig } from './canvas-schema';
import { modelUserSchema, type ModelUsersConfig } from './model-users-schema';

/**
 * The valid entries of `canvas:` and `modelUsers:` in a config that failed the schema, so that
 * their cross-reference problems are reported in the same run as the schema problems.
 */
export function validAccountRoleParts(data: Readonly<Record<string, unknown>>): { canvas: CanvasConfig; modelUsers: ModelUsersConfig } {
  return { canvas: validEntries(data.canvas, canvasWorkspaceSchema), modelUsers: validEntries(data.modelUsers, modelUserSchema) };
}

function validEntries<T extends z.ZodType>(section: unknown, schema: T): Record<string, z.infer<T>> {
  if (!section || typeof section !== 'object') return {};
  const valid: Record<string, z.infer<T>> = {};
  for (const [name, entry] of Object.entries(section)) {
    const parsed = schema.safeParse(entry);
    if (parsed.success) valid[name] = parsed.data;
  }
  return valid;
}
