import { athenaQueries } from '../../modules/monitoring';
import { auditTrailPolicies, renderResourcePolicy } from '../../modules/policy';
import { AUDIT_TRAIL_PLACE } from '../support/audit-trail-place';
import { resourcesInRegions } from '../support/provider-regions';
import { synthesizeYaml, type StackJson, type Synthesized } from '../support/synth-fixture';

const ORG = [
  'organization:',
  '  id: o-a1b2c3d4e5',
  '  managementAccount: "111111111111"',
  '  root: r-ab12',
  '  units: { Sandbox: { id: ou-ab12-11111111 } }',
  '  accounts:',
  '    sandbox-dev: { id: "222222222222", unit: Sandbox }',
  '    security: { id: "555555555555" }',
  'breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]',
  'deployment: { region: eu-west-1 }',
  'models:',
  '  root: { bedrock: { deny: ["deepseek.*"] } }',
];
const TRAIL_ARN = 'arn:aws:cloudtrail:eu-west-1:111111111111:trail/modelgate-organization-trail';

const resourcesOf = (stack: StackJson, type: string): Record<string, unknown>[] => Object.values(resourcesInRegions(stack as Parameters<typeof resourcesInRegions>[0])[type] ?? {});
const one = (stack: StackJson, type: string): Record<string, unknown> => {
  const found = resourcesOf(stack, type);
  expect(found).toHaveLength(1);
  return found[0] ?? {};
};

