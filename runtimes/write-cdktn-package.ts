import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CDKTN_PACKAGE_DIR, cdktnPackageJson, type PackageJson } from './cdktn-package';

/**
 * Writes runtimes/cdktn/package.json from package.json. Run from the project root by
 * runtimes/cdktn/update, which then refreshes the lock file beside it.
 */
const main = JSON.parse(readFileSync('package.json', 'utf8')) as PackageJson;
writeFileSync(join(CDKTN_PACKAGE_DIR, 'package.json'), `${JSON.stringify(cdktnPackageJson(main), null, 2)}\n`);
