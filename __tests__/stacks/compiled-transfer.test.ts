import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../modules/config';
import { compileGovernance, type CompiledGovernance } from '../../modules/policy';
import { compiledForThreads, compiledFromMainThread } from '../../stacks/compiled-transfer';
import { PROJECT_ROOT } from '../support/run-app';

const EXAMPLE = join(PROJECT_ROOT, 'examples', 'governance.yaml');

/**
 * The compiled governance as JSON, Maps as their entries, without the two functions that only the
 * main thread keeps. (Deserialized objects belong to Node's own realm, not the test's: compared as
 * text, they compare by content.)
 */
function data(compiled: CompiledGovernance): string {
  const { locate: _locate, problemAt: _problemAt, ...governance } = compiled.governance;
  return JSON.stringify({ ...compiled, governance }, (_key, value: unknown) => (isMap(value) ? { map: [...value.entries()] } : value));
}

function isMap(value: unknown): value is Map<unknown, unknown> {
  return Object.prototype.toString.call(value) === '[object Map]';
}

describe('compiled governance sent to a synth thread', () => {
  let compiled: CompiledGovernance;
  beforeAll(async () => {
    compiled = await compileGovernance(parseConfig(readFileSync(EXAMPLE, 'utf8'), EXAMPLE).governance);
  });

  test('arrives whole: targets, policies, account roles (a Map) and monitoring policies', () => {
    const received = compiledFromMainThread(compiledForThreads(compiled));
    expect(data(received)).toBe(data(compiled));
    expect(isMap(received.accountRoles)).toBe(true);
    expect(received.accountRoles.size).toBeGreaterThan(0);
  });

  test('keeps objects shared within it shared (a layer found by identity stays findable)', () => {
    const received = compiledFromMainThread(compiledForThreads(compiled));
    const sharedBefore = compiled.targets.filter((t, i) => t.target === compiled.governance.targets[i]).length;
    const sharedAfter = received.targets.filter((t, i) => t.target === received.governance.targets[i]).length;
    expect(sharedBefore).toBeGreaterThan(0);
    expect(sharedAfter).toBe(sharedBefore);
  });

  test('cannot locate config paths: messages about the config are made on the main thread', () => {
    const received = compiledFromMainThread(compiledForThreads(compiled));
    expect(compiled.governance.locate(['organization'])).toMatch(/governance\.yaml:\d+:\d+/);
    expect(() => received.governance.locate(['organization'])).toThrow(
      'a synth thread cannot locate organization in the config file: messages about the config are made on the main thread',
    );
    expect(() => received.governance.problemAt(['models'], { path: 'models', message: 'm' })).toThrow('a synth thread cannot locate models');
  });
});
