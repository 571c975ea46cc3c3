import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANAGEMENT_ACCOUNT_ALERTS, MEMBER_ACCOUNT_ALERTS, storedQueries } from '../../modules/monitoring';
import { synthesizeFile, synthesizeYaml, type StackJson, type Synthesized } from '../support/synth-fixture';
import { resourcesInRegions } from '../support/provider-regions';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'governance.yaml');

const ORG = [
  'organization:',
  '  id: o-a1b2c3d4e5',
  '  managementAccount: "111111111111"',
  '  root: r-ab12',
  '  units: { Sandbox: { id: ou-ab12-11111111 } }',
  '  accounts:',
  '    sandbox-dev: { id: "222222222222", unit: Sandbox }',
  '    security: { id: "555555555555" }',
  '    management: { id: "111111111111" }',
  'breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]',
  'deployment: { region: eu-west-1 }',
];

/** The resources of a type, each with the region its provider places it in. */
const resourcesOf = (stack: StackJson, type: string): Record<string, unknown>[] => Object.values(resourcesInRegions(stack as Parameters<typeof resourcesInRegions>[0])[type] ?? {});

describe('monitoring in the example organization', () => {
  let synth: Synthesized;
  beforeAll(async () => {
    synth = await synthesizeFile(EXAMPLE);
  });

  test('the root stack holds the organization trail and its Athena workgroup, the central alerts, the SCP-change alert and the budgets', () => {
    const root = synth.stack('root');
    expect(resourcesOf(root, 'aws_cloudtrail_event_data_store')).toEqual([]);
    expect(resourcesOf(root, 'aws_cloudtrail').map((t) => [t.provider, t.is_organization_trail])).toEqual([['aws', true]]);
    expect(resourcesOf(root, 'aws_athena_workgroup').map((w) => w.provider)).toEqual(['aws.account-shared-services']);
    expect(resourcesOf(root, 'aws_cloudwatch_event_bus').map((b) => b.provider)).toEqual(['aws.account-shared-services']);
    const scpRule = resourcesOf(root, 'aws_cloudwatch_event_rule').find((r) => r.name === 'modelgate-scp-changes');
    // Organizations records its calls in us-east-1, and the rule is in the management account.
    expect(scpRule).toMatchObject({ provider: 'aws', region: 'us-east-1' });
    expect(MANAGEMENT_ACCOUNT_ALERTS.map((a) => a.name)).toEqual(['scp-changes']);
    const budgets = Object.fromEntries(resourcesOf(root, 'aws_budgets_budget').map((b) => [b.name, [b.filter_expression, b.metrics, b.cost_filter]]));
    const scoped = (accountId: string): unknown => [{ and: [{ dimensions: { key: 'SERVICE', values: ['Amazon Bedrock'] } }, { dimensions: { key: 'LINKED_ACCOUNT', values: [accountId] } }] }];
    expect(budgets).toEqual({
      'modelgate-prod-models': [scoped('333333333333'), ['UnblendedCost'], undefined],
      'modelgate-sandbox-models': [scoped('222222222222'), ['UnblendedCost'], undefined],
    });
    expect((root.terraform.required_providers as { aws: { version: string } }).aws.version).toBe('>= 6.41.0, < 7.0.0');
  });

  test.each(['account-prod-app', 'account-sandbox-dev', 'account-shared-services'])('%s has the alerts, invocation logging and a dashboard, through its account provider', (name) => {
    const stack = synth.stack(name);
    const rules = resourcesOf(stack, 'aws_cloudwatch_event_rule');
    expect(rules).toHaveLength(MEMBER_ACCOUNT_ALERTS.length * 2);
    expect([...new Set(rules.map((r) => r.region))].sort()).toEqual(['us-east-1', 'us-west-2']);
    expect(resourcesOf(stack, 'aws_bedrock_model_invocation_logging_configuration')).toHaveLength(2);
    expect(resourcesOf(stack, 'aws_cloudwatch_dashboard')).toHaveLength(1);
    const placed = Object.values(stack.resource ?? {}).flatMap((byId) => Object.values(byId));
    const ownResources = placed.filter((r) => r.provider === 'aws.account' || String(r.provider).startsWith('aws.account-'));
    expect(ownResources.length).toBe(placed.length - resourcesOf(stack, 'aws_organizations_policy').length - resourcesOf(stack, 'aws_organizations_policy_attachment').length);
  });

  test('the example has no CloudTrail Lake store, so no Lake query files: its queries are Athena named queries', () => {
    expect(existsSync(join(synth.outdir, 'queries'))).toBe(false);
    const named = resourcesOf(synth.stack('root'), 'aws_athena_named_query');
    // The deny globs of the example are what the CreateModel query looks for.
    expect(named.find((q) => q.name === 'modelgate-sagemaker-models-matching-patterns')?.query).toContain("LIKE '%deepseek.%'");
  });
});