describe('monitoring.auditTrail: an organization trail to S3, queried with Athena', () => {
  let synth: Synthesized;
  let root: StackJson;
  beforeAll(async () => {
    synth = await synthesizeYaml(
      [
        ...ORG,
        'monitoring:',
        '  auditAccount: security',
        '  regions: [eu-west-1, eu-central-1]',
        '  auditTrail: { retentionDays: 400, bedrockDataEvents: [asyncInvocations, bidirectionalStreaming], queryScanLimitGb: 2 }',
      ].join('\n'),
    );
    root = synth.stack('root');
  });

  test('adds no stack: everything is in the root stack', () => {
    expect(synth.stacks).toEqual(['root']);
  });

  test('the trail is an organization trail of the management account: every region, validated, encrypted, to the audit bucket', () => {
    const trail = one(root, 'aws_cloudtrail');
    expect(trail).toMatchObject({
      provider: 'aws',
      region: 'eu-west-1',
      name: 'modelgate-organization-trail',
      s3_bucket_name: expect.stringContaining('aws_s3_bucket.audit-trail_logs_bucket'),
      kms_key_id: expect.stringContaining('aws_kms_key.audit-trail_key'),
      is_organization_trail: true,
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
    });
    expect(trail.advanced_event_selector).toEqual([
      { name: 'Management events', field_selector: [{ field: 'eventCategory', equals: ['Management'] }] },
      {
        name: 'Bedrock data events AWS::Bedrock::AsyncInvoke',
        field_selector: [
          { field: 'eventCategory', equals: ['Data'] },
          { field: 'resources.type', equals: ['AWS::Bedrock::AsyncInvoke'] },
        ],
      },
      {
        name: 'Bedrock data events AWS::Bedrock::Model',
        field_selector: [
          { field: 'eventCategory', equals: ['Data'] },
          { field: 'resources.type', equals: ['AWS::Bedrock::Model'] },
        ],
      },
    ]);
    // CloudTrail checks the bucket policy and the key when the trail is created.
    expect(trail.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_s3_bucket_policy\.audit-trail_logs_policy/), expect.stringMatching(/^aws_kms_key\.audit-trail_key/)]));
  });

  test('the log bucket is in the audit account: private, versioned, SSE-KMS with a bucket key, owner-enforced, expiring, no object lock', () => {
    const buckets = resourcesOf(root, 'aws_s3_bucket').map((b) => [b.bucket, b.provider, b.object_lock_enabled]);
    expect(buckets.sort()).toEqual([
      ['modelgate-athena-results-555555555555-eu-west-1', 'aws.account-security', undefined],
      ['modelgate-trail-555555555555-eu-west-1', 'aws.account-security', undefined],
    ]);
    expect(resourcesOf(root, 'aws_s3_bucket_public_access_block')).toHaveLength(2);
    for (const block of resourcesOf(root, 'aws_s3_bucket_public_access_block')) {
      expect(block).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    }
    expect(resourcesOf(root, 'aws_s3_bucket_ownership_controls').map((o) => o.rule)).toEqual([{ object_ownership: 'BucketOwnerEnforced' }, { object_ownership: 'BucketOwnerEnforced' }]);
    expect(resourcesOf(root, 'aws_s3_bucket_versioning').map((v) => v.versioning_configuration)).toEqual([{ status: 'Enabled' }, { status: 'Enabled' }]);
    for (const encryption of resourcesOf(root, 'aws_s3_bucket_server_side_encryption_configuration')) {
      expect(encryption.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: expect.stringContaining('aws_kms_key.audit-trail_key') }, bucket_key_enabled: true }]);
    }
    const expirations = resourcesOf(root, 'aws_s3_bucket_lifecycle_configuration').map((l) => (l.rule as { expiration: { days: number }[] }[])[0]?.expiration[0]?.days);
    expect(expirations.sort()).toEqual([400, 7]);
    expect(resourcesOf(root, 'aws_s3_bucket_object_lock_configuration')).toEqual([]);
  });

  test('the bucket, key and results policies are the rendered, catalog-checked documents', () => {
    const policies = auditTrailPolicies(AUDIT_TRAIL_PLACE);
    const bucketPolicies = Object.fromEntries(resourcesOf(root, 'aws_s3_bucket_policy').map((p) => [String(p.bucket).includes('results') ? 'results' : 'logs', p.policy]));
    expect(bucketPolicies).toEqual({ logs: renderResourcePolicy(policies.bucketPolicy), results: renderResourcePolicy(policies.resultsBucketPolicy) });
    expect(bucketPolicies.logs).toContain(`"aws:SourceArn":["${TRAIL_ARN}"]`);
    expect(bucketPolicies.logs).toContain('arn:aws:s3:::modelgate-trail-555555555555-eu-west-1/AWSLogs/o-a1b2c3d4e5/*');
    const key = one(root, 'aws_kms_key');
    expect(key).toMatchObject({ provider: 'aws.account-security', enable_key_rotation: true, policy: renderResourcePolicy(policies.keyPolicy) });
    expect(one(root, 'aws_kms_alias')).toMatchObject({ name: 'alias/modelgate-audit-trail' });
  });

  test('the Glue table projects the organization accounts, the regions and the day, over the org trail prefix', () => {
    const table = one(root, 'aws_glue_catalog_table');
    expect(table).toMatchObject({ provider: 'aws.account-security', name: 'cloudtrail_logs', table_type: 'EXTERNAL_TABLE' });
    expect(table.partition_keys).toEqual([
      { name: 'account', type: 'string' },
      { name: 'region', type: 'string' },
      { name: 'log_date', type: 'string' },
    ]);
    expect(table.parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.account.type': 'enum',
      'projection.account.values': '111111111111,222222222222,555555555555',
      'projection.region.type': 'enum',
      // monitoring.regions, and us-east-1 where Organizations and IAM log.
      'projection.region.values': 'eu-central-1,eu-west-1,us-east-1',
      'projection.log_date.type': 'date',
      'projection.log_date.format': 'yyyy/MM/dd',
      // Escaped for Terraform: Athena, not Terraform, fills these in.
      'storage.location.template': 's3://modelgate-trail-555555555555-eu-west-1/AWSLogs/o-a1b2c3d4e5/$${account}/CloudTrail/$${region}/$${log_date}',
    });
    expect(table.storage_descriptor).toMatchObject({
      location: 's3://modelgate-trail-555555555555-eu-west-1/AWSLogs/o-a1b2c3d4e5/',
      input_format: 'com.amazon.emr.cloudtrail.CloudTrailInputFormat',
      ser_de_info: { serialization_library: 'org.apache.hive.hcatalog.data.JsonSerDe' },
    });
  });

  test('the workgroup enforces its encrypted result location and the scan cutoff', () => {
    expect(one(root, 'aws_athena_workgroup')).toMatchObject({
      name: 'modelgate-audit',
      configuration: {
        enforce_workgroup_configuration: true,
        bytes_scanned_cutoff_per_query: 2 * 1024 ** 3,
        result_configuration: {
          output_location: 's3://modelgate-athena-results-555555555555-eu-west-1/',
          expected_bucket_owner: '555555555555',
          encryption_configuration: { encryption_option: 'SSE_KMS', kms_key_arn: expect.stringContaining('aws_kms_key.audit-trail_key') },
        },
      },
    });
  });

  test('every query of the library is a named query of the workgroup, in Athena SQL', () => {
    const expected = athenaQueries(synth.compiled.governance.monitoring ?? { modelPatterns: [] }, { database: 'modelgate_audit', table: 'cloudtrail_logs' });
    const named = resourcesOf(root, 'aws_athena_named_query').map((q) => ({ name: q.name, query: q.query, workgroup: q.workgroup }));
    expect(named.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual(
      expected.map((q) => ({ name: `modelgate-${q.name}`, query: q.sql, workgroup: expect.stringContaining('aws_athena_workgroup.audit-queries_workgroup') })),
    );
    expect(named.map((q) => q.name)).toContain('modelgate-sagemaker-models-matching-patterns');
  });

  test('there is no CloudTrail Lake store', () => {
    expect(resourcesOf(root, 'aws_cloudtrail_event_data_store')).toEqual([]);
  });
});

describe('audit store choices', () => {
  test('both stores at once (a migration from Lake): the event data store and the trail', async () => {
    const synth = await synthesizeYaml([...ORG, 'monitoring:', '  auditAccount: security', '  eventDataStore: {}', '  auditTrail: {}'].join('\n'));
    const root = synth.stack('root');
    expect(resourcesOf(root, 'aws_cloudtrail_event_data_store')).toHaveLength(1);
    expect(resourcesOf(root, 'aws_cloudtrail')).toHaveLength(1);
    expect(resourcesOf(root, 'aws_athena_named_query')).toHaveLength(7);
  });

  test('object lock, when asked for, is set on the bucket at creation with its default retention', async () => {
    const synth = await synthesizeYaml([...ORG, 'monitoring:', '  auditAccount: management', '  auditTrail: { objectLock: { mode: compliance, retentionDays: 90 } }'].join('\n'));
    const root = synth.stack('root');
    const logs = resourcesOf(root, 'aws_s3_bucket').find((b) => String(b.bucket).startsWith('modelgate-trail-'));
    expect(logs).toMatchObject({ bucket: 'modelgate-trail-111111111111-eu-west-1', object_lock_enabled: true, provider: 'aws' });
    expect(one(root, 'aws_s3_bucket_object_lock_configuration')).toMatchObject({ rule: { default_retention: { mode: 'COMPLIANCE', days: 90 } } });
  });
});
