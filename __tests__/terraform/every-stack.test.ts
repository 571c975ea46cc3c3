import { join } from 'node:path';
import { findOfflineTerraform, isAvailable } from '../support/terraform';
import { literalMismatches, planStacks, stacksOnMirror, terraformWorkspace, type PlannedStack } from '../support/terraform-stacks';
import { synthesizeFile } from '../support/synth-fixture';

/**
 * Every stack of the example and of the fixtures through real Terraform, offline: init against the
 * local provider mirror, validate, plan -refresh=false and show -json, with override files for
 * credentials, backend and provider version only. Every stack is planned; resources the mirror's
 * provider cannot plan (and what refers to them) are left out of the planned copy, listed with the
 * reason, and must be exactly the expected ones.
 */
const terraform = findOfflineTerraform();
const ROOT_DIR = join(__dirname, '..', '..');
const CONFIGS = [
  'examples/governance.yaml',
  '__tests__/fixtures/decisions-allow-list.yaml',
  '__tests__/fixtures/decisions-deny-list.yaml',
  '__tests__/fixtures/decisions-exemptions.yaml',
  '__tests__/fixtures/decisions-model-actions.yaml',
  '__tests__/fixtures/decisions-provenance.yaml',
  '__tests__/fixtures/guardrail-organization-policy.yaml',
];
/**
 * What the mirror (hashicorp/aws 5.x) cannot plan, by resource type: the budgets' filter_expression
 * (6.41.0) in the root stack of configs with budgets, the hub content references (6.51.0) of the
 * stacks that hold a hub with models, and the Bedrock organization policies (6.26.0) with the
 * attachments that refer to them. Nothing else refers to any of them, so nothing else is left out.
 */
const LEFT_OUT_ON_5X: Readonly<Record<string, RegExp>> = {
  aws_budgets_budget: /^filter_expression needs hashicorp\/aws >= 6\.41\.0; the mirror has 5\.\d+\.\d+$/,
  aws_sagemaker_hub_content_reference: /^the resource type needs hashicorp\/aws >= 6\.51\.0; the mirror has 5\.\d+\.\d+$/,
  aws_organizations_policy: /^type BEDROCK_POLICY needs hashicorp\/aws >= 6\.26\.0; the mirror has 5\.\d+\.\d+$/,
  aws_organizations_policy_attachment: /^refers to aws_organizations_policy\.guardrail-policy-[\w-]+, which is left out$/,
};
/** Where the example and fixtures hold them: stack, type, and how many. */
const LEFT_OUT_WHERE = [
  'examples/governance.yaml: account-shared-services: 2 aws_sagemaker_hub_content_reference',
  'examples/governance.yaml: root: 2 aws_budgets_budget',
  '__tests__/fixtures/decisions-provenance.yaml: account-hub-home: 1 aws_sagemaker_hub_content_reference',
  '__tests__/fixtures/guardrail-organization-policy.yaml: root: 2 aws_organizations_policy',
  '__tests__/fixtures/guardrail-organization-policy.yaml: root: 2 aws_organizations_policy_attachment',
];

if (!isAvailable(terraform)) {
  // CI sets MODELGATE_REQUIRE_TERRAFORM=1 (.ci/run): there a missing Terraform is a failure, not a skip.
  if (process.env.MODELGATE_REQUIRE_TERRAFORM === '1') {
    test('Terraform and a hashicorp/aws mirror are available', () => {
      throw new Error(terraform.reason);
    });
  } else {
    console.warn(`skipped the Terraform suite (every stack planned offline): ${terraform.reason}`);
  }
}

interface ConfigPlans {
  readonly config: string;
  readonly planned: readonly PlannedStack[];
}

