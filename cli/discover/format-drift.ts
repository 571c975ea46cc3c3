import type { ResolvedGovernance } from '../../modules/config';
import { formatPath } from '../../modules/config';
import type { Drift, DriftKind } from './check-drift';
import type { LiveOrganization } from './live-organization';

/** A drift with its place in the config file. */
export interface LocatedDrift {
  readonly kind: DriftKind;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
  readonly message: string;
}

/** Locates each drift in the config, sorted by place in the file, then by message. */
export function locateDrift(drift: readonly Drift[], governance: ResolvedGovernance): LocatedDrift[] {
  return drift
    .map((d) => {
      const { file, line, column, path, message } = governance.problemAt(d.path, { path: formatPath(d.path), message: d.message });
      return { kind: d.kind, file, line, column, path, message };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}

/** `discover --check --format json`. */
export function driftJson(config: string, live: LiveOrganization, drift: readonly LocatedDrift[]): string {
  const document = {
    config,
    organization: live.id,
    inSync: drift.length === 0,
    summary: { units: live.units.length, accounts: live.accounts.length, drift: drift.length },
    drift,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** `discover --check`: one line per difference, as `file:line:column path: [kind] message`. */
export function driftText(config: string, live: LiveOrganization, drift: readonly LocatedDrift[]): string {
  const scope = `organization ${live.id} (${live.units.length} OUs, ${live.accounts.length} accounts)`;
  if (drift.length === 0) return `${config} matches ${scope}\n`;
  const lines = drift.map((d) => `  ${d.file}:${d.line}:${d.column} ${d.path}: [${d.kind}] ${d.message}`);
  return `${config} differs from ${scope} in ${drift.length} place${drift.length > 1 ? 's' : ''}:\n${lines.join('\n')}\n`;
}
