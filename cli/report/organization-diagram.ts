import type { ResolvedGovernance, Target } from '../../modules/config';
import type { SynthesizedPolicies } from '../simulate';
import { layerHoldings } from './layer-holdings';
import { summarizeLayerRules } from './layer-summary';

/**
 * Above this many accounts without rules of their own under one parent, the diagram draws them
 * as one node: a large organization's diagram must stay within what Mermaid renders.
 */
const ACCOUNTS_DRAWN_ONE_BY_ONE = 3;
const NAMES_IN_GROUP_LABEL = 3;
/** Mermaid's default `maxTextSize`: a longer diagram is not rendered at all. */
const MERMAID_MAX_TEXT = 50000;

/**
 * A Mermaid flowchart of the organization, root -> OUs -> accounts, each node labelled with its
 * id, what its rules add, what it holds (hubs, hubs shared with it, Canvas workspaces, model
 * users, guardrails) and how many SCPs modelgate attaches there.
 *
 * @param changed layers whose effective access changes (diff mode); they get the `changed` class
 * @returns the flowchart source, without the code fence
 */
export function organizationDiagram(
  governance: ResolvedGovernance,
  policies: SynthesizedPolicies,
  changed: ReadonlySet<string> = new Set(),
): string {
  const detailed = flowchart(governance, policies, changed, true);
  // Too large to render: accounts keep their name and SCP count, the rules stay on the OUs.
  return detailed.length <= MERMAID_MAX_TEXT ? detailed : flowchart(governance, policies, changed, false);
}

function flowchart(
  governance: ResolvedGovernance,
  policies: SynthesizedPolicies,
  changed: ReadonlySet<string>,
  accountRules: boolean,
): string {
  const node = new Map(governance.targets.map((t, i) => [t.layer, `n${i}`]));
  const holdings = layerHoldings(governance);
  const ruleless = (t: Target): boolean =>
    t.kind === 'account' && t.rules === undefined && !holdings.has(t.layer) && t.id !== governance.managementAccount;
  const parentOf = (t: Target): string => t.lineage.at(-2) ?? 'root';
  const grouped = new Map<string, Target[]>();
  for (const t of governance.targets.filter(ruleless)) grouped.set(parentOf(t), [...(grouped.get(parentOf(t)) ?? []), t]);
  for (const [parent, accounts] of grouped) if (accounts.length <= ACCOUNTS_DRAWN_ONE_BY_ONE) grouped.delete(parent);
  const drawn = governance.targets.filter((t) => !(ruleless(t) && grouped.has(parentOf(t))));

  const lines = ['flowchart TD'];
  const highlighted: string[] = [];
  for (const t of drawn) {
    const name = t.kind === 'unit' ? (t.layer.split('/').at(-1) ?? t.layer) : t.layer;
    const management = t.kind === 'account' && t.id === governance.managementAccount;
    const documents = policies.get(t.id)?.length ?? 0;
    const detailed = accountRules || t.kind !== 'account';
    const held = detailed ? (holdings.get(t.layer) ?? []) : [];
    const details = management
      ? ['management account: SCPs do not apply', ...held]
      : [
          ...(detailed ? summarizeLayerRules(t.rules) : []),
          ...held,
          ...(documents > 0 ? [`${documents} SCP${documents > 1 ? 's' : ''}`] : []),
        ];
    const label = [`<b>${escapeLabel(name)}</b> ${t.id}`, ...details.map(escapeLabel)].join('<br/>');
    lines.push(`  ${node.get(t.layer) ?? ''}["${label}"]`);
    if (changed.has(t.layer)) highlighted.push(node.get(t.layer) ?? '');
  }
  for (const [parent, accounts] of grouped) {
    const id = `${node.get(parent) ?? ''}a`;
    const names = accounts.slice(0, NAMES_IN_GROUP_LABEL).map((a) => a.layer);
    const more = accounts.length - names.length;
    const label = [`<b>${accounts.length} accounts</b> without rules of their own`, `${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`];
    lines.push(`  ${id}["${label.map((l, i) => (i === 0 ? l : escapeLabel(l))).join('<br/>')}"]`);
    if (accounts.some((a) => changed.has(a.layer))) highlighted.push(id);
  }
  for (const t of drawn) {
    const parent = t.lineage.at(-2);
    if (parent !== undefined) lines.push(`  ${node.get(parent) ?? ''} --> ${node.get(t.layer) ?? ''}`);
  }
  for (const parent of grouped.keys()) lines.push(`  ${node.get(parent) ?? ''} --> ${node.get(parent) ?? ''}a`);
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
