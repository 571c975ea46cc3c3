import { join } from 'node:path';
import { runValidate } from '../../cli/commands/validate';
import type { Progress } from '../../modules/progress';
import { PROJECT_ROOT } from '../support/run-app';

/**
 * `modelgate validate` tells its progress how many targets are compiled, ends on all of them, and
 * prints the same thing with progress as without (progress goes to stderr, and only from ~2 s on).
 */
const EXAMPLE = join(PROJECT_ROOT, 'examples', 'governance.yaml');

function recorder(): { progress: Progress; updates: [number, number][]; finished: () => number } {
  const updates: [number, number][] = [];
  let finishes = 0;
  return { progress: { update: (done, total) => updates.push([done, total]), finish: () => (finishes += 1) }, updates, finished: () => finishes };
}

async function validate(progress?: Progress): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runValidate(
    { config: EXAMPLE, format: 'json', strict: false, ...(progress ? { progress } : {}) },
    { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
  );
  return { code, stdout, stderr };
}

test('progress counts the targets up to all of them, then finishes once', async () => {
  const { progress, updates, finished } = recorder();
  const { stdout } = await validate(progress);
  const targets = (JSON.parse(stdout) as { targets: unknown[] }).targets.length;
  expect(targets).toBeGreaterThan(1);
  expect(updates.map(([done]) => done)).toEqual([...Array(targets + 1).keys()]);
  expect(new Set(updates.map(([, total]) => total))).toEqual(new Set([targets]));
  expect(finished()).toBe(1);
});

test('the output is the same with progress as without', async () => {
  expect(await validate(recorder().progress)).toEqual(await validate());
});
