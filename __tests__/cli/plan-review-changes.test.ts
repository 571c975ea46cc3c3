import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { generateOrganization } from '../../bench/generate-org';
import { withOneUnitChanged } from '../../bench/one-unit-changed';
import { buildPlanReview, planReviewInputs, planReviewJson, type AccessFlip } from '../../cli/plan-review';
import { evaluateMatrix, type AccessMatrix } from '../../cli/report';
import { synthesizeFile } from '../support/synth-fixture';
import { stackPlan, writeStackPlans } from '../support/synthesized-plans';

/**
 * `report --plan` (and the run task) evaluate only the levels a plan changes, as `report --base`
 * does. The oracle is what plan review did before: both sides evaluated in full and compared cell
 * by cell; the flips must be the same, in the same order, to the byte.
 */

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'governance.yaml');

/** The old plan review: every cell of both sides, then the cells whose decision differs. */
async function fullEvaluationFlips(configFile: string, plan: string): Promise<AccessFlip[]> {
  const { governance, prior, planned, rows, columns, role } = planReviewInputs({ configFile, plan });
  const before = await evaluateMatrix(governance, prior.policies, rows, columns, role);
  const after = await evaluateMatrix(governance, planned.policies, rows, columns, role);
  return cellByCell(before, after);
}

function cellByCell(before: AccessMatrix, after: AccessMatrix): AccessFlip[] {
  return after.cells.flatMap((cells, row) =>
    cells.flatMap((cell, column): AccessFlip[] => {
      const was = before.cells[row]?.[column]?.decision;
      if (was === undefined || was === cell.decision) return [];
      const header = after.columns[column];
      return [
        {
          layer: after.rows[row]?.layer ?? '',
          request: header?.label ?? '',
          description: header?.description ?? '',
          before: was,
          after: cell.decision,
          kind: cell.decision === 'Allowed' ? 'widened' : 'narrowed',
        },
      ];
    }),
  );
}

interface Models {
  readonly models: Record<string, Record<string, unknown> & { bedrock?: Record<string, unknown> }>;
}

/** The example's Sandbox OU may fine-tune again (widened) and takes no Bedrock API key (narrowed). */
function sandboxChanged(text: string): string {
  const config = parse(text) as Models;
  const { fineTuning: _, ...sandbox } = config.models.Sandbox ?? {};
  config.models.Sandbox = { ...sandbox, bedrock: { ...sandbox.bedrock, apiKeys: 'deny' } };
  return stringify(config, { lineWidth: 0 });
}

/**
 * The bench's change ({@link withOneUnitChanged}: one OU's Bedrock allow-list loses its last
 * model, narrowed), and the same OU drops its other rules, capability switches and Marketplace
 * lists (widened).
 */
function oneUnitChangedBothWays(text: string): string {
  const narrowed = withOneUnitChanged(text);
  const config = parse(narrowed.text) as Models;
  const { allow, alsoAllow } = config.models[narrowed.unit]?.bedrock ?? {};
  config.models[narrowed.unit] = { bedrock: { allow, ...(alsoAllow === undefined ? {} : { alsoAllow }) } };
  return stringify(config, { lineWidth: 0 });
}

/** The example's Sandbox OU drops Amazon Nova, the only rule of the config that names it, from its Bedrock allow-list. */
function sandboxDropsNova(text: string): string {
  const config = parse(text) as Models;
  const sandbox = config.models.Sandbox ?? {};
  const allow = (sandbox.bedrock?.allow as string[]).filter((glob) => glob !== 'amazon.nova-*');
  config.models.Sandbox = { ...sandbox, bedrock: { ...sandbox.bedrock, allow } };
  return stringify(config, { lineWidth: 0 });
}

interface Organization {
  /** The governance file after the change (the layers and requests of the review). */
  readonly configFile: string;
  readonly beforeOutdir: string;
  readonly afterOutdir: string;
  readonly dir: string;
}

/** Synthesizes an organization before and after one OU's change. */
async function organizationBeforeAndAfter(text: string, change: (text: string) => string): Promise<Organization> {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-plan-changes-'));
  const beforeFile = join(dir, 'before.yaml');
  const configFile = join(dir, 'governance.yaml');
  writeFileSync(beforeFile, text);
  writeFileSync(configFile, change(text));
  const before = await synthesizeFile(beforeFile, join(dir, 'before.out'));
  const after = await synthesizeFile(configFile, join(dir, 'after.out'));
  return { configFile, beforeOutdir: before.outdir, afterOutdir: after.outdir, dir };
}

