import { formatProblem, parseConfig } from '../../modules/config';

/**
 * Traps between the governance paths: valid rules that together do what the author probably did
 * not mean. Each warns, located at the rule that springs it; synth still runs.
 */

const ORGANIZATION = [
  /*  1 */ 'organization:',
  /*  2 */ '  managementAccount: "111111111111"',
  /*  3 */ '  root: r-ab12',
  /*  4 */ '  units:',
  /*  5 */ '    Sandbox: { id: ou-ab12-11111111 }',
  /*  6 */ '  accounts:',
  /*  7 */ '    sandbox-dev: { id: "222222222222", unit: Sandbox }',
  /*  8 */ 'breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]',
  /*  9 */ 'models:',
];

function warnings(...models: string[]): string[] {
  return parseConfig(`${[...ORGANIZATION, ...models].join('\n')}\n`, 'governance.yaml').warnings.map(formatProblem);
}

describe('a Bedrock allow-list where a Marketplace allow-list applies', () => {
  test('warns at the Bedrock allow-list, naming the Marketplace rule, when marketplaceModels is not kept open', () => {
    expect(
      warnings(
        /* 10 */ '  root:',
        /* 11 */ '    marketplace: { allow: ["meta-textgeneration-llama-3*"] }',
        /* 12 */ '  Sandbox:',
        /* 13 */ '    bedrock: { allow: ["amazon.nova-*"] }',
      ),
    ).toEqual([
      expect.stringMatching(/^governance\.yaml:13:\d+ models\.Sandbox\.bedrock\.allow: the Marketplace models that models\.root\.marketplace\.allow allows cannot be invoked through Bedrock .*alsoAllow: \[marketplaceModels\]/),
    ]);
  });

  test('the Marketplace allow-list below the Bedrock one springs it too', () => {
    expect(warnings('  root:', '    bedrock: { allow: ["amazon.nova-*"] }', '  sandbox-dev:', '    marketplace: { allow: ["huggingface-llm-mistral*"] }')).toEqual([
      expect.stringMatching(/^governance\.yaml:11:\d+ models\.root\.bedrock\.allow: the Marketplace models that models\.sandbox-dev\.marketplace\.allow allows/),
    ]);
  });

  test.each([
    ['alsoAllow keeps them open', ['  root:', '    bedrock: { allow: ["amazon.nova-*"], alsoAllow: [marketplaceModels] }', '    marketplace: { allow: ["meta-textgeneration-llama-3*"] }']],
    ['a Marketplace deny-list is no allow-list', ['  root:', '    bedrock: { allow: ["amazon.nova-*"] }', '    marketplace: { deny: ["deepseek*"] }']],
    ['layers on different branches never meet', ['  Sandbox:', '    bedrock: { allow: ["amazon.nova-*"] }', '  root:', '    customModelImport: { deny: true }']],
  ])('no warning when %s', (_name, models) => {
    expect(warnings(...models)).toEqual([]);
  });
});

describe('a Bedrock deny-list while Custom Model Import stays allowed', () => {
  test('warns at the deny-list', () => {
    expect(warnings('  Sandbox:', '    bedrock: { deny: ["deepseek.*"] }')).toEqual([
      expect.stringMatching(/^governance\.yaml:11:\d+ models\.Sandbox\.bedrock\.deny: Custom Model Import stays allowed at this layer: .*imported-model/),
    ]);
  });

  test.each([
    ['import is denied at the same layer', ['  Sandbox:', '    bedrock: { deny: ["deepseek.*"] }', '    customModelImport: { deny: true }']],
    ['import is denied above', ['  root: { customModelImport: { deny: true } }', '  Sandbox:', '    bedrock: { deny: ["deepseek.*"] }']],
    ['"deny: all" also denies imported models', ['  Sandbox:', '    bedrock: { deny: all }']],
  ])('no warning when %s', (_name, models) => {
    expect(warnings(...models)).toEqual([]);
  });

  test('import denied only below the deny-list does not cover the layer itself', () => {
    expect(warnings('  root:', '    bedrock: { deny: ["deepseek.*"] }', '  Sandbox: { customModelImport: { deny: true } }')).toEqual([
      expect.stringMatching(/models\.root\.bedrock\.deny: Custom Model Import stays allowed/),
    ]);
  });
});

describe('publicHub: block and Bedrock Marketplace discovery', () => {
  test('warns where Marketplace models are not denied outright', () => {
    expect(warnings('  root:', '    jumpstart: { publicHub: block }', '    customModelImport: { deny: true }')).toEqual([
      expect.stringMatching(/^governance\.yaml:11:\d+ models\.root\.jumpstart\.publicHub: also denies DescribeHubContent and ListHubContents .*Bedrock Marketplace/),
    ]);
  });

  test('no warning where Marketplace is denied anyway', () => {
    expect(warnings('  Sandbox:', '    jumpstart: { publicHub: block }', '    marketplace: { deny: all }')).toEqual([]);
  });
});
