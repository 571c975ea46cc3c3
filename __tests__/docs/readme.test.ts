import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { loadConfigFile } from '../../modules/config';
import { compileGovernance } from '../../modules/policy';

const ROOT = resolve(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const EXAMPLES = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml'));

/** The body of the first fenced block of `lang` after `heading` in `markdown`. */
function blockAfter(markdown: string, heading: string, lang: string): string {
  const from = markdown.indexOf(heading);
  expect(from).toBeGreaterThanOrEqual(0);
  const match = new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```', 'm').exec(markdown.slice(from));
  if (match?.[1] === undefined) throw new Error(`no ${lang} block after ${heading}`);
  return match[1];
}

/** The path a `# yaml-language-server: $schema=` first line names, resolved from the file's folder. */
function schemaOf(yaml: string, folder: string): string {
  const path = /^# yaml-language-server: \$schema=(\S+)\n/.exec(yaml)?.[1];
  if (path === undefined) throw new Error(`no $schema first line in ${yaml.slice(0, 80)}`);
  return resolve(folder, path);
}

/** The README's copy command, `sed '<expression>' examples/governance.yaml > governance.yaml`. */
const COPY = /^ *sed '([^']+)' examples\/governance\.yaml > governance\.yaml$/m;

describe('README quick start', () => {
  test('keeps the two commands: install and synthesize the example, then test', () => {
    expect(blockAfter(README, '## Quick start', 'sh')).toMatch(/^npm ci && npm run synth +#.*\nnpm test +#/);
  });

  test('shows what validate prints for the example today (characters and slots per target)', () => {
    const shown = blockAfter(README, '## Quick start', 'console').split('\n').slice(1).join('\n');
    const printed = execFileSync(process.execPath, ['dist/cli/main.js', 'validate', 'examples/governance.yaml'], { cwd: ROOT, encoding: 'utf8' });
    expect(shown).toBe(printed);
    expect(readFileSync(join(ROOT, 'docs', 'command-line.md'), 'utf8')).toContain(printed);
  });

  test('its small governance.yaml loads without warnings and compiles', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'modelgate-readme-'));
    writeFileSync(join(folder, 'governance.yaml'), blockAfter(README, '## A small governance.yaml', 'yaml'));
    const { governance, warnings } = loadConfigFile(join(folder, 'governance.yaml'));
    expect(warnings).toEqual([]);
    const compiled = await compileGovernance(governance);
    expect(compiled.targets.filter((compiled) => compiled.policies.length > 0).map((compiled) => compiled.target.layer)).toEqual(['root', 'Sandbox', 'Workloads/Prod']);
  });
});

describe('the $schema line of the examples', () => {
  test.each(EXAMPLES)('examples/%s names the schema from examples/', (example) => {
    const yaml = readFileSync(join(ROOT, 'examples', example), 'utf8');
    expect(existsSync(schemaOf(yaml, join(ROOT, 'examples')))).toBe(true);
    expect(schemaOf(yaml, join(ROOT, 'examples'))).toBe(join(ROOT, 'governance.schema.json'));
  });

  test.each(EXAMPLES)('the copy command of the README makes examples/%s name the schema from the project root, changing nothing else', (example) => {
    const expression = COPY.exec(README)?.[1];
    if (expression === undefined) throw new Error('the README has no copy command');
    const source = join(ROOT, 'examples', example);
    const copy = execFileSync('sed', [expression, source], { encoding: 'utf8' });
    expect(schemaOf(copy, ROOT)).toBe(join(ROOT, 'governance.schema.json'));
    expect(copy.split('\n').slice(1)).toEqual(readFileSync(source, 'utf8').split('\n').slice(1));
  });

  test('docs/configuration.md gives the same copy command', () => {
    expect(readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8')).toContain(`sed '${COPY.exec(README)?.[1]}' examples/governance.yaml > governance.yaml`);
    expect(dirname(join(ROOT, 'governance.schema.json'))).toBe(ROOT);
  });
});
