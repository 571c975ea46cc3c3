import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runValidate } from '../../cli/commands/validate';
import { validationAnnotations, validationSarif } from '../../cli/validate';

const EXAMPLE_TEXT = readFileSync(join(__dirname, '..', '..', 'examples', 'governance.yaml'), 'utf8');

/** The example with an unknown unit on prod-app and a warning-only rule: one error, located, plus the example's warnings. */
function brokenConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-sarif-'));
  const file = join(dir, 'governance.yaml');
  writeFileSync(file, EXAMPLE_TEXT.replace('unit: Workloads/Prod', 'unit: Workloads/Nope'));
  return file;
}

async function validateAs(file: string, format: 'sarif' | 'github'): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await runValidate({ config: file, format, strict: false }, { stdout: (text) => (stdout += text), stderr: () => undefined });
  return { code, stdout };
}

describe('validate for CI', () => {
  test('--format sarif: SARIF 2.1.0, one located result per problem, exit code as in text', async () => {
    const file = brokenConfig();
    expect(readFileSync(file, 'utf8')).toContain('unit: Workloads/Nope');
    const { code, stdout } = await validateAs(file, 'sarif');
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout) as { version: string; runs: { tool: { driver: { name: string } }; results: Record<string, unknown>[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.tool.driver.name).toBe('modelgate');
    const line = EXAMPLE_TEXT.split('\n').findIndex((l) => l.includes('unit: Workloads/Prod')) + 1;
    expect(sarif.runs[0]?.results).toContainEqual({
      ruleId: 'modelgate/config-error',
      level: 'error',
      message: { text: expect.stringMatching(/^organization\.accounts\.prod-app\.unit: unknown unit "Workloads\/Nope"/) },
      locations: [{ physicalLocation: { artifactLocation: { uri: expect.stringMatching(/governance\.yaml$/) }, region: { startLine: line, startColumn: expect.any(Number) } } }],
    });
  });

  test('--format github: workflow commands with file, line and column, text escaped', async () => {
    const { code, stdout } = await validateAs(brokenConfig(), 'github');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^::error file=[^,]*governance\.yaml,line=\d+,col=\d+,title=modelgate organization\.accounts\.prod-app\.unit::unknown unit "Workloads\/Nope"/m);
  });

  test('paths are relative to the working folder; newlines, colons and commas cannot end a command early', () => {
    const report = {
      config: '/repo/governance.yaml',
      errors: [{ file: '/repo/org/governance.yaml', line: 3, column: 5, path: 'models.a,b', message: 'first\nsecond: 100%' }],
      warnings: [],
      targets: [],
      auditStores: [],
    };
    expect(validationAnnotations(report, '/repo')).toBe('::error file=org/governance.yaml,line=3,col=5,title=modelgate models.a%2Cb::first%0Asecond: 100%25\n');
    expect(JSON.parse(validationSarif(report, '/repo')).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('org/governance.yaml');
  });

  test('a valid config: warnings only', async () => {
    const example = join(__dirname, '..', '..', 'examples', 'governance.yaml');
    const sarif = JSON.parse((await validateAs(example, 'sarif')).stdout) as { runs: { results: { level: string }[] }[] };
    expect(sarif.runs[0]?.results.every((r) => r.level === 'warning')).toBe(true);
  });
});
