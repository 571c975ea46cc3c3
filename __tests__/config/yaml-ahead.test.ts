import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { parseConfig, parseYamlAhead, type LoadedConfig } from '../../modules/config';
import { PROJECT_ROOT } from '../support/run-app';

/**
 * synth's main thread parses the config's YAML ahead (parseYamlAhead) and sends it to the compile
 * thread, which checks it: every check must end exactly as when the compile thread parses the text
 * itself, whatever the text, hostile ones included.
 */

const FILE = 'governance.yaml';
const example = readFileSync(join(PROJECT_ROOT, 'examples', 'governance.yaml'), 'utf8');

/** The example with line `n` (1-based, as in the file) replaced by `lines`. */
function exampleWith(n: number, ...lines: string[]): string {
  const all = example.split('\n');
  return [...all.slice(0, n - 1), ...lines, ...all.slice(n)].join('\n');
}

const unitsLine = example.split('\n').findIndex((line) => line.startsWith('  units:')) + 1;
const modelsLine = example.split('\n').findIndex((line) => line.startsWith('models:')) + 1;

/** What parseConfig ends with, as bytes and text: the resolved governance without its two locating functions, and the warnings; or the error. */
function outcome(run: () => LoadedConfig): string {
  try {
    const { governance, warnings } = run();
    const { locate: _locate, problemAt: _problemAt, ...data } = governance;
    return `${Buffer.from(serialize({ data, warnings })).toString('base64')}`;
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

/** parseConfig with the YAML parsed ahead and passed as between threads (a structured clone). */
function withAhead(text: string): string {
  const ahead = parseYamlAhead(Buffer.from(text), FILE);
  return outcome(() => parseConfig(text, FILE, undefined, ahead && structuredClone(ahead)));
}

const texts: readonly [string, string][] = [
  ['the example', example],
  ['a config with a warning (a deny-list with a typo)', `${example}\n`.replace(/^models:\n/m, 'models:\n  shared-services:\n    bedrock: { deny: ["deepsek.*"] }\n')],
  ['aliases shared between two places', exampleWith(modelsLine, 'x-rules: &rules { bedrock: { deny: ["deepseek.*"] } }', 'models:')],
  ['an OU that contains itself through an alias', exampleWith(unitsLine + 1, '    Sandbox: &s { id: ou-ab12-11111111, units: { Inner: *s } }')],
  ['rules under models.__proto__', exampleWith(modelsLine, 'models:', '  __proto__:', '    bedrock: { deny: ["deepseek.*"] }')],
  ['a key named constructor', exampleWith(modelsLine, 'models:', '  constructor:', '    bedrock: { deny: ["deepseek.*"] }')],
  ['numbers YAML writes as words (.inf, .nan, -0)', exampleWith(modelsLine, 'x-numbers: [.inf, -.inf, .nan, -0, 0x1f, 1e3]', 'models:')],
  ['a duplicated key (not YAML js-yaml accepts)', exampleWith(modelsLine, 'models:', 'models:')],
  ['an unclosed flow sequence', exampleWith(modelsLine, 'x-open: [a, b', 'models:')],
  ['a byte order mark', `\uFEFF${example}`],
  ['an empty file', ''],
  ['a list instead of a mapping', '- a\n- b\n'],
  ['text that hides itself (a bidirectional override)', exampleWith(modelsLine, '# \u202E hidden', 'models:')],
];

describe('the YAML parsed ahead', () => {
  test.each(texts)('%s: the checks end as when the text is parsed where it is checked', (_name, text) => {
    const here = outcome(() => parseConfig(text, FILE));
    expect(withAhead(text)).toBe(here);
  });

  test('the cases cover valid configs, rejected ones, and YAML js-yaml refuses', () => {
    const valid = texts.filter(([, text]) => !outcome(() => parseConfig(text, FILE)).startsWith('ConfigError: '));
    expect(valid.map(([name]) => name)).toEqual(['the example', 'a config with a warning (a deny-list with a typo)']);
    const notParsed = texts.filter(([, text]) => parseYamlAhead(Buffer.from(text), FILE) === undefined);
    expect(notParsed.map(([name]) => name)).toEqual(['a duplicated key (not YAML js-yaml accepts)', 'an unclosed flow sequence']);
  });

  test('bytes that are not UTF-8 are left for the checks to locate', () => {
    expect(parseYamlAhead(Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]), FILE)).toBeUndefined();
  });

  test('the check can fail: YAML parsed from other text ends differently', () => {
    const ahead = parseYamlAhead(Buffer.from(example.replace('role/OrgBreakGlass', 'role/OtherBreakGlass')), FILE);
    expect(outcome(() => parseConfig(example, FILE, undefined, ahead))).not.toBe(outcome(() => parseConfig(example, FILE)));
  });
});
