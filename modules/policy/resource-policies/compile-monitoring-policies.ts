import type { ResolvedGovernance } from '../../config';
import { statementProblems } from '../catalog';
import { renderDocument } from '../render';
import type { PolicyStatement, RuleProblem } from '../statement';
import { auditResultsBucketPolicy, auditTrailBucketPolicy, auditTrailKeyPolicy, type AuditTrailPlace } from './audit-trail-policies';
import {
  alertBusPolicy,
  alertKeyPolicy,
  alertTopicPolicy,
  bedrockLoggingTrustPolicy,
  forwarderPolicy,
  forwarderTrustPolicy,
  invocationLogBucketPolicy,
  invocationLoggingRolePolicy,
  type NamedPolicy,
  type PolicyPlace,
} from './monitoring-policies';

/** The policies of the central alert bus, its topic and the topic's key, in the audit account. */
export interface CentralAlertPolicies<P = string> {
  readonly keyPolicy: P;
  readonly topicPolicy: P;
  readonly busPolicy: P;
}

/** A role's trust policy and its inline permissions. */
export interface RolePolicies<P = string> {
  readonly trustPolicy: P;
  readonly policy: P;
}

/** One account's invocation logging policies: a bucket policy per region, the logging role's trust and permissions. */
export interface InvocationLoggingPolicies<P = string> {
  /** By region; empty when logs do not go to S3. */
  readonly bucketPolicies: ReadonlyMap<string, P>;
  /** Present when logs go to CloudWatch Logs. */
  readonly role?: RolePolicies<P>;
}

/** The organization trail's policies, in the audit account: its log bucket, its key, and the Athena results bucket. */
export interface AuditTrailPolicies<P = string> {
  readonly bucketPolicy: P;
  readonly keyPolicy: P;
  readonly resultsBucketPolicy: P;
}

/** Every resource and role policy monitoring places, rendered, by where it goes. */
export interface MonitoringPolicies<P = string> {
  /** Present when alerts are on. */
  readonly centralAlerts?: CentralAlertPolicies<P>;
  /** The alert forwarder role's, the same in every account that forwards alerts; present when alerts are on. */
  readonly forwarder?: RolePolicies<P>;
  /** By account id: the accounts whose invocations are logged. */
  readonly invocationLogging: ReadonlyMap<string, InvocationLoggingPolicies<P>>;
  /** Present when the audit trail is on. */
  readonly auditTrail?: AuditTrailPolicies<P>;
}

/** The audit trail's policies, at their place. */
export function auditTrailPolicies(place: AuditTrailPlace): AuditTrailPolicies<NamedPolicy> {
  return { bucketPolicy: auditTrailBucketPolicy(place), keyPolicy: auditTrailKeyPolicy(place), resultsBucketPolicy: auditResultsBucketPolicy(place) };
}

/** The central alert pieces' policies, at their place, for an organization. */
export function centralAlertPolicies(place: PolicyPlace, organizationId: string): CentralAlertPolicies<NamedPolicy> {
  return { keyPolicy: alertKeyPolicy(place), topicPolicy: alertTopicPolicy(place), busPolicy: alertBusPolicy(place, organizationId) };
}

/** The forwarder role's policies, which name the central bus in the audit account. */
export function forwarderPolicies(partition: string, audit: { readonly accountId: string; readonly region: string }): RolePolicies<NamedPolicy> {
  return { trustPolicy: forwarderTrustPolicy(), policy: forwarderPolicy(partition, audit) };
}

/** One account's invocation logging policies, for the destinations the config turns on. */
export function invocationLoggingPolicies(
  partition: string,
  accountId: string,
  regions: readonly string[],
  destinations: { readonly s3: boolean; readonly cloudWatchLogs: boolean },
): InvocationLoggingPolicies<NamedPolicy> {
  return {
    bucketPolicies: new Map(destinations.s3 ? regions.map((region) => [region, invocationLogBucketPolicy({ partition, accountId, region })]) : []),
    ...(destinations.cloudWatchLogs ? { role: { trustPolicy: bedrockLoggingTrustPolicy(accountId), policy: invocationLoggingRolePolicy(partition, accountId, regions) } } : {}),
  };
}

