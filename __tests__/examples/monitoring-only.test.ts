import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { join } from 'node:path';
import { scpChainFor } from '../../cli/simulate';
import { synthesizeFile, type Synthesized } from '../support/synth-fixture';
import { expectDecision, row } from '../support/synthesized-scps';

/**
 * examples/monitoring-only.yaml: evidence without rules. The root's one SCP only keeps monitoring's
 * own resources out of the member accounts' reach, so every model stays usable; every member account gets the alert rules, invocation logging and a dashboard; the audit
 * account's bus admits events from this organization only and holds the trail's logs and Athena;
 * the management account holds the organization trail and the budgets.
 */

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'monitoring-only.yaml');
const MEMBER_STACKS = ['account-prod-app', 'account-sandbox-dev', 'account-shared-services'];
const BUS = 'arn:aws:events:us-east-1:444444444444:event-bus/modelgate-alerts';
const ALLOW_ALL = { name: 'allow-all', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };

describe('examples/monitoring-only.yaml', () => {
  let synthesized: Synthesized;
  beforeAll(async () => {
    synthesized = await synthesizeFile(EXAMPLE);
  });
  const resources = (stack: string): Record<string, Record<string, Record<string, unknown>>> => synthesized.stack(stack).resource ?? {};

  test('synthesizes without warnings: the root stack and one stack per member account, one SCP that protects monitoring only', () => {
    expect(synthesized.warnings).toEqual([]);
    expect(synthesized.stacks).toEqual([...MEMBER_STACKS, 'root']);
    expect(synthesized.stacks.filter((s) => resources(s).aws_organizations_policy !== undefined)).toEqual(['root']);
    const policies = Object.values(resources('root').aws_organizations_policy ?? {});
    const sids = policies.flatMap((p) => (JSON.parse(String(p.content)) as { Statement: { Sid: string }[] }).Statement.map((s) => s.Sid));
    // The deployer role the monitoring denies exempt is protected with them (ProtectExemptRoles).
    expect(sids.sort()).toEqual([
      // Merged with ProtectInvocationLogBuckets (the same actions): a merged Sid carries a hash of its members.
      expect.stringMatching(/^ProtectAuditTrailBuckets[0-9A-F]{8}$/),
      'ProtectAuditTrailLogs',
      'ProtectExemptRoles',
      'ProtectInvocationLogging',
      'ProtectMonitoringAlertDelivery',
      'ProtectMonitoringAlertRules',
      'ProtectMonitoringKeyAliases',
      'ProtectMonitoringKeys',
      'ProtectMonitoringRoles',
    ]);
  });

  test('a model call in a member account is decided by FullAWSAccess alone: allowed', async () => {
    const chain = scpChainFor(synthesized.outdir, ['r-ab12', 'ou-ab12-22222222', '333333333333']);
    await expectDecision(
      chain,
      row('InvokeModel on deepseek', 'arn:aws:iam::333333333333:role/Developer', 'bedrock:InvokeModel', 'arn:aws:bedrock:us-east-1::foundation-model/deepseek.r1-v1:0', undefined, 'Allowed'),
    );
  });

  test.each(MEMBER_STACKS)('%s: alert rules on the model doors, invocation logging and a dashboard', (stack) => {
    const rules = Object.values(resources(stack).aws_cloudwatch_event_rule ?? {}).map((r) => r.name);
    expect(rules.sort()).toEqual([
      'modelgate-custom-model-import',
      'modelgate-fine-tuning',
      'modelgate-invocation-logging-changes',
      'modelgate-marketplace-endpoint',
      'modelgate-marketplace-subscribe',
      'modelgate-model-hub-changes',
    ]);
    expect(Object.keys(resources(stack).aws_bedrock_model_invocation_logging_configuration ?? {})).toHaveLength(1);
    expect(Object.keys(resources(stack).aws_cloudwatch_dashboard ?? {})).toHaveLength(1);
  });

  test('the management account holds the organization trail, the SCP-change alert and one budget per entry; the audit account its logs and Athena', () => {
    const root = resources('root');
    expect(root.aws_cloudtrail_event_data_store).toBeUndefined();
    expect(Object.values(root.aws_cloudtrail ?? {}).map((t) => [t.provider, t.is_organization_trail])).toEqual([['aws', true]]);
    expect(Object.values(root.aws_s3_bucket ?? {}).map((b) => [b.bucket, b.provider])).toContainEqual(['modelgate-trail-444444444444-us-east-1', 'aws.account-shared-services']);
    expect(Object.values(root.aws_athena_workgroup ?? {}).map((w) => w.provider)).toEqual(['aws.account-shared-services']);
    expect(Object.values(root.aws_cloudwatch_event_rule ?? {}).map((r) => r.name)).toContain('modelgate-scp-changes');
    expect(Object.values(root.aws_budgets_budget ?? {}).map((b) => b.name).sort()).toEqual(['modelgate-sandbox-models', 'modelgate-workload-models']);
  });

  describe('the central alert bus, in shared-services', () => {
    const putEvents = async (principal: string, orgId: string): Promise<string> => {
      const policies = Object.values(resources('root').aws_cloudwatch_event_bus_policy ?? {});
      expect(policies.map((p) => p.provider)).toEqual(['aws.account-shared-services']);
      const request: Simulation['request'] = {
        principal,
        action: 'events:PutEvents',
        resource: { resource: BUS, accountId: '444444444444' },
        contextVariables: { 'aws:PrincipalOrgID': orgId },
      };
      const result = await runSimulation(
        { request, identityPolicies: [ALLOW_ALL], serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: JSON.parse(String(policies[0]?.policy)) },
        {},
      );
      if (result.resultType !== 'single') throw new Error(`unexpected simulation result: ${result.resultType}`);
      return result.overallResult;
    };

    test('admits the forwarder role of a member account', async () => {
      expect(await putEvents('arn:aws:iam::222222222222:role/modelgate-alert-forwarder', 'o-a1b2c3d4e5')).toBe('Allowed');
    });

    test('refuses a role of another organization', async () => {
      expect(await putEvents('arn:aws:iam::999999999999:role/modelgate-alert-forwarder', 'o-zzzzzzzzzz')).toBe('ImplicitlyDenied');
    });
  });
});
