import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPlanReview, failsOn } from '../../cli/plan-review';

const CONFIG = `
organization:
  managementAccount: "111111111111"
  root: r-ab12
  units:
    Sandbox: { id: ou-ab12-11111111 }
breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]
models:
  Sandbox:
    bedrock: { deny: ["deepseek.*"] }
`;

const DENY_DEEPSEEK = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'DenyDeepSeek', Effect: 'Deny', Action: ['bedrock:InvokeModel'], Resource: ['arn:aws:bedrock:*::foundation-model/deepseek.*'] }],
});

/** A plan JSON in the shape of `terraform show -json`: the SCP and its attachment before, and what is planned. */
function planJson(prior: boolean, planned: { content: string } | undefined): string {
  const policy = (content: string, id?: string): Record<string, unknown> => ({
    address: 'aws_organizations_policy.scp',
    type: 'aws_organizations_policy',
    name: 'scp',
    values: { name: 'modelgate-ou-sandbox-1', type: 'SERVICE_CONTROL_POLICY', content, ...(id ? { id } : {}) },
  });
  const attachment = (policyId?: string): Record<string, unknown> => ({
    address: 'aws_organizations_policy_attachment.attach',
    type: 'aws_organizations_policy_attachment',
    name: 'attach',
    values: { target_id: 'ou-ab12-11111111', ...(policyId ? { policy_id: policyId } : {}) },
  });
  return JSON.stringify({
    format_version: '1.2',
    prior_state: prior ? { values: { root_module: { resources: [policy(DENY_DEEPSEEK, 'p-1'), attachment('p-1')] } } } : undefined,
    planned_values: { root_module: { resources: planned ? [policy(planned.content, 'p-1'), attachment('p-1')] : [] } },
    configuration: { root_module: { resources: [{ address: 'aws_organizations_policy_attachment.attach', expressions: { policy_id: { references: ['aws_organizations_policy.scp.id', 'aws_organizations_policy.scp'] } } }] } },
  });
}

function files(plan: string): { config: string; plan: string } {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-plan-unit-'));
  writeFileSync(join(dir, 'governance.yaml'), CONFIG);
  writeFileSync(join(dir, 'ou-sandbox.json'), plan);
  return { config: join(dir, 'governance.yaml'), plan: join(dir, 'ou-sandbox.json') };
}

describe('plan review', () => {
  test('a destroyed SCP: its attachment is removed and the denied model is allowed again (widened)', async () => {
    const { config, plan } = files(planJson(true, undefined));
    const review = await buildPlanReview({ configFile: config, plan });
    expect(review.attachmentsRemoved).toEqual(['modelgate-ou-sandbox-1 -> ou-ab12-11111111']);
    expect(review.flips.map((f) => [f.layer, f.kind, f.description])).toEqual([['Sandbox', 'widened', expect.stringMatching(/^bedrock:InvokeModel on deepseek\./)]]);
    expect(failsOn(review, 'widened')).toBe(true);
    expect(failsOn(review, undefined)).toBe(false);
  });

  test('an SCP over the character limit is named, and fails --fail-on widened', async () => {
    const resources = ['arn:aws:bedrock:*::foundation-model/deepseek.*', ...Array.from({ length: 300 }, (_, i) => `arn:aws:bedrock:*::foundation-model/deepseek.v${i}`)];
    const padded = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'DenyDeepSeek', Effect: 'Deny', Action: ['bedrock:InvokeModel'], Resource: resources }] });
    expect(padded.length).toBeGreaterThan(10_240);
    const { config, plan } = files(planJson(true, { content: padded }));
    const review = await buildPlanReview({ configFile: config, plan });
    expect(review.overLimit).toEqual([{ name: 'modelgate-ou-sandbox-1', stack: 'ou-sandbox', characters: padded.length, limit: 10_240 }]);
    expect(review.flips).toEqual([]);
    expect(failsOn(review, 'widened')).toBe(true);
  });

  test('a plan that changes no SCP: nothing flips, nothing fails', async () => {
    const { config, plan } = files(planJson(true, { content: DENY_DEEPSEEK }));
    const review = await buildPlanReview({ configFile: config, plan });
    expect([review.flips, review.overLimit, review.attachmentsAdded, review.attachmentsRemoved]).toEqual([[], [], [], []]);
    expect(failsOn(review, 'any')).toBe(false);
  });
});