/** Every policy monitoring places for this organization, where the resolved model places the pieces. */
export function monitoringPolicies(governance: ResolvedGovernance): MonitoringPolicies<NamedPolicy> {
  const monitoring = governance.monitoring;
  const central = monitoring?.centralAlerts;
  const logging = monitoring?.invocationLogging;
  const trail = monitoring?.auditTrail;
  const { partition } = governance;
  return {
    ...(trail
      ? {
          auditTrail: auditTrailPolicies({
            partition,
            region: trail.region,
            managementAccountId: trail.managementAccountId,
            auditAccountId: trail.auditAccount.id,
            organizationId: trail.organizationId,
            trailName: trail.name,
            breakGlass: governance.breakGlass,
          }),
        }
      : {}),
    ...(central
      ? {
          centralAlerts: centralAlertPolicies({ partition, accountId: central.account.id, region: central.region }, central.organizationId),
          forwarder: forwarderPolicies(partition, { accountId: central.account.id, region: central.region }),
        }
      : {}),
    invocationLogging: new Map(
      logging && monitoring ? monitoring.memberAccounts.map((account) => [account.id, invocationLoggingPolicies(partition, account.id, monitoring.regions, logging)]) : [],
    ),
  };
}

/** The same policies, each as literal minified JSON. */
export function renderMonitoringPolicies(policies: MonitoringPolicies<NamedPolicy>): MonitoringPolicies {
  return {
    ...(policies.centralAlerts ? { centralAlerts: renderEach(policies.centralAlerts) } : {}),
    ...(policies.forwarder ? { forwarder: renderEach(policies.forwarder) } : {}),
    invocationLogging: new Map([...policies.invocationLogging].map(([account, logging]) => [account, renderInvocationLogging(logging)])),
    ...(policies.auditTrail ? { auditTrail: renderEach(policies.auditTrail) } : {}),
  };
}

/** The forwarder's and the central pieces' policies rendered, as the constructs take them. */
export function renderEach<T extends object>(policies: T): { readonly [K in keyof T]: string } {
  return Object.fromEntries(Object.entries(policies).map(([name, policy]) => [name, renderResourcePolicy(policy as NamedPolicy)])) as { readonly [K in keyof T]: string };
}

/** One account's invocation logging policies rendered. */
export function renderInvocationLogging(logging: InvocationLoggingPolicies<NamedPolicy>): InvocationLoggingPolicies {
  return {
    bucketPolicies: new Map([...logging.bucketPolicies].map(([region, policy]) => [region, renderResourcePolicy(policy)])),
    ...(logging.role ? { role: renderEach(logging.role) } : {}),
  };
}

/** A resource or role policy of monitoring: every list an array, sorted, as IAM shows them back. */
export function renderResourcePolicy(policy: NamedPolicy): string {
  return renderDocument(policy.statements.map(sortedLists), 'lists');
}

function sortedLists(statement: PolicyStatement): PolicyStatement {
  const sorted = (list: readonly string[] | undefined): readonly string[] | undefined => (list ? [...list].sort() : undefined);
  const { Action, Resource, Condition } = statement;
  return {
    ...statement,
    ...(Action ? { Action: sorted(Action) } : {}),
    ...(Resource ? { Resource: sorted(Resource) } : {}),
    ...(Condition
      ? { Condition: Object.fromEntries(Object.entries(Condition).map(([op, keys]) => [op, Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, [...v].sort()]))])) }
      : {}),
  };
}

/** Every policy of the set, for the catalog check. */
export function allPolicies(policies: MonitoringPolicies<NamedPolicy>): NamedPolicy[] {
  return [
    ...(policies.centralAlerts ? [policies.centralAlerts.keyPolicy, policies.centralAlerts.topicPolicy, policies.centralAlerts.busPolicy] : []),
    ...(policies.forwarder ? [policies.forwarder.trustPolicy, policies.forwarder.policy] : []),
    ...[...policies.invocationLogging.values()].flatMap((logging) => [...logging.bucketPolicies.values(), ...(logging.role ? [logging.role.trustPolicy, logging.role.policy] : [])]),
    ...(policies.auditTrail ? [policies.auditTrail.bucketPolicy, policies.auditTrail.keyPolicy, policies.auditTrail.resultsBucketPolicy] : []),
  ];
}

/**
 * Checks every action and condition key of the policies against the IAM catalog, like the SCPs:
 * one problem per finding, at `monitoring`, naming the policy and statement.
 */
export async function monitoringPolicyProblems(policies: readonly NamedPolicy[]): Promise<RuleProblem[]> {
  const problems: RuleProblem[] = [];
  for (const policy of policies) {
    for (const statement of policy.statements) {
      for (const message of await statementProblems(statement)) problems.push({ path: 'monitoring', message: `${policy.purpose}, statement ${statement.Sid}: ${message}` });
    }
  }
  return problems;
}

/** The rendered monitoring policies, or the catalog problems that prevent them. */
export async function compileMonitoringPolicies(governance: ResolvedGovernance): Promise<{ readonly policies: MonitoringPolicies; readonly problems: readonly RuleProblem[] }> {
  const named = monitoringPolicies(governance);
  return { policies: renderMonitoringPolicies(named), problems: await monitoringPolicyProblems(allPolicies(named)) };
}
