import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runAppOn, type AppRun } from '../support/run-app';

/**
 * Configs that are valid but probably not what the author meant: the app says so on stderr with a
 * location, and still synthesizes (a warning must never block a pipeline).
 */

const ORGANIZATION = [
  /*  1 */ 'organization:',
  /*  2 */ '  managementAccount: "111111111111"',
  /*  3 */ '  root: r-ab12',
  /*  4 */ '  units:',
  /*  5 */ '    Sandbox: { id: ou-ab12-11111111 }',
  /*  6 */ '  accounts:',
  /*  7 */ '    sandbox-dev: { id: "222222222222", unit: Sandbox }',
];
const BREAK_GLASS = /*  8 */ 'breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]';
const SANDBOX_RULES = [
  /*  9 */ 'models:',
  /* 10 */ '  Sandbox:',
  /* 11 */ '    bedrock:',
  /* 12 */ '      allow: ["anthropic.claude-3-5-sonnet*"]',
];

function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** The `warning: governance.yaml:...` lines, without the prefix. */
function warningsOf(run: AppRun): string[] {
  return run.stderr
    .split('\n')
    .filter((line) => line.startsWith('warning: '))
    .map((line) => line.slice('warning: '.length));
}

describe('warnings on governance.yaml', () => {
  const runs: AppRun[] = [];
  const run = (text: string): AppRun => {
    const result = runAppOn(text);
    runs.push(result);
    return result;
  };
  afterAll(() => {
    for (const r of runs) rmSync(r.cwd, { recursive: true, force: true });
  });

  test('a config with nothing doubtful prints no warning', () => {
    const result = run(yaml(...ORGANIZATION, BREAK_GLASS, ...SANDBOX_RULES));
    expect(result.status).toBe(0);
    expect(warningsOf(result)).toEqual([]);
  });

  test('rules on the management account warn that SCPs never restrict it, and synth still writes the output', () => {
    const result = run(
      yaml(
        ...ORGANIZATION,
        /*  8 */ '    management: { id: "111111111111" }',
        /*  9 */ BREAK_GLASS,
        /* 10 */ 'models:',
        /* 11 */ '  management:',
        /* 12 */ '    bedrock:',
        /* 13 */ '      deny: all',
      ),
    );
    expect(warningsOf(result)).toEqual([
      expect.stringMatching(/^governance\.yaml:12:5 models\.management: (?=.*management account)(?=.*SCPs never restrict it)(?=.*no effect)(?=.*IAM policies)/),
    ]);
    expect(result.stderr).not.toMatch(/problem|nothing was written/);
    expect(result.status).toBe(0);
    expect(existsSync(join(result.outdir, 'stacks', 'root', 'cdk.tf.json'))).toBe(true);
  });

  test('"breakGlass: none" warns that nobody is exempted, and synth still writes the output', () => {
    const result = run(yaml(...ORGANIZATION, /* 8 */ 'breakGlass: none', ...SANDBOX_RULES));
    expect(warningsOf(result)).toEqual([
      expect.stringMatching(/^governance\.yaml:8:13 breakGlass: (?=.*no break-glass principal)(?=.*nobody is exempted)(?=.*platform team)/),
    ]);
    expect(result.status).toBe(0);
    expect(existsSync(join(result.outdir, 'stacks', 'ou-sandbox', 'cdk.tf.json'))).toBe(true);
  });

  test('both warnings at once are both printed, each at its own line', () => {
    const result = run(
      yaml(
        ...ORGANIZATION,
        /*  8 */ '    management: { id: "111111111111" }',
        /*  9 */ 'breakGlass: none',
        /* 10 */ 'models:',
        /* 11 */ '  management:',
        /* 12 */ '    bedrock:',
        /* 13 */ '      deny: all',
      ),
    );
    expect(warningsOf(result)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^governance\.yaml:9:13 breakGlass: /), expect.stringMatching(/^governance\.yaml:12:5 models\.management: /)]),
    );
    expect(warningsOf(result)).toHaveLength(2);
    expect(result.status).toBe(0);
  });
});
