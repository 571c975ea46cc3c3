import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { leftOutOnMirror, withoutLeftOut, type LeftOut, type StackBlocks } from './newer-provider-needs';
import { cliConfiguration, offlineOverrides, TerraformError, type OfflineTerraform, type PlannedResource } from './terraform';

/**
 * Real Terraform over every stack of a cdktf.out, offline. Loading the aws provider (~700 MB) is
 * what costs: validate, plan and show each start it (about 7 s each on a loaded 2-core machine),
 * while init only links it from the unpacked mirror. So the stacks are planned together: each
 * stack folder is copied unchanged (plus its override file) as a child module of one generated
 * root, and one init, validate, plan and show cover them all (measured on the example's first four
 * stacks: 37 s instead of 92 s one by one; plan still starts one provider per provider block). Two diagnostics are artifacts of calling a root module as a
 * child (its backend is ignored; its provider blocks are reported as proxies) and are left out.
 * The mirror's resource schema is read once, to tell which resources it cannot plan: a stack is
 * planned without them (newer-provider-needs.ts), and says what it left out.
 */

/** One stack through init, validate, plan -refresh=false and show -json; its addresses as in the stack. */
export interface PlannedStack {
  readonly stack: string;
  /** The synthesized cdk.tf.json, as read before planning (with what was left out). */
  readonly synthesized: StackJson;
  /** What the stack was planned without: resources the mirror's release cannot plan, and what refers to them. */
  readonly leftOut: readonly LeftOut[];
  readonly validation: { readonly valid: boolean; readonly diagnostics: readonly unknown[] };
  readonly resources: readonly PlannedResource[];
  /** The whole `terraform show -json` document (of every stack planned with it). */
  readonly plan: Record<string, unknown>;
  /** Where the copy was planned. */
  readonly workdir: string;
  /** Seconds for all the stacks planned together with it. */
  readonly seconds: number;
}

export interface StackJson extends StackBlocks {
  readonly terraform?: { readonly required_providers?: { readonly aws?: { readonly version?: string } } };
  readonly provider?: { readonly aws?: readonly { readonly alias?: string; readonly assume_role?: unknown }[] };
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
}

/** A shared offline Terraform setup: CLI config and the mirror provider's resource types. */
export interface TerraformWorkspace {
  readonly terraform: OfflineTerraform;
  readonly root: string;
  readonly cliConfig: string;
  readonly resourceTypes: ReadonlySet<string>;
}

/** Writes the CLI config and reads the mirror provider's resource types (one init, one schema load). */
export async function terraformWorkspace(terraform: OfflineTerraform): Promise<TerraformWorkspace> {
  const root = mkdtempSync(join(tmpdir(), 'modelgate-terraform-suite-'));
  const cliConfig = join(root, 'terraform.rc');
  writeFileSync(cliConfig, cliConfiguration(terraform.mirror));
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

/** The stacks of a cdktf.out, each with what the mirror's provider cannot plan in it. */
export function stacksOnMirror(workspace: TerraformWorkspace, outdir: string): { stack: string; leftOut: LeftOut[] }[] {
  const mirror = { awsVersion: workspace.terraform.awsVersion, resourceTypes: workspace.resourceTypes };
  return readdirSync(join(outdir, 'stacks'))
    .sort()
    .map((stack) => ({ stack, leftOut: leftOutOnMirror(readStack(outdir, stack), mirror) }));
}

export function readStack(outdir: string, stack: string): StackJson {
  return JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as StackJson;
}

/** Diagnostics that only say a stack was called as a child module (see above). */
const HARNESS_DIAGNOSTICS = new Set(['Backend configuration ignored', 'Redundant empty provider block']);

interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly range?: { readonly filename?: string };
}

/** A synthesized stack folder to plan, and the module name it is planned under (unique among those planned together). */
export interface StackToPlan {
  readonly module: string;
  readonly stack: string;
  readonly dir: string;
  /** What to plan the stack without (stacksOnMirror). @default nothing */
  readonly leftOut?: readonly LeftOut[];
}

/**
 * Plans the stacks together (see above); the synthesized files are copied, never changed: what a
 * stack is planned without is taken out of its copy. Returns one result per stack, in the order given.
 */