(isAvailable(terraform) ? describe : describe.skip)(`every stack through real Terraform${isAvailable(terraform) ? '' : ` (skipped: ${terraform.reason})`}`, () => {
  const results: ConfigPlans[] = [];
  let seconds = 0;

  beforeAll(async () => {
    if (!isAvailable(terraform)) return;
    const started = Date.now();
    const workspace = await terraformWorkspace(terraform);
    const synthesized: { config: string; outdir: string; stacks: ReturnType<typeof stacksOnMirror> }[] = [];
    for (const config of CONFIGS) {
      const { outdir } = await synthesizeFile(join(ROOT_DIR, config));
      synthesized.push({ config, outdir, stacks: stacksOnMirror(workspace, outdir) });
    }
    // Every stack of every config in one plan: the provider is loaded once for validate and show.
    const toPlan = synthesized.flatMap(({ outdir, stacks }, i) => stacks.map(({ stack, leftOut }) => ({ module: `c${i}_${stack}`, stack, dir: join(outdir, 'stacks', stack), leftOut })));
    const plans = await planStacks(workspace, toPlan);
    for (const [i, { config }] of synthesized.entries()) {
      results.push({ config, planned: plans.filter((_, at) => toPlan[at]?.module.startsWith(`c${i}_`)) });
    }
    seconds = (Date.now() - started) / 1000;
    const lines = results.flatMap((r) => [
      `${r.config}:`,
      ...r.planned.flatMap((p) => [
        `  validated and planned ${p.stack}: ${p.resources.length} resources${p.leftOut.length > 0 ? `, without ${p.leftOut.length}:` : ''}`,
        ...p.leftOut.map((l) => `    planned without ${l.address}: ${l.reason}`),
      ]),
    ]);
    console.log(`Terraform suite, hashicorp/aws ${terraform.awsVersion} from the mirror, ${seconds.toFixed(0)} s:\n${lines.join('\n')}`);
  }, 20 * 60 * 1000);

  const everyPlan = (): { config: string; plan: PlannedStack }[] => results.flatMap((r) => r.planned.map((plan) => ({ config: r.config, plan })));

  test('every stack is planned, without exactly the resources that need a newer provider than the mirror', () => {
    expect(results.map((r) => r.config)).toEqual(CONFIGS);
    const leftOut = everyPlan().flatMap(({ config, plan }) => plan.leftOut.map((l) => ({ config, stack: plan.stack, type: l.address.split('.')[0] ?? '', reason: l.reason })));
    const where = new Map<string, number>();
    for (const { config, stack, type } of leftOut) where.set(`${config}: ${stack}: ${type}`, (where.get(`${config}: ${stack}: ${type}`) ?? 0) + 1);
    expect([...where].map(([at, count]) => at.replace(/: (aws_\w+)$/, `: ${count} $1`)).sort()).toEqual([...LEFT_OUT_WHERE].sort());
    for (const { type, reason } of leftOut) expect(reason).toMatch(LEFT_OUT_ON_5X[type] ?? /^no reason expected for this type$/);
    expect(everyPlan().length).toBeGreaterThanOrEqual(20);
  });

  test('every planned stack is valid for Terraform', () => {
    const invalid = everyPlan().filter(({ plan }) => !plan.validation.valid);
    expect(invalid.map(({ config, plan }) => `${config}: ${plan.stack}: ${JSON.stringify(plan.validation.diagnostics)}`)).toEqual([]);
  });

  test('the planned resources are exactly the synthesized ones, less those left out', () => {
    for (const { plan } of everyPlan()) {
      const leftOut = new Set(plan.leftOut.map((l) => l.address));
      const synthesized = Object.entries(plan.synthesized.resource ?? {})
        .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
        .filter((address) => !leftOut.has(address));
      expect({ stack: plan.stack, addresses: plan.resources.map((r) => r.address).sort() }).toEqual({ stack: plan.stack, addresses: synthesized.sort() });
    }
  });

  test("every SCP's planned content is the synthesized literal, byte for byte", () => {
    const scps = everyPlan().flatMap(({ config, plan }) =>
      plan.resources
        .filter((r) => r.type === 'aws_organizations_policy')
        .map((r) => ({ at: `${config}: ${plan.stack}: ${r.address}`, planned: r.values.content, synthesized: plan.synthesized.resource?.aws_organizations_policy?.[r.name]?.content })),
    );
    expect(scps.length).toBeGreaterThan(10);
    expect(scps.filter((scp) => scp.planned !== scp.synthesized).map((scp) => scp.at)).toEqual([]);
    expect(scps.every((scp) => typeof scp.synthesized === 'string' && scp.synthesized.length > 0)).toBe(true);
  });

  test('no user text is interpolated: every literal string reaches the plan as written', () => {
    const mismatches = everyPlan().flatMap(({ config, plan }) =>
      plan.resources.flatMap((resource) => {
        return literalMismatches(plan.synthesized.resource?.[resource.type]?.[resource.name], resource.values, resource.address).map((m) => `${config}: ${plan.stack}: ${m}`);
      }),
    );
    expect(mismatches).toEqual([]);
  });
});
