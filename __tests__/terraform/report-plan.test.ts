import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportCommand } from '../../cli/commands/report';
import { EXIT } from '../../cli/exit-codes';
import { buildPlanReview, planReviewMarkdown, type PlanReview } from '../../cli/plan-review';
import { synthesizeGovernance } from '../../stacks/synthesize';
import { findOfflineTerraform, isAvailable, planStackOffline } from '../support/terraform';
import { captureProcessOutput } from '../support/process-output';

/**
 * `report --plan` on plans that Terraform produced here, offline: a create plan (no prior state)
 * and an update plan, planned against a hand-written terraform.tfstate (format 4) holding what the
 * previous synth deployed (no AWS is needed: -refresh=false plans from the state as written).
 */
const terraform = findOfflineTerraform();

const ORGANIZATION = `
organization:
  managementAccount: "111111111111"
  root: r-ab12
  units:
    Sandbox:  { id: ou-ab12-11111111 }
  accounts:
    dev: { id: "222222222222", unit: Sandbox }
breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]
models:
  root:
    bedrock: { deny: ["deepseek.*"] }
`;
const BEFORE = `${ORGANIZATION}  Sandbox:
    bedrock: { allow: ["amazon.nova-*"] }
    fineTuning: { deny: true }
`;
/** Claude joins the Sandbox allow-list (access widened); Custom Model Import is now denied there too (a possible outage). */
const AFTER = `${ORGANIZATION}  Sandbox:
    bedrock: { allow: ["amazon.nova-*", "anthropic.claude-3-5-sonnet*"] }
    fineTuning: { deny: true }
    customModelImport: { deny: true }
`;

interface ResourceJson {
  readonly [key: string]: unknown;
}

/** A terraform.tfstate (format 4) with the stack's SCPs and attachments as `synthesized` would have created them. */
function stateOf(stack: { resource: Record<string, Record<string, ResourceJson>> }): string {
  const provider = 'provider["registry.terraform.io/hashicorp/aws"]';
  const policies = Object.entries(stack.resource.aws_organizations_policy ?? {});
  const idOf = new Map(policies.map(([name], i) => [name, `p-${String(i + 1).padStart(8, '0')}`]));
  const attributes = (resource: ResourceJson): Record<string, unknown> => Object.fromEntries(Object.entries(resource).filter(([key]) => !['//', 'provider', 'depends_on', 'lifecycle'].includes(key)));
  const resources = [
    ...policies.map(([name, resource]) => ({
      mode: 'managed',
      type: 'aws_organizations_policy',
      name,
      provider,
      instances: [{ schema_version: 0, attributes: { ...attributes(resource), id: idOf.get(name), arn: `arn:aws:organizations::111111111111:policy/o-a1b2c3d4e5/service_control_policy/${idOf.get(name)}`, tags_all: resource.tags ?? {} } }],
    })),
    ...Object.entries(stack.resource.aws_organizations_policy_attachment ?? {}).map(([name, resource]) => {
      const policy = /\$\{aws_organizations_policy\.([^.]+)\.id\}/.exec(String(resource.policy_id))?.[1] ?? '';
      const policyId = idOf.get(policy);
      return {
        mode: 'managed',
        type: 'aws_organizations_policy_attachment',
        name,
        provider,
        instances: [{ schema_version: 0, attributes: { ...attributes(resource), policy_id: policyId, id: `${String(resource.target_id)}:${policyId}` } }],
      };
    }),
  ];
  return `${JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: '6a1a2f43-0d44-4d8e-9a51-3c1f7f4f0a10', outputs: {}, resources }, null, 2)}\n`;
}

if (!isAvailable(terraform)) {
  if (process.env.MODELGATE_REQUIRE_TERRAFORM === '1') {
    test('Terraform and a hashicorp/aws mirror are available', () => {
      throw new Error(terraform.reason);
    });
  } else {
    console.warn(`skipped report --plan on real plans: ${terraform.reason}`);
  }
}

