import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { synthesizeTraps, TRAP, TRAP_KEY, TRAP_ROLE_ARN } from '../support/literal-text-traps';
import { findOfflineTerraform, isAvailable, planStackOffline, type PlannedResource, type StackPlan } from '../support/terraform';

/**
 * The proof that user text stays literal is Terraform's own reading of the synthesized JSON: an
 * offline plan of prod-app's stack (SCP, guardrail, model-user role: all in hashicorp/aws 5.x, so
 * the mirror's 5.100.0 can plan it) must show the text exactly as written, and never the content
 * of the file it names.
 */
const terraform = findOfflineTerraform();
const SECRET = 'TOP-SECRET-FILE-CONTENT';

if (!isAvailable(terraform)) {
  // CI sets MODELGATE_REQUIRE_TERRAFORM=1 (.ci/run): there a missing Terraform is a failure, not a skip.
  if (process.env.MODELGATE_REQUIRE_TERRAFORM === '1') {
    test('Terraform and a hashicorp/aws mirror are available', () => {
      throw new Error(terraform.reason);
    });
  } else {
    console.warn(`skipped the real-Terraform test of literal user text: ${terraform.reason}`);
  }
}

(isAvailable(terraform) ? describe : describe.skip)(
  `real Terraform plans user text literally${isAvailable(terraform) ? '' : ` (skipped: ${terraform.reason})`}`,
  () => {
    let plan: StackPlan;
    const resource = (type: string): PlannedResource => {
      const found = plan.resources.find((r) => r.type === type);
      if (!found) throw new Error(`no ${type} in the plan: ${plan.resources.map((r) => r.address).join(', ')}`);
      return found;
    };

    beforeAll(async () => {
      if (!isAvailable(terraform)) return;
      const outdir = await synthesizeTraps();
      const stackDir = join(outdir, 'stacks', 'account-prod-app');
      // If Terraform evaluated ${file("secrets.txt")}, this is what it would read.
      writeFileSync(join(stackDir, 'secrets.txt'), SECRET);
      plan = planStackOffline(terraform, stackDir);
    }, 10 * 60 * 1000);

    test('the stack is valid for Terraform', () => {
      expect(plan.validation).toMatchObject({ valid: true });
    });

    test('the guardrail keeps its description, topic, example, messages and version description as written', () => {
      expect(resource('aws_bedrock_guardrail').values).toMatchObject({
        description: TRAP,
        blocked_input_messaging: TRAP,
        blocked_outputs_messaging: TRAP,
        topic_policy_config: [{ topics_config: [{ name: 'Secrets', definition: TRAP, examples: [TRAP] }] }],
      });
      expect(resource('aws_bedrock_guardrail_version').values).toMatchObject({ description: TRAP });
    });

    test('default tags reach every resource with key and value as written', () => {
      for (const type of ['aws_bedrock_guardrail', 'aws_iam_role', 'aws_organizations_policy']) {
        expect(resource(type).values.tags_all).toEqual({ ManagedBy: 'modelgate', Owner: TRAP, [TRAP_KEY]: 'key' });
      }
    });

    test('the SCP content names the break-glass role as written', () => {
      const content = JSON.parse(resource('aws_organizations_policy').values.content as string);
      expect(content.Statement[0].Condition.ArnNotLike['aws:PrincipalArn']).toContain(TRAP_ROLE_ARN);
    });

    test('Terraform never read the file the text names', () => {
      expect(JSON.stringify(plan.json)).not.toContain(SECRET);
      expect(readFileSync(join(plan.workdir, 'secrets.txt'), 'utf8')).toBe(SECRET);
    });
  },
);
