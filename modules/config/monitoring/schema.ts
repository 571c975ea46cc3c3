import { z } from 'zod';
import { awsRegion, NAME } from '../private/schema-parts';

/**
 * The `monitoring:` section of governance.yaml: evidence of who used which model where (CloudTrail
 * Lake and its queries), alerts on changes to the controls, model invocation logs, a dashboard per
 * account, and spend budgets. Each part is on when its key is present.
 */

/** Loose on purpose: the address is confirmed by the subscriber; this catches typos such as a missing @. */
const EMAIL = /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/;

const email = z.string().regex(EMAIL, { message: 'an email address such as "secops@example.com"' });

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const bedrockDataEvents = z
  .array(z.enum(['bidirectionalStreaming', 'asyncInvocations']))
  .default([])
  .describe('Bedrock data events to add (they cost extra): InvokeModelWithBidirectionalStream, and StartAsyncInvoke/GetAsyncInvoke.');

const auditTrailSchema = z
  .strictObject({
    name: z
      .string()
      // CloudTrail trail names: 3 to 128 letters, digits, . _ -, starting and ending with a letter or digit (CreateTrail API reference).
      .regex(/^[A-Za-z0-9]([A-Za-z0-9._-]{1,126})[A-Za-z0-9]$/, { message: '3 to 128 letters, digits, . _ -, starting and ending with a letter or digit' })
      .default('modelgate-organization-trail')
      .describe('Name of the organization trail, in the management account.'),
    retentionDays: z
      .number()
      .int({ message: 'a whole number of days' })
      .min(1, { message: 'at least 1 day' })
      .max(36500, { message: 'at most 36500 days (100 years)' })
      .default(366)
      .describe('Days the trail\'s log files are kept in the S3 bucket before the lifecycle rule deletes them.'),
    objectLock: z
      .strictObject({
        mode: z.enum(['governance', 'compliance']).describe('governance: principals with s3:BypassGovernanceRetention may delete early; compliance: nobody, not even the root user.'),
        retentionDays: z.number().int({ message: 'a whole number of days' }).min(1, { message: 'at least 1 day' }).max(36500, { message: 'at most 36500 days' }).describe('Days each log file is locked against deletion and overwrite.'),
      })
      .optional()
      .describe('S3 Object Lock on the log bucket (off by default). Once a bucket has Object Lock it cannot be turned off, and compliance mode cannot be shortened.'),
    bedrockDataEvents,
    queryScanLimitGb: z
      .number()
      .min(0.01, { message: 'at least 0.01 GB: Athena refuses a cutoff under 10 MB' })
      .max(1000000, { message: 'at most 1,000,000 GB' })
      .default(10)
      .describe('Athena cancels a query of the audit workgroup that scans more than this many gigabytes.'),
  })
  .describe('An organization CloudTrail trail to an encrypted S3 bucket in the audit account, queried with Athena (for organizations without CloudTrail Lake).');

const eventDataStoreSchema = z
  .strictObject({
    account: z
      .string()
      .min(1)
      .default('management')
      .describe('"management" (default), or the name of a delegated administrator account from organization.accounts.'),
    name: z
      .string()
      .regex(/^[A-Za-z0-9._-]{3,128}$/, { message: '3 to 128 letters, digits, . _ -' })
      .default('modelgate-audit')
      .describe('Name of the event data store.'),
    billingMode: z
      .enum(['extendableRetention', 'fixedRetention'])
      .default('extendableRetention')
      .describe('CloudTrail Lake pricing: extendable retention (up to 3,653 days) or fixed retention (up to 2,557 days).'),
    retentionDays: z
      .number()
      .int({ message: 'a whole number of days' })
      .min(7, { message: 'at least 7 days' })
      .max(3653, { message: 'at most 3653 days (10 years)' })
      .default(366)
      .describe('Days events are kept: 7..3653 with extendableRetention, 7..2557 with fixedRetention.'),
    kmsKeyArn: z
      .string()
      .regex(/^arn:[a-z-]+:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, { message: 'a KMS key ARN such as "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"' })
      .optional()
      .describe('Customer managed KMS key that encrypts the event data store; default: a key CloudTrail owns.'),
    bedrockDataEvents,
  })
  .describe('An organization CloudTrail Lake event data store of Bedrock and SageMaker management events. CloudTrail Lake takes no new customers since May 31, 2026: only for organizations that already use it; others use auditTrail.');

const subscriptionSchema = z.union(
  [
    z.strictObject({ email }),
    z.strictObject({ https: z.string().regex(/^https:\/\/[^\s]+$/, { message: 'an https:// URL' }) }),
    z.strictObject({ sqs: z.string().regex(/^arn:[a-z-]+:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$/, { message: 'an SQS queue ARN' }) }),
  ],
  { error: 'one of { email: secops@example.com }, { https: https://... }, { sqs: arn:aws:sqs:... }' },
);

const alertsSchema = z
  .strictObject({
    subscriptions: z
      .array(subscriptionSchema)
      .default([])
      .describe('Who the SNS topic of the alerts notifies: email addresses, https endpoints, SQS queues.'),
  })
  .describe('EventBridge rules in every governed account and region, forwarded to a bus and an SNS topic in the audit account.');

