import { CloudtrailEventDataStore } from '@cdktf/provider-aws/lib/cloudtrail-event-data-store';
import { CloudtrailOrganizationDelegatedAdminAccount } from '@cdktf/provider-aws/lib/cloudtrail-organization-delegated-admin-account';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Fn, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import type { ResolvedEventDataStore } from '../config';
import { eventDataStoreSelectors } from './event-data-store-selectors';
import { EVENT_DATA_STORE_PLACEHOLDER, type StoredQuery } from './queries';

export interface OrganizationEventDataStoreProps {
  /** The store as the config resolves it. */
  readonly store: ResolvedEventDataStore;
  /** Provider of the account that holds the store (management or delegated administrator). */
  readonly storeProvider: AwsProvider;
  /** Provider of the management account, which registers a delegated administrator. */
  readonly managementProvider: AwsProvider;
  /** Queries to publish as outputs, rendered with the placeholder id. @default [] */
  readonly queries?: readonly StoredQuery[];
}

/**
 * An organization CloudTrail Lake event data store (multi-region, termination protection on), the
 * CloudTrail delegated administrator registration when the store lives outside the management
 * account, and one output per stored query with the store's id filled in.
 */
export class OrganizationEventDataStore extends Construct {
  readonly eventDataStore: CloudtrailEventDataStore;

  constructor(scope: Construct, id: string, props: OrganizationEventDataStoreProps) {
    super(scope, id);
    const { store } = props;
    const registration = store.delegated
      ? new CloudtrailOrganizationDelegatedAdminAccount(this, 'delegated-administrator', {
          provider: props.managementProvider,
          accountId: store.account.id,
        })
      : undefined;
    this.eventDataStore = new CloudtrailEventDataStore(this, 'event-data-store', {
      provider: props.storeProvider,
      name: store.name,
      organizationEnabled: true,
      multiRegionEnabled: true,
      terminationProtectionEnabled: true,
      billingMode: store.billingMode,
      retentionPeriod: store.retentionDays,
      ...(store.kmsKeyArn ? { kmsKeyId: store.kmsKeyArn } : {}),
      advancedEventSelector: eventDataStoreSelectors(store).map((selector) => ({
        name: selector.name,
        fieldSelector: selector.fieldSelectors.map((f) => ({ field: f.field, equalTo: [...f.equals] })),
      })),
      ...(registration ? { dependsOn: [registration] } : {}),
    });
    // The store's ARN ends in its id, which is what a query's FROM names.
    const storeId = Fn.element(Fn.split('/', this.eventDataStore.arn), 1);
    // Output names are what an operator types (terraform output -raw query_model_invocations): no hash suffix.
    new TerraformOutput(this, 'event-data-store-id', {
      value: storeId,
      description: 'Id of the CloudTrail Lake event data store (the FROM of every query).',
    }).overrideLogicalId('event_data_store_id');
    for (const query of props.queries ?? []) {
      new TerraformOutput(this, `query-${query.name}`, {
        value: Fn.replace(query.sql, EVENT_DATA_STORE_PLACEHOLDER, storeId),
        description: query.description,
      }).overrideLogicalId(queryOutputName(query.name));
    }
  }
}

/** The stack output that holds a query with the store id filled in: query_<name with underscores>. */
export function queryOutputName(queryName: string): string {
  return `query_${queryName.replace(/-/g, '_')}`;
}
