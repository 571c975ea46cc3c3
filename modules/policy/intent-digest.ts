import { createHash } from 'node:crypto';
import type { CompiledGovernance } from './compile';

/**
 * A SHA-256 of what the config compiles to: every target with its SCPs, the generated roles and
 * their policies, and the resolved settings the stacks are built from. Two configs that differ
 * only in comments, spacing, key order or YAML style have the same digest; any change to what
 * synth writes changes it. Functions (the config locator) are left out; maps and sets are listed
 * in their (deterministic) insertion order.
 */
export function intentDigest(compiled: CompiledGovernance): string {
  const json = JSON.stringify(compiled, (_key, value: unknown) => {
    if (value instanceof Map) return [...value.entries()];
    if (value instanceof Set) return [...value.values()];
    return value;
  });
  return createHash('sha256').update(json).digest('hex');
}
