import { parsedOrUndefined, validEntries } from '../private/valid-entries';
import { approvedModelSchema, jumpstartHubSchema, type JumpstartHubConfig, type JumpstartHubsConfig } from './schema';

/**
 * The usable entries of `jumpstartHubs:` in a config that failed the schema, so their
 * cross-references are checked in the same run. A hub with a schema problem elsewhere keeps its
 * account, name, valid models and share targets, which is all the cross-checks read.
 */
export function validHubEntries(section: unknown): JumpstartHubsConfig {
  return validEntries(section, (entry) => parsedOrUndefined(jumpstartHubSchema, entry) ?? crossReferencesOf(entry));
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