(isAvailable(terraform) ? describe : describe.skip)(`report --plan on real Terraform plans${isAvailable(terraform) ? '' : ` (skipped: ${terraform.reason})`}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-plan-review-'));
  const config = join(dir, 'governance.yaml');
  const plans = join(dir, 'plans');
  let update: PlanReview;
  let create: PlanReview;

  beforeAll(async () => {
    if (!isAvailable(terraform)) return;
    writeFileSync(config, BEFORE);
    const before = join(dir, 'before');
    await synthesizeGovernance({ configFile: config, outdir: before });
    writeFileSync(config, AFTER);
    const after = join(dir, 'after');
    await synthesizeGovernance({ configFile: config, outdir: after });
    const sandbox = join(after, 'stacks', 'ou-sandbox');
    // The update: the new synth planned against the state of the old one.
    const createPlan = planStackOffline(terraform, sandbox);
    writeFileSync(join(sandbox, 'terraform.tfstate'), stateOf(JSON.parse(readFileSync(join(before, 'stacks', 'ou-sandbox', 'cdk.tf.json'), 'utf8'))));
    const updatePlan = planStackOffline(terraform, sandbox);
    mkdirSync(plans);
    writeFileSync(join(plans, 'ou-sandbox.json'), JSON.stringify(updatePlan.json));
    writeFileSync(join(dir, 'create.json'), JSON.stringify(createPlan.json));
    update = await buildPlanReview({ configFile: config, plan: plans });
    create = await buildPlanReview({ configFile: config, plan: join(dir, 'create.json') });
  }, 10 * 60 * 1000);

  test('the update plan: Claude widened for Sandbox and its account (both Bedrock APIs), model import narrowed, nothing else', () => {
    const claude = /^(bedrock:InvokeModel on|bedrock-mantle:CreateInference with bedrock-mantle:Model) anthropic\.claude-3-5-sonnet-20240620-v1:0$/;
    expect(update.flips.filter((f) => f.kind === 'widened').map((f) => [f.layer, f.before, f.after, f.description])).toEqual([
      ['Sandbox', 'Denied', 'Allowed', expect.stringMatching(claude)],
      ['Sandbox', 'Denied', 'Allowed', expect.stringMatching(claude)],
      ['dev', 'Denied', 'Allowed', expect.stringMatching(claude)],
      ['dev', 'Denied', 'Allowed', expect.stringMatching(claude)],
    ]);
    expect(update.flips.filter((f) => f.kind === 'narrowed').map((f) => [f.layer, f.before, f.after, f.description])).toEqual([
      ['Sandbox', 'Allowed', 'Denied', 'bedrock:CreateModelImportJob'],
      ['dev', 'Allowed', 'Denied', 'bedrock:CreateModelImportJob'],
    ]);
    expect(update.attachmentsAdded).toEqual([]);
    expect(update.attachmentsRemoved).toEqual([]);
    expect(update.overLimit).toEqual([]);
  });

  test('the create plan: no prior SCPs, so every Sandbox deny is a new Allowed -> Denied, and the attachment is added', () => {
    expect(create.flips.length).toBeGreaterThan(0);
    expect(create.flips.every((f) => f.kind === 'narrowed' && ['Sandbox', 'dev'].includes(f.layer))).toBe(true);
    expect(create.attachmentsAdded).toEqual([expect.stringMatching(/^modelgate-ou-sandbox-1 -> ou-ab12-11111111$/)]);
    expect(create.attachmentsRemoved).toEqual([]);
  });

  test('the Markdown names both kinds of change', () => {
    const markdown = planReviewMarkdown(update);
    expect(markdown).toMatch(/^# modelgate: effective access in this plan\n/);
    expect(markdown).toContain('## Access widened (Denied -> Allowed): 4\n');
    expect(markdown).toContain('## Possible outage (Allowed -> Denied): 2\n');
  });

  describe('the command', () => {
    const output = captureProcessOutput();
    const run = (...args: string[]): Promise<unknown> => reportCommand().parseAsync(args, { from: 'user' });

    test('--fail-on widened exits 5 on the update, and writes modelgate-report-plan.md and .json', async () => {
      const out = join(dir, 'out');
      await run(config, '--plan', plans, '--out', out, '--fail-on', 'widened');
      expect(process.exitCode).toBe(EXIT.accessChanged);
      expect(output.stdout).toMatch(/^modelgate report: 1 plan: 4 cells widened, 2 narrowed, 0 SCPs over the limit, 0 attachments added, 0 removed; wrote /);
      expect(JSON.parse(readFileSync(join(out, 'modelgate-report-plan.json'), 'utf8'))).toMatchObject({ mode: 'plan', summary: { widened: 4, narrowed: 2 } });
      expect(readFileSync(join(out, 'modelgate-report-plan.md'), 'utf8')).toContain('## Access widened');
    });

    test('--fail-on widened passes the create plan (it only narrows); --fail-on any fails it', async () => {
      await run(config, '--plan', join(dir, 'create.json'), '--format', 'json', '--fail-on', 'widened');
      expect(process.exitCode).toBeUndefined();
      expect(JSON.parse(output.stdout)).toMatchObject({ summary: { widened: 0 } });
      output.stdout = '';
      await run(config, '--plan', join(dir, 'create.json'), '--format', 'markdown', '--fail-on', 'any');
      expect(process.exitCode).toBe(EXIT.accessChanged);
      expect(output.stdout).toMatch(/^# modelgate: effective access in this plan/);
    });

    test('a plan file that is not plan JSON: exit 1, saying how to write one', async () => {
      writeFileSync(join(dir, 'binary.tfplan'), 'PK\u0003\u0004');
      await run(config, '--plan', join(dir, 'binary.tfplan'));
      expect(process.exitCode).toBe(1);
      expect(output.stderr).toMatch(/is not JSON .*"terraform show -json <planfile>"/);
    });
  });
});
