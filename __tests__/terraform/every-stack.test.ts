import { join } from 'node:path';
import { findOfflineTerraform, isAvailable } from '../support/terraform';
import { literalMismatches, planStacks, plannableStacks, terraformWorkspace, type PlannedStack, type SkippedStack } from '../support/terraform-stacks';
import { synthesizeFile } from '../support/synth-fixture';

/**
 * Every stack of the example and of the fixtures through real Terraform, offline: init against the
 * local provider mirror, validate, plan -refresh=false and show -json, with override files for
 * credentials, backend and provider version only. Stacks whose resources the mirror's provider
 * does not have are listed, with the reason, and must be exactly the expected ones.
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
];
/** The stacks that hold a hub with models: aws_sagemaker_hub_content_reference is in hashicorp/aws 6.51.0 and later only. */
const NOT_PLANNABLE_ON_5X = ['examples/governance.yaml: account-shared-services', '__tests__/fixtures/decisions-provenance.yaml: account-hub-home'];

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
  readonly skipped: readonly SkippedStack[];
}

(isAvailable(terraform) ? describe : describe.skip)(`every stack through real Terraform${isAvailable(terraform) ? '' : ` (skipped: ${terraform.reason})`}`, () => {
  const results: ConfigPlans[] = [];
  let seconds = 0;

  beforeAll(async () => {
    if (!isAvailable(terraform)) return;
    const started = Date.now();
    const workspace = await terraformWorkspace(terraform);
    const synthesized: { config: string; plannable: string[]; skipped: SkippedStack[]; outdir: string }[] = [];
    for (const config of CONFIGS) {
      const { outdir } = await synthesizeFile(join(ROOT_DIR, config));
      synthesized.push({ config, outdir, ...plannableStacks(workspace, outdir) });
    }
    // Every stack of every config in one plan: the provider is loaded once for validate and show.
    const toPlan = synthesized.flatMap(({ outdir, plannable }, i) => plannable.map((stack) => ({ module: `c${i}_${stack}`, stack, dir: join(outdir, 'stacks', stack) })));
    const plans = await planStacks(workspace, toPlan);
    for (const [i, { config, skipped }] of synthesized.entries()) {
      results.push({ config, planned: plans.filter((_, at) => toPlan[at]?.module.startsWith(`c${i}_`)), skipped });
    }
    seconds = (Date.now() - started) / 1000;
    const lines = results.flatMap((r) => [
      `${r.config}:`,
      ...r.planned.map((p) => `  validated and planned ${p.stack}: ${p.resources.length} resources`),
      ...r.skipped.map((s) => `  not planned ${s.stack}: ${s.reason}`),
    ]);
    console.log(`Terraform suite, hashicorp/aws ${terraform.awsVersion} from the mirror, ${seconds.toFixed(0)} s:\n${lines.join('\n')}`);
  }, 20 * 60 * 1000);

  const everyPlan = (): { config: string; plan: PlannedStack }[] => results.flatMap((r) => r.planned.map((plan) => ({ config: r.config, plan })));

  test('every stack but those needing a newer provider is planned', () => {
    expect(results.map((r) => r.config)).toEqual(CONFIGS);
    expect(results.flatMap((r) => r.skipped.map((s) => `${r.config}: ${s.stack}`))).toEqual(NOT_PLANNABLE_ON_5X);
    const reason = expect.stringMatching(/^aws_sagemaker_hub_content_reference \(hashicorp\/aws >= 6\.51\.0\); the mirror has \d+\.\d+\.\d+; the stack asks for >= 6\.51\.0, < 7\.0\.0$/);
    expect(results.flatMap((r) => r.skipped.map((s) => s.reason))).toEqual(NOT_PLANNABLE_ON_5X.map(() => reason));
    expect(everyPlan().length).toBeGreaterThanOrEqual(10);
  });

  test('every planned stack is valid for Terraform', () => {
    const invalid = everyPlan().filter(({ plan }) => !plan.validation.valid);
    expect(invalid.map(({ config, plan }) => `${config}: ${plan.stack}: ${JSON.stringify(plan.validation.diagnostics)}`)).toEqual([]);
  });

  test('the planned resources are exactly the synthesized ones', () => {
    for (const { plan } of everyPlan()) {
      const synthesized = Object.entries(plan.synthesized.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
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
