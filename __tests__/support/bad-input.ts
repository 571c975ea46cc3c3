import { readdirSync } from 'node:fs';
import type { AppRun } from './run-app';

/**
 * What the bad-input suites share: the shape of one expected problem, the problems as the app
 * prints them, and what every rejected config must look like on the outside.
 */

/** One problem the app must report, at `governance.yaml:<line>:<column> <path>: <message>`. */
export interface Expected {
  readonly line: number;
  /** Only where the column says something (a scalar value, a list item); any column otherwise. */
  readonly column?: number;
  /**
   * The dotted config path printed before the message; '' when the problem has none (YAML syntax,
   * compile errors); a pattern where it may name the mapping or the key (unknown keys).
   */
  readonly path: string | RegExp;
  /** Fragments the message must contain, in any order. */
  readonly says: readonly (string | RegExp)[];
}

/** The problems on stderr, as `line:column text`. */
export function reportedProblems(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((line) => /^\s+governance\.yaml:(\d+):(\d+) (.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, line, column, text]) => `${line}:${column} ${text}`);
}

/** `text` as a pattern that matches it literally. */
export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `line:column path: message` with every fragment somewhere in the message; for one of `reportedProblems`. */
export function problemPattern(expected: Expected): RegExp {
  const where = `${expected.line}:${expected.column ?? '\\d+'} `;
  const path = expected.path === '' ? '' : `${typeof expected.path === 'string' ? escape(expected.path) : expected.path.source}: `;
  const fragments = expected.says.map((s) => `(?=.*${typeof s === 'string' ? escape(s) : s.source})`).join('');
  return new RegExp(`^${where}${path}${fragments}`);
}

/**
 * The run rejected its config as a platform engineer should see it: no raw zod wording and no
 * stack trace (either means the message was not written for the reader), "nothing was written",
 * exit status 1, and nothing beside governance.yaml in the directory it ran in.
 */
export function expectRejected(run: AppRun): void {
  expect(run.stderr).not.toMatch(/Invalid (input|key|discriminator|option|union)|Too (big|small)|^\s+at /m);
  expect(run.stderr).toMatch(/nothing was written/);
  expect(run.status).toBe(1);
  expect(readdirSync(run.cwd)).toEqual(['governance.yaml']);
}
