import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `terraform show -json` plans made from two synthesized outputs, without Terraform: the SCPs and
 * attachments of the base output as the prior state, those of the new output as the planned
 * values, one plan per stack. What `report --plan` and the run task read, at any scale.
 */

interface StackResources {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
}

interface PlanResource {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
}

/** The stacks of a cdktf.out (none when the folder is absent). */
function stacksOf(outdir: string | undefined): string[] {
  const folder = outdir === undefined ? undefined : join(outdir, 'stacks');
  return folder === undefined || !existsSync(folder) ? [] : readdirSync(folder);
}

function resourcesOf(outdir: string | undefined, stack: string): StackResources {
  const file = outdir === undefined ? undefined : join(outdir, 'stacks', stack, 'cdk.tf.json');
  return file === undefined || !existsSync(file) ? {} : (JSON.parse(readFileSync(file, 'utf8')) as StackResources);
}

/** The id AWS gave a policy the prior state holds: stable per stack and resource name. */
function policyId(stack: string, name: string): string {
  return `p-${stack}-${name}`;
}

/**
 * One side of a stack's plan: its SCPs and attachments. A policy that `known` holds (the prior
 * state's) keeps its id; a new one has none yet, and its attachment no policy id.
 */
function sideOf(stack: string, resources: StackResources, known: ReadonlySet<string>): PlanResource[] {
  const policies = Object.entries(resources.resource?.aws_organizations_policy ?? {}).map(([name, r]) => ({
    address: `aws_organizations_policy.${name}`,
    type: 'aws_organizations_policy',
    name,
    values: { name: r.name, type: r.type, content: r.content, ...(known.has(name) ? { id: policyId(stack, name) } : {}) },
  }));
  const attachments = Object.entries(resources.resource?.aws_organizations_policy_attachment ?? {}).map(([name, r]) => {
    const policy = /\$\{aws_organizations_policy\.([^.]+)\.id\}/.exec(String(r.policy_id))?.[1] ?? '';
    return {
      address: `aws_organizations_policy_attachment.${name}`,
      type: 'aws_organizations_policy_attachment',
      name,
      values: { target_id: r.target_id, ...(known.has(policy) ? { policy_id: policyId(stack, policy) } : {}) },
    };
  });
  return [...policies, ...attachments];
}

/**
 * The plan of one stack from its synthesized JSON before and after, in the shape of
 * `terraform show -json`; `{}` for a side that has no such stack (created or destroyed).
 */
export function stackPlan(stack: string, before: StackResources, after: StackResources): string {
  const prior = new Set(Object.keys(before.resource?.aws_organizations_policy ?? {}));
  const references = Object.entries(after.resource?.aws_organizations_policy_attachment ?? {}).map(([name, r]) => {
    const policy = /\$\{aws_organizations_policy\.([^.]+)\.id\}/.exec(String(r.policy_id))?.[1] ?? '';
    return { address: `aws_organizations_policy_attachment.${name}`, expressions: { policy_id: { references: [`aws_organizations_policy.${policy}.id`, `aws_organizations_policy.${policy}`] } } };
  });
  return JSON.stringify({
    format_version: '1.2',
    prior_state: { values: { root_module: { resources: sideOf(stack, before, prior) } } },
    planned_values: { root_module: { resources: sideOf(stack, after, prior) } },
    configuration: { root_module: { resources: references } },
  });
}

/**
 * Writes `<stack>.json` into `folder` for every stack of either output (or only `stacks`), and
 * returns the files written.
 *
 * @param beforeOutdir the cdktf.out deployed today (the prior state); undefined: nothing deployed
 * @param afterOutdir the cdktf.out the plan applies
 * @param folder where the plans go (created)
 * @param stacks the stacks to write plans of @default every stack of either output
 */
export function writeStackPlans(beforeOutdir: string | undefined, afterOutdir: string, folder: string, stacks?: readonly string[]): string[] {
  mkdirSync(folder, { recursive: true });
  const names = stacks ?? [...new Set([...stacksOf(beforeOutdir), ...stacksOf(afterOutdir)])].sort();
  return names.map((stack) => {
    const file = join(folder, `${stack}.json`);
    writeFileSync(file, stackPlan(stack, resourcesOf(beforeOutdir, stack), resourcesOf(afterOutdir, stack)));
    return file;
  });
}
