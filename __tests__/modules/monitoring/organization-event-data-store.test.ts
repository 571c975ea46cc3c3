import { CloudtrailEventDataStore } from '@cdktf/provider-aws/lib/cloudtrail-event-data-store';
import { CloudtrailOrganizationDelegatedAdminAccount } from '@cdktf/provider-aws/lib/cloudtrail-organization-delegated-admin-account';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing } from 'cdktf';
import type { ResolvedEventDataStore } from '../../../modules/config';
import { eventDataStoreSelectors, OrganizationEventDataStore, queryOutputName, storedQueries } from '../../../modules/monitoring';

const STORE: ResolvedEventDataStore = {
  account: { name: 'management', id: '111111111111' },
  delegated: false,
  name: 'modelgate-audit',
  billingMode: 'EXTENDABLE_RETENTION_PRICING',
  retentionDays: 400,
  bedrockDataEvents: [],
};

function synth(store: ResolvedEventDataStore, withQueries = true): { text: string; json: Record<string, Record<string, Record<string, Record<string, unknown>>>> } {
  const text = Testing.synthScope((scope) => {
    const management = new AwsProvider(scope, 'management', { region: 'us-east-1' });
    const delegated = new AwsProvider(scope, 'delegated', { region: 'us-east-1', alias: 'delegated' });
    new OrganizationEventDataStore(scope, 'store', {
      store,
      storeProvider: store.delegated ? delegated : management,
      managementProvider: management,
      queries: withQueries ? storedQueries({ modelPatterns: ['deepseek*'] }) : [],
    });
  });
  return { text, json: JSON.parse(text) };
}

describe('OrganizationEventDataStore', () => {
  test('is an organization, multi-region store with termination protection, retention and billing from the config', () => {
    expect(synth(STORE).text).toHaveResourceWithProperties(CloudtrailEventDataStore, {
      name: 'modelgate-audit',
      organization_enabled: true,
      multi_region_enabled: true,
      termination_protection_enabled: true,
      retention_period: 400,
      billing_mode: 'EXTENDABLE_RETENTION_PRICING',
    });
  });

  test('selects Bedrock, SageMaker, Marketplace and Organizations management events', () => {
    const store = Object.values(synth(STORE).json.resource?.aws_cloudtrail_event_data_store ?? {})[0];
    expect(store?.advanced_event_selector).toEqual([
      {
        name: 'Model governance management events',
        field_selector: [
          { field: 'eventCategory', equals: ['Management'] },
          { field: 'eventSource', equals: ['aws-marketplace.amazonaws.com', 'bedrock.amazonaws.com', 'organizations.amazonaws.com', 'sagemaker.amazonaws.com'] },
        ],
      },
    ]);
    expect(store?.kms_key_id).toBeUndefined();
  });

  test.each([
    [['bidirectionalStreaming'], ['AWS::Bedrock::Model']],
    [['asyncInvocations'], ['AWS::Bedrock::AsyncInvoke']],
    [['asyncInvocations', 'bidirectionalStreaming'], ['AWS::Bedrock::AsyncInvoke', 'AWS::Bedrock::Model']],
  ] as const)('adds a data-event selector per opted-in Bedrock kind %j', (kinds, types) => {
    const selectors = eventDataStoreSelectors({ bedrockDataEvents: [...kinds] });
    expect(selectors.slice(1).map((s) => s.fieldSelectors)).toEqual(
      types.map((type) => [
        { field: 'eventCategory', equals: ['Data'] },
        { field: 'resources.type', equals: [type] },
      ]),
    );
  });

  test('uses the configured KMS key', () => {
    const kmsKeyArn = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(synth({ ...STORE, kmsKeyArn }).text).toHaveResourceWithProperties(CloudtrailEventDataStore, { kms_key_id: kmsKeyArn });
  });

  test('in the management account, registers no delegated administrator', () => {
    expect(synth(STORE).text).not.toHaveResource(CloudtrailOrganizationDelegatedAdminAccount);
  });

  test('in a delegated administrator account, registers it from the management account first', () => {
    const { json } = synth({ ...STORE, account: { name: 'audit', id: '444444444444' }, delegated: true });
    const [[registrationId, registration]] = Object.entries(json.resource?.aws_cloudtrail_organization_delegated_admin_account ?? {}) as [string, Record<string, unknown>][];
    expect(registration).toMatchObject({ account_id: '444444444444', provider: 'aws' });
    const store = Object.values(json.resource?.aws_cloudtrail_event_data_store ?? {})[0];
    expect(store?.provider).toBe('aws.delegated');
    expect(store?.depends_on).toEqual([`aws_cloudtrail_organization_delegated_admin_account.${registrationId}`]);
  });

  test('outputs the store id and every query with the id filled in, under names an operator can type', () => {
    const outputs = synth(STORE).json.output as unknown as Record<string, { value: string }>;
    const names = storedQueries({ modelPatterns: ['deepseek*'] }).map((q) => queryOutputName(q.name));
    expect(Object.keys(outputs).sort()).toEqual(['event_data_store_id', ...names].sort());
    expect(outputs.event_data_store_id?.value).toMatch(/^\$\{element\(split\("\/", aws_cloudtrail_event_data_store\.[^.]+\.arn\), 1\)\}$/);
    expect(outputs.query_model_invocations?.value).toMatch(/^\$\{replace\("SELECT .*FROM EVENT_DATA_STORE_ID.*", "EVENT_DATA_STORE_ID", element\(split/s);
  });

  test('without queries, outputs only the store id', () => {
    expect(Object.keys(synth(STORE, false).json.output ?? {})).toEqual(['event_data_store_id']);
  });
});
