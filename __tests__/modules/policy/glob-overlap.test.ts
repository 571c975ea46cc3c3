import fc from 'fast-check';
import { arnMatches } from '../../../cli/simulate';
import { globsOverlap } from '../../../modules/policy/glob-overlap';

describe('globsOverlap', () => {
  test.each<[string, string, boolean]>([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['ab*', 'abc', true],
    ['ab*', 'a', false],
    ['a*', 'b*', false],
    ['a*', '*b', true],
    ['*x*', '*y*', true],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['meta-textgeneration-llama*', 'meta-textgeneration-l*', true],
    ['meta-textgeneration-llama*', 'meta-textgenerationneuron*', false],
    ['huggingface-llm-mistral-7b-instruct-*', 'huggingface-llm-mistral-7b-instruct', false],
    ['p*', 'prepack-meta-textgeneration-llama-3-8b', true],
    ['py*', 'prepack-meta-textgeneration-llama-3-8b', false],
    ['*', '', true],
    ['?', '', false],
    ['babbb*', '*aaaa', true],
  ])('%s and %s -> %s', (a, b, expected) => {
    expect(globsOverlap(a, b)).toBe(expected);
    expect(globsOverlap(b, a)).toBe(expected);
  });

  // Over a two-letter alphabet every string up to a bounded length can be tried: two globs overlap
  // exactly when some such string matches both, and a common string can always be shortened to one
  // no longer than the two globs' characters other than stars together: 10 here ("babbb*" and
  // "*aaaa" share only "babbbaaaa" and longer strings).
  const glob = fc.stringMatching(/^[ab*?]{0,5}$/);
  const candidates = [''];
  for (let from = 0; candidates[from] !== undefined && (candidates[from] ?? '').length < 10; from++) {
    candidates.push(`${candidates[from]}a`, `${candidates[from]}b`);
  }

  // Plain text, and plain text with one final star, take a shorter way (model ids and the prefixes
  // of the model-id cover): they are drawn on purpose here, against any glob.
  const simple = fc.oneof(fc.stringMatching(/^[ab]{0,5}$/), fc.stringMatching(/^[ab]{0,5}\*$/));

  test('takes the shorter way for plain text and a plain prefix, agreeing with trying every short string (property)', () => {
    fc.assert(
      fc.property(simple, glob, (a, b) => {
        const byTrying = candidates.some((s) => arnMatches(a, s) && arnMatches(b, s));
        expect(globsOverlap(a, b)).toBe(byTrying);
        expect(globsOverlap(b, a)).toBe(byTrying);
      }),
      { numRuns: 1000 },
    );
  });

  test('agrees with trying every short string (property)', () => {
    fc.assert(
      fc.property(glob, glob, (a, b) => {
        const byTrying = candidates.some((s) => arnMatches(a, s) && arnMatches(b, s));
        expect(globsOverlap(a, b)).toBe(byTrying);
      }),
      { numRuns: 500 },
    );
  });
});
