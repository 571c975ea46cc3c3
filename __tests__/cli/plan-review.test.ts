import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPlanReview, failsOn } from '../../cli/plan-review';
import { DENY_DEEPSEEK, SANDBOX_CONFIG, sandboxScpPlan } from '../support/sandbox-scp-plan';

function files(plan: string): { config: string; plan: string } {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-plan-unit-'));
  writeFileSync(join(dir, 'governance.yaml'), SANDBOX_CONFIG);
  writeFileSync(join(dir, 'ou-sandbox.json'), plan);
  return { config: join(dir, 'governance.yaml'), plan: join(dir, 'ou-sandbox.json') };
}

describe('plan review', () => {
  test('a destroyed SCP: its attachment is removed and the denied model is allowed again (widened)', async () => {
    const { config, plan } = files(sandboxScpPlan(undefined));
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
    const { config, plan } = files(sandboxScpPlan(padded));
    const review = await buildPlanReview({ configFile: config, plan });
    expect(review.overLimit).toEqual([{ name: 'modelgate-ou-sandbox-1', stack: 'ou-sandbox', characters: padded.length, limit: 10_240 }]);
    expect(review.flips).toEqual([]);
    expect(failsOn(review, 'widened')).toBe(true);
  });

  test('a plan that changes no SCP: nothing flips, nothing fails', async () => {
    const { config, plan } = files(sandboxScpPlan(DENY_DEEPSEEK));
    const review = await buildPlanReview({ configFile: config, plan });
    expect([review.flips, review.overLimit, review.attachmentsAdded, review.attachmentsRemoved]).toEqual([[], [], [], []]);
    expect(failsOn(review, 'any')).toBe(false);
  });
});
