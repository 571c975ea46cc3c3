import { progressOnStderr } from '../../../modules/progress';

/** A stream that records what is written, and a clock the test moves. */
function setup(isTTY: boolean, forced = false): { written: string[]; tick: (ms: number) => void; progress: ReturnType<typeof progressOnStderr> } {
  const written: string[] = [];
  let time = 0;
  const progress = progressOnStderr({ label: 'work', forced, stream: { isTTY, write: (text: string) => written.push(text) > 0 }, now: () => time });
  return { written, tick: (ms) => (time += ms), progress };
}

test('nothing when stderr is no terminal and progress was not asked for', () => {
  const { written, tick, progress } = setup(false);
  tick(10_000);
  progress.update(5, 10);
  progress.finish();
  expect(written).toEqual([]);
});

test('on a terminal: nothing for the first 2 s, then one rewritten line with counts and an estimate, ended by finish', () => {
  const { written, tick, progress } = setup(true);
  tick(1_000);
  progress.update(1, 10);
  expect(written).toEqual([]);
  tick(1_500);
  progress.update(5, 10);
  tick(100);
  progress.update(6, 10);
  expect(written).toEqual(['\rwork: 5 of 10 (50%), about 3 s left\u001b[K']);
  tick(200);
  progress.update(8, 10);
  progress.finish();
  expect(written.slice(1)).toEqual(['\rwork: 8 of 10 (80%), about 1 s left\u001b[K', '\n']);
});

test('asked for without a terminal (CI): a plain line every 2 s', () => {
  const { written, tick, progress } = setup(false, true);
  tick(2_000);
  progress.update(1_000, 4_000);
  tick(1_000);
  progress.update(2_000, 4_000);
  tick(1_000);
  progress.update(3_000, 4_000);
  progress.finish();
  expect(written).toEqual(['work: 1,000 of 4,000 (25%), about 6 s left\n', 'work: 3,000 of 4,000 (75%), about 2 s left\n']);
});

test('quick work shows nothing, even on a terminal', () => {
  const { written, tick, progress } = setup(true);
  tick(500);
  progress.update(10, 10);
  progress.finish();
  expect(written).toEqual([]);
});
