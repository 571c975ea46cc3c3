import type { z } from 'zod';
import type { ConfigPath } from './problems';

type AnySchema = z.core.$ZodType;
interface Def {
  readonly type: string;
  readonly shape?: Record<string, AnySchema>;
  readonly innerType?: AnySchema;
  readonly getter?: () => AnySchema;
  readonly options?: readonly AnySchema[];
  readonly valueType?: AnySchema;
  readonly element?: AnySchema;
  readonly in?: AnySchema;
}

/**
 * The keys a mapping at `path` may have, read from the schema itself, so an "unknown key" message
 * can list them. Unions contribute the keys of each mapping they accept.
 */
export function allowedKeysAt(schema: AnySchema, path: ConfigPath): string[] {
  let current: AnySchema[] = [schema];
  for (const part of path) current = current.flatMap((s) => objectsOf(s)).flatMap((s) => child(s, part));
  return [...new Set(current.flatMap((s) => objectsOf(s)).flatMap((s) => Object.keys(def(s).shape ?? {})))];
}

function def(schema: AnySchema): Def {
  return schema._zod.def as unknown as Def;
}

/** The object schemas a schema stands for, through optional, default, lazy, pipe and union. */
function objectsOf(schema: AnySchema): AnySchema[] {
  const d = def(schema);
  if (d.innerType) return objectsOf(d.innerType);
  if (d.getter) return objectsOf(d.getter());
  if (d.in) return objectsOf(d.in);
  if (d.options) return d.options.flatMap(objectsOf);
  return [schema];
}

function child(schema: AnySchema, key: string | number): AnySchema[] {
  const d = def(schema);
  if (d.shape && typeof key === 'string' && d.shape[key]) return [d.shape[key]];
  if (d.valueType) return [d.valueType];
  if (d.element) return [d.element];
  return [];
}
