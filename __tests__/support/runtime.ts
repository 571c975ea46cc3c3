import { readFileSync } from 'node:fs';

/** The CDK runtime behind the `cdktf` import: HashiCorp's cdktf, or CDK Terrain through runtimes/cdktn. */
export type Runtime = 'cdktf' | 'cdktn';

/** What the generated provider classes write into required_providers, per runtime. */
interface AwsProviderOfRuntime {
  /** npm package behind `@cdktf/provider-aws`. */
  readonly package: string;
  /** hashicorp/aws release the classes are built on: the version every stack pins unless it raises it. */
  readonly version: string;
  /** The provider source as written: cdktf leaves out the namespace, cdktn writes it. */
  readonly source: string;
}

const AWS_PROVIDERS: Readonly<Record<Runtime, AwsProviderOfRuntime>> = {
  cdktf: { package: '@cdktf/provider-aws', version: '6.25.0', source: 'aws' },
  cdktn: { package: '@cdktn/provider-aws', version: '6.66.0', source: 'hashicorp/aws' },
};

const installedProvider = (JSON.parse(readFileSync(require.resolve('@cdktf/provider-aws/package.json'), 'utf8')) as { name: string }).name;

/** The runtime this install runs on, told by the package behind `@cdktf/provider-aws`. */
export const RUNTIME: Runtime = installedProvider === AWS_PROVIDERS.cdktn.package ? 'cdktn' : 'cdktf';

/** The aws provider entry of required_providers of a stack on this runtime. */
export const AWS_PROVIDER = AWS_PROVIDERS[RUNTIME];

/** `test` on the given runtime, `test.skip` (reported as skipped) on the other. */
export const testOn = (runtime: Runtime): jest.It => (RUNTIME === runtime ? test : test.skip);
