import fc from 'fast-check';
import { arnMatches } from '../../../cli/simulate';
import { globsOverlap } from '../../../modules/policy/glob-overlap';
import { coverModelIds } from '../../../modules/policy/model-id-cover';

const reaching = (kept: readonly string[]) => (glob: string) => kept.some((k) => globsOverlap(glob, k));

describe('coverModelIds', () => {
  test.each<[string, string[], string[], string[]]>([
    ['nothing kept: one glob for everything', ['a1', 'a2', 'b1'], [], ['*']],
    ['one kept id: the shortest prefixes around it', ['a2', 'b1', 'b2'], ['a1'], ['a2*', 'b*']],
    ['a denied id that prefixes a kept one: the exact id', ['ab', 'ac'], ['abc'], ['ab', 'ac*']],
    ['a kept prefix glob: everything beside it', ['meta-a', 'meta-b', 'xg'], ['meta-l*'], ['meta-a*', 'meta-b*', 'x*']],
    ['nothing denied: no glob', [], ['a*'], []],
  ])('%s', (_name, denied, kept, expected) => {
    expect(coverModelIds(denied, reaching(kept))).toEqual(expected);
  });

  const id = fc.stringMatching(/^[abc]{1,5}$/);
  const keptGlob = fc.oneof(id, id.map((s) => `${s}*`));

  test('every denied id is matched, and no glob reaches a kept one (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 30 }), fc.uniqueArray(keptGlob, { maxLength: 4 }), (ids, kept) => {
        const denied = ids.filter((i) => !kept.some((k) => arnMatches(k, i)));
        const globs = coverModelIds(denied, reaching(kept));
        for (const glob of globs) for (const k of kept) expect(globsOverlap(glob, k)).toBe(false);
        for (const d of denied) expect(globs.some((g) => arnMatches(g, d))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('is deterministic: the same ids in another order give the same globs', () => {
    const ids = ['pytorch-ic-a', 'tensorflow-od-b', 'huggingface-llm-c', 'huggingface-llm-d'];
    expect(coverModelIds([...ids].reverse(), reaching(['huggingface-llm-c']))).toEqual(coverModelIds(ids, reaching(['huggingface-llm-c'])));
  });
});
