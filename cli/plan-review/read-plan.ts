import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SynthesizedPolicy } from '../simulate';

/** A `terraform show -json` plan that cannot be read; says which file and why. */
export class PlanFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanFileError';
  }
}

/** One side of a plan: the SCPs and their attachments before (prior state) or after (planned values). */
export interface PlanSide {
  /** Target id -> the SCPs attached to it. */
  readonly policies: Map<string, SynthesizedPolicy[]>;
  /** Every SCP, by its Terraform address. */
  readonly documents: ReadonlyMap<string, { readonly name: string; readonly content: string; readonly stack: string }>;
  /** `<policy name> -> <target id>`, one per attachment. */
  readonly attachments: ReadonlySet<string>;
}

export interface ReadPlan {
  readonly file: string;
  readonly prior: PlanSide;
  readonly planned: PlanSide;
}

interface StateResource {
  readonly address: string;
  readonly type: string;
  readonly values?: Record<string, unknown>;
}

interface ConfigResource {
  readonly address: string;
  readonly expressions?: { readonly policy_id?: { readonly references?: readonly string[] } };
}

interface ModuleValues {
  readonly resources?: readonly StateResource[];
  readonly child_modules?: readonly ModuleValues[];
}

interface PlanJson {
  readonly format_version?: string;
  readonly prior_state?: { readonly values?: { readonly root_module?: ModuleValues } };
  readonly planned_values?: { readonly root_module?: ModuleValues };
  readonly configuration?: { readonly root_module?: { readonly resources?: readonly ConfigResource[] } };
}

/** The plan JSON files of `path`: the file itself, or every *.json file of the folder (not recursive), sorted. */
export function planFiles(path: string): string[] {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new PlanFileError(`--plan: ${path} not found; pass the output of "terraform show -json <planfile>" (a file, or a folder of them)`);
  }
  if (!stats.isDirectory()) return [path];
  const files = readdirSync(path).filter((name) => name.endsWith('.json')).sort().map((name) => join(path, name));
  if (files.length === 0) throw new PlanFileError(`--plan: ${path} holds no .json files; write each stack's plan with "terraform show -json <planfile> > <stack>.json"`);
  return files;
}

/** Reads one `terraform show -json` plan: the SCPs and attachments of its prior state and of its planned values. */
export function readPlan(file: string, stack: string): ReadPlan {
  let json: PlanJson;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as PlanJson;
  } catch (error) {
    throw new PlanFileError(`--plan: ${file} is not JSON (${(error as Error).message}); pass the output of "terraform show -json <planfile>", not the binary plan file`);
  }
  if (typeof json.format_version !== 'string' || json.planned_values === undefined) {
    throw new PlanFileError(`--plan: ${file} is not the JSON of a plan (no format_version and planned_values); write it with "terraform show -json <planfile>"`);
  }
  // An attachment of a policy created in the same plan has no policy id yet: its configuration names the policy.
  const policyOf = new Map<string, string>();
  for (const resource of json.configuration?.root_module?.resources ?? []) {
    const reference = resource.expressions?.policy_id?.references?.find((r) => r.startsWith('aws_organizations_policy.') && !r.endsWith('.id'));
    if (reference) policyOf.set(resource.address, reference);
  }
  return {
    file,
    prior: sideOf(resourcesOf(json.prior_state?.values?.root_module), stack, policyOf),
    planned: sideOf(resourcesOf(json.planned_values.root_module), stack, policyOf),
  };
}

function resourcesOf(module: ModuleValues | undefined): StateResource[] {
  if (!module) return [];
  return [...(module.resources ?? []), ...(module.child_modules ?? []).flatMap(resourcesOf)];
}

function sideOf(resources: readonly StateResource[], stack: string, policyOf: ReadonlyMap<string, string>): PlanSide {
  const documents = new Map<string, { name: string; content: string; stack: string }>();
  const byId = new Map<string, string>();
  for (const r of resources.filter((r) => r.type === 'aws_organizations_policy')) {
    const values = r.values ?? {};
    if (values.type !== undefined && values.type !== 'SERVICE_CONTROL_POLICY') continue;
    documents.set(r.address, { name: String(values.name ?? r.address), content: String(values.content ?? ''), stack });
    if (typeof values.id === 'string') byId.set(values.id, r.address);
  }
  const policies = new Map<string, SynthesizedPolicy[]>();
  const attachments = new Set<string>();
  for (const r of resources.filter((r) => r.type === 'aws_organizations_policy_attachment')) {
    const values = r.values ?? {};
    const address = (typeof values.policy_id === 'string' ? byId.get(values.policy_id) : undefined) ?? policyOf.get(r.address.replace(/\[.*?\]$/, ''));
    const document = address === undefined ? undefined : documents.get(address);
    const target = typeof values.target_id === 'string' ? values.target_id : undefined;
    if (!document || !target) continue;
    policies.set(target, [...(policies.get(target) ?? []), document]);
    attachments.add(`${document.name} -> ${target}`);
  }
  return { policies, documents, attachments };
}

/** Both sides of many plans as one organization: the policies of every stack together. */
export function mergeSides(sides: readonly PlanSide[]): PlanSide {
  const policies = new Map<string, SynthesizedPolicy[]>();
  const documents = new Map<string, { name: string; content: string; stack: string }>();
  const attachments = new Set<string>();
  for (const side of sides) {
    for (const [target, list] of side.policies) policies.set(target, [...(policies.get(target) ?? []), ...list]);
    for (const [address, document] of side.documents) documents.set(`${document.stack}:${address}`, document);
    for (const attachment of side.attachments) attachments.add(attachment);
  }
  return { policies, documents, attachments };
}
