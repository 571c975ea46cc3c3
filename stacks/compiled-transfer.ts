import { deserialize, serialize } from 'node:v8';
import type { ConfigPath } from '../modules/config';
import type { CompiledGovernance } from '../modules/policy';

/**
 * Compiled governance as bytes for another thread (modules/synth-threads): from the main thread to
 * the other synth threads, serialized once whatever the number of threads. Everything crosses but the two functions that locate messages in the
 * config file: every message about the config is made where it is compiled, before placement starts,
 * and placing stacks needs none.
 */
export function compiledForThreads(compiled: CompiledGovernance): Uint8Array {
  const { locate: _locate, problemAt: _problemAt, ...governance } = compiled.governance;
  return serialize({ ...compiled, governance });
}

/** compiledForThreads back into compiled governance, on the thread that receives it. */
export function compiledFromBytes(bytes: Uint8Array): CompiledGovernance {
  const compiled = deserialize(bytes) as CompiledGovernance;
  return { ...compiled, governance: { ...compiled.governance, locate: locatedWhereCompiledOnly, problemAt: locatedWhereCompiledOnly } };
}

function locatedWhereCompiledOnly(path: ConfigPath): never {
  throw new Error(`compiled governance received from another thread cannot locate ${path.join('.')} in the config file: messages about the config are made where it is compiled`);
}
