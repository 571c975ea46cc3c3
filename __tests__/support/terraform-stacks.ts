import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliConfiguration, offlineOverrides, TerraformError, type OfflineTerraform, type PlannedResource } from './terraform';

/**
 * Real Terraform over every stack of a cdktf.out, offline, with the provider loaded as few times as
 * possible: one plugin cache for every working folder (init links the provider from it instead of
 * unpacking ~600 MB per stack), the mirror's resource schema read once to tell which stacks it can
 * plan at all, and the stacks planned a few at a time.
 */

/** A stack the mirror's provider cannot plan, and why. */
export interface SkippedStack {
  readonly stack: string;
  readonly reason: string;
}

/** One stack through init, validate, plan -refresh=false and show -json. */
export interface PlannedStack {
  readonly stack: string;
  /** The synthesized cdk.tf.json, as read before planning. */
  readonly synthesized: StackJson;
  readonly validation: { readonly valid: boolean; readonly diagnostics: readonly unknown[] };
  readonly resources: readonly PlannedResource[];
  /** The whole `terraform show -json` document. */
  readonly plan: Record<string, unknown>;
  /** Where the copy was planned. */
  readonly workdir: string;
  readonly seconds: number;
}

export interface StackJson {
  readonly terraform?: { readonly required_providers?: { readonly aws?: { readonly version?: string } } };
  readonly provider?: { readonly aws?: readonly { readonly alias?: string; readonly assume_role?: unknown }[] };
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
}

/** What hashicorp/aws releases first have the resources modelgate writes that 5.x lacks (provider changelog). */
const FIRST_RELEASE: Readonly<Record<string, string>> = { aws_sagemaker_hub_content_reference: '6.51.0' };

/** A shared offline Terraform setup: CLI config, plugin cache and the mirror provider's resource types. */
export interface TerraformWorkspace {
  readonly terraform: OfflineTerraform;
  readonly root: string;
  readonly cliConfig: string;
  readonly resourceTypes: ReadonlySet<string>;
}

/** Sets up the CLI config and plugin cache and reads the mirror provider's resource types (one init, one schema load). */
export async function terraformWorkspace(terraform: OfflineTerraform): Promise<TerraformWorkspace> {
  const root = mkdtempSync(join(tmpdir(), 'modelgate-terraform-suite-'));
  const cache = join(root, 'plugin-cache');
  mkdirSync(cache);
  const cliConfig = join(root, 'terraform.rc');
  writeFileSync(cliConfig, `plugin_cache_dir = ${JSON.stringify(cache)}\n${cliConfiguration(terraform.mirror)}`);
  const probe = join(root, 'schema');
  mkdirSync(probe);
  writeFileSync(join(probe, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: terraform.awsVersion } } } }));
  const workspace = { terraform, root, cliConfig, resourceTypes: new Set<string>() };
  await run(workspace, probe, ['init', '-input=false', '-no-color']);
  const schema = JSON.parse(await run(workspace, probe, ['providers', 'schema', '-json'])) as {
    provider_schemas: Record<string, { resource_schemas?: Record<string, unknown> }>;
  };
  const aws = Object.values(schema.provider_schemas)[0];
  return { ...workspace, resourceTypes: new Set(Object.keys(aws?.resource_schemas ?? {})) };
}

/** The stacks of a cdktf.out, split into those the mirror's provider can plan and those it cannot (with the reason). */
export function plannableStacks(workspace: TerraformWorkspace, outdir: string): { plannable: string[]; skipped: SkippedStack[] } {
  const plannable: string[] = [];
  const skipped: SkippedStack[] = [];
  for (const stack of readdirSync(join(outdir, 'stacks')).sort()) {
    const json = readStack(outdir, stack);
    const missing = Object.keys(json.resource ?? {}).filter((type) => !workspace.resourceTypes.has(type));
    if (missing.length === 0) {
      plannable.push(stack);
    } else {
      const needs = missing.map((type) => `${type} (hashicorp/aws >= ${FIRST_RELEASE[type] ?? 'a release after the mirror'})`).join(', ');
      skipped.push({ stack, reason: `${needs}; the mirror has ${workspace.terraform.awsVersion}; the stack asks for ${json.terraform?.required_providers?.aws?.version ?? 'any'}` });
    }
  }
  return { plannable, skipped };
}

export function readStack(outdir: string, stack: string): StackJson {
  return JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as StackJson;
}

