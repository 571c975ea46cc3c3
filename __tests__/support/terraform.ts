import { spawnSync } from 'node:child_process';
import { accessSync, constants, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * Real Terraform, offline, for tests: finds the terraform binary and a local provider mirror
 * holding hashicorp/aws, copies a synthesized stack, adds override files that make it plan
 * without AWS (fake credentials, no account checks, no role to assume, local state, the mirror's
 * provider version), and runs init, validate, plan and show. Nothing reaches the network: the
 * CLI configuration installs providers from the mirror only.
 */

/** A terraform binary and the provider mirror it installs hashicorp/aws from. */
export interface OfflineTerraform {
  readonly binary: string;
  /** A filesystem mirror directory (registry.terraform.io/hashicorp/aws/<version>/... inside). */
  readonly mirror: string;
  /** The hashicorp/aws version the mirror holds (the highest, if several). */
  readonly awsVersion: string;
}

/** Why offline Terraform is not available here. */
export interface TerraformUnavailable {
  readonly reason: string;
}

/** Where Terraform looks for providers by itself, plus this project's machines' mirror. */
const MIRROR_CANDIDATES = [
  join(homedir(), '.terraform.d', 'plugins'),
  join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'terraform', 'plugins'),
  '/usr/local/share/terraform/plugins',
  '/usr/share/terraform/plugins',
  '/opt/tf-plugins',
];

/**
 * Terraform and an aws provider mirror, or why not: `terraform` on PATH (or $MODELGATE_TERRAFORM),
 * the mirror in $MODELGATE_TERRAFORM_MIRROR or one of Terraform's implicit local mirror folders.
 */
export function findOfflineTerraform(env: NodeJS.ProcessEnv = process.env): OfflineTerraform | TerraformUnavailable {
  const binary = env.MODELGATE_TERRAFORM || onPath('terraform', env.PATH ?? '');
  if (!binary) return { reason: 'terraform is not on PATH (install Terraform >= 1.10, or set MODELGATE_TERRAFORM)' };
  const mirrors = env.MODELGATE_TERRAFORM_MIRROR ? [env.MODELGATE_TERRAFORM_MIRROR] : MIRROR_CANDIDATES;
  for (const mirror of mirrors) {
    const awsVersion = highestVersion(join(mirror, 'registry.terraform.io', 'hashicorp', 'aws'));
    if (awsVersion) return { binary, mirror, awsVersion };
  }
  return { reason: `no hashicorp/aws provider in a local mirror (looked in ${mirrors.join(', ')}; set MODELGATE_TERRAFORM_MIRROR)` };
}

export function isAvailable(found: OfflineTerraform | TerraformUnavailable): found is OfflineTerraform {
  return 'binary' in found;
}

/** One resource of `terraform show -json` on a plan: its address, type and planned values. */
export interface PlannedResource {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
}

export interface StackPlan {
  readonly resources: readonly PlannedResource[];
  /** The whole `terraform show -json` document. */
  readonly json: Record<string, unknown>;
  /** Where the copy of the stack was planned (the plan file is `plan` there). */
  readonly workdir: string;
  /** Output of `terraform validate -json`: diagnostics, if any. */
  readonly validation: { readonly valid: boolean; readonly diagnostics: readonly unknown[] };
}

/** Terraform failed: which command, with its output. */
export class TerraformError extends Error {
  constructor(
    readonly command: string,
    readonly output: string,
  ) {
    super(`terraform ${command} failed:\n${output}`);
    this.name = 'TerraformError';
  }
}

/**
 * Copies the synthesized stack in `stackDir` (a cdktf.out/stacks/<name> folder) to a temp folder,
 * adds the offline overrides, and runs `terraform init`, `validate`, `plan -refresh=false` and
 * `show -json`. Throws TerraformError with Terraform's output when a step fails.
 */
export function planStackOffline(terraform: OfflineTerraform, stackDir: string): StackPlan {
  const root = mkdtempSync(join(tmpdir(), 'modelgate-terraform-'));
  const cliConfig = join(root, 'terraform.rc');
  writeFileSync(cliConfig, cliConfiguration(terraform.mirror));
  const workdir = join(root, 'stack');
  cpSync(stackDir, workdir, { recursive: true });
  const stack = JSON.parse(readFileSync(join(workdir, 'cdk.tf.json'), 'utf8')) as StackConfiguration;
  writeFileSync(join(workdir, 'modelgate_offline_override.tf.json'), `${JSON.stringify(offlineOverrides(stack, terraform.awsVersion), null, 2)}\n`);
  const run = (args: readonly string[]): string => runTerraform(terraform.binary, args, workdir, cliConfig);
  run(['init', '-input=false', '-no-color']);
  const validation = JSON.parse(run(['validate', '-json', '-no-color'])) as StackPlan['validation'];
  run(['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=plan']);
  const json = JSON.parse(run(['show', '-json', 'plan'])) as Record<string, unknown>;
  const planned = json.planned_values as { root_module?: { resources?: PlannedResource[] } } | undefined;
  return { resources: planned?.root_module?.resources ?? [], json, workdir, validation };
}

/** The CLI configuration: providers come from the mirror only, so nothing is downloaded. */
export function cliConfiguration(mirror: string): string {
  return [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirror)}`,
    '    include = ["registry.terraform.io/hashicorp/aws"]',
    '  }',
    '}',
    '',
  ].join('\n');
}

interface StackConfiguration {
  readonly provider?: { readonly aws?: readonly { readonly alias?: string; readonly assume_role?: unknown }[] };
}

/**
 * Override file content (Terraform merges *_override.tf.json over the stack): the mirror's aws
 * version instead of the pinned one, state in the work folder, and every aws provider with fake
 * static credentials, no account lookup or check, and no role to assume (an empty role_arn makes
 * the provider skip the assume_role it replaces).
 */
export function offlineOverrides(stack: StackConfiguration, awsVersion: string): Record<string, unknown> {
  const providers = (stack.provider?.aws ?? []).map((provider) => ({
    ...(provider.alias ? { alias: provider.alias } : {}),
    access_key: 'AKIAIOSFODNN7EXAMPLE',
    secret_key: 'offline-plan-only',
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    allowed_account_ids: null,
    ...(provider.assume_role ? { assume_role: [{ role_arn: '' }] } : {}),
  }));
  return {
    terraform: {
      required_providers: { aws: { source: 'hashicorp/aws', version: awsVersion } },
      backend: { local: { path: 'terraform.tfstate' } },
    },
    ...(providers.length > 0 ? { provider: { aws: providers } } : {}),
  };
}

function runTerraform(binary: string, args: readonly string[], cwd: string, cliConfig: string): string {
  const result = spawnSync(binary, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 10 * 60 * 1000,
    // Only what Terraform needs: no AWS credentials or profiles of the machine reach the provider.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      TF_CLI_CONFIG_FILE: cliConfig,
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
  });
  if (result.status !== 0) throw new TerraformError(args.join(' '), `${result.error?.message ?? ''}${result.stdout}${result.stderr}`);
  return result.stdout;
}

function onPath(name: string, path: string): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The highest x.y.z folder under a provider's mirror folder (unpacked layout), or of its packed zips. */
function highestVersion(providerDir: string): string | undefined {
  if (!existsSync(providerDir)) return undefined;
  const versions = readdirSync(providerDir)
    .map((entry) => /^(?:terraform-provider-aws_)?(\d+\.\d+\.\d+)(?:_.*\.zip)?$/.exec(entry)?.[1])
    .filter((version): version is string => version !== undefined);
  return versions.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).pop();
}
