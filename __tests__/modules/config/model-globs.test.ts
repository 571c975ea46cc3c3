import { globCovers, globsIntersect } from '../../../modules/config';

describe('globCovers: every id the inner glob matches, the outer one matches too', () => {
  test.each([
    ['anthropic.claude-3-5-sonnet*', 'anthropic.claude-3-5-sonnet-20240620-v1:0', true],
    ['anthropic.claude-3-5-sonnet*', 'anthropic.claude-3-5-sonnet*', true],
    ['anthropic.claude-3-5-sonnet*', 'anthropic.claude-3-5-sonnet-2024*', true],
    ['anthropic.*', 'anthropic.claude-3-5-sonnet*', true],
    ['*', 'amazon.nova-*', true],
    ['anthropic.claude-3-5-sonnet*', 'anthropic.*', false],
    ['anthropic.claude-3-5-sonnet*', 'anthropic.claude-3-haiku*', false],
    ['amazon.nova-?ro*', 'amazon.nova-pro-v1:0', true],
    ['amazon.nova-pro*', 'amazon.nova-?ro*', false],
    ['amazon.nova-?ro*', 'amazon.nova-?ro-v1*', true],
    // A `*` in the inner glob may match nothing or much: only a `*` of the outer one absorbs it.
    ['anthropic.claude-?', 'anthropic.claude-*', false],
    ['meta.llama3*-v1:0', 'meta.llama3-70b*-v1:0', true],
    ['meta.llama3*-v1:0', 'meta.llama3-70b*', false],
    ['deepseek.r1-v1:0', 'deepseek.r1-v1:0', true],
    ['deepseek.r1-v1:0', 'deepseek.r1-v1:1', false],
  ])('%s covers %s: %s', (outer, inner, expected) => {
    expect(globCovers(outer, inner)).toBe(expected);
  });
});

describe('globsIntersect: some id matches both globs', () => {
  test.each([
    ['deepseek.*', 'anthropic.*', false],
    ['deepseek.*', 'deepseek.r1-v1:0', true],
    ['deepseek.*', '*', true],
    ['*.r1-*', 'deepseek.*', true],
    ['anthropic.claude-3-5-sonnet*', 'anthropic.claude-3-haiku*', false],
    ['anthropic.claude-3-?-sonnet*', 'anthropic.claude-3-5*', true],
    ['a?c', 'abd', false],
    ['a*c', 'ab*', true],
    ['', '*', true],
    ['x', '', false],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(globsIntersect(a, b)).toBe(expected);
    expect(globsIntersect(b, a)).toBe(expected);
  });
});

describe('the two relations agree', () => {
  const globs = ['anthropic.*', 'anthropic.claude-3-5-sonnet*', 'amazon.nova-?ro*', '*', 'deepseek.r1-v1:0', 'meta.llama3*-v1:0'];
  // Written out by hand: every glob covers itself, "*" covers every glob, and "anthropic.*" covers the Claude glob; nothing else.
  const COVERS = new Set([...globs.map((g) => `${g} > ${g}`), ...globs.map((g) => `* > ${g}`), 'anthropic.* > anthropic.claude-3-5-sonnet*']);
  // Two of these globs share a model id exactly when one covers the other (the vendors differ otherwise).
  const intersect = (a: string, b: string): boolean => COVERS.has(`${a} > ${b}`) || COVERS.has(`${b} > ${a}`);
  test.each(globs.flatMap((a) => globs.map((b) => [a, b, COVERS.has(`${a} > ${b}`), intersect(a, b)] as const)))(
    '%s and %s: covers %s, intersect %s; covering implies intersecting',
    (a, b, covers, intersects) => {
      expect(globCovers(a, b)).toBe(covers);
      expect(globsIntersect(a, b)).toBe(intersects);
    },
  );
});
