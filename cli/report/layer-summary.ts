import type { LayerRules } from '../../modules/config';

/**
 * What a layer's rules add, in a few short lines of governance.yaml's words, for the diagram.
 * The diagram says what was asked for; the matrix proves what the policies do.
 */
export function summarizeLayerRules(rules: LayerRules | undefined): string[] {
  if (rules === undefined) return [];
  const lines: string[] = [];
  const { bedrock, marketplace, jumpstart, customModelImport, fineTuning } = rules;
  if (bedrock?.allow) lines.push(`allow models: ${bedrock.allow.join(', ')}`);
  if (bedrock?.deny) lines.push(`deny models: ${listOrAll(bedrock.deny)}`);
  if (bedrock?.apiKeys && bedrock.apiKeys !== 'allow') lines.push(`API keys: ${bedrock.apiKeys}`);
  if (bedrock?.openAiCompatibleEndpoint === 'deny') lines.push('deny OpenAI-compatible endpoint');
  const guardrailRoutes = bedrock?.requireGuardrail;
  if (guardrailRoutes?.guardrails) lines.push(`require guardrail (${guardrailRoutes.guardrails.length})`);
  if (guardrailRoutes?.organizationPolicy) lines.push(`organization guardrail policy (${guardrailRoutes.organizationPolicy.guardrails.length})`);
  if (bedrock?.modelAccess === 'deny') lines.push('deny model access changes');
  if (bedrock?.viaMcpServers === 'deny') lines.push('deny via MCP servers');
  if (marketplace?.allow) lines.push(`Marketplace allow: ${marketplace.allow.join(', ')}`);
  if (marketplace?.deny) lines.push(`Marketplace deny: ${listOrAll(marketplace.deny)}`);
  if (marketplace?.subscriptions) lines.push(`subscriptions: ${marketplace.subscriptions === 'deny' ? 'deny' : 'listed products only'}`);
  const blocked = jumpstart
    ? (['publicHub', 'gatedModels', 'registerWithBedrock'] as const).filter((key) => jumpstart[key] === 'block')
    : [];
  if (blocked.length > 0) lines.push(`JumpStart block: ${blocked.join(', ')}`);
  if (jumpstart?.networkIsolation === 'require') lines.push('require network isolation');
  if (customModelImport?.deny) lines.push(`deny custom model import${customModelImport.except ? ' (with exceptions)' : ''}`);
  if (fineTuning?.deny) lines.push(`deny fine-tuning${fineTuning.except ? ' (with exceptions)' : ''}`);
  return lines;
}

function listOrAll(value: readonly string[] | 'all'): string {
  return value === 'all' ? 'all' : value.join(', ');
}
