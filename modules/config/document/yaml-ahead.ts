import { CORE_SCHEMA, load } from 'js-yaml';
import { decodeConfigBytes } from './read-config-text';

/** js-yaml's parse of governance YAML (YAML 1.2 core schema), before any check; throws what js-yaml throws. */
export function loadYaml(text: string, file: string): unknown {
  return load(text, { schema: CORE_SCHEMA, filename: file }) ?? {};
}

/**
 * A config's YAML parsed ahead of its checks, by a thread that does not load the schema: synth's
 * main thread parses it while the compile thread loads zod and the checks
 * (modules/synth-threads/compile-thread.ts). Only parseYamlAhead makes one; it crosses threads as
 * data (a structured clone keeps every key, `__proto__` included, and shared aliases).
 */
export interface YamlAhead {
  readonly kind: 'yaml-ahead';
  /** loadYaml of the decoded bytes. */
  readonly data: unknown;
}

/**
 * loadYaml on the decoded bytes, or undefined when they are not UTF-8 or not YAML: the thread that
 * checks the config then parses it itself, and finds and locates the problem.
 */
export function parseYamlAhead(bytes: Uint8Array, file: string): YamlAhead | undefined {
  try {
    return { kind: 'yaml-ahead', data: loadYaml(decodeConfigBytes(bytes, file), file) };
  } catch {
    return undefined;
  }
}
