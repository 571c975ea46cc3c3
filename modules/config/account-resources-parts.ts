import type { z } from 'zod';
import { guardrailSchema, type GuardrailsConfig } from './guardrail-schema';
import { approvedModelSchema, jumpstartHubSchema, type JumpstartHubConfig, type JumpstartHubsConfig } from './hub-schema';

/**
 * The usable entries of `jumpstartHubs:` and `guardrails:` in a config that failed the schema, so
 * their cross-references are checked in the same run. A hub with a schema problem elsewhere keeps
 * its account, name, valid models and share targets, which is all the cross-checks read; other
 * invalid entries are left out. Either way their schema problems are already reported.
 */
export function validHubsAndGuardrails(data: Readonly<Record<string, unknown>>): { jumpstartHubs: JumpstartHubsConfig; guardrails: GuardrailsConfig } {
  return {
    jumpstartHubs: validEntries(data.jumpstartHubs, (entry) => {
      const parsed = jumpstartHubSchema.safeParse(entry);
      return parsed.success ? parsed.data : crossReferencesOf(entry);
    }),
    guardrails: validEntries(data.guardrails, (entry) => parsedOrUndefined(guardrailSchema, entry)),
  };
}

/** What the cross-checks of a hub read, from an entry that is invalid elsewhere. */
function crossReferencesOf(entry: unknown): JumpstartHubConfig | undefined {
  const fields = entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
  const { shape } = jumpstartHubSchema;
  const account = parsedOrUndefined(shape.account, fields.account);
  if (account === undefined) return undefined;
  const hubName = parsedOrUndefined(shape.hubName, fields.hubName);
  const shareWith = parsedOrUndefined(shape.shareWith, fields.shareWith);
  const models = Array.isArray(fields.models) ? fields.models.flatMap((model) => parsedOrUndefined(approvedModelSchema, model) ?? []) : [];
  // description, storage and permission are not cross-checked: their defaults stand in.
  return { account, ...(hubName !== undefined ? { hubName } : {}), description: '', storage: 'create', models, ...(shareWith !== undefined ? { shareWith } : {}), permission: 'readAndUse' };
}

function validEntries<T>(section: unknown, parse: (entry: unknown) => T | undefined): Record<string, T> {
  const entries = section && typeof section === 'object' ? Object.entries(section) : [];
  return Object.fromEntries(
    entries.flatMap(([name, entry]) => {
      const parsed = parse(entry);
      return parsed === undefined ? [] : [[name, parsed] as const];
    }),
  );
}

function parsedOrUndefined<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
