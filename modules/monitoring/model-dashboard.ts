import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { dashboardBody } from './dashboard-body';
import { regionalProvider } from './regional-provider';

const DASHBOARD_NAME = 'modelgate-bedrock-models';

export interface ModelDashboardProps {
  /** Provider of the account the dashboard shows. */
  readonly provider: AwsProvider;
  /** The account's name in the config, shown in widget titles. */
  readonly accountName: string;
  /** Region the dashboard is created in. */
  readonly homeRegion: string;
  /** Regions whose metrics it shows. */
  readonly regions: readonly string[];
}

/** A CloudWatch dashboard of Bedrock use by model, one row per region. */
export class ModelDashboard extends Construct {
  constructor(scope: Construct, id: string, props: ModelDashboardProps) {
    super(scope, id);
    new CloudwatchDashboard(this, 'dashboard', {
      provider: regionalProvider(props.provider, props.homeRegion),
      dashboardName: DASHBOARD_NAME,
      dashboardBody: dashboardBody(props.accountName, props.regions),
    });
  }
}
