import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runAppOn, type AppRun } from '../support/run-app';
import { synthInProcess } from '../support/synth-in-process';

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
  const run = async (text: string): Promise<AppRun> => {
    const result = await synthInProcess(text);
    runs.push(result);
    return result;
  };
  afterAll(() => {
    for (const r of runs) rmSync(r.cwd, { recursive: true, force: true });
  });

  test('a config with nothing doubtful prints no warning', async () => {
    const result = await run(yaml(...ORGANIZATION, BREAK_GLASS, ...SANDBOX_RULES));
    expect(result.status).toBe(0);
    expect(warningsOf(result)).toEqual([]);
  });

  test('rules on the management account warn that SCPs never restrict it, and synth still writes the output', async () => {
    const result = await run(
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

  test('"breakGlass: none" warns that nobody is exempted, and synth still writes the output (the compiled app)', () => {
    const result = runAppOn(yaml(...ORGANIZATION, /* 8 */ 'breakGlass: none', ...SANDBOX_RULES));
    runs.push(result);
    expect(warningsOf(result)).toEqual([
      expect.stringMatching(/^governance\.yaml:8:13 breakGlass: (?=.*no break-glass principal)(?=.*nobody is exempted)(?=.*platform team)/),
    ]);
    expect(result.status).toBe(0);
    expect(existsSync(join(result.outdir, 'stacks', 'ou-sandbox', 'cdk.tf.json'))).toBe(true);
  });

  test('both warnings at once are both printed, each at its own line', async () => {
    const result = await run(
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

  describe('model selectors, against the snapshot of known model ids', () => {
    const withRules = (...rules: string[]): string => yaml(...ORGANIZATION, BREAK_GLASS, /* 9 */ 'models:', /* 10 */ '  Sandbox:', ...rules);

    test.each([
      ['capital letters', '"Anthropic.Claude*"', /"Anthropic\.Claude\*" has capital letters: Bedrock model ids are lower case and ARN matching is case-sensitive, so it allows nothing .*write "anthropic\.claude\*"/],
      ['a near miss', '"anthropic.cluade-3-5-sonnet*"', /"anthropic\.cluade-3-5-sonnet\*" matches no known Bedrock model id, so it allows nothing .*did you mean "anthropic\.claude-3-5-sonnet\*"\?/],
      ['a number read as text', '"1.8e308"', /"1\.8e308" matches none of the \d+ Bedrock model ids in the snapshot of \d{4}-\d{2}-\d{2} shipped with modelgate; unless it names a newer model, it allows nothing.*modelgate discover --models/],
    ])('%s warns at the selector, and synth still writes the output', async (_kind, glob, says) => {
      const result = await run(withRules(/* 11 */ '    bedrock:', /* 12 */ `      allow: [${glob}]`));
      expect(warningsOf(result)).toEqual([expect.stringMatching(new RegExp(`^governance\\.yaml:12:15 models\\.Sandbox\\.bedrock\\.allow\\[0\\]: ${says.source}`))]);
      expect(result.status).toBe(0);
      expect(existsSync(join(result.outdir, 'stacks', 'ou-sandbox', 'cdk.tf.json'))).toBe(true);
    });

    test('a selector one version number away from a known model is not taken for a typo of it', async () => {
      const result = await run(withRules('    bedrock:', '      deny: ["meta.llama5-70b*"]', '    customModelImport: { deny: true }'));
      expect(warningsOf(result)).toEqual([expect.stringMatching(/^governance\.yaml:12:14 models\.Sandbox\.bedrock\.deny\[0\]: "meta\.llama5-70b\*" matches none of the \d+ Bedrock model ids/)]);
      expect(result.stderr).not.toMatch(/did you mean/);
    });

    test('a deny selector with a typo says that it denies nothing', async () => {
      const result = await run(withRules('    bedrock:', '      deny: ["deepsek.*"]', '    customModelImport: { deny: true }'));
      expect(warningsOf(result)).toEqual([expect.stringMatching(/^governance\.yaml:12:14 models\.Sandbox\.bedrock\.deny\[0\]: "deepsek\.\*" matches no known Bedrock model id, so it denies nothing; did you mean "deepseek\.\*"\?/)]);
    });

    test('JumpStart ids of a hub are checked against the public hub names: case and near misses', async () => {
      const result = await run(
        yaml(
          ...ORGANIZATION,
          BREAK_GLASS,
          /*  9 */ 'jumpstartHubs:',
          /* 10 */ '  curated:',
          /* 11 */ '    account: sandbox-dev',
          /* 12 */ '    description: Approved models',
          /* 13 */ '    models: [{ id: huggingface-llm-mistral-7b-instrcut }, { id: Meta-Textgeneration-Llama-3-8b }, { id: some-newer-model }]',
        ),
      );
      expect(warningsOf(result)).toEqual([
        expect.stringMatching(/^governance\.yaml:13:20 jumpstartHubs\.curated\.models\[0\]\.id: .*did you mean "huggingface-llm-mistral-7b-instruct"\?/),
        expect.stringMatching(/^governance\.yaml:13:65 jumpstartHubs\.curated\.models\[1\]\.id: "Meta-Textgeneration-Llama-3-8b" has capital letters/),
      ]);
    });
  });

  test('an allow-list and a deny-list sharing models on one layer: a warning at the deny', async () => {
    const result = await run(
      yaml(...ORGANIZATION, BREAK_GLASS, 'models:', '  Sandbox:', '    bedrock:', /* 12 */ '      allow: ["amazon.nova-*", "anthropic.claude-3-5-sonnet*"]', /* 13 */ '      deny: ["meta.llama3-*", "amazon.nova-pro*"]', '    customModelImport: { deny: true }'),
    );
    expect(warningsOf(result)).toEqual([
      expect.stringMatching(/^governance\.yaml:13:31 models\.Sandbox\.bedrock\.deny\[1\]: "amazon\.nova-pro\*" is denied and "amazon\.nova-\*" allowed on the same layer: a model matching both is denied here, since a deny wins/),
    ]);
    expect(result.status).toBe(0);
  });

  describe('"breakGlass: none" with an allow-list at the root', () => {
    const rootAllowList = (...extra: string[]): string =>
      yaml(...ORGANIZATION, /* 8 */ 'breakGlass: none', ...extra, 'models:', '  root:', '    bedrock:', '      allow: ["anthropic.claude-3-5-sonnet*"]');

    test('is refused, located at breakGlass, naming the acknowledgement to write; nothing is written', async () => {
      const result = await run(rootAllowList());
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        /^ {2}governance\.yaml:8:13 breakGlass: "breakGlass: none" with an allow-list at the root \(models\.root\.bedrock\.allow\) denies every other model to everyone .*acknowledgements: \{ rootAllowListWithoutBreakGlass: "<who approved it, when and why>" \}$/m,
      );
      expect(existsSync(result.outdir)).toBe(false);
    });

    test('is synthesized once acknowledged in writing; the acknowledgement must say something', async () => {
      const acknowledged = await run(rootAllowList(/* 9 */ 'acknowledgements: { rootAllowListWithoutBreakGlass: "Approved by the CISO on 2026-11-30 for the regulated estate" }'));
      expect(acknowledged.status).toBe(0);
      expect(warningsOf(acknowledged)).toEqual([expect.stringMatching(/^governance\.yaml:8:13 breakGlass: no break-glass principal/)]);

      const empty = await run(rootAllowList('acknowledgements: { rootAllowListWithoutBreakGlass: "ok" }'));
      expect(empty.status).toBe(1);
      expect(empty.stderr).toMatch(/governance\.yaml:9:53 acknowledgements\.rootAllowListWithoutBreakGlass: expected a sentence of at least 20 characters saying who approved this and why; found "ok"/);
    });

    test('an acknowledgement with nothing to acknowledge is a warning', async () => {
      const result = await run(
        yaml(...ORGANIZATION, BREAK_GLASS, /* 9 */ 'acknowledgements:', /* 10 */ '  rootAllowListWithoutBreakGlass: Approved by the CISO on 2026-11-30', ...SANDBOX_RULES),
      );
      expect(warningsOf(result)).toEqual([expect.stringMatching(/^governance\.yaml:10:3 acknowledgements\.rootAllowListWithoutBreakGlass: nothing to acknowledge/)]);
      expect(result.status).toBe(0);
    });
  });

  describe('audit stores', () => {
    const withMonitoring = (...lines: string[]): string =>
      yaml(/* 1 */ 'organization:', /* 2 */ '  id: o-a1b2c3d4e5', ...ORGANIZATION.slice(1), /* 9 */ BREAK_GLASS, /* 10 */ 'monitoring:', /* 11 */ '  auditAccount: sandbox-dev', ...lines);

    test('the organization trail alone warns of nothing', async () => {
      const result = await run(withMonitoring(/* 12 */ '  auditTrail: {}'));
      expect(result.status).toBe(0);
      expect(warningsOf(result)).toEqual([]);
    });

    test('a CloudTrail Lake store warns that Lake takes no new customers, until acknowledged in writing', async () => {
      const warned = await run(withMonitoring(/* 12 */ '  eventDataStore: {}'));
      expect(warned.status).toBe(0);
      expect(warningsOf(warned)).toEqual([
        expect.stringMatching(/^governance\.yaml:12:3 monitoring\.eventDataStore: CloudTrail Lake takes no new customers since May 31, 2026: .*monitoring\.auditTrail .*existingCloudTrailLake/),
      ]);
      const acknowledged = await run(withMonitoring('  eventDataStore: {}', 'acknowledgements: { existingCloudTrailLake: "Lake in use since 2024, checked by the platform team on 2026-11-30" }'));
      expect(acknowledged.status).toBe(0);
      expect(warningsOf(acknowledged)).toEqual([]);
    });

    test('object lock warns that it cannot be turned off, until acknowledged; an acknowledgement with nothing to acknowledge is a warning', async () => {
      const warned = await run(withMonitoring(/* 12 */ '  auditTrail:', /* 13 */ '    objectLock: { mode: compliance, retentionDays: 30 }'));
      expect(warningsOf(warned)).toEqual([expect.stringMatching(/^governance\.yaml:13:5 monitoring\.auditTrail\.objectLock: S3 Object Lock cannot be turned off .*compliance mode nobody.*30 days.*auditTrailObjectLock/)]);
      const acknowledged = await run(
        withMonitoring('  auditTrail:', '    objectLock: { mode: compliance, retentionDays: 30 }', 'acknowledgements: { auditTrailObjectLock: "Required by the records policy, approved by the CISO on 2026-11-30" }'),
      );
      expect(warningsOf(acknowledged)).toEqual([]);
      const nothing = await run(withMonitoring(/* 12 */ '  auditTrail: {}', /* 13 */ 'acknowledgements:', /* 14 */ '  existingCloudTrailLake: Lake in use since 2024, checked on 2026-11-30'));
      expect(warningsOf(nothing)).toEqual([expect.stringMatching(/^governance\.yaml:14:3 acknowledgements\.existingCloudTrailLake: nothing to acknowledge/)]);
    });
  });
});
