import type { ResolvedGovernance } from '../../modules/config';
import type { SynthesizedPolicies } from '../simulate';
import { summarizeLayerRules } from './layer-summary';

/**
 * A Mermaid flowchart of the organization, root -> OUs -> accounts, each node labelled with its
 * id, what its rules add and how many SCPs modelgate attaches there.
 *
 * @param changed layers whose effective access changes (diff mode); they get the `changed` class
 * @returns the flowchart source, without the code fence
 */
export function organizationDiagram(
  governance: ResolvedGovernance,
  policies: SynthesizedPolicies,
  changed: ReadonlySet<string> = new Set(),
): string {
  const node = new Map(governance.targets.map((t, i) => [t.layer, `n${i}`]));
  const lines = ['flowchart TD'];
  for (const t of governance.targets) {
    const name = t.kind === 'unit' ? (t.layer.split('/').at(-1) ?? t.layer) : t.layer;
    const management = t.kind === 'account' && t.id === governance.managementAccount;
    const documents = policies.get(t.id)?.length ?? 0;
    const details = management
      ? ['management account: SCPs do not apply']
      : [...summarizeLayerRules(t.rules), ...(documents > 0 ? [`${documents} SCP${documents > 1 ? 's' : ''}`] : [])];
    const label = [`<b>${escapeLabel(name)}</b> ${t.id}`, ...details.map(escapeLabel)].join('<br/>');
    lines.push(`  ${node.get(t.layer) ?? ''}["${label}"]`);
  }
  for (const t of governance.targets) {
    const parent = t.lineage.at(-2);
    if (parent !== undefined) lines.push(`  ${node.get(parent) ?? ''} --> ${node.get(t.layer) ?? ''}`);
  }
  const highlighted = governance.targets.filter((t) => changed.has(t.layer)).map((t) => node.get(t.layer) ?? '');
  if (highlighted.length > 0) {
    lines.push('  classDef changed fill:#fff4c2,stroke:#d97706,stroke-width:3px');
    lines.push(`  class ${highlighted.join(',')} changed`);
  }
  return lines.join('\n');
}

/** Mermaid labels take HTML entities as `#name;`; quotes and angle brackets would end the label. */
function escapeLabel(text: string): string {
  return text.replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/"/g, '#quot;');
}
