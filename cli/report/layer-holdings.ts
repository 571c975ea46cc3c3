import type { ResolvedGovernance } from '../../modules/config';

/**
 * What each layer holds besides its rules, in governance.yaml's words, for the diagram: private
 * JumpStart hubs (and, on each layer a hub is shared with, `hub <name> (shared)`), Canvas
 * workspaces, model users and guardrails. Labels only: the matrix and the Roles section prove
 * what the policies do.
 *
 * @returns layer key -> lines, each layer's lines in a fixed order (hubs, shared hubs, Canvas, model users, guardrails)
 */
export function layerHoldings(governance: ResolvedGovernance): Map<string, string[]> {
  const accountLayer = new Map(governance.targets.filter((t) => t.kind === 'account').map((t) => [t.id, t.layer]));
  const unitLayer = new Map(governance.targets.filter((t) => t.kind === 'unit').map((t) => [t.id, t.layer]));
  const holdings = new Map<string, string[]>();
  const add = (layer: string, line: string): void => {
    const lines = holdings.get(layer) ?? [];
    if (!lines.includes(line)) lines.push(line);
    holdings.set(layer, lines);
  };
  for (const hub of governance.jumpstartHubs) add(hub.account, `hub ${hub.name}`);
  for (const hub of governance.jumpstartHubs) {
    for (const principal of hub.principals) {
      const layer = receivingLayer(principal, accountLayer, unitLayer);
      if (layer !== undefined) add(layer, `hub ${hub.name} (shared)`);
    }
  }
  for (const [name, workspace] of Object.entries(governance.canvas)) add(workspace.account, `Canvas ${name}`);
  for (const [name, user] of Object.entries(governance.modelUsers)) add(user.account, `model user ${name}`);
  for (const guardrail of governance.guardrails) add(guardrail.account, `guardrail ${guardrail.name}`);
  return holdings;
}

/** The layer a RAM principal stands for: an account id, an OU ARN, or the organization ARN (the root). */
function receivingLayer(principal: string, accountLayer: ReadonlyMap<string, string>, unitLayer: ReadonlyMap<string, string>): string | undefined {
  if (/^\d{12}$/.test(principal)) return accountLayer.get(principal);
  if (/:organization\/o-[a-z0-9]+$/.test(principal)) return 'root';
  const unit = /:ou\/o-[a-z0-9]+\/(ou-[a-z0-9-]+)$/.exec(principal)?.[1];
  return unit === undefined ? undefined : unitLayer.get(unit);
}
