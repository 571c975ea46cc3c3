import { readFileSync } from 'node:fs';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, LocalBackend, S3Backend, TerraformStack, type S3BackendConfig } from 'cdktf';
import { Construct } from 'constructs';
import type { FloorPlan, FloorStack } from './floor-plan';

/**
 * Yardstick: a bare cdktf app with deep imports that writes precomputed stacks and resources (a
 * floor plan that bench/run.ts reads from modelgate's own output). No config, no policy compiler:
 * what is left is the cost of cdktf itself for that output, the least any synth of it can take.
 *
 * usage: CDKTF_OUTDIR=<dir> node dist/bench/yardstick-floor.js <floor-plan.json>
 */
const planFile = process.argv[2];
if (!planFile) throw new Error('usage: node dist/bench/yardstick-floor.js <floor-plan.json>');
const plan = JSON.parse(readFileSync(planFile, 'utf8')) as FloorPlan;

const app = new App({ outdir: process.env.CDKTF_OUTDIR || 'cdktf.out', stackTraces: false });
for (const stackPlan of plan.stacks) writeStack(app, stackPlan);
app.synth();

function writeStack(scope: Construct, plan: FloorStack): void {
  const stack = new TerraformStack(scope, plan.name);
  configureBackend(stack, plan.backend);
  // modelgate sets the accepted provider versions instead of the exact release of the provider classes.
  if (plan.awsProviderVersion !== undefined) stack.addOverride('terraform.required_providers.aws.version', plan.awsProviderVersion);
  new AwsProvider(stack, 'management', plan.provider);
  const policies = plan.policies.map((policy) => {
    const [id, parent] = leafOf(stack, policy.path);
    return new OrganizationsPolicy(parent, id, {
      name: policy.name,
      ...(policy.description !== undefined ? { description: policy.description } : {}),
      type: policy.type,
      content: policy.content,
      ...(policy.tags !== undefined ? { tags: policy.tags } : {}),
    });
  });
  for (const attachment of plan.attachments) {
    const [id, parent] = leafOf(stack, attachment.path);
    const policy = policies[attachment.policy];
    if (!policy) throw new Error(`stack ${plan.name}: attachment ${attachment.path.join('/')} names policy ${attachment.policy}, which the plan does not have`);
    new OrganizationsPolicyAttachment(parent, id, { policyId: policy.id, targetId: attachment.targetId });
  }
}

/** The parent construct of a path below the stack (created on first use) and the leaf id. */
function leafOf(stack: Construct, path: readonly string[]): [string, Construct] {
  let parent = stack;
  for (const id of path.slice(0, -1)) parent = (parent.node.tryFindChild(id) as Construct | undefined) ?? new Construct(parent, id);
  const leaf = path[path.length - 1];
  if (!leaf) throw new Error('a resource path in the floor plan is empty');
  return [leaf, parent];
}

/** The synthesized backend block back into backend classes; settings they lack become overrides, as in stacks/backend.ts. */
function configureBackend(stack: TerraformStack, backend: FloorStack['backend']): void {
  const [kind, settings = {}] = Object.entries(backend)[0] ?? [];
  if (kind === 'local') {
    new LocalBackend(stack, typeof settings.path === 'string' ? { path: settings.path } : {});
    return;
  }
  if (kind === 's3') {
    const { bucket, key, region, encrypt, kms_key_id: kmsKeyId, ...rest } = settings;
    const config: S3BackendConfig = {
      bucket: bucket as string,
      key: key as string,
      ...(region !== undefined ? { region: region as string } : {}),
      ...(encrypt !== undefined ? { encrypt: encrypt as boolean } : {}),
      ...(kmsKeyId !== undefined ? { kmsKeyId: kmsKeyId as string } : {}),
    };
    const s3 = new S3Backend(stack, config);
    for (const [name, value] of Object.entries(rest)) s3.addOverride(name, value);
    return;
  }
  if (kind !== undefined) stack.addOverride('terraform.backend', backend);
}
