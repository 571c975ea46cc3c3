import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The version in modelgate's package.json. The file is looked up from this module's folder
 * upwards, because it sits one level higher in the compiled dist/cli than in the sources.
 */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'modelgate' && pkg.version) return pkg.version;
    }
    if (dirname(dir) === dir) throw new Error(`modelgate's package.json was not found above ${__dirname}`);
  }
}