export async function planStacks(workspace: TerraformWorkspace, stacks: readonly StackToPlan[]): Promise<PlannedStack[]> {
  const started = Date.now();
  const root = mkdtempSync(join(workspace.root, 'plan-'));
  const synthesized = new Map<string, StackJson>();
  for (const { module, dir, leftOut = [] } of stacks) {
    const copy = join(root, module);
    cpSync(dir, copy, { recursive: true });
    const json = JSON.parse(readFileSync(join(copy, 'cdk.tf.json'), 'utf8')) as StackJson;
    synthesized.set(module, json);
    if (leftOut.length > 0) writeFileSync(join(copy, 'cdk.tf.json'), `${JSON.stringify(withoutLeftOut(json, leftOut), null, 2)}\n`);
    writeFileSync(join(copy, 'modelgate_offline_override.tf.json'), `${JSON.stringify(offlineOverrides(json, workspace.terraform.awsVersion), null, 2)}\n`);
  }
  const modules = Object.fromEntries(stacks.map(({ module }) => [module, { source: `./${module}` }]));
  const required = { aws: { source: 'hashicorp/aws', version: workspace.terraform.awsVersion } };
  writeFileSync(join(root, 'main.tf.json'), `${JSON.stringify({ terraform: { required_providers: required }, module: modules }, null, 2)}\n`);
  await run(workspace, root, ['init', '-input=false', '-no-color']);
  const validation = JSON.parse(await run(workspace, root, ['validate', '-json', '-no-color'])) as { valid: boolean; diagnostics: Diagnostic[] };
  await run(workspace, root, ['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', '-out=plan']);
  const plan = JSON.parse(await run(workspace, root, ['show', '-json', 'plan'])) as Record<string, unknown>;
  const children = (plan.planned_values as { root_module?: { child_modules?: { address: string; resources?: PlannedResource[] }[] } }).root_module?.child_modules ?? [];
  const seconds = (Date.now() - started) / 1000;
  return stacks.map(({ module, stack, leftOut = [] }) => {
    const diagnostics = validation.diagnostics.filter((d) => !HARNESS_DIAGNOSTICS.has(d.summary) && (d.range?.filename ?? '').startsWith(`${module}/`));
    const resources = (children.find((child) => child.address === `module.${module}`)?.resources ?? []).map((r) => ({ ...r, address: r.address.replace(`module.${module}.`, '') }));
    return {
      stack,
      synthesized: synthesized.get(module) ?? {},
      leftOut,
      validation: { valid: validation.valid && !diagnostics.some((d) => d.severity === 'error'), diagnostics },
      resources,
      plan,
      workdir: join(root, module),
      seconds,
    };
  });
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

/** A JSON document in a string (a policy, a dashboard body), or undefined. */
function parsedDocument(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Where a planned value differs from the synthesized literal: every string (at any depth) that
 * refers to nothing must reach the plan as written, with Terraform's escapes read. What the
 * provider only normalizes is not a difference: a JSON document with its keys sorted, a set in
 * another order, a single nested block planned as an object. Values unknown until apply are
 * absent from the plan and skipped; so are meta-arguments.
 */
export function literalMismatches(synthesized: unknown, planned: unknown, path = ''): string[] {
  if (planned === undefined || planned === null) return [];
  if (typeof synthesized === 'string') {
    if (isReference(synthesized)) return [];
    const expected = literalValue(synthesized);
    if (String(planned) === expected) return [];
    const document = parsedDocument(expected);
    if (document !== undefined && typeof planned === 'string' && isDeepStrictEqual(parsedDocument(planned), document)) return [];
    return [`${path}: planned ${JSON.stringify(planned)}, synthesized ${JSON.stringify(expected)}`];
  }
  if (Array.isArray(synthesized)) {
    if (!Array.isArray(planned)) return synthesized.length === 1 ? literalMismatches(synthesized[0], planned, `${path}[0]`) : [`${path}: planned ${JSON.stringify(planned)}, synthesized a list`];
    const inOrder = synthesized.flatMap((item, i) => literalMismatches(item, planned[i], `${path}[${i}]`));
    return inOrder.length === 0 || matchesAsSet(synthesized, planned) ? [] : inOrder;
  }
  if (typeof synthesized === 'object' && synthesized !== null) {
    if (typeof planned !== 'object') return [`${path}: planned ${JSON.stringify(planned)}, synthesized an object`];
    return Object.entries(synthesized)
      .filter(([key]) => !META_ARGUMENTS.has(key))
      .flatMap(([key, value]) => literalMismatches(value, (planned as Record<string, unknown>)[key], path ? `${path}.${key}` : key));
  }
  return [];
}

/** Whether every synthesized element matches a planned element of its own (a set, which the provider orders its way). */
function matchesAsSet(synthesized: readonly unknown[], planned: readonly unknown[]): boolean {
  if (synthesized.length !== planned.length) return false;
  const free = [...planned];
  return synthesized.every((item) => {
    const at = free.findIndex((candidate) => literalMismatches(item, candidate).length === 0);
    if (at < 0) return false;
    free.splice(at, 1);
    return true;
  });
}