const invocationLoggingSchema = z
  .strictObject({
    s3: z.boolean().default(true).describe('Deliver invocation logs to an S3 bucket per account and region.'),
    cloudWatchLogs: z.boolean().default(false).describe('Deliver invocation logs to a CloudWatch Logs group per account and region.'),
    logRetentionDays: z
      .number()
      .refine((n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n), { message: `one of the CloudWatch Logs retention periods: ${LOG_RETENTION_DAYS.join(', ')}` })
      .default(365)
      .describe('Retention of the CloudWatch Logs group, in days.'),
    data: z
      .array(z.enum(['text', 'image', 'embedding', 'video']))
      .default(['text'])
      .describe('Which request and response data is logged besides the metadata.'),
  })
  .describe('Bedrock model invocation logging in every governed account and region.');

/** The Budgets API metrics a COST budget can track (the Metric enum without the usage ones). */
export const BUDGET_COST_METRICS = ['UnblendedCost', 'AmortizedCost', 'BlendedCost', 'NetUnblendedCost', 'NetAmortizedCost'] as const;

const budgetSchema = z.strictObject({
  scope: z.string().min(1).describe('"root" (the whole organization), an OU path such as "Sandbox", or an account name.'),
  monthlyLimitUsd: z.number().positive({ message: 'an amount in US dollars greater than 0' }).describe('Monthly spend limit in USD.'),
  thresholds: z
    .array(z.number().int().min(1).max(1000))
    .min(1)
    .default([80, 100])
    .describe('Percentages of the limit at which actual spend notifies.'),
  notify: z.array(email).min(1, { message: 'at least one email address' }).describe('Email addresses notified at each threshold.'),
  services: z
    // Budgets API: a filter value is at most 1,024 characters (ExpressionDimensionValues.Values).
    .array(z.string().min(1).max(1024, { message: 'a service name of at most 1,024 characters' }))
    .min(1)
    .default(['Amazon Bedrock'])
    .describe(
      'Cost Explorer SERVICE values counted (default "Amazon Bedrock": the name an AWS-published repository uses; the Cost Explorer documentation lists none); add the names third-party models bill under, such as "Claude 3.5 Sonnet (Amazon Bedrock Edition)".',
    ),
  metric: z
    .enum(BUDGET_COST_METRICS)
    .default('UnblendedCost')
    .describe('The cost metric the budget tracks (Budgets API Metric): UnblendedCost (default), AmortizedCost, BlendedCost, NetUnblendedCost or NetAmortizedCost.'),
});

export const monitoringSchema = z
  .strictObject({
    auditAccount: z
      .string()
      .min(1)
      .optional()
      .describe('Account name (from organization.accounts) or "management" that holds the central alert bus and SNS topic, and the audit trail\'s bucket, key and Athena workgroup.'),
    regions: z
      .array(awsRegion)
      .min(1, { message: 'at least one region, or leave regions out for deployment.region' })
      .optional()
      .describe('Regions where alert rules, invocation logging and dashboards are placed; default: deployment.region.'),
    eventDataStore: eventDataStoreSchema.optional(),
    auditTrail: auditTrailSchema.optional(),
    queries: z
      .strictObject({
        modelPatterns: z
          .array(z.string().max(256, { message: 'a model name pattern of at most 256 characters' }).regex(/^[A-Za-z0-9._:/*?-]+$/, { message: 'a model name pattern such as "deepseek*"' }))
          .min(1)
          .describe('Model name patterns (* and ?) searched in SageMaker CreateModel containers; default: every deny glob of models.'),
      })
      .optional(),
    alerts: alertsSchema.optional(),
    invocationLogging: invocationLoggingSchema.optional(),
    dashboard: z.boolean().default(false).describe('A CloudWatch dashboard of Bedrock invocations, latency and tokens by model, per account.'),
    budgets: z
      // AWS Budgets: BudgetName of 1 to 100 characters without ":" or "\" (Budgets API reference); modelgate prefixes "modelgate-".
      .record(z.string().regex(NAME, { message: 'a budget name of letters, digits, _ . -' }).max(90, { message: 'a budget name of at most 90 characters: AWS allows 100, and modelgate prefixes "modelgate-"' }), budgetSchema)
      .default({})
      .describe('AWS Budgets for model spend, per account, OU or the whole organization, in the management account.'),
  })
  .describe('Monitoring, audit and spend: an organization trail with Athena (or CloudTrail Lake), alerts, invocation logging, dashboards, budgets.');

export type MonitoringConfig = z.infer<typeof monitoringSchema>;
export type EventDataStoreConfig = z.infer<typeof eventDataStoreSchema>;
export type AuditTrailConfig = z.infer<typeof auditTrailSchema>;
export type AlertSubscription = z.infer<typeof subscriptionSchema>;
export type InvocationLoggingConfig = z.infer<typeof invocationLoggingSchema>;
export type BudgetConfig = z.infer<typeof budgetSchema>;

/**
 * The parts of a `monitoring:` value that are valid on their own, so that the cross-reference checks
 * can run beside the schema errors of the other parts: all problems in one run.
 */
export function validMonitoringParts(value: unknown): MonitoringConfig | undefined {
  const whole = monitoringSchema.safeParse(value);
  if (whole.success || value === null || typeof value !== 'object') return whole.data;
  const shape = monitoringSchema.shape as Record<string, z.ZodType>;
  const valid = Object.entries(value).filter(([key, part]) => Object.hasOwn(shape, key) && shape[key]?.safeParse(part).success === true);
  return monitoringSchema.safeParse(Object.fromEntries(valid)).data;
}
