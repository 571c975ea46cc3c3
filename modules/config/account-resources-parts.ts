import type { z } from 'zod';
import { guardrailSchema, type GuardrailsConfig } from './guardrail-schema';
import { jumpstartHubSchema, type JumpstartHubsConfig } from './hub-schema';

/**
 * The valid entries of `jumpstartHubs:` and `guardrails:` in a config that failed the schema, so
 * their cross-references are checked in the same run. Invalid entries are left out: their schema
 * problems are already reported.
 */
export function validHubsAndGuardrails(data: Readonly<Record<string, unknown>>): { jumpstartHubs: JumpstartHubsConfig; guardrails: GuardrailsConfig } {
  return {
    jumpstartHubs: validEntries(data.jumpstartHubs, jumpstartHubSchema),
    guardrails: validEntries(data.guardrails, guardrailSchema),
  };
}

function validEntries<T>(section: unknown, schema: z.ZodType<T>): Record<string, T> {
  const entries = section && typeof section === 'object' ? Object.entries(section) : [];
  return Object.fromEntries(
    entries.flatMap(([name, entry]) => {
      const parsed = schema.safeParse(entry);
      return parsed.success ? [[name, parsed.data] as const] : [];
    }),
  );
}
