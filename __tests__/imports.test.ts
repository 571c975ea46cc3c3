import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const productSources = ['main.ts', ...['modules', 'stacks'].flatMap((d) => sources(join(ROOT, d)).map((p) => relative(ROOT, p)))];

describe('imports', () => {
  test.each(productSources)('%s imports provider classes by deep path only', (file) => {
    // The barrel costs ~2 s and ~550 MiB per process; a deep-import app ~0.2 s and 65 MiB.
    expect(readFileSync(join(ROOT, file), 'utf8')).not.toMatch(/from ['"]@cdktf\/provider-aws['"]|require\(['"]@cdktf\/provider-aws['"]\)/);
  });

  test.each(productSources)('%s stays free of the AGPL simulator', (file) => {
    expect(readFileSync(join(ROOT, file), 'utf8')).not.toMatch(/@cloud-copilot\/iam-simulate/);
  });

  test('modules/policy knows nothing about cdktf', () => {
    for (const file of sources(join(ROOT, 'modules', 'policy'))) {
      expect(readFileSync(file, 'utf8')).not.toMatch(/from ['"](cdktf|constructs|@cdktf\/[^'"]+)['"]/);
    }
  });
});
