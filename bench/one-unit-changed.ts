import { parse, stringify } from 'yaml';

/** A governance.yaml with one OU's rules changed, and which OU. */
export interface ChangedConfig {
  readonly text: string;
  /** The OU path whose rules changed. */
  readonly unit: string;
}

interface Units {
  readonly [name: string]: { readonly units?: Units } | undefined;
}

/**
 * The change a pull request typically makes: one OU stops allowing one model. Takes the first OU
 * (in config order) whose Bedrock allow-list names two models or more and drops its last one, so
 * the OU and every layer below it change and nothing else does.
 *
 * @param text a governance.yaml, e.g. from the bench's generator
 */
export function withOneUnitChanged(text: string): ChangedConfig {
  const config = parse(text) as { organization: { units?: Units }; models: Record<string, { bedrock?: { allow?: string[] } }> };
  const units = unitPaths(config.organization.units ?? {});
  const unit = units.find((path) => (config.models[path]?.bedrock?.allow?.length ?? 0) >= 2);
  if (unit === undefined) throw new Error('no OU has a Bedrock allow-list of two models or more to narrow');
  const bedrock = config.models[unit]?.bedrock as { allow: string[] };
  bedrock.allow = bedrock.allow.slice(0, -1);
  return { text: stringify(config), unit };
}

function unitPaths(units: Units, prefix = ''): string[] {
  return Object.entries(units).flatMap(([name, unit]) => {
    const path = `${prefix}${name}`;
    return [path, ...unitPaths(unit?.units ?? {}, `${path}/`)];
  });
}