describe('CloudTrail Lake query files', () => {
  test('writes every stored query next to the stacks, with the EVENT_DATA_STORE_ID placeholder to replace by the store id', async () => {
    const synth = await synthesizeYaml([...ORG, 'monitoring:', '  eventDataStore: {}', '  queries: { modelPatterns: ["deepseek.*"] }'].join('\n'));
    const dir = join(synth.outdir, 'queries');
    const queries = storedQueries(synth.compiled.governance.monitoring ?? { modelPatterns: [] });
    expect(readdirSync(dir).sort()).toEqual(queries.map((q) => `${q.name}.sql`));
    for (const query of queries) {
      expect(readFileSync(join(dir, `${query.name}.sql`), 'utf8')).toBe(`-- ${query.description}\n${query.sql}\n`);
    }
    expect(readFileSync(join(dir, 'sagemaker-models-matching-patterns.sql'), 'utf8')).toContain("LIKE '%deepseek.%'");
  });
});

describe('monitoring placement', () => {
  test('without monitoring, no query files and no stacks for accounts without rules', async () => {
    const synth = await synthesizeYaml(ORG.join('\n'));
    expect(synth.stacks).toEqual(['root']);
    expect(existsSync(join(synth.outdir, 'queries'))).toBe(false);
  });

  test('an event data store alone adds no account stacks', async () => {
    const synth = await synthesizeYaml([...ORG, 'monitoring:', '  eventDataStore: {}'].join('\n'));
    expect(synth.stacks).toEqual(['root']);
    expect(resourcesOf(synth.stack('root'), 'aws_cloudtrail_event_data_store')).toEqual([expect.objectContaining({ provider: 'aws' })]);
    expect(synth.stack('root').provider?.aws).toHaveLength(1);
  });

  test('a store in a delegated administrator account: registered from the management account, placed through a provider into that account', async () => {
    const synth = await synthesizeYaml([...ORG, 'monitoring:', '  eventDataStore: { account: security }'].join('\n'));
    const root = synth.stack('root');
    expect(resourcesOf(root, 'aws_cloudtrail_organization_delegated_admin_account')).toEqual([expect.objectContaining({ account_id: '555555555555', provider: 'aws' })]);
    expect(resourcesOf(root, 'aws_cloudtrail_event_data_store')).toEqual([expect.objectContaining({ provider: 'aws.account-security' })]);
    expect(root.provider?.aws?.[1]).toMatchObject({ alias: 'account-security', allowed_account_ids: ['555555555555'], region: 'eu-west-1' });
  });

  test('alerts give every member account a stack, never the management account, and default to deployment.region', async () => {
    const synth = await synthesizeYaml([...ORG, 'monitoring:', '  auditAccount: management', '  alerts: {}'].join('\n'));
    expect(synth.stacks).toEqual(['account-sandbox-dev', 'account-security', 'root']);
    const regions = resourcesOf(synth.stack('account-security'), 'aws_cloudwatch_event_rule').map((r) => r.region);
    expect(new Set(regions)).toEqual(new Set(['eu-west-1']));
    // The audit account is the management account: the bus is placed with the management provider.
    const root = synth.stack('root');
    expect(resourcesOf(root, 'aws_cloudwatch_event_bus')).toEqual([expect.objectContaining({ provider: 'aws', region: 'eu-west-1' })]);
    // ...and the SCP-change rule, in us-east-1 where Organizations events arrive, through a copy of it there.
    expect(root.provider?.aws?.map((p) => [p.alias, p.region, p.allowed_account_ids])).toEqual([
      [undefined, 'eu-west-1', ['111111111111']],
      ['management-us-east-1', 'us-east-1', ['111111111111']],
    ]);
    const target = resourcesOf(synth.stack('account-sandbox-dev'), 'aws_cloudwatch_event_target')[0];
    expect(target?.arn).toBe('arn:aws:events:eu-west-1:111111111111:event-bus/modelgate-alerts');
  });
});
