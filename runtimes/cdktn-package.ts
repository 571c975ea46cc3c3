/**
 * The CDK Terrain (cdktn) install of modelgate: the main package.json with the runtime swapped.
 * The code keeps importing `cdktf` and `@cdktf/provider-aws/lib/<resource>`; only these entries change.
 */
export const CDKTN_DEPENDENCIES: Readonly<Record<string, string>> = {
  cdktn: '0.24.0',
  // A two-file package named cdktf that re-exports cdktn (runtimes/cdktn/cdktf), rather than the npm alias
  // `npm:cdktn@...`: @cdktn/provider-aws requires `cdktn` itself, so an alias would load a second copy of the runtime.
  cdktf: 'file:runtimes/cdktn/cdktf',
  '@cdktf/provider-aws': 'npm:@cdktn/provider-aws@25.7.0',
};

/** @cdktn/provider-aws 25.x declares node >= 22.11.0 (the cdktn CLI wants >= 22.19.0). */
export const CDKTN_NODE_ENGINES = '^22.11.0';

/** The fields of package.json this file reads or writes; the others are carried over as they are. */
export interface PackageJson {
  readonly dependencies: Readonly<Record<string, string>>;
  readonly engines?: Readonly<Record<string, string>>;
  readonly [field: string]: unknown;
}

/** Where the cdktn install's package.json and lock file are kept; they are meant to sit at the project root when installed. */
export const CDKTN_PACKAGE_DIR = 'runtimes/cdktn';

/**
 * The package.json of the cdktn install, from the main one: the runtime's entries replace or join
 * the dependencies (sorted, as npm writes them) and engines asks for Node.js 22; the rest is kept.
 */
export function cdktnPackageJson(main: PackageJson): PackageJson {
  const missing = ['cdktf', '@cdktf/provider-aws'].filter((name) => !(name in main.dependencies));
  if (missing.length > 0) throw new Error(`package.json has no ${missing.join(' or ')} dependency: the cdktn install replaces them`);
  const merged = { ...main.dependencies, ...CDKTN_DEPENDENCIES };
  const dependencies = Object.fromEntries(Object.keys(merged).sort().map((name) => [name, merged[name]]));
  return { ...main, engines: { ...main.engines, node: CDKTN_NODE_ENGINES }, dependencies };
}
