import type { z } from 'zod';

/**
 * The entries of a keyed section (`canvas:`, `jumpstartHubs:`, ...) that `parse` accepts, in a
 * config that failed the schema, so their cross-references are checked in the same run as the
 * schema problems. Entries `parse` turns away are left out; their schema problems are reported.
 */
export function validEntries<T>(section: unknown, parse: (entry: unknown) => T | undefined): Record<string, T> {
  const entries = section && typeof section === 'object' ? Object.entries(section) : [];
  return Object.fromEntries(
    entries.flatMap(([name, entry]) => {
      const parsed = parse(entry);
      return parsed === undefined ? [] : [[name, parsed] as const];
    }),
  );
}

/** The value as the schema reads it, or undefined when the schema refuses it. */
export function parsedOrUndefined<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
