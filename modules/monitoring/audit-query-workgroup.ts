import { AthenaNamedQuery } from '@cdktf/provider-aws/lib/athena-named-query';
import { AthenaWorkgroup } from '@cdktf/provider-aws/lib/athena-workgroup';
import { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database';
import { GlueCatalogTable } from '@cdktf/provider-aws/lib/glue-catalog-table';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import type { ResolvedAuditTrail } from '../config';
import { AUDIT_DATABASE, AUDIT_TABLE, AUDIT_WORKGROUP, auditResultsBucket, auditTrailBucket } from '../policy/light';
import { PrivateBucket } from './private-bucket';
import type { StoredQuery } from './queries';
import { regionalProvider } from './regional-provider';
import { TRAIL_PARTITION_COLUMNS, TRAIL_TABLE_COLUMNS } from './trail-table-columns';

/** Query results are working files: kept a week, then deleted. */
const RESULTS_EXPIRATION_DAYS = 7;

export interface AuditQueryWorkgroupProps {
  readonly trail: ResolvedAuditTrail;
  /** Provider of the audit account. */
  readonly provider: AwsProvider;
  /** The trail's key, which encrypts the results too. */
  readonly kmsKeyArn: string;
  /** The results bucket's policy, rendered. */
  readonly resultsBucketPolicy: string;
  /** The query library in Athena SQL over the table. */
  readonly queries: readonly StoredQuery[];
}

/**
 * Athena over the organization trail, in the audit account: a Glue table whose partitions are
 * projected (account, region, day: no crawler, no MSCK REPAIR), a workgroup that enforces its
 * encrypted result location and a bytes-scanned cutoff, and the query library as named queries.
 */
export class AuditQueryWorkgroup extends Construct {
  constructor(scope: Construct, id: string, props: AuditQueryWorkgroupProps) {
    super(scope, id);
    const { trail } = props;
    const provider = regionalProvider(props.provider, trail.region);
    const results = new PrivateBucket(this, 'results', {
      provider,
      bucket: auditResultsBucket(trail.auditAccount.id, trail.region),
      policy: props.resultsBucketPolicy,
      kmsKeyArn: props.kmsKeyArn,
      expirationDays: RESULTS_EXPIRATION_DAYS,
    });
    const database = new GlueCatalogDatabase(this, 'database', { provider, name: AUDIT_DATABASE, description: 'modelgate: the organization trail, for Athena' });
    new GlueCatalogTable(this, 'table', {
      provider,
      databaseName: database.name,
      name: AUDIT_TABLE,
      description: 'modelgate: CloudTrail records of the organization trail, partitions projected',
      tableType: 'EXTERNAL_TABLE',
      parameters: trailTableParameters(trail),
      partitionKeys: TRAIL_PARTITION_COLUMNS.map((c) => ({ name: c.name, type: c.type })),
      storageDescriptor: {
        location: trailLocation(trail),
        // Athena User Guide, "Create the table for CloudTrail logs in Athena using partition projection".
        inputFormat: 'com.amazon.emr.cloudtrail.CloudTrailInputFormat',
        outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
        serDeInfo: { serializationLibrary: 'org.apache.hive.hcatalog.data.JsonSerDe' },
        columns: TRAIL_TABLE_COLUMNS.map((c) => ({ name: c.name, type: c.type })),
      },
    });
    const workgroup = new AthenaWorkgroup(this, 'workgroup', {
      provider,
      name: AUDIT_WORKGROUP,
      description: 'modelgate: audit queries over the organization trail',
      dependsOn: [...results.ready],
      configuration: {
        // Clients cannot send results elsewhere, unencrypted, or scan without limit.
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: trail.queryScanLimitBytes,
        resultConfiguration: {
          outputLocation: `s3://${auditResultsBucket(trail.auditAccount.id, trail.region)}/`,
          expectedBucketOwner: trail.auditAccount.id,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKeyArn: props.kmsKeyArn },
        },
      },
    });
    for (const query of props.queries) {
      new AthenaNamedQuery(this, `query-${query.name}`, {
        provider,
        name: `modelgate-${query.name}`,
        description: query.description,
        database: database.name,
        workgroup: workgroup.name,
        query: query.sql,
      });
    }
  }
}

/** Where an organization trail writes: AWSLogs/<organization id>/<account>/CloudTrail/<region>/<yyyy>/<MM>/<dd>/ (Athena User Guide, cloudtrail-logs). */
function trailLocation(trail: ResolvedAuditTrail): string {
  return `s3://${auditTrailBucket(trail.auditAccount.id, trail.region)}/AWSLogs/${trail.organizationId}/`;
}

/**
 * Partition projection: the account and region enums come from the config (an account or region not
 * listed there is not queried), the day from the path, from 2020 until today.
 */
function trailTableParameters(trail: ResolvedAuditTrail): Record<string, string> {
  return {
    EXTERNAL: 'TRUE',
    'projection.enabled': 'true',
    'projection.account.type': 'enum',
    'projection.account.values': trail.accountIds.join(','),
    'projection.region.type': 'enum',
    'projection.region.values': trail.regions.join(','),
    'projection.log_date.type': 'date',
    'projection.log_date.format': 'yyyy/MM/dd',
    'projection.log_date.interval': '1',
    'projection.log_date.interval.unit': 'DAYS',
    'projection.log_date.range': '2020/01/01,NOW',
    // Literal text: Athena fills ${account}, ${region} and ${log_date}; the stack escapes them from Terraform.
    'storage.location.template': `${trailLocation(trail)}\${account}/CloudTrail/\${region}/\${log_date}`,
  };
}
