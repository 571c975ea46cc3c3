import type { ResolvedGovernance } from '../../modules/config';
import { formatPath } from '../../modules/config';
import type { Drift, DriftKind } from './check-drift';
import type { GuardrailEnforcementCheck } from './check-guardrail-enforcement';
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
export function driftJson(config: string, live: LiveOrganization, drift: readonly LocatedDrift[], guardrails: readonly GuardrailEnforcementCheck[] = []): string {
  const document = {
    config,
    organization: live.id,
    inSync: drift.length === 0,
    summary: { units: live.units.length, accounts: live.accounts.length, drift: drift.length },
    drift,
    ...(guardrails.length > 0 ? { guardrailEnforcement: { ready: guardrails.every((c) => c.ok), checks: guardrails } } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** `discover --check`: one line per difference, as `file:line:column path: [kind] message`. */
export function driftText(config: string, live: LiveOrganization, drift: readonly LocatedDrift[], guardrails: readonly GuardrailEnforcementCheck[] = []): string {
  const scope = `organization ${live.id} (${live.units.length} OUs, ${live.accounts.length} accounts)`;
  const enforcement = guardrailText(guardrails);
  if (drift.length === 0) return `${config} matches ${scope}\n${enforcement}`;
  const lines = drift.map((d) => `  ${d.file}:${d.line}:${d.column} ${d.path}: [${d.kind}] ${d.message}`);
  return `${config} differs from ${scope} in ${drift.length} place${drift.length > 1 ? 's' : ''}:\n${lines.join('\n')}\n${enforcement}`;
}

/** The one-time steps of the Bedrock organization policies, one line per check; nothing without such a policy. */
function guardrailText(checks: readonly GuardrailEnforcementCheck[]): string {
  if (checks.length === 0) return '';
  const failed = checks.filter((c) => !c.ok).length;
  const head = failed === 0 ? 'Guardrail enforcement (BEDROCK_POLICY): ready' : `Guardrail enforcement (BEDROCK_POLICY): ${failed} of ${checks.length} checks failed`;
  return `${head}\n${checks.map((c) => `  [${c.ok ? 'ok' : 'failed'}] ${c.check}${c.guardrail ? ` ${c.guardrail}` : ''}: ${c.message}`).join('\n')}\n`;
}
