import type { ConfigLocator } from '../document/config-locator';
import type { ConfigProblem } from '../document/problems';
import type { GovernanceConfig } from '../schema';
import { accountProviderMinimum, compareVersions, termsOf } from './aws-provider-version';

/** A pinned version (`= x` or a bare version) below what a hub with models needs can never be installed. */
export function checkAwsProviderVersion(config: GovernanceConfig, at: ConfigLocator): ConfigProblem[] {
  const terms = termsOf(config.deployment.awsProviderVersion);
  const pin = terms.find((t) => t.operator === '=');
  const problems: ConfigProblem[] = [];
  const hubs = Object.values(config.jumpstartHubs);
  for (const account of new Set(hubs.map((hub) => hub.account))) {
    const minimum = accountProviderMinimum(hubs, account);
    if (pin && minimum && compareVersions(pin.version, minimum) < 0) {
      problems.push(
        at.problem(
          ['deployment', 'awsProviderVersion'],
          `pins hashicorp/aws ${pin.version}, but the private hub of account ${account} lists models (aws_sagemaker_hub_content_reference needs >= ${minimum}); allow ${minimum} or later, e.g. ">= ${minimum}, < 7.0.0"`,
        ),
      );
    }
  }
  return problems;
}
