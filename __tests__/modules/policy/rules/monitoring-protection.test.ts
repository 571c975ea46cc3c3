import { checkAgainstCatalog } from '../../../../modules/policy/catalog';
import { exemptedPatterns } from '../../../../modules/policy/protect-exemptions';
import { monitoringProtectionStatements, type MonitoredResources } from '../../../../modules/policy/rules/monitoring-protection';
import type { RuleContext } from '../../../../modules/policy/rules/rule-context';

const BREAK_GLASS = 'arn:aws:iam::*:role/OrgBreakGlass';
const DEPLOYER = 'arn:aws:iam::*:role/OrganizationAccountAccessRole';
const CONTEXT: RuleContext = { partition: 'aws', breakGlass: [BREAK_GLASS], layerPath: '' };

const ALERTS = {
  rules: 'arn:aws:events:*:*:rule/modelgate-*',
  forwarderRole: 'arn:aws:iam::*:role/modelgate-alert-forwarder',
  bus: 'arn:aws:events:us-east-1:444444444444:event-bus/modelgate-alerts',
  topic: 'arn:aws:sns:us-east-1:444444444444:modelgate-alerts',
  topicKeyAlias: 'arn:aws:kms:us-east-1:444444444444:alias/modelgate-alerts',
};
const AUDIT_TRAIL = {
  trailBucket: 'arn:aws:s3:::modelgate-trail-444444444444-us-east-1',
  resultsBucket: 'arn:aws:s3:::modelgate-athena-results-444444444444-us-east-1',
  keyAlias: 'arn:aws:kms:us-east-1:444444444444:alias/modelgate-audit-trail',
};
const EVERYTHING: MonitoredResources = {
  deployerRole: DEPLOYER,
  alerts: ALERTS,
  invocationLogging: {
    loggingRole: 'arn:aws:iam::*:role/modelgate-bedrock-invocation-logging',
    logGroup: 'arn:aws:logs:*:*:log-group:/modelgate/bedrock/model-invocations*',
    logBuckets: 'arn:aws:s3:::modelgate-bedrock-logs-*-*',
  },
  auditTrail: AUDIT_TRAIL,
};

const sids = (resources: MonitoredResources): string[] => monitoringProtectionStatements(resources, CONTEXT).map((s) => s.statement.Sid);

describe('monitoringProtectionStatements', () => {
  test('nothing placed: no statement', () => {
    expect(monitoringProtectionStatements({ deployerRole: DEPLOYER }, CONTEXT)).toEqual([]);
  });

  test('each piece brings its own statements, named after the config key that placed it', () => {
    const statements = monitoringProtectionStatements(EVERYTHING, CONTEXT);
    expect(statements.map((s) => [s.statement.Sid, s.source])).toEqual([
      ['ProtectMonitoringAlertRules', 'monitoring.alerts'],
      ['ProtectMonitoringAlertDelivery', 'monitoring.alerts'],
      ['ProtectInvocationLogging', 'monitoring.invocationLogging'],
      ['ProtectInvocationLogBuckets', 'monitoring.invocationLogging'],
      ['ProtectInvocationLogGroup', 'monitoring.invocationLogging'],
      ['ProtectMonitoringRoles', 'monitoring.alerts'],
      ['ProtectAuditTrailBuckets', 'monitoring.auditTrail'],
      ['ProtectAuditTrailLogs', 'monitoring.auditTrail'],
      ['ProtectMonitoringKeys', 'monitoring.auditTrail'],
      ['ProtectMonitoringKeyAliases', 'monitoring.auditTrail'],
    ]);
    expect(sids({ deployerRole: DEPLOYER, invocationLogging: {} })).toEqual(['ProtectInvocationLogging']);
    expect(sids({ deployerRole: DEPLOYER, auditTrail: AUDIT_TRAIL })).toEqual(['ProtectAuditTrailBuckets', 'ProtectAuditTrailLogs', 'ProtectMonitoringKeys', 'ProtectMonitoringKeyAliases']);
  });

  test('Sids fit the 40 characters the report and the packing leave them', () => {
    for (const sid of sids(EVERYTHING)) expect(sid.length).toBeLessThanOrEqual(40);
  });

  test('every deny exempts the break-glass principals and the deployer role, so the exemption protection sees the deployer', () => {
    const statements = monitoringProtectionStatements(EVERYTHING, CONTEXT);
    for (const { statement } of statements) expect(statement.Condition?.ArnNotLike).toEqual({ 'aws:PrincipalArn': [BREAK_GLASS, DEPLOYER] });
    expect([...exemptedPatterns(statements).keys()]).toEqual([BREAK_GLASS, DEPLOYER]);
  });

  test('alert rules: delete, disable, redefine and retarget are denied on rules named modelgate-*', () => {
    const [rules] = monitoringProtectionStatements({ deployerRole: DEPLOYER, alerts: ALERTS }, CONTEXT);
    expect(rules?.statement).toMatchObject({
      Action: ['events:DeleteRule', 'events:DisableRule', 'events:PutRule', 'events:PutTargets', 'events:RemoveTargets'],
      Resource: ['arn:aws:events:*:*:rule/modelgate-*'],
    });
  });

  test('the keys are named by their aliases, and the aliases cannot be moved off them', () => {
    const statements = monitoringProtectionStatements(EVERYTHING, CONTEXT).map((s) => s.statement);
    expect(statements.find((s) => s.Sid === 'ProtectMonitoringKeys')).toMatchObject({
      Resource: ['*'],
      Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': ['alias/modelgate-alerts', 'alias/modelgate-audit-trail'] } },
    });
    expect(statements.find((s) => s.Sid === 'ProtectMonitoringKeyAliases')).toMatchObject({
      Action: ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'],
      Resource: [ALERTS.topicKeyAlias, AUDIT_TRAIL.keyAlias],
    });
  });

  test('the invocation log buckets get the audit buckets\' actions, so that packing merges the two statements', () => {
    const statements = monitoringProtectionStatements(EVERYTHING, CONTEXT).map((s) => s.statement);
    const logBuckets = statements.find((s) => s.Sid === 'ProtectInvocationLogBuckets');
    expect(logBuckets?.Action).toEqual(statements.find((s) => s.Sid === 'ProtectAuditTrailBuckets')?.Action);
    expect(logBuckets?.Resource).toEqual(['arn:aws:s3:::modelgate-bedrock-logs-*-*']);
  });

  test('the trail bucket keeps its log files and versions; the results bucket only its configuration', () => {
    const logs = monitoringProtectionStatements(EVERYTHING, CONTEXT).find((s) => s.statement.Sid === 'ProtectAuditTrailLogs');
    expect(logs?.statement).toMatchObject({ Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'], Resource: [`${AUDIT_TRAIL.trailBucket}/*`] });
  });

  test('every action and condition key is in the IAM catalog (kms:ResourceAliases for each key action)', async () => {
    expect(await checkAgainstCatalog(monitoringProtectionStatements(EVERYTHING, CONTEXT))).toEqual([]);
  });
});
