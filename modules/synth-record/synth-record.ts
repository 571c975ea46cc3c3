import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file synth writes at the top of cdktf.out, beside cdktf's manifest.json. */
export const SYNTH_RECORD_FILE = 'modelgate-synth.json';

/**
 * What a cdktf.out was synthesized from, so that commands reading it can tell whether it is
 * current: the config's bytes and what they compile to (two configs differing only in comments or
 * layout compile to the same intent), and the order to deploy the stacks in.
 */
export interface SynthRecord {
  /** SHA-256 (hex) of the governance file's bytes. */
  readonly configSha256: string;
  /** SHA-256 (hex) of the compiled intent (intentDigest). */
  readonly intentSha256: string;
  /** Every stack, each after the stacks it depends on (cdktf's manifest.json lists the dependencies). */
  readonly deployOrder: readonly string[];
}

export function sha256(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function writeSynthRecord(outdir: string, record: SynthRecord): void {
  writeFileSync(join(outdir, SYNTH_RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

/** The record of a cdktf.out, or undefined when it has none (written before modelgate recorded it, or by hand). */
export function readSynthRecord(outdir: string): SynthRecord | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(outdir, SYNTH_RECORD_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  const record = parsed as Partial<SynthRecord>;
  const valid = typeof record.configSha256 === 'string' && typeof record.intentSha256 === 'string' && Array.isArray(record.deployOrder);
  return valid ? (record as SynthRecord) : undefined;
}

/**
 * Stacks in an order where each comes after its dependencies (depth first, ties by name), from
 * the `stacks.<name>.dependencies` of cdktf's manifest.json.
 */
export function deployOrder(dependencies: Readonly<Record<string, readonly string[]>>): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  const visit = (stack: string, path: readonly string[]): void => {
    if (placed.has(stack)) return;
    if (path.includes(stack)) throw new Error(`stack dependency cycle: ${[...path, stack].join(' -> ')}`);
    for (const dependency of [...(dependencies[stack] ?? [])].sort()) visit(dependency, [...path, stack]);
    placed.add(stack);
    order.push(stack);
  };
  for (const stack of Object.keys(dependencies).sort()) visit(stack, []);
  return order;
}
