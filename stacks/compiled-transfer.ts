import { deserialize, serialize } from 'node:v8';
import type { ConfigPath } from '../modules/config';
import type { CompiledGovernance } from '../modules/policy';

/**
 * Compiled governance as bytes for the other synth threads (modules/synth-threads): serialized once,
 * whatever the number of threads. Everything crosses but the two functions that locate messages in
 * the config file: a thread only places stacks, and every message about the config is made on the
 * main thread before placement starts.
 */
export function compiledForThreads(compiled: CompiledGovernance): Uint8Array {
  const { locate: _locate, problemAt: _problemAt, ...governance } = compiled.governance;
  return serialize({ ...compiled, governance });
}

/** compiledForThreads back into compiled governance, on a synth thread. */
export function compiledFromMainThread(bytes: Uint8Array): CompiledGovernance {
  const compiled = deserialize(bytes) as CompiledGovernance;
  return { ...compiled, governance: { ...compiled.governance, locate: locatedOnMainThreadOnly, problemAt: locatedOnMainThreadOnly } };
}

function locatedOnMainThreadOnly(path: ConfigPath): never {
  throw new Error(`a synth thread cannot locate ${path.join('.')} in the config file: messages about the config are made on the main thread`);
}