/** The review and the oracle's flips for the plans in `plan`; the review's JSON with the oracle's flips must be the same bytes. */
async function reviewAndOracle(configFile: string, plan: string): Promise<{ flips: readonly AccessFlip[]; oracle: AccessFlip[] }> {
  const review = await buildPlanReview({ configFile, plan });
  const oracle = await fullEvaluationFlips(configFile, plan);
  expect(planReviewJson(review)).toBe(planReviewJson({ ...review, flips: oracle }));
  return { flips: review.flips, oracle };
}

const kinds = (flips: readonly AccessFlip[]): { widened: number; narrowed: number } => ({
  widened: flips.filter((f) => f.kind === 'widened').length,
  narrowed: flips.filter((f) => f.kind === 'narrowed').length,
});

describe('plan review of the example organization with one OU changed', () => {
  let org: Organization;
  let everyStack: { flips: readonly AccessFlip[]; oracle: AccessFlip[] };

  beforeAll(async () => {
    org = await organizationBeforeAndAfter(readFileSync(EXAMPLE, 'utf8'), sandboxChanged);
    const folder = join(org.dir, 'plans');
    writeStackPlans(org.beforeOutdir, org.afterOutdir, folder);
    everyStack = await reviewAndOracle(org.configFile, folder);
  });

  test('the flips of every stack\'s plan are those of a full evaluation, in the same order', () => {
    expect(everyStack.flips).toEqual(everyStack.oracle);
    expect(kinds(everyStack.oracle).widened).toBeGreaterThan(0);
    expect(kinds(everyStack.oracle).narrowed).toBeGreaterThan(0);
  });

  test('stacks without a plan are in neither side: the changed stack\'s plan alone, without the root\'s SCPs', async () => {
    const folder = join(org.dir, 'changed-stack');
    writeStackPlans(org.beforeOutdir, org.afterOutdir, folder, ['ou-sandbox']);
    const { flips, oracle } = await reviewAndOracle(org.configFile, folder);
    expect(flips).toEqual(oracle);
    // Without the root's deny of long-term keys, the Sandbox change narrows those too.
    expect(flips.length).toBeGreaterThan(everyStack.flips.length);
  });

  test.each([
    ['created (no prior state)', 'after'],
    ['destroyed (no planned values)', 'before'],
  ] as const)('a stack %s: its levels exist on one side only and count as changed', async (_, side) => {
    const stack = (outdir: string): { resource?: Record<string, Record<string, Record<string, unknown>>> } =>
      JSON.parse(readFileSync(join(outdir, 'stacks', 'ou-workloads-prod', 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, Record<string, Record<string, unknown>>> };
    const file = join(org.dir, `ou-workloads-prod-${side}.json`);
    writeFileSync(file, side === 'after' ? stackPlan('ou-workloads-prod', {}, stack(org.afterOutdir)) : stackPlan('ou-workloads-prod', stack(org.beforeOutdir), {}));
    const { flips, oracle } = await reviewAndOracle(org.configFile, file);
    expect(flips).toEqual(oracle);
    expect(flips.length).toBeGreaterThan(0);
  });
});

describe('plan review of a model the change removes from the config', () => {
  test('the models the prior SCPs name are requests too: Sandbox losing Amazon Nova, named nowhere else, shows as narrowed', async () => {
    expect(readFileSync(EXAMPLE, 'utf8').match(/amazon\.nova/g)).toHaveLength(1);
    const org = await organizationBeforeAndAfter(readFileSync(EXAMPLE, 'utf8'), sandboxDropsNova);
    const folder = join(org.dir, 'plans');
    writeStackPlans(org.beforeOutdir, org.afterOutdir, folder);
    const { flips, oracle } = await reviewAndOracle(org.configFile, folder);
    expect(flips).toEqual(oracle);
    const nova = flips.filter((f) => f.description.includes('amazon.nova'));
    expect(nova.length).toBeGreaterThan(0);
    expect(nova.every((f) => f.kind === 'narrowed' && f.before === 'Allowed')).toBe(true);
    expect(nova.map((f) => f.layer)).toContain('Sandbox');
  });
});

describe('plan review of a generated 200-account organization with one OU changed', () => {
  test('the flips are those of a full evaluation, in the same order, and go both ways', async () => {
    const org = await organizationBeforeAndAfter(generateOrganization({ accounts: 200 }), oneUnitChangedBothWays);
    const folder = join(org.dir, 'plans');
    writeStackPlans(org.beforeOutdir, org.afterOutdir, folder);
    const { flips, oracle } = await reviewAndOracle(org.configFile, folder);
    expect(flips).toEqual(oracle);
    expect(kinds(oracle).widened).toBeGreaterThan(0);
    expect(kinds(oracle).narrowed).toBeGreaterThan(0);
  }, 10 * 60 * 1000);
});
