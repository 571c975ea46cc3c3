import type { ConfigLocator } from '../document/config-locator';
import type { ConfigProblem } from '../document/problems';
import type { ResolvedGovernance } from '../resolve';
import { compareVersions, termsOf } from './aws-provider-version';
import { providerNeeds } from './provider-needs';

/**
 * A pinned version (`= x` or a bare version) below what a stack's resources need can never be
 * installed. Runs on the resolved model, where the stacks and what they hold are known.
 */
export function checkAwsProviderVersion(governance: Pick<ResolvedGovernance, 'deployment' | 'jumpstartHubs' | 'guardrailPolicies' | 'monitoring'>, at: ConfigLocator): ConfigProblem[] {
  const pin = termsOf(governance.deployment.awsProviderVersion).find((t) => t.operator === '=');
  if (!pin) return [];
  return providerNeeds(governance)
    .filter((need) => compareVersions(pin.version, need.minimum) < 0)
    .map((need) =>
      at.problem(
        ['deployment', 'awsProviderVersion'],
        `pins hashicorp/aws ${pin.version}, but ${need.feature} needs >= ${need.minimum}; allow ${need.minimum} or later, e.g. ">= ${need.minimum}, < 7.0.0"`,
      ),
    );
}