/** Plans `stacks` of `outdir`, `concurrency` at a time; the synthesized files are copied, never changed. */
export async function planStacks(workspace: TerraformWorkspace, outdir: string, stacks: readonly string[], concurrency = 2): Promise<PlannedStack[]> {
  const results: PlannedStack[] = [];
  const queue = [...stacks];
  const worker = async (): Promise<void> => {
    for (let stack = queue.shift(); stack !== undefined; stack = queue.shift()) results.push(await planStack(workspace, outdir, stack));
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, stacks.length) }, worker));
  return results.sort((a, b) => a.stack.localeCompare(b.stack));
}

async function planStack(workspace: TerraformWorkspace, outdir: string, stack: string): Promise<PlannedStack> {
  const started = Date.now();
  const workdir = mkdtempSync(join(workspace.root, `${stack}-`));
  cpSync(join(outdir, 'stacks', stack), workdir, { recursive: true });
  const synthesized = JSON.parse(readFileSync(join(workdir, 'cdk.tf.json'), 'utf8')) as StackJson;
  writeFileSync(join(workdir, 'modelgate_offline_override.tf.json'), `${JSON.stringify(offlineOverrides(synthesized, workspace.terraform.awsVersion), null, 2)}\n`);
  await run(workspace, workdir, ['init', '-input=false', '-no-color']);
  const validation = JSON.parse(await run(workspace, workdir, ['validate', '-json', '-no-color'])) as PlannedStack['validation'];
  await run(workspace, workdir, ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=plan']);
  const plan = JSON.parse(await run(workspace, workdir, ['show', '-json', 'plan'])) as Record<string, unknown>;
  const planned = plan.planned_values as { root_module?: { resources?: PlannedResource[] } } | undefined;
  return { stack, synthesized, validation, resources: planned?.root_module?.resources ?? [], plan, workdir, seconds: (Date.now() - started) / 1000 };
}

/** Runs terraform without the machine's AWS settings; resolves with stdout, rejects with TerraformError. */
export function run(workspace: Pick<TerraformWorkspace, 'terraform' | 'cliConfig'>, cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(workspace.terraform.binary, args, {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        TF_CLI_CONFIG_FILE: workspace.cliConfig,
        TF_IN_AUTOMATION: '1',
        TF_INPUT: '0',
        CHECKPOINT_DISABLE: '1',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new TerraformError(args.join(' '), error.message)));
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      if (code === 0) resolve(stdout);
      else reject(new TerraformError(args.join(' '), `${stdout}${Buffer.concat(err).toString('utf8')}`));
    });
  });
}

/** Terraform JSON escapes: the synthesized `$${` and `%%{` are the literal `${` and `%{` Terraform reads. */
export function literalValue(text: string): string {
  return text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

/** Whether a synthesized string refers to another object (Terraform fills it in). */
export function isReference(text: string): boolean {
  return /(^|[^$])\$\{/.test(text);
}

const META_ARGUMENTS = new Set(['//', 'provider', 'depends_on', 'lifecycle', 'count', 'for_each']);

/**
 * Where a planned value differs from the synthesized literal: every string (at any depth) that
 * refers to nothing must reach the plan as written, with Terraform's escapes read. Values unknown
 * until apply are absent from the plan and skipped; so are meta-arguments.
 */
export function literalMismatches(synthesized: unknown, planned: unknown, path = ''): string[] {
  if (planned === undefined || planned === null) return [];
  if (typeof synthesized === 'string') {
    if (isReference(synthesized)) return [];
    const expected = literalValue(synthesized);
    return String(planned) === expected ? [] : [`${path}: planned ${JSON.stringify(planned)}, synthesized ${JSON.stringify(expected)}`];
  }
  if (Array.isArray(synthesized)) {
    if (!Array.isArray(planned)) return [`${path}: planned ${JSON.stringify(planned)}, synthesized a list`];
    return synthesized.flatMap((item, i) => literalMismatches(item, planned[i], `${path}[${i}]`));
  }
  if (typeof synthesized === 'object' && synthesized !== null) {
    // A block Terraform plans as a list of one object where the JSON has the object itself.
    const target = Array.isArray(planned) && planned.length === 1 ? planned[0] : planned;
    if (typeof target !== 'object' || target === null) return [`${path}: planned ${JSON.stringify(planned)}, synthesized an object`];
    return Object.entries(synthesized)
      .filter(([key]) => !META_ARGUMENTS.has(key))
      .flatMap(([key, value]) => literalMismatches(value, (target as Record<string, unknown>)[key], path ? `${path}.${key}` : key));
  }
  return [];
}
