import { globCovers, globsIntersect } from '../globs';
import type { BedrockRules } from '../models/schema';

/** The bedrock rules of one layer of an account's lineage, and the layer's name. */
export interface LayerBedrockRules {
  /** "root", an OU path or the account name. */
  readonly layer: string;
  readonly rules?: BedrockRules;
}

/** A role's model globs split by what the account's rules let through. */
export interface ModelApproval {
  /** Globs every layer allows in full. */
  readonly approved: readonly string[];
  /** Globs some layer denies in whole or in part, with the first layer that does. */
  readonly denied: readonly { readonly glob: string; readonly layer: string }[];
}

/**
 * Splits model globs into those the lineage (root first) allows in full and the rest. A glob is
 * approved when no layer denies all models, every allow-list covers it, and no deny glob overlaps
 * it: the same rules the SCPs enforce, so an approved model is never denied by an SCP.
 */
export function approveModels(globs: readonly string[], lineage: readonly LayerBedrockRules[]): ModelApproval {
  const approved: string[] = [];
  const denied: { glob: string; layer: string }[] = [];
  for (const glob of [...new Set(globs)].sort()) {
    const blocking = lineage.find(({ rules }) => rules !== undefined && !layerAllows(rules, glob));
    if (blocking) denied.push({ glob, layer: blocking.layer });
    else approved.push(glob);
  }
  return { approved, denied };
}

function layerAllows(rules: BedrockRules, glob: string): boolean {
  if (rules.deny === 'all') return false;
  if (rules.allow !== undefined && !rules.allow.some((allowed) => globCovers(allowed, glob))) return false;
  return !(rules.deny ?? []).some((deniedGlob) => globsIntersect(deniedGlob, glob));
}
