import { createHash, type Hash } from 'node:crypto';
import type { CompiledGovernance, CompiledTarget } from './compile';

/**
 * A SHA-256 of what the config compiles to: the resolved settings the stacks are built from (the
 * organization with every target's rules), every target's SCPs as written (name, description,
 * literal content, the rules behind each statement, slot use), and the generated roles and
 * monitoring policies. Two configs that differ only in comments, spacing, key order or YAML style
 * have the same digest; any change to what synth writes changes it. Functions (the config locator)
 * are left out; maps and sets are listed in their (deterministic) insertion order.
 *
 * Hashed piece by piece rather than as one JSON text: an SCP's statements are hashed as the
 * content they are rendered to (the same information, already a string), and each target's
 * config is hashed once, with the organization.
 */
export function intentDigest(compiled: CompiledGovernance): string {
  const hash = createHash('sha256');
  const { governance, targets, accountRoles, monitoringPolicies } = compiled;
  piece(hash, JSON.stringify(governance, listCollections));
  piece(hash, String(targets.length));
  for (const target of targets) hashTarget(hash, target);
  piece(hash, JSON.stringify([accountRoles, monitoringPolicies], listCollections));
  return hash.digest('hex');
}

/** A target's SCPs; the target itself (its rules, ids and lineage) is hashed with the organization. */
function hashTarget(hash: Hash, { target, policies, characters, lowerBound, slots }: CompiledTarget): void {
  piece(hash, JSON.stringify([target.layer, characters, lowerBound, slots, policies.length]));
  for (const { name, description, content, rules } of policies) {
    piece(hash, name);
    piece(hash, description);
    piece(hash, content);
    piece(hash, JSON.stringify([...rules]));
  }
}

/** A string, preceded by its length so that no two sequences of pieces hash alike. */
function piece(hash: Hash, text: string): void {
  hash.update(`${text.length}:`).update(text);
}

function listCollections(_key: string, value: unknown): unknown {
  if (value instanceof Map) return [...value.entries()];
  if (value instanceof Set) return [...value.values()];
  return value;
}
