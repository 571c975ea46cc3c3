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

/**
 * Every provider class imported by deep path anywhere in the project, with its resource folder:
 * `import { IamRole } from '@cdktf/provider-aws/lib/iam-role'` gives ['iam-role', 'IamRole'].
 * Type-only imports have nothing to load and are left out.
 */
const providerClassImports = [
  ...new Set(
    ['main.ts', ...['modules', 'stacks', 'cli', 'bench', '__tests__'].flatMap((d) => sources(join(ROOT, d)).map((p) => relative(ROOT, p)))].flatMap((file) =>
      [...readFileSync(join(ROOT, file), 'utf8').matchAll(/import (?!type )\{([^}]+)\} from '@cdktf\/provider-aws\/lib\/([a-z0-9-]+)'/g)].flatMap(([, names, folder]) =>
        names
          .split(',')
          .map((name) => name.trim())
          .filter((name) => name !== '' && !name.startsWith('type '))
          .map((name) => `${folder} ${name}`),
      ),
    ),
  ),
]
  .sort()
  .map((entry) => entry.split(' ') as [string, string]);

describe('imports', () => {
  test.each(productSources)('%s imports provider classes by deep path only', (file) => {
    // The barrel costs ~2 s and ~550 MiB per process; a deep-import app ~0.2 s and 65 MiB.
    expect(readFileSync(join(ROOT, file), 'utf8')).not.toMatch(/from ['"]@cdktf\/provider-aws['"]|require\(['"]@cdktf\/provider-aws['"]\)/);
  });

  test.each(productSources)('%s stays free of the AGPL simulator', (file) => {
    expect(readFileSync(join(ROOT, file), 'utf8')).not.toMatch(/@cloud-copilot\/iam-simulate/);
  });

  // Run on both runtimes (runtimes/cdktn/jest.config.js): @cdktn/provider-aws keeps the folder names and class names.
  test.each(providerClassImports)('@cdktf/provider-aws/lib/%s exports %s, the class of that Terraform type', async (folder, name) => {
    const loaded = (await import(`@cdktf/provider-aws/lib/${folder}`)) as Record<string, { tfResourceType?: string }>;
    expect(loaded[name]?.tfResourceType).toBe(folder === 'provider' ? 'aws' : `aws_${folder.replace(/-/g, '_')}`);
  });

  test('modules/policy knows nothing about cdktf', () => {
    for (const file of sources(join(ROOT, 'modules', 'policy'))) {
      expect(readFileSync(file, 'utf8')).not.toMatch(/from ['"](cdktf|constructs|@cdktf\/[^'"]+)['"]/);
    }
  });
});
