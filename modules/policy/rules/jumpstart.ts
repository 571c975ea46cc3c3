import type { JumpstartRules } from '../../config';
import { publicHubArns } from '../model-selector';
import type { RuleStatement } from '../statement';
import { deny, type RuleContext } from './rule-context';

/**
 * Calls that start a container from a SageMaker model or a training definition and take
 * `sagemaker:NetworkIsolation` (IAM catalog). CreateEndpointConfig takes it too, but the SDK sets
 * EnableNetworkIsolation there only for inference-component endpoints, so requiring it would break
 * ordinary deployments of isolated models; processing and monitoring jobs run no model.
 */
export const NETWORK_ISOLATION_ACTIONS = ['sagemaker:CreateHyperParameterTuningJob', 'sagemaker:CreateModel', 'sagemaker:CreateTrainingJob'] as const;

/** Builds the statements of one layer's `jumpstart:` rules. */
export function jumpstartStatements(rules: JumpstartRules, context: RuleContext): RuleStatement[] {
  const except = rules.except ?? [];
  const statements: RuleStatement[] = [];
  if (rules.publicHub === 'block') {
    statements.push(
      deny(context, 'jumpstart.publicHub', 'DenySageMakerPublicHub', { Action: ['sagemaker:*'], Resource: publicHubArns(context.partition) }, except),
    );
  }
  if (rules.gatedModels === 'block') {
    // AWS documents this key for gated-model EULAs accepted outside a private hub.
    statements.push(
      deny(
        context,
        'jumpstart.gatedModels',
        'DenyJumpStartGatedModels',
        {
          Action: ['sagemaker:CreateModel', 'sagemaker:CreateTrainingJob'],
          Resource: ['*'],
          Condition: { Bool: { 'sagemaker:DirectGatedModelAccess': ['true'] } },
        },
        except,
      ),
    );
  }
  if (rules.registerWithBedrock === 'block') {
    statements.push(
      deny(context, 'jumpstart.registerWithBedrock', 'DenyRegisterEndpointsWithBedrock', { Action: ['bedrock:RegisterMarketplaceModelEndpoint'], Resource: ['*'] }, except),
    );
  }
  if (rules.networkIsolation === 'require') {
    // BoolIfExists also denies a request that leaves EnableNetworkIsolation out (the key is then absent).
    statements.push(
      deny(
        context,
        'jumpstart.networkIsolation',
        'DenySageMakerWithoutNetworkIsolation',
        {
          Action: NETWORK_ISOLATION_ACTIONS,
          Resource: ['*'],
          Condition: { BoolIfExists: { 'sagemaker:NetworkIsolation': ['false'] } },
        },
        except,
      ),
    );
  }
  return statements;
}
