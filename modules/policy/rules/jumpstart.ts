import type { JumpstartRules } from '../../config/schema';
import { publicHubArns } from '../model-selector';
import type { RuleStatement } from '../statement';
import { deny, type RuleContext } from './rule-context';

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
  return statements;
}
